/**
 * LamportMutex.tla as MCLamportMutex.cfg checks it — the invariants TypeOK, BoundedNetwork and
 * Mutex, CONSTRAINT ClockConstraint, TLC's deadlock check (the .cfg leaves it on) — with N = 3
 * but a smaller clock bound, maxClock = 2 instead of 6, so that the suite's four searches of it
 * (golden: BFS, 2 workers, DFS, --por) stay cheap (models/lamport-mutex.ts).
 *
 * MCLamportMutex.cfg itself is `--param maxClock=6`: TLC's counts in tlaplus/Examples' manifest
 * (specifications/lamport_mutex) are 724,274 distinct / 2,729,079 generated / depth 61, equal
 * here to the states within the constraint, the generated count and the depth within it
 * (922,956 distinct of which 198,682 cut, depth 62: a last level of cut states; 10 s, 11 CPU-s
 * here, `npm run check -- specs/lamport-mutex.ts --param maxClock=6`). The counts pinned below are this checker's for maxClock = 2, for which no TLC figure is
 * published; a direct enumeration of the module's Init and Next under the constraint gives the
 * same (test/models/tla/lamport-mutex.test.ts, which compares the two at N = 2, maxClock = 4 and
 * N = 3, maxClock = 3: 10,209 / 41,533 / 31).
 */
import { defineSpec, ids } from '../src/index.ts'
import type { Params } from '../src/index.ts'
import { clockConstraint, lamportMutex } from '../models/lamport-mutex.ts'
import type { Config } from '../models/lamport-mutex.ts'

/** MCLamportMutex: processes p1..pN, the clock bound. */
export const mcConfig = (p: Params): Config => ({ procs: ids('p', p.n as number), maxClock: p.maxClock as number })

export default defineSpec({
  name: 'lamport-mutex',
  description: "Merz's LamportMutex.tla, N = 3, clocks up to 2 (MCLamportMutex.cfg: up to 6)",
  model: lamportMutex,
  params: { n: 3, maxClock: 2 },
  config: mcConfig,
  constraint: clockConstraint,
  deadlock: true,
  expect: {
    distinct: 1426,
    total: 2203,
    depth: 16,
    withinConstraint: 511,
    depthWithinConstraint: 15,
    source: "this checker, maxClock = 2 (equal to a direct enumeration of the module); with MCLamportMutex.cfg's maxClock = 6, TLC's 724,274 / 2,729,079 / 61 within the constraint (tlaplus/Examples manifest), see the header",
  },
})
