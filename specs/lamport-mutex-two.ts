/**
 * LamportMutex.tla (models/lamport-mutex.ts) with two processes and clocks up to 4, beside
 * specs/lamport-mutex.ts's three processes and clocks up to 2. There no process acknowledges two
 * requests within the clock bound (each request it takes advances its clock), so no two requests
 * are ever both acknowledged by everyone: a tie of stamps, a request stamped after a clock
 * update or a wait that never ends is out of reach, and a bug in the tie-break, the clock update
 * or the enter condition changed counts only. Here both processes request, tie, take each
 * other's requests and enter in turn, several times. At these bounds each buggy variant's rules
 * break Mutex (the tie both sides win in 9 states, the clock update that ignores the stamp in 15,
 * the reordering network in 9), and rules that block both processes (no tie-break, an
 * acknowledgement withheld while requesting, the clock compared for the stamp) deadlock
 * (docs/mutation-testing.md, "Lamport's mutex and chain replication"). Counts measured (BFS, this
 * repo); those within the constraint and the generated count equal the direct enumeration of the
 * module in test/models/tla/lamport-mutex.test.ts at these bounds.
 */
import { defineSpec } from '../src/index.ts'
import { clockConstraint, lamportMutex } from '../models/lamport-mutex.ts'
import { mcConfig } from './lamport-mutex.ts'

export default defineSpec({
  name: 'lamport-mutex-two',
  description: "Merz's LamportMutex.tla, N = 2, clocks up to 4",
  model: lamportMutex,
  params: { n: 2, maxClock: 4 },
  config: mcConfig,
  constraint: clockConstraint,
  deadlock: true,
  expect: { distinct: 449, total: 787, depth: 28, withinConstraint: 401, depthWithinConstraint: 28, source: 'measured (BFS, this repo); equal to a direct enumeration of the module (test/models/tla/lamport-mutex.test.ts)' },
})
