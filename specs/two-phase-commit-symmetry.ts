/**
 * TwoPhase.tla with 5 resource managers, one state per symmetry orbit (RMs are interchangeable).
 * 8,832 reachable states (TLC, RM = 5) fall into 314 orbits, the number of symmetry classes
 * `../shared/reference/published-counts.md` gives (Stateright's sort-based reduction finds 665
 * classes; canonical relabelling over all 120 permutations finds the exact 314).
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommit } from '../models/two-phase-commit.ts'

export default defineSpec({
  name: 'two-phase-commit-symmetry',
  description: "Lamport's TwoPhase.tla, 5 RMs, symmetry reduction over RM ids",
  model: twoPhaseCommit,
  params: { rms: 5 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  symmetry: true,
  expect: { distinct: 314, total: 2048, depth: 17, source: '314 = the published number of symmetry classes of TwoPhase.tla, RM = 5; total and depth measured here' },
})
