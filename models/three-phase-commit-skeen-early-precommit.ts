/**
 * BUGGY variant of three-phase-commit-skeen.ts: the coordinator enters PreCommit after the first Yes vote instead of waiting for all of them.
 */
import { correctRules, threePhaseCommitSkeenModel } from './three-phase-commit-skeen.ts'

export const threePhaseCommitSkeenEarlyPreCommit = threePhaseCommitSkeenModel('three-phase-commit-skeen-early-precommit', { ...correctRules, preCommitNeedsAllVotes: false })
