/**
 * Liveness story 2 on a network (issue #14): the seed's fix for the Paxos livelock (选主 — one
 * distinguished proposer, as Multi-Paxos' leader) on the message-passing model of
 * `paxos-net-livelock.ts`: same acceptors, network and fairness, but only the leader p1 proposes.
 * A value is eventually learnt (holds). Leader election itself is not modelled: the leader is
 * fixed. The retry timer's round-trip guard (models/paxos-net-duelling.ts) is what this rests on:
 * a leader whose timer may fire before its replies arrive can retry forever too.
 */
import { defineSpec } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import { paxosNetDuelling } from '../models/paxos-net-duelling.ts'
import type { Action, Config, State } from '../models/paxos-net-duelling.ts'
import livelock, { config, exchangeFairness } from './paxos-net-livelock.ts'

const model: Model<Config, State, Action> = paxosNetDuelling
const params = { ...livelock.params, leader: true, rival: true }

export default defineSpec({
  name: 'paxos-net-leader-liveness',
  description: 'Basic Paxos over a network with one distinguished proposer: a value is eventually learnt',
  model,
  params,
  config,
  fairness: exchangeFairness,
  check: ['Agreement', 'EventuallyLearnt'],
  expect: { distinct: 1484, total: 3791, depth: 27, source: 'measured (BFS, this repo)' },
})
