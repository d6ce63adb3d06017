/**
 * TwoPhase.tla on packed words, 4 resource managers (`--param rms=N` for more; `npm run bench`
 * runs 7 and 8 beside SPIN). Counts equal TLC's on TwoPhase.tla (RM = 4) and the plain model's.
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommitPacked } from '../models/two-phase-commit-packed.ts'

export default defineSpec({
  name: 'two-phase-commit-packed',
  description: "Lamport's TwoPhase.tla on packed words, 4 RMs",
  model: twoPhaseCommitPacked,
  params: { rms: 4 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  expect: { distinct: 1568, total: 8258, depth: 14, source: 'TLC on TwoPhase.tla, RM = 4 (tlaplus/Examples manifest)' },
})
