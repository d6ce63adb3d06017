/**
 * Basic Paxos (models/paxos-net.ts) with two acceptors: the quorum rule at an even size.
 * `Math.floor(n / 2) + 1` and `Math.ceil(n / 2)` agree on three acceptors (every other spec of
 * this model), so a quorum of half the acceptors (here one of two: two quorums that share no
 * acceptor) passed the suite (bench/mutants.ts, the `quorum` operator). Here p1 and p2 each learn
 * their own value from one acceptor's Accepted, and neither is chosen by a majority: Agreement
 * (which reads learnt values) and LearntIsChosen are violated. Two acceptors are the cheapest even
 * size (324 states; four cost 23,729 even without learning) and a real configuration: both must
 * answer, so no fault is tolerated, but safety holds. Two proposers, one attempt each, no crash,
 * a `set` network.
 */
import { defineSpec } from '../src/index.ts'
import { paxosNet } from '../models/paxos-net.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-two-acceptors',
  description: 'Basic Paxos, 2 proposers, 2 acceptors: a quorum is both',
  model: paxosNet,
  params: { proposers: 2, acceptors: 2, attempts: '1', crashes: 0, drops: 0, duplicates: 0, semantics: 'set', learn: true },
  check: ['Agreement', 'LearntIsChosen', 'Validity', 'PromiseOnce', 'PromiseCoversAccepted', 'ValueChosen', 'ValueLearnt'],
  config: paxosNetConfig,
  // Never taken: Timeout: one attempt per proposer.
  expect: { distinct: 324, total: 733, depth: 19, neverTaken: ['Timeout'], source: 'measured (BFS, this repo)' },
})
