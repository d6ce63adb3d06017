/**
 * Basic Paxos (models/paxos-net.ts) with two acceptors: the quorum rule at an even size.
 * `Math.floor(n / 2) + 1` and `Math.ceil(n / 2)` agree on three acceptors (every other spec of
 * this model), so a quorum of half the acceptors (here one of two: two quorums that share no
 * acceptor) passed the suite (bench/mutants.ts, the `quorum` operator). Here p1 and p2 each learn
 * their own value from one acceptor's Accepted, and neither is chosen by a majority: Agreement
 * (which reads learnt values) and LearntIsChosen are violated. Two acceptors are the cheapest even
 * size (324 states with one attempt each; four cost 23,729 even without learning) and a real
 * configuration: both must answer, so no fault is tolerated, but safety holds. Two proposers, p1
 * with a retry (a second proposal number: a proposer that learnt from a majority of Accepted of
 * *any* of its numbers, one acceptor's for 1 and the other's for 3, learnt a value no ballot
 * chose, and passed the suite while every learning spec gave each proposer one number: a
 * helper's tour; 2,772 states), no crash, a `set` network.
 */
import { defineSpec } from '../src/index.ts'
import { paxosNet } from '../models/paxos-net.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-two-acceptors',
  description: 'Basic Paxos, 2 proposers, 2 acceptors: a quorum is both',
  model: paxosNet,
  params: { proposers: 2, acceptors: 2, attempts: '2,1', crashes: 0, drops: 0, duplicates: 0, semantics: 'set', learn: true },
  check: ['Agreement', 'LearntIsChosen', 'Validity', 'PromiseOnce', 'PromiseCoversAccepted', 'ValueChosen', 'ValueLearnt'],
  config: paxosNetConfig,
  expect: { distinct: 2772, total: 6629, depth: 26, source: 'measured (BFS, this repo)' },
})
