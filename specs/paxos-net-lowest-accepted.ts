/**
 * BUGGY: the proposer adopts the value of the lowest-numbered accepted proposal its quorum of
 * promises reports, not the highest. p1 (id 1) gets v1 accepted by one acceptor; p2 (id 2) gets
 * v2 chosen by the other two; p1 retries with id 3, hears of (1, v1) and (2, v2), adopts v1, and
 * an acceptor accepts (3, v1) above the chosen (2, v2): P2 (HigherProposalsCarryChosen) is
 * violated, 20 states; Agreement one step later. Needs the retry: p1 has 2 attempts, p2 one;
 * proposers do not learn, as in specs/paxos-net-retry.ts, which catches this rule too.
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetLowestAccepted } from '../models/paxos-net-lowest-accepted.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-lowest-accepted',
  model: paxosNetLowestAccepted,
  params: { proposers: 2, acceptors: 3, attempts: '2,1', crashes: 0, drops: 0, duplicates: 0, semantics: 'set', learn: false },
  config: paxosNetConfig,
  check: ['HigherProposalsCarryChosen', 'ValueChosen'],
  expect: { violated: { HigherProposalsCarryChosen: { length: 20 } }, source: 'measured (BFS, this repo)' },
})
