/**
 * BUGGY: see models/chang-roberts-forward-larger.ts. At specs/chang-roberts.ts's bounds (N = 3,
 * Id[i] = i) the checker finds Correctness violated (shortest counterexample, BFS, 7 states): p2
 * and p3 initiators, every node takes n0, and id 3 goes p3→p1→p2→p3, relayed by p1, which has
 * lost, and forwarded by the candidate p2, so p3 wins while p2, with a smaller id, is still a
 * candidate. And Liveness (a lasso of 7 states, from the same initial state): p3 loses to id 2,
 * then id 3 goes round for ever, each node taking it in turn (so each node's weak fairness is met),
 * while id 2 waits at p1.
 */
import { defineSpec } from '../src/index.ts'
import { changRobertsForwardLarger } from '../models/chang-roberts-forward-larger.ts'
import { mcConfig } from './chang-roberts.ts'

export default defineSpec({
  name: 'chang-roberts-forward-larger',
  model: changRobertsForwardLarger,
  params: { n: 3 },
  config: mcConfig,
  expect: { distinct: 197, total: 364, depth: 13, violated: { Correctness: { length: 7 }, Liveness: { length: 7 } }, source: 'measured (BFS, this repo)' },
})
