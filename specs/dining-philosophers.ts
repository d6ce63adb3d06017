/**
 * DiningPhilosophers.tla (the Chandy–Misra solution, PlusCal) as DiningPhilosophers.cfg checks
 * it: NP = 5, invariants TypeOK and ExclusiveAccess, and NobodyStarves (every philosopher eats
 * again and again) under WF_vars(Philosopher(self)) for each philosopher. TLC checks deadlock
 * there, so this spec does too. Counts equal TLC's in tlaplus/Examples' manifest
 * (specifications/DiningPhilosophers): 67 distinct / 336 generated / depth 29. Ported by a new
 * user.
 */
import { defineSpec } from '../src/index.ts'
import { diningPhilosophers } from '../models/dining-philosophers.ts'

export default defineSpec({
  name: 'dining-philosophers',
  description: "Hemphill's DiningPhilosophers.tla (Chandy–Misra), NP = 5, NobodyStarves under WF per philosopher",
  model: diningPhilosophers,
  params: { np: 5 },
  config: (p) => ({ np: p.np as number }),
  deadlock: true,
  expect: { distinct: 67, total: 336, depth: 29, source: 'TLC on DiningPhilosophers.cfg, NP = 5 (tlaplus/Examples manifest)' },
})
