/**
 * Skeen's 3PC under one three-way partition, {c}|{p1}|{p2} (and heal), no crashes: the coordinator
 * is cut off from both participants, so *each* participant is its own recovery coordinator. The
 * committable one commits (TR4), the uncertain one aborts (TR3): two runs of the termination
 * protocol, each correct for what it can see, decide differently. Compare
 * `three-phase-commit-skeen-partition.ts`, where any two-way split is allowed and the shortest
 * split is the coordinator's commit against one recovery coordinator's abort.
 */
import { defineSpec } from '../src/index.ts'
import type { Params } from '../src/index.ts'
import { threePhaseCommitSkeen } from '../models/three-phase-commit-skeen.ts'
import type { Config } from '../models/three-phase-commit-skeen.ts'
import { skeenConfig } from './three-phase-commit-skeen-crash.ts'

const config = (p: Params): Config => {
  const c = skeenConfig(p)
  return { ...c, partitions: [[[c.coordinator], ...c.participants.map((q) => [q])]] }
}

export default defineSpec({
  name: 'three-phase-commit-skeen-partition-recovery',
  model: threePhaseCommitSkeen,
  params: { participants: 2, crashes: 0, partitions: 1 },
  config,
  // TerminationPreCommits is left out: alone in its view, no recovery coordinator has anyone to pre-commit.
  check: ['AtomicCommit', 'FollowsCoordinator', 'AllCommitted', 'AllAborted', 'TerminationCommits', 'TerminationAborts'],
  expect: { distinct: 441, total: 1121, depth: 13, violated: { AtomicCommit: { length: 12 }, FollowsCoordinator: { length: 12 } }, source: 'measured (BFS, this repo); search stops once every property is decided; 945 / 2,641 before the messages a node ignores for good were dropped (ignoresForever)' },
})
