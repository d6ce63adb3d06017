/**
 * BUGGY: see models/ricart-agrawala-no-tie-break.ts. With two processes and stamps up to 1 the
 * checker finds Mutex violated (shortest counterexample, BFS, 9 states): both request with stamp
 * 1; each takes the other's request, finds it not later than its own by stamp alone, and replies;
 * each then has every reply and enters. (With the default spec's 3 processes and stamps up to 3:
 * 13 states.) EarliestInCs fails first (6 states): p1 replies to p2's request tied with its own,
 * and p2 enters while p1, first by number, still waits. Liveness still holds: nobody waits for
 * ever.
 */
import { defineSpec } from '../src/index.ts'
import { ricartAgrawalaNoTieBreak } from '../models/ricart-agrawala-no-tie-break.ts'
import { raConfig } from './ricart-agrawala.ts'

export default defineSpec({
  name: 'ricart-agrawala-no-tie-break',
  model: ricartAgrawalaNoTieBreak,
  params: { n: 2, maxClock: 1 },
  config: raConfig,
  expect: { distinct: 30, total: 49, depth: 9, violated: { Mutex: { length: 9 }, EarliestInCs: { length: 6 } }, source: 'measured (BFS, this repo)' },
})
