/**
 * BUGGY variant of multi-paxos.ts: a new leader proposes its own next command for an instance
 * even when the quorum that elected it reported a value accepted there (it falls back to the
 * reported value only when it has no command left). A command chosen in an earlier ballot is
 * overwritten: LogAgreement is violated.
 */
import { correctRules, multiPaxosModel } from './multi-paxos.ts'

export const multiPaxosOwnCommand = multiPaxosModel('multi-paxos-own-command', {
  ...correctRules,
  chooseCommand: (reported, own) => own ?? reported?.cmd,
})
