/**
 * The Paxos register (models/paxos-register.ts) with three clients, so three ballots: every
 * server takes a put and leads once. With Stateright's two clients only two ballots are ever
 * started, so a leader hears at most one earlier proposal: a pick that orders the reports wrongly
 * (the lowest, or by round alone) or a Prepared that reports the wrong ballot cannot choose
 * between two of them, and those mutants passed the suite (docs/mutation-testing.md,
 * "paxos-register"). Here a leader can hear of two proposals in two earlier ballots and must drive
 * the later one. Two constraints keep it small (1,194,428 states without them): the servers take
 * their puts in order (s1 only once s0 has, s2 only once s1 has), so s0's ballot is the lowest and
 * s1's and s2's come in either order (schedules where another server leads first are left out),
 * and at most 9 messages in flight (stale messages stay in flight on this network).
 */
import { defineSpec } from '../src/index.ts'
import { inFlightAtMost } from '../src/net/index.ts'
import { paxosRegister } from '../models/paxos-register.ts'
import type { Config, Server, State } from '../models/paxos-register.ts'
import { paxosRegisterConfig } from './paxos-register.ts'

/** Server i has taken a put only if server i - 1 has (a proposal is set as a server takes one). */
export const putsInOrder = (c: Config, s: State): boolean =>
  c.servers.every((x, i) => i === 0 || (s.servers[x] as Server).proposal === null || (s.servers[c.servers[i - 1] as string] as Server).proposal !== null)

export const threeClientsConstraint = (c: Config, s: State): boolean => putsInOrder(c, s) && inFlightAtMost(9)(c, s)

export default defineSpec({
  name: 'paxos-register-three-clients',
  description: 'The Paxos register with 3 clients: three ballots, a leader hears of two proposals',
  model: paxosRegister,
  params: { servers: 3, clients: 3 },
  config: paxosRegisterConfig,
  constraint: threeClientsConstraint,
  expect: { distinct: 89285, total: 160614, depth: 28, source: 'measured (BFS, this repo)' },
})
