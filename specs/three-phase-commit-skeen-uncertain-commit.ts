/**
 * BUGGY: the recovery coordinator commits when every state it sees is uncertain (TR3 reversed), though an uncertain participant cannot know that nobody voted No.
 * Same bounds as three-phase-commit-skeen-crash.ts (crash faults only), where the correct protocol
 * is safe; the checker finds the violation (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { threePhaseCommitSkeenUncertainCommit } from '../models/three-phase-commit-skeen-uncertain-commit.ts'
import crash, { skeenConfig } from './three-phase-commit-skeen-crash.ts'

export default defineSpec({
  name: 'three-phase-commit-skeen-uncertain-commit',
  model: threePhaseCommitSkeenUncertainCommit,
  params: crash.params!,
  config: skeenConfig,
  check: ['AtomicCommit', 'FollowsCoordinator'],
  expect: { distinct: 2789, total: 8328, depth: 7, violated: { AtomicCommit: { length: 8 }, FollowsCoordinator: { length: 8 } }, source: 'measured (BFS, this repo); search stops once every property is decided; 3,677 / 10,033 before the messages a node ignores for good were dropped (ignoresForever)' },
})
