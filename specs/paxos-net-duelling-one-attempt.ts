/**
 * The duel of `paxos-net-livelock.ts` with no retry timer: two proposers, one attempt each, two
 * acceptors, a bag network. Without retries the graph is finite with no view to close it, so a
 * bug that keeps every value from being chosen shows as the witness `ValueLearnt` never reached,
 * where the retrying specs (whose graphs are finite only through the view's renumbering of ids)
 * search on without end: an acceptor that accepts only above its promise (`>` for `>=` in
 * onAccept) refuses every Accept of the id it promised, so no proposal reaches a majority. The
 * retry timer is never taken here (no proposer retries). 516 states.
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetDuelling } from '../models/paxos-net-duelling.ts'
import { config } from './paxos-net-livelock.ts'

export default defineSpec({
  name: 'paxos-net-duelling-one-attempt',
  description: 'Basic Paxos over a network, two proposers with one attempt each: agreement, a value learnt',
  model: paxosNetDuelling,
  params: { proposers: 2, acceptors: 2, leader: false, rival: false },
  config: (p) => ({ ...config(p), retrying: [] }),
  check: ['Agreement'],
  expect: { distinct: 516, total: 1273, depth: 19, neverTaken: ['Timeout'], source: 'measured (BFS, this repo)' },
})
