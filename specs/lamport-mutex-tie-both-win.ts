/**
 * BUGGY: see models/lamport-mutex-tie-both-win.ts. With two processes and clocks up to 3 the
 * checker finds Mutex violated (shortest counterexample, BFS, 9 states): both processes request
 * at clock 1, each takes the other's request and acknowledgement, and each reads the tie as its
 * own win and enters.
 */
import { defineSpec } from '../src/index.ts'
import { clockConstraint } from '../models/lamport-mutex.ts'
import { lamportMutexTieBothWin } from '../models/lamport-mutex-tie-both-win.ts'
import { mcConfig } from './lamport-mutex.ts'

export default defineSpec({
  name: 'lamport-mutex-tie-both-win',
  model: lamportMutexTieBothWin,
  params: { n: 2, maxClock: 3 },
  config: mcConfig,
  constraint: clockConstraint,
  deadlock: true,
  expect: { distinct: 264, total: 503, depth: 25, withinConstraint: 230, depthWithinConstraint: 25, violated: { Mutex: { length: 9 } }, source: 'measured (BFS, this repo)' },
})
