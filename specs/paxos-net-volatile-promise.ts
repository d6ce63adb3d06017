/**
 * BUGGY: the acceptor's promise is volatile and lost on restart (one crash allowed).
 * a1 promises 2 to p2, crashes, forgets, and accepts p1's older (1, v1), completing a quorum for v1
 * while v2 is chosen in proposal 2. This is the curated trace traces/examples/paxos-lost-promise.
 * The checker finds the Agreement violation (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetVolatilePromise } from '../models/paxos-net-volatile-promise.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-volatile-promise',
  model: paxosNetVolatilePromise,
  params: { proposers: 2, acceptors: 3, attempts: 1, crashes: 1, drops: 0, duplicates: 0, semantics: 'set' },
  config: paxosNetConfig,
  check: ['Agreement', 'ValueChosen'],
  expect: { violated: { Agreement: { length: 16 } }, source: 'measured (BFS, this repo)' },
})
