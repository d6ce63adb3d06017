/** Random inputs for the random-graph fixtures: the parameters of `fixtures/random-graph.ts` and
 * the search options that cut or change a search (limits, deadlock, chosen properties); and the
 * parameters of `fixtures/live-graph.ts`, the same graph with liveness (kept here, not in the
 * fixture, which worker threads load). */
import fc from 'fast-check'

export const graphParams = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  nodes: fc.integer({ min: 1, max: 400 }),
  fanout: fc.integer({ min: 0, max: 4 }),
  inits: fc.integer({ min: 1, max: 4 }),
  bad: fc.integer({ min: 0, max: 3 }),
  frozen: fc.integer({ min: 0, max: 20 }),
})

export const graphOptions = fc.record({
  maxStates: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 1, max: 300 })),
  deadlock: fc.boolean(),
  properties: fc.constantFrom([], ['NotBad'], ['Reach42', 'Small'], ['Reach7']),
})

/** `fixtures/live-graph.ts`: the graph, plus its `Turn` steps, its view and its property kinds. */
export const liveGraphParams = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  nodes: fc.integer({ min: 1, max: 300 }),
  fanout: fc.integer({ min: 0, max: 4 }),
  inits: fc.integer({ min: 1, max: 4 }),
  bad: fc.integer({ min: 0, max: 2 }),
  frozen: fc.integer({ min: 0, max: 10 }),
  turns: fc.integer({ min: 0, max: 20 }),
  view: fc.constantFrom(0, 1),
  kind: fc.constantFrom(0, 1, 2),
})
