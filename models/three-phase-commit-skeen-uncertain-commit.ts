/**
 * BUGGY variant of three-phase-commit-skeen.ts: the recovery coordinator commits when every state it sees is uncertain (TR3 reversed), though an uncertain participant cannot know that nobody voted No.
 */
import { correctRules, threePhaseCommitSkeenModel } from './three-phase-commit-skeen.ts'

export const threePhaseCommitSkeenUncertainCommit = threePhaseCommitSkeenModel('three-phase-commit-skeen-uncertain-commit', { ...correctRules, allUncertain: 'commit' })
