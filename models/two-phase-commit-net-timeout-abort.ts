/**
 * BUGGY VARIANT of `two-phase-commit-net.ts`: the common "fix" for 2PC blocking — a prepared
 * participant that hears nothing (its timeout fires: no message for it can be delivered) aborts
 * unilaterally. The coordinator may have decided Commit and another participant applied it, so
 * atomic commit breaks; the checker must find it.
 *
 * Everything else is `two-phase-commit-net.ts` unchanged.
 */
import { actorModel } from '../src/net/index.ts'
import type { LocalAction, Outcome } from '../src/net/index.ts'
import { definition, participantRole, twoPhaseCommitNet } from './two-phase-commit-net.ts'
import type { Config, Msg, Participant } from './two-phase-commit-net.ts'

/** The bug: a prepared participant aborts on timeout instead of waiting for the decision. */
export function participantTimeout(_c: Config, _node: string, x: Participant): Outcome<Participant, Msg, object> | null {
  const d = x.durable
  if (d.vote !== 'yes' || d.outcome !== 'none') return null
  return { local: { durable: { ...d, outcome: 'aborted' }, volatile: null } }
}

const timeout: LocalAction<Config, Participant, Msg, object> = { name: 'Timeout', kind: 'timeout', whenQuiet: true, fire: participantTimeout }

export const twoPhaseCommitNetTimeoutAbort: typeof twoPhaseCommitNet = actorModel(
  definition(
    'two-phase-commit-net-timeout-abort',
    { ...participantRole, actions: [...(participantRole.actions ?? []), timeout] },
    () => twoPhaseCommitNetTimeoutAbort,
  ),
)
