/**
 * BUGGY variant of paxos-net.ts: the acceptor promises a Prepare(n) when n >= minProposal, not
 * only when n > minProposal, so it answers a Prepare it has already promised (or one whose id it
 * has already accepted) a second time — breaking the seed's first promise, "no Prepare with a
 * proposal id <= the current one will be answered".
 *
 * Agreement cannot fail from this alone, at any bound: proposal ids are unique to one proposer
 * and one attempt, so n == minProposal means the acceptor promised n (and then answers with the
 * same accepted proposal, an identical message) or accepted (n, v) (and then the proposer of n
 * has left phase 1 for n and never returns to it, so the extra Promise is never read). The rule
 * change is caught instead by `PromiseOnce` — one Promise per acceptor and id — which states the
 * seed's first promise over the messages (specs/paxos-net-promise-equal.ts).
 */
import { correctRules, paxosNetModel } from './paxos-net.ts'

export const paxosNetPromiseEqual = paxosNetModel('paxos-net-promise-equal', {
  ...correctRules,
  promises: (n, minProposal) => n >= minProposal,
})
