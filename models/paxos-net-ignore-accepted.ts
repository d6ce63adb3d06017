/**
 * BUGGY variant of paxos-net.ts: the proposer proposes its own value even when a promise reported
 * an accepted one (the seed's Propose rule, "choose the value of the highest accepted proposal",
 * is skipped). A later proposer overwrites a value that is already chosen: Agreement is violated.
 */
import { correctRules, paxosNetModel } from './paxos-net.ts'

export const paxosNetIgnoreAccepted = paxosNetModel('paxos-net-ignore-accepted', {
  ...correctRules,
  chooseValue: (_highest, own) => own,
})
