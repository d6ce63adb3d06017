/**
 * BUGGY variant of three-phase-commit-skeen.ts: an uncertain (ready) participant that loses the coordinator commits on its own instead of running the termination protocol (the seed's pre-commit timeout rule applied one phase too early).
 */
import { correctRules, threePhaseCommitSkeenModel } from './three-phase-commit-skeen.ts'

export const threePhaseCommitSkeenReadyCommit = threePhaseCommitSkeenModel('three-phase-commit-skeen-ready-commit', { ...correctRules, readyTimeout: 'commit' })
