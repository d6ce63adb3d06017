/**
 * BUGGY: see models/multi-paxos-accept-lower.ts. At specs/multi-paxos.ts's bounds, the checker
 * finds the LogAgreement violation (shortest counterexample, BFS, 15 states): both acceptors
 * promise l2's ballot 2, then accept l1's stale Accept(1, 0, x1) (x1 chosen in ballot 1) and l2's
 * Accept(2, 0, y1) (y1 chosen in ballot 2).
 */
import { defineSpec } from '../src/index.ts'
import { multiPaxosAcceptLower } from '../models/multi-paxos-accept-lower.ts'
import { multiPaxosConfig, multiPaxosParams } from './multi-paxos.ts'

export default defineSpec({
  name: 'multi-paxos-accept-lower',
  model: multiPaxosAcceptLower,
  params: multiPaxosParams,
  config: multiPaxosConfig,
  check: ['LogAgreement'],
  expect: { violated: { LogAgreement: { length: 15 } }, source: 'measured (BFS, this repo)' },
})
