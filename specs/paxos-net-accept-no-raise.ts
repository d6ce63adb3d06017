/**
 * BUGGY: accepting (n, v) does not raise the acceptor's promise to n. PromiseCoversAccepted
 * (minProposal >= acceptedN, Paxos.tla's maxBal >= maxVBal) fails at the first such accept, 7
 * states. The consequence, measured with the same parameters (`npm run check --
 * specs/paxos-net-accept-no-raise.ts --property Agreement`, about 7 CPU-s, so it is a row of
 * bench/consensus.ts rather than this spec): P2 (HigherProposalsCarryChosen) violated at 20
 * states after 182,040 distinct states, Agreement at 21 after 227,387. In that trace a3, which
 * promised nothing, accepts (2, v2) — v2 is chosen with a2 — and, its promise still 0, then the
 * older (1, v1); p1's retry with id 3 hears of (1, v1) from a3 only and gets v1 chosen too.
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetAcceptNoRaise } from '../models/paxos-net-accept-no-raise.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-accept-no-raise',
  model: paxosNetAcceptNoRaise,
  params: { proposers: 2, acceptors: 3, attempts: '2,1', crashes: 0, drops: 0, duplicates: 0, semantics: 'set', learn: false },
  config: paxosNetConfig,
  check: ['PromiseCoversAccepted', 'ValueChosen'],
  expect: { violated: { PromiseCoversAccepted: { length: 7 } }, source: 'measured (BFS, this repo)' },
})
