/**
 * BUGGY: the coordinator enters PreCommit after the first Yes vote instead of waiting for all of them.
 * Same bounds as three-phase-commit-skeen-crash.ts (crash faults only), where the correct protocol
 * is safe; the checker finds the violation (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { threePhaseCommitSkeenEarlyPreCommit } from '../models/three-phase-commit-skeen-early-precommit.ts'
import crash, { skeenConfig } from './three-phase-commit-skeen-crash.ts'

export default defineSpec({
  name: 'three-phase-commit-skeen-early-precommit',
  model: threePhaseCommitSkeenEarlyPreCommit,
  params: crash.params!,
  config: skeenConfig,
  check: ['AtomicCommit', 'FollowsCoordinator'],
  expect: { distinct: 14604, total: 54566, depth: 12, violated: { AtomicCommit: { length: 13 }, FollowsCoordinator: { length: 11 } }, source: 'measured (BFS, this repo); search stops once every property is decided; 33,452 / 139,025 before the messages a node ignores for good were dropped (ignoresForever)' },
})
