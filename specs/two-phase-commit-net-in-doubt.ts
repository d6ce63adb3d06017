/**
 * Message-passing 2PC with two crashes: the seed's fourth failure mode. The coordinator and the only
 * participant that received Commit both crash; the live participant is prepared and stuck, in a
 * state it cannot tell from one where nobody committed (`InDoubtCommitted` / `InDoubtAborted`).
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommitNet } from '../models/two-phase-commit-net.ts'

export default defineSpec({
  name: 'two-phase-commit-net-in-doubt',
  model: twoPhaseCommitNet,
  params: { participants: 2, crashes: 2 },
  check: ['InDoubtCommitted', 'InDoubtAborted'],
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: ['c', ...participants], budget: { crash: p.crashes as number } }
  },
  expect: { distinct: 4043, total: 12914, depth: 10, source: 'measured (BFS, this repo); search stops once both witnesses are found; 8,154 / 26,281 before the messages a node ignores for good were dropped (ignoresForever)' },
})
