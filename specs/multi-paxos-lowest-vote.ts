/**
 * BUGGY: see models/multi-paxos-lowest-vote.ts. At specs/multi-paxos-three-ballots.ts's bounds
 * (one leader, three ballots, 3 acceptors, 1 instance, live view), the checker finds the
 * LogAgreement violation.
 */
import { defineSpec } from '../src/index.ts'
import { withLiveView } from '../models/multi-paxos.ts'
import { multiPaxosLowestVote } from '../models/multi-paxos-lowest-vote.ts'
import { multiPaxosConfig } from './multi-paxos.ts'
import { threeBallotsParams } from './multi-paxos-three-ballots.ts'

export default defineSpec({
  name: 'multi-paxos-lowest-vote',
  model: withLiveView(multiPaxosLowestVote),
  params: threeBallotsParams,
  config: multiPaxosConfig,
  check: ['LogAgreement'],
  expect: { violated: { LogAgreement: { length: 21 } }, source: 'measured (BFS, this repo)' },
})
