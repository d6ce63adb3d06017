/**
 * 3PC with no faults at all but asynchronous timeouts (a slow coordinator looks failed).
 */
import { defineSpec, ids } from '../src/index.ts'
import { threePhaseCommit } from '../models/three-phase-commit.ts'

export default defineSpec({
  name: 'three-phase-commit-async-timeouts',
  model: threePhaseCommit,
  params: { participants: 2 },
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: [], budget: {}, timeouts: 'any' as const }
  },
  expect: { distinct: 524, total: 1510, depth: 12, violated: { AtomicCommit: { length: 11 } }, source: 'measured (BFS, this repo); search stops once every property is decided' },
})
