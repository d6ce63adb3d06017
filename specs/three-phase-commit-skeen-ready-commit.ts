/**
 * BUGGY: an uncertain (ready) participant that loses the coordinator commits on its own instead of running the termination protocol (the seed's pre-commit timeout rule applied one phase too early).
 * Same bounds as three-phase-commit-skeen-crash.ts (crash faults only), where the correct protocol
 * is safe; the checker finds the violation (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { threePhaseCommitSkeenReadyCommit } from '../models/three-phase-commit-skeen-ready-commit.ts'
import crash, { skeenConfig } from './three-phase-commit-skeen-crash.ts'

export default defineSpec({
  name: 'three-phase-commit-skeen-ready-commit',
  model: threePhaseCommitSkeenReadyCommit,
  params: crash.params!,
  config: skeenConfig,
  check: ['AtomicCommit', 'FollowsCoordinator'],
  expect: { distinct: 1587, total: 4139, depth: 6, violated: { AtomicCommit: { length: 6 }, FollowsCoordinator: { length: 7 } }, source: 'measured (BFS, this repo); search stops once every property is decided; 1,739 / 4,298 before the messages a node ignores for good were dropped (ignoresForever)' },
})
