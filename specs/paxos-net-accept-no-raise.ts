/**
 * BUGGY: accepting (n, v) does not raise the acceptor's promise to n. PromiseCoversAccepted
 * (minProposal >= acceptedN, Paxos.tla's maxBal >= maxVBal) fails at the first such accept, 7
 * states. The consequence, measured on this spec with the same parameters: P2
 * (HigherProposalsCarryChosen) violated at 20 states after 517,505 states, Agreement at 21 after
 * 726,338 (`npm run check -- specs/paxos-net-accept-no-raise.ts --property Agreement`, about 10
 * CPU-s, so it runs in bench/consensus.ts, not here): an acceptor that promised 1 accepts (2, v2),
 * then still accepts the older (1, v1), and p1's retry with id 3 adopts v1 after v2 was chosen.
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetAcceptNoRaise } from '../models/paxos-net-accept-no-raise.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-accept-no-raise',
  model: paxosNetAcceptNoRaise,
  params: { proposers: 2, acceptors: 3, attempts: '2,1', crashes: 0, drops: 0, duplicates: 0, semantics: 'set' },
  config: paxosNetConfig,
  check: ['PromiseCoversAccepted', 'ValueChosen'],
  expect: { violated: { PromiseCoversAccepted: { length: 7 } }, source: 'measured (BFS, this repo)' },
})
