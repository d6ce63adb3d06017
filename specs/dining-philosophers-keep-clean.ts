/**
 * BUGGY: see models/dining-philosophers-keep-clean.ts. At specs/dining-philosophers.ts's bounds
 * (NP = 5, WF per philosopher) the checker finds NobodyStarves violated for every philosopher but
 * philosopher 2: a lasso of 9 states in which 2, the first to hold two clean forks, eats, thinks
 * and eats again for ever on forks it never hands over, while the others' only steps change
 * nothing. TypeOK and ExclusiveAccess hold (the forks still decide who eats), and so does
 * NobodyStarves(2).
 */
import { defineSpec } from '../src/index.ts'
import { diningPhilosophersKeepClean } from '../models/dining-philosophers-keep-clean.ts'

export default defineSpec({
  name: 'dining-philosophers-keep-clean',
  description: 'DiningPhilosophers.tla with an Eat that leaves the forks clean: neighbours starve',
  model: diningPhilosophersKeepClean,
  params: { np: 5 },
  config: (p) => ({ np: p.np as number }),
  deadlock: true,
  expect: {
    distinct: 36,
    total: 181,
    depth: 9,
    violated: {
      'NobodyStarves(1)': { length: 9 },
      'NobodyStarves(3)': { length: 9 },
      'NobodyStarves(4)': { length: 9 },
      'NobodyStarves(5)': { length: 9 },
    },
    source: 'measured (BFS, this repo)',
  },
})
