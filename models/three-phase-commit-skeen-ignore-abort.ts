/**
 * BUGGY variant of three-phase-commit-skeen.ts: a pre-committed participant ignores Abort (it believes everyone voted Yes), though a recovery coordinator that saw only uncertain states may have aborted before that PreCommit landed.
 */
import { correctRules, threePhaseCommitSkeenModel } from './three-phase-commit-skeen.ts'

export const threePhaseCommitSkeenIgnoreAbort = threePhaseCommitSkeenModel('three-phase-commit-skeen-ignore-abort', { ...correctRules, abortAfterPreCommit: false })
