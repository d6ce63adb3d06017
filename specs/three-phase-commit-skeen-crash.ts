/**
 * Skeen's 3PC with the termination protocol under crash faults only: coordinator + 3
 * participants, up to two crashes of any nodes (so the coordinator and a participant, or a
 * recovery coordinator in the middle of the termination protocol), no restart, no loss, no
 * partition; accurate timeouts. AtomicCommit and FollowsCoordinator hold; the witnesses show the
 * termination protocol deciding both commit and abort after the coordinator crashed.
 */
import { defineSpec, ids } from '../src/index.ts'
import { threePhaseCommitSkeen } from '../models/three-phase-commit-skeen.ts'
import type { Config } from '../models/three-phase-commit-skeen.ts'
import type { Params } from '../src/index.ts'

/** Config for the Skeen specs: `crashes` of any node, `partitions` of the coordinator and participants. */
export const skeenConfig = (p: Params): Config => {
  const participants = ids('p', p.participants as number)
  return {
    coordinator: 'c',
    participants,
    crashable: ['c', ...participants],
    budget: { crash: p.crashes as number, partition: p.partitions as number },
  }
}

export default defineSpec({
  name: 'three-phase-commit-skeen-crash',
  model: threePhaseCommitSkeen,
  params: { participants: 3, crashes: 2, partitions: 0 },
  config: skeenConfig,
  expect: { distinct: 19517, total: 86289, depth: 27, source: 'measured (BFS, this repo)' },
})
