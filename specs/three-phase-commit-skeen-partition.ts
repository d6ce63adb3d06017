/**
 * Skeen's 3PC with the termination protocol under one partition (and heal), no crashes: the two
 * sides each elect a recovery coordinator (or keep the coordinator) and decide differently, so
 * AtomicCommit is violated — the protocol is only safe when a lost peer is a failed one.
 */
import { defineSpec } from '../src/index.ts'
import { threePhaseCommitSkeen } from '../models/three-phase-commit-skeen.ts'
import { skeenConfig } from './three-phase-commit-skeen-crash.ts'

export default defineSpec({
  name: 'three-phase-commit-skeen-partition',
  model: threePhaseCommitSkeen,
  params: { participants: 2, crashes: 0, partitions: 1 },
  config: skeenConfig,
  expect: { distinct: 837, total: 2399, depth: 13, violated: { AtomicCommit: { length: 14 }, FollowsCoordinator: { length: 12 } }, source: 'measured (BFS, this repo); search stops once every property is decided; 1,878 / 5,784 before the messages a node ignores for good were dropped (ignoresForever)' },
})
