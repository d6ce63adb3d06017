/** TwoPhase.tla with 4 resource managers; counts equal TLC's (tlaplus/Examples manifest). */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommit } from '../models/two-phase-commit.ts'

export default defineSpec({
  name: 'two-phase-commit-rm4',
  description: "Lamport's TwoPhase.tla, 4 RMs",
  model: twoPhaseCommit,
  params: { rms: 4 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  expect: { distinct: 1568, total: 8258, depth: 14, source: 'TLC on TwoPhase.tla, RM = 4 (tlaplus/Examples manifest)' },
})
