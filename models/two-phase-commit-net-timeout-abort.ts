/**
 * BUGGY VARIANT of `two-phase-commit-net.ts`: the common "fix" for 2PC blocking — a prepared
 * participant that hears nothing (its timeout fires: no message for it can be delivered) aborts
 * unilaterally. The coordinator may have decided Commit and another participant applied it, so
 * atomic commit breaks; the checker must find it.
 *
 * Everything else is `two-phase-commit-net.ts` unchanged.
 */
import type { Model } from '../src/index.ts'
import { deliverableTo, isUp } from '../src/net/index.ts'
import { ACTIONS, init, properties, stateSchema, steps, validate } from './two-phase-commit-net.ts'
import type { Action, Config, State } from './two-phase-commit-net.ts'

/** The bug: a prepared participant aborts on timeout instead of waiting for the decision. */
export function participantTimeout(_c: Config, s: State, p: string): State | null {
  const d = s.parts[p]!.durable
  if (!isUp(s.net, p) || d.vote !== 'yes' || d.outcome !== 'none') return null
  if (deliverableTo(s.net, p).length > 0) return null
  return { ...s, parts: { ...s.parts, [p]: { durable: { ...d, outcome: 'aborted' }, volatile: null } } }
}

export function next(c: Config, s: State): [Action, State][] {
  const out = steps(c, s)
  for (const p of c.participants) out.add({ name: 'Timeout', node: p }, participantTimeout(c, s, p))
  return out.list
}

export const twoPhaseCommitNetTimeoutAbort: Model<Config, State, Action> = {
  name: 'two-phase-commit-net-timeout-abort',
  init: (c) => [init(c)],
  next,
  actions: ACTIONS,
  schema: stateSchema,
  properties: properties(() => twoPhaseCommitNetTimeoutAbort),
  validate,
}
