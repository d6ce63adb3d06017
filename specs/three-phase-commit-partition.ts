/**
 * 3PC with the seed's timeout rules, coordinator + 2 participants, one partition (and heal), accurate timeouts: atomic commit is violated.
 */
import { defineSpec, ids } from '../src/index.ts'
import { threePhaseCommit } from '../models/three-phase-commit.ts'

export default defineSpec({
  name: 'three-phase-commit-partition',
  model: threePhaseCommit,
  params: { participants: 2, partitions: 1 },
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: [], budget: { partition: p.partitions as number }, timeouts: 'on-failure' as const }
  },
  expect: { distinct: 1598, total: 4782, depth: 13, violated: { AtomicCommit: { length: 12 } }, source: 'measured (BFS, this repo); search stops once every property is decided' },
})
