/**
 * TwoPhase.tla with 3 resource managers. Counts equal TLC's on TwoPhase.tla (RM = 3), as listed in
 * tlaplus/Examples' manifest and `../shared/reference/published-counts.md`; Stateright's 2pc.rs
 * finds the same 288.
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommit } from '../models/two-phase-commit.ts'

export default defineSpec({
  name: 'two-phase-commit',
  description: "Lamport's TwoPhase.tla, 3 RMs",
  model: twoPhaseCommit,
  params: { rms: 3 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  expect: { distinct: 288, total: 1146, depth: 11, source: 'TLC on TwoPhase.tla, RM = 3 (tlaplus/Examples manifest)' },
})
