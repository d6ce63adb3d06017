/**
 * BUGGY variant of paxos-net.ts: accepting (n, v) does not raise the acceptor's minProposal to n.
 * An acceptor that promised 1 and then accepted (2, v2) still takes Accept(1, v1) (1 >= 1) and
 * replaces the newer accepted proposal with the older one; v2, chosen in proposal 2, is then
 * reported as nothing and a retry with id 3 adopts v1 from that acceptor: Agreement is violated.
 */
import { correctRules, paxosNetModel } from './paxos-net.ts'

export const paxosNetAcceptNoRaise = paxosNetModel('paxos-net-accept-no-raise', {
  ...correctRules,
  raiseOnAccept: false,
})
