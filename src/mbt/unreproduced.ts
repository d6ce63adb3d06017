/**
 * The cheap check for a nondeterministic implementation: a failing sequence is run once more, on
 * a fresh implementation, before it is reported. An implementation that reads the clock or
 * Math.random, or keeps state that `create` does not reset (a counter in a module), can fail once
 * and pass the same sequence next time; without this, MBT reported a divergence that did not
 * reproduce, and random mode shrank by a property that changed under it.
 *
 * One replay catches a failure that does not recur on the next run; it cannot prove an
 * implementation deterministic (a flaky failure that happens to recur on the replay passes it).
 */
import { valuesEqual } from '../state/data.ts'
import type { Picker, RunOutcome } from './run-actions.ts'
import { runActions } from './run-actions.ts'
import type { AnyTarget, Divergence } from './target.ts'

/** The reported sequence, replayed on a fresh implementation, did not fail the same way. */
export interface Nondeterminism {
  /** How the replay went: it passed, or it failed elsewhere or otherwise. */
  readonly replay: RunOutcome
}

/**
 * Whether `b` fails as `a` did: from the same initial state, at the same step, with the same
 * observation (or a throw in both). Error messages are not compared: they may carry what differs
 * between runs of a deterministic implementation (an id, a duration).
 */
export function sameFailure(a: Divergence, b: RunOutcome): b is Extract<RunOutcome, { ok: false }> {
  if (b.ok || a.init !== b.init || a.step !== b.step) return false
  if (a.error !== undefined || b.error !== undefined) return a.error !== undefined && b.error !== undefined
  return a.actual !== undefined && b.actual !== undefined && valuesEqual(a.actual, b.actual)
}

/** Replays `failed` (picked again by `pick` from its initial state): undefined when the replay
 * fails the same way, else how it went. */
export async function unreproduced(target: AnyTarget, failed: Divergence, pick: Picker): Promise<Nondeterminism | undefined> {
  const replay = await runActions(target, failed.init, pick)
  return sameFailure(failed, replay) ? undefined : { replay }
}
