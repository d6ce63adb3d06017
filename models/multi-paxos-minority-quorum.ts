/**
 * BUGGY variant of multi-paxos.ts: a leader takes ⌊n/2⌋ acceptors as a quorum (1 of 2, or 1 of 3)
 * in both phases, so its election and another leader's accepted votes need not intersect. Two
 * leaders learn different commands for one instance: LogAgreement is violated (and LearntIsChosen,
 * since "chosen" still means a majority).
 */
import { correctRules, multiPaxosModel } from './multi-paxos.ts'

export const multiPaxosMinorityQuorum = multiPaxosModel('multi-paxos-minority-quorum', {
  ...correctRules,
  quorum: (n) => Math.floor(n / 2),
})
