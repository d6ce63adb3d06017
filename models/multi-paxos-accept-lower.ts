/**
 * BUGGY variant of multi-paxos.ts: an acceptor accepts an Accept whatever its ballot, also one
 * below the ballot it promised (its promise does not go down). A leader's stale Accept from a
 * lower ballot then gets a command chosen in an instance where a higher ballot chose another:
 * LogAgreement is violated.
 */
import { correctRules, multiPaxosModel } from './multi-paxos.ts'

export const multiPaxosAcceptLower = multiPaxosModel('multi-paxos-accept-lower', {
  ...correctRules,
  accepts: () => true,
})
