/**
 * BUGGY: the leader drives the lowest report of its promises (models/paxos-register-lowest-prepared.ts).
 * s0 decides c3's A with s1's accept; s1, which accepted A, leads a ballot for c4's B and hears
 * from s2, which accepted nothing: it drives B, s2 accepts, s1 decides B. Clients that wrote A and
 * B then read each other's values, which no order of the four operations explains: Linearizable
 * is violated (18 states). The properties over the servers see it sooner: s1 accepts B in a ballot
 * above the one that chose A (HigherBallotsCarryChosen, 8 states), two servers decide different
 * values (DecidedAgree, 11), a read returns a value another decided server does not hold
 * (ReadsDecided, 13).
 */
import { defineSpec } from '../src/index.ts'
import { paxosRegisterLowestPrepared } from '../models/paxos-register-lowest-prepared.ts'
import { paxosRegisterConfig } from './paxos-register.ts'

export default defineSpec({
  name: 'paxos-register-lowest-prepared',
  model: paxosRegisterLowestPrepared,
  params: { servers: 3, clients: 2 },
  config: paxosRegisterConfig,
  expect: {
    violated: { Linearizable: { length: 18 }, DecidedAgree: { length: 11 }, ReadsDecided: { length: 13 }, HigherBallotsCarryChosen: { length: 8 } },
    source: 'measured (BFS, this repo)',
  },
})
