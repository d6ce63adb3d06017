/**
 * The duelling proposers of `paxos-livelock.ts` with two acceptors, where a majority is both: the
 * one size among the small ones at which a quorum of half the acceptors (`Math.ceil(n / 2)`) is
 * not a majority, so this spec is what catches that one-line bug in the model (Agreement violated
 * in 7 states; at three acceptors `ceil` is the majority). Agreement holds and the livelock is
 * there as at three acceptors.
 */
import { defineSpec } from '../src/index.ts'
import { paxosDuellingProposers } from '../models/paxos-duelling-proposers.ts'
import livelock from './paxos-livelock.ts'

const params = { proposers: 2, acceptors: 2, leader: false }

export default defineSpec({
  ...livelock,
  name: 'paxos-livelock-two-acceptors',
  description: 'Basic Paxos, two duelling proposers, two acceptors: Agreement holds, a value is never learnt (lasso)',
  model: paxosDuellingProposers,
  params,
  expect: { distinct: 650, total: 1545, depth: 21, violated: { EventuallyLearnt: { length: 8 } }, source: 'measured (BFS over view classes, this repo)' },
})
