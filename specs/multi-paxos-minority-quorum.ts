/**
 * BUGGY: see models/multi-paxos-minority-quorum.ts. At specs/multi-paxos.ts's bounds, the checker
 * finds the LogAgreement violation (shortest counterexample, BFS, 13 states): l1 is elected by a1
 * alone and learns x1 from a2 alone; l2 is elected by a1 and learns y1 from a1: the leaders' logs
 * disagree on instance 0.
 */
import { defineSpec } from '../src/index.ts'
import { multiPaxosMinorityQuorum } from '../models/multi-paxos-minority-quorum.ts'
import { multiPaxosConfig, multiPaxosParams } from './multi-paxos.ts'

export default defineSpec({
  name: 'multi-paxos-minority-quorum',
  model: multiPaxosMinorityQuorum,
  params: multiPaxosParams,
  config: multiPaxosConfig,
  check: ['LogAgreement'],
  expect: { violated: { LogAgreement: { length: 13 } }, source: 'measured (BFS, this repo)' },
})
