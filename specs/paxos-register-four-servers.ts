/**
 * The Paxos register (models/paxos-register.ts) on four servers: the quorum at an even size.
 * `Math.floor(n / 2) + 1` and `Math.ceil(n / 2)` agree on three servers (Stateright's
 * configuration), so a quorum of half the servers passed the suite (bench/mutants.ts, the
 * `quorum` operator). Here it is 2 of 4: s1 decides B on s2's accept alone, and s0's next ballot,
 * promised by s3 before s3 heard of B, drives A over it (HigherBallotsCarryChosen violated in 18
 * states). 2 clients, at most 7 messages in flight (a state constraint: stale messages stay in
 * flight on this network): 59,224 states.
 */
import { defineSpec } from '../src/index.ts'
import { inFlightAtMost } from '../src/net/index.ts'
import { paxosRegister } from '../models/paxos-register.ts'
import { paxosRegisterConfig } from './paxos-register.ts'

export default defineSpec({
  name: 'paxos-register-four-servers',
  description: 'The Paxos register on 4 servers: a quorum is 3',
  model: paxosRegister,
  params: { servers: 4, clients: 2 },
  config: paxosRegisterConfig,
  constraint: inFlightAtMost(7),
  expect: { distinct: 59224, total: 142373, depth: 30, source: 'measured (BFS, this repo)' },
})
