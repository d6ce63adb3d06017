/** Random inputs for the random-graph fixture (`fixtures/random-graph.ts`): its parameters, and the
 * search options that cut or change a search (limits, deadlock, chosen properties). */
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
