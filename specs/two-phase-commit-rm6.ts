/** TwoPhase.tla with 6 resource managers; counts equal TLC's (tlaplus/Examples manifest). */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommit } from '../models/two-phase-commit.ts'

export default defineSpec({
  name: 'two-phase-commit-rm6',
  description: "Lamport's TwoPhase.tla, 6 RMs",
  model: twoPhaseCommit,
  params: { rms: 6 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  expect: { distinct: 50816, total: 402306, depth: 20, source: 'TLC on TwoPhase.tla, RM = 6 (tlaplus/Examples manifest)' },
})
