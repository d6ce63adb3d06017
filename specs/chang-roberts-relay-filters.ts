/**
 * BUGGY: see models/chang-roberts-relay-filters.ts. At specs/chang-roberts.ts's bounds (N = 3,
 * Id[i] = i) the checker finds Liveness violated (a lasso of 5 states): p3 the only initiator,
 * every node takes n0, and p1, which has lost, swallows id 3 (not below its own 1); nothing is
 * left to do, and no one is elected (the run warns that the lasso ends in a state with no
 * successor: here that is the protocol's end, not a bound of the model). Correctness holds.
 */
import { defineSpec } from '../src/index.ts'
import { changRobertsRelayFilters } from '../models/chang-roberts-relay-filters.ts'
import { mcConfig } from './chang-roberts.ts'

export default defineSpec({
  name: 'chang-roberts-relay-filters',
  model: changRobertsRelayFilters,
  params: { n: 3 },
  config: mcConfig,
  expect: { distinct: 128, total: 214, depth: 10, violated: { Liveness: { length: 5 } }, source: 'measured (BFS, this repo)' },
})
