/**
 * Ricart and Agrawala's mutual exclusion (models/ricart-agrawala.ts) with 3 processes and stamps
 * up to 3: each process may request up to three times (fewer once it has seen the others'
 * stamps), so ties of stamps, deferred replies and requests overtaking each other are all
 * reached. Mutex holds, and every waiting process eventually enters under weak fairness per
 * process (`Enters(p1)` … `Enters(p3)`, one leads-to per process). The clock is bounded by a guard
 * on Request, not a constraint, so no state is cut and the liveness verdicts cover every behaviour
 * of the bounded model (each ends with every process idle). Two processes and stamps up to 1 are
 * enough for the buggy variants (specs/ricart-agrawala-*.ts). Counts measured (BFS, this repo:
 * `npm run check -- specs/ricart-agrawala.ts`); DFS and `--workers 2` give the same.
 */
import { defineSpec, ids } from '../src/index.ts'
import type { Params } from '../src/index.ts'
import { ricartAgrawala } from '../models/ricart-agrawala.ts'
import type { Config } from '../models/ricart-agrawala.ts'

/** Processes p1..pN (ties broken in that order), stamps up to maxClock. */
export const raConfig = (p: Params): Config => ({ procs: ids('p', p.n as number), maxClock: p.maxClock as number })

export default defineSpec({
  name: 'ricart-agrawala',
  description: 'Ricart–Agrawala mutual exclusion (CACM 1981), 3 processes, stamps up to 3, bag network',
  model: ricartAgrawala,
  params: { n: 3, maxClock: 3 },
  config: raConfig,
  expect: { distinct: 5490, total: 18847, depth: 28, source: 'measured (BFS, this repo)' },
})
