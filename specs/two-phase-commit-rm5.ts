/** TwoPhase.tla with 5 resource managers; counts equal TLC's (tlaplus/Examples manifest). */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommit } from '../models/two-phase-commit.ts'

export default defineSpec({
  name: 'two-phase-commit-rm5',
  description: "Lamport's TwoPhase.tla, 5 RMs",
  model: twoPhaseCommit,
  params: { rms: 5 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  expect: { distinct: 8832, total: 58146, depth: 17, source: 'TLC on TwoPhase.tla, RM = 5 (tlaplus/Examples manifest)' },
})
