/**
 * BUGGY: see models/ricart-agrawala-reply-in-cs.ts. With two processes and stamps up to 1 the
 * checker finds Mutex violated (shortest counterexample, BFS, 9 states): both request with stamp
 * 1, p1 wins the tie, gets p2's reply and enters; p2's request reaches p1 in its critical section
 * and p1 replies at once; p2 now has every reply and enters too. (With 3 processes and stamps up
 * to 3: 13 states.)
 */
import { defineSpec } from '../src/index.ts'
import { ricartAgrawalaReplyInCs } from '../models/ricart-agrawala-reply-in-cs.ts'
import { raConfig } from './ricart-agrawala.ts'

export default defineSpec({
  name: 'ricart-agrawala-reply-in-cs',
  model: ricartAgrawalaReplyInCs,
  params: { n: 2, maxClock: 1 },
  config: raConfig,
  expect: { distinct: 22, total: 32, depth: 9, violated: { Mutex: { length: 9 } }, source: 'measured (BFS, this repo)' },
})
