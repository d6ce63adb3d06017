/**
 * BUGGY: see models/lamport-mutex-clock-no-max.ts. With two processes and clocks up to 3 the
 * checker finds Mutex violated (shortest counterexample, BFS, 15 states): p1 requests at 1, p2
 * takes the request (clock 2) and requests at 2, p1 enters on p2's acknowledgement and exits; p1
 * then takes p2's request stamped 2 but only advances its clock to 2 (the module: 3), so its next
 * request, stamped 2, ties with p2's and wins the tie-break at p1, while p2, which has p1's
 * acknowledgement and not yet p1's new request, enters too.
 */
import { defineSpec } from '../src/index.ts'
import { MODULE_PROPERTIES, clockConstraint } from '../models/lamport-mutex.ts'
import { lamportMutexClockNoMax } from '../models/lamport-mutex-clock-no-max.ts'
import { mcConfig } from './lamport-mutex.ts'

export default defineSpec({
  name: 'lamport-mutex-clock-no-max',
  model: lamportMutexClockNoMax,
  params: { n: 2, maxClock: 3 },
  config: mcConfig,
  constraint: clockConstraint,
  deadlock: true,
  // The module's properties: the proof's ClockInv (models/lamport-mutex.ts) reports the bug
  // earlier (6 states: an acknowledger's clock not past the stamp it acknowledged); this spec
  // shows it breaking Mutex.
  check: [...MODULE_PROPERTIES],
  expect: { distinct: 395, total: 703, depth: 28, withinConstraint: 351, depthWithinConstraint: 27, violated: { Mutex: { length: 15 } }, source: 'measured (BFS, this repo)' },
})
