/**
 * BUGGY: see models/lamport-mutex-bag.ts. With two processes and clocks up to 2 the checker finds
 * Mutex violated (shortest counterexample, BFS, 9 states): both request at clock 1; p1 takes p2's
 * request and acknowledges it, and p2 takes that acknowledgement before p1's request, which p1
 * sent first: with no request of p1's recorded, p2 enters; then p2 takes p1's request and
 * acknowledges it, and p1, tied at 1 and first by number, enters too. On FIFO channels p1's
 * request reaches p2 before p1's acknowledgement does.
 */
import { defineSpec } from '../src/index.ts'
import { MODULE_PROPERTIES, clockConstraint } from '../models/lamport-mutex.ts'
import { lamportMutexBag } from '../models/lamport-mutex-bag.ts'
import { mcConfig } from './lamport-mutex.ts'

export default defineSpec({
  name: 'lamport-mutex-bag',
  model: lamportMutexBag,
  params: { n: 2, maxClock: 2 },
  config: mcConfig,
  constraint: clockConstraint,
  deadlock: true,
  // The module's properties: the proof's invariants (models/lamport-mutex.ts) read the order of a
  // FIFO link, which a bag does not keep.
  check: [...MODULE_PROPERTIES],
  expect: { distinct: 188, total: 304, depth: 16, withinConstraint: 118, depthWithinConstraint: 15, violated: { Mutex: { length: 9 } }, source: 'measured (BFS, this repo)' },
})
