/**
 * BUGGY: see models/echo-multicast-all.ts. At specs/echo.ts's bounds (MCEcho.cfg: a, b, c fully
 * meshed, initiator a) the checker finds ParentChild violated (shortest counterexample, BFS, 10
 * states): b takes a's "m" and sends "m" to a and c; c takes b's first, so b is c's parent, and
 * sends "m" to a and b; b counts that "m" as its second message, leaves the loop and is done —
 * while c's "c" is still to come, and no longer taken: b is done, c's parent, without c as its
 * child. Every other property holds, Termination included (every node is still done).
 */
import { defineSpec } from '../src/index.ts'
import { echoMulticastAll } from '../models/echo-multicast-all.ts'
import { mcConfig } from './echo.ts'

export default defineSpec({
  name: 'echo-multicast-all',
  description: 'Echo.tla with a node that sends "m" back to its parent too: a child is lost',
  model: echoMulticastAll,
  params: { n: 3, graph: 'complete' },
  config: mcConfig,
  deadlock: true,
  expect: { distinct: 469, total: 1093, depth: 16, violated: { ParentChild: { length: 10 } }, source: 'measured (BFS, this repo)' },
})
