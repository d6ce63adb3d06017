/**
 * Liveness story 2 (issue #6): the fix the seed gives for the Paxos livelock (选主 — one
 * distinguished proposer, as Multi-Paxos' leader). Same model, acceptors and fairness as
 * `paxos-livelock.ts`, but only the leader p1 proposes: a value is eventually learnt (holds).
 * Leader election itself is not modelled: the leader is fixed.
 */
import { defineSpec } from '../src/index.ts'
import { paxosDuellingProposers } from '../models/paxos-duelling-proposers.ts'
import livelock from './paxos-livelock.ts'

const params = { proposers: 2, acceptors: 3, leader: true }

export default defineSpec({
  ...livelock,
  name: 'paxos-leader-liveness',
  description: 'Basic Paxos with one distinguished proposer: a value is eventually learnt',
  model: paxosDuellingProposers,
  params,
  expect: { distinct: 23, total: 38, depth: 6, source: 'measured (BFS, this repo)' },
})
