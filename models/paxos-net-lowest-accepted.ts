/**
 * BUGGY variant of paxos-net.ts: collecting promises, the proposer keeps the **lowest**-numbered
 * accepted proposal reported instead of the highest (the seed's Propose rule is "the value of
 * the highest accepted proposal"). With two earlier proposals accepted by different acceptors, a
 * retry adopts the older value although the newer one is already chosen: Agreement is violated.
 * It needs two reported proposals in one quorum, so three proposal ids: one proposer retries.
 */
import { correctRules, paxosNetModel } from './paxos-net.ts'

export const paxosNetLowestAccepted = paxosNetModel('paxos-net-lowest-accepted', {
  ...correctRules,
  prefer: (reported, kept) => reported < kept,
})
