/**
 * BUGGY: the leader drives the report of the highest round, ties broken by nothing
 * (models/paxos-register-round-only.ts), at the three-client bounds of
 * specs/paxos-register-three-clients.ts. s0 leads (1, 0) and accepts A alone; s1, not having heard
 * of it, leads (1, 1) with s2 and decides B; s2 then leads (2, 2), hears its own (1, 1) B and
 * s0's (1, 0) A, sees one round and drives A: a server accepts A in a ballot above the one that
 * chose B (HigherBallotsCarryChosen, Paxos's P2, violated in 15 states). Stateright's
 * Linearizable cannot see it here: only the client of a decided proposal reads.
 */
import { defineSpec } from '../src/index.ts'
import { paxosRegisterRoundOnly } from '../models/paxos-register-round-only.ts'
import { paxosRegisterConfig } from './paxos-register.ts'
import { threeClientsConstraint } from './paxos-register-three-clients.ts'

export default defineSpec({
  name: 'paxos-register-round-only',
  model: paxosRegisterRoundOnly,
  params: { servers: 3, clients: 3 },
  config: paxosRegisterConfig,
  constraint: threeClientsConstraint,
  // The property it breaks alone: the search stops at the first violation (checking all seven ran
  // the whole 89,353 states, the golden suite's slowest paxos-register spec).
  check: ['HigherBallotsCarryChosen'],
  expect: { violated: { HigherBallotsCarryChosen: { length: 15 } }, source: 'measured (BFS, this repo)' },
})
