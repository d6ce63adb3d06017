/**
 * BUGGY VARIANT of TwoPhase.tla: the TM commits once it has received "Prepared" from all but one
 * RM. The RM it did not hear from may have chosen to abort, so one RM commits while another
 * aborts: TCConsistent is violated, and the checker must find it.
 *
 * Everything else is `two-phase-commit.ts` unchanged.
 */
import { setAdd } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import { nextWith, twoPhaseCommit } from './two-phase-commit.ts'
import type { Action, Config, State } from './two-phase-commit.ts'

/** The bug: `tmPrepared = RM` weakened to "all but one RM". */
export function tmCommitEarly(c: Config, s: State): State | null {
  if (s.tmState !== 'init' || s.tmPrepared.length < c.rms.length - 1) return null
  return { ...s, tmState: 'committed', msgs: setAdd(s.msgs, { type: 'Commit' }) }
}

export const next = (c: Config, s: State): [Action, State][] => nextWith(tmCommitEarly, c, s)

export const twoPhaseCommitEarlyCommit: Model<Config, State, Action> = {
  ...twoPhaseCommit,
  name: 'two-phase-commit-early-commit',
  next,
}
