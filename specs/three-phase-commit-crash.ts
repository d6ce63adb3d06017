/**
 * 3PC with crash faults only (one crash of any node, with restart; no loss, no partition), accurate timeouts.
 */
import { defineSpec, ids } from '../src/index.ts'
import { threePhaseCommit } from '../models/three-phase-commit.ts'

export default defineSpec({
  name: 'three-phase-commit-crash',
  model: threePhaseCommit,
  params: { participants: 2, crashes: 1 },
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: ['c', ...participants], budget: { crash: p.crashes as number }, timeouts: 'on-failure' as const }
  },
  expect: { distinct: 1298, total: 3269, depth: 22, violated: { AtomicCommit: { length: 12 }, CommitAfterCoordinatorAbort: {} }, source: 'measured (BFS, this repo); 2,625 / 7,498 before the messages a node ignores for good were dropped (ignoresForever)' },
})
