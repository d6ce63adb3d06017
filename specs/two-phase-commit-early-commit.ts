/** The broken 2PC (TM commits without one RM's vote): TCConsistent must be violated. */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommitEarlyCommit } from '../models/two-phase-commit-early-commit.ts'

export default defineSpec({
  name: 'two-phase-commit-early-commit',
  description: 'TwoPhase.tla with a TM that commits after all but one Prepared (buggy)',
  model: twoPhaseCommitEarlyCommit,
  params: { rms: 3 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  expect: { violated: { TCConsistent: { length: 8 } } },
})
