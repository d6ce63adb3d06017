/**
 * BUGGY: see models/multi-paxos-lowest-vote.ts. At specs/multi-paxos-three-ballots.ts's bounds
 * (one leader, three ballots, 3 acceptors, 1 instance, live view), the checker finds the
 * LogAgreement violation (shortest counterexample, BFS, 21 states; 1,702 states explored): l1
 * proposes x1 in ballot 1 and x2 in ballot 2 (elected by a1, a2, which report nothing), then times
 * out again; a3 accepts the stale (1, x1), a1 accepts (2, x2), both promise ballot 3, and l1,
 * elected by {a1, a3}, keeps a3's (1, x1) over a1's (2, x2). a2 accepts (2, x2), so x2 is chosen,
 * and then a1 and a2 accept (3, x1): x1 is chosen in the same instance.
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
