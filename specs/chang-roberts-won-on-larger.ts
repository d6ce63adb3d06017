/**
 * BUGGY: see models/chang-roberts-won-on-larger.ts. At specs/chang-roberts.ts's bounds (N = 3,
 * Id[i] = i) the checker finds Correctness violated (shortest counterexample, BFS, 4 states): p1
 * and p3 initiators, both take n0, and p1 swallows id 3 and declares itself won while p3 is still
 * a candidate. The safety properties alone, so that `--por` applies (liveness turns it off). The
 * counts happen to equal the correct model's (137 / 227 / 10): a false win replaces a swallow.
 */
import { defineSpec } from '../src/index.ts'
import { changRobertsWonOnLarger } from '../models/chang-roberts-won-on-larger.ts'
import { mcConfig } from './chang-roberts.ts'

export default defineSpec({
  name: 'chang-roberts-won-on-larger',
  model: changRobertsWonOnLarger,
  params: { n: 3 },
  config: mcConfig,
  check: ['TypeOK', 'Correctness'],
  expect: { distinct: 137, total: 227, depth: 10, violated: { Correctness: { length: 4 } }, source: 'measured (BFS, this repo)' },
})
