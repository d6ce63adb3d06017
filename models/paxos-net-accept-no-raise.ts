/**
 * BUGGY variant of paxos-net.ts: accepting (n, v) does not raise the acceptor's minProposal to n.
 * An acceptor that accepted (2, v2) with a promise below 2 still takes the older Accept(1, v1)
 * and replaces the newer accepted proposal with it; v2, chosen in proposal 2, is no longer
 * reported by that acceptor, and a retry with id 3 adopts v1 from it: Agreement is violated.
 */
import { correctRules, paxosNetModel } from './paxos-net.ts'

export const paxosNetAcceptNoRaise = paxosNetModel('paxos-net-accept-no-raise', {
  ...correctRules,
  raiseOnAccept: false,
})
