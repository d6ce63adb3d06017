/**
 * BUGGY variant of multi-paxos.ts: a new leader keeps, per instance, the **lowest**-ballot vote
 * its electing quorum reported instead of the highest (the seed's rule is "the value of the
 * highest accepted proposal"). With two votes of different ballots in one quorum's promises, an
 * older command replaces a newer one that may already be chosen: LogAgreement is violated. It
 * needs three ballots and three acceptors (with two a quorum is both, and every vote for an
 * instance carries the first command proposed there): paxos-net-lowest-accepted.ts is the same
 * bug on Basic Paxos.
 */
import { correctRules, multiPaxosModel } from './multi-paxos.ts'

export const multiPaxosLowestVote = multiPaxosModel('multi-paxos-lowest-vote', {
  ...correctRules,
  prefer: (reported, kept) => reported < kept,
})
