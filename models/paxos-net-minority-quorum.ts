/**
 * BUGGY variant of paxos-net.ts: the proposer takes ⌊n/2⌋ acceptors (a minority: 1 of 3) as a
 * quorum in both phases, so its Accept round and another proposer's Prepare round need not
 * intersect. Two proposers each learn their own value: Agreement is violated.
 */
import { correctRules, paxosNetModel } from './paxos-net.ts'

export const paxosNetMinorityQuorum = paxosNetModel('paxos-net-minority-quorum', {
  ...correctRules,
  quorum: (n) => Math.floor(n / 2),
})
