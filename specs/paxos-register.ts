/**
 * Single-decree Paxos behind a linearizable register, ported from Stateright's
 * `examples/paxos.rs` (models/paxos-register.ts): 3 servers, 2 clients with one put and one get
 * each, Stateright's unordered non-duplicating network. The register's history is linearizable
 * in every reachable state, and a read returns a chosen value (ValueChosen). The four properties
 * over the servers that the example lacks (models/paxos-register.ts) hold too; they add no state.
 *
 * Cross-check: Stateright's test asserts 16,668 unique states for this configuration, with BFS
 * and with DFS, and this port finds exactly that (BFS here; DFS in
 * test/models/consensus/paxos-register.test.ts and the golden suite). Stateright does not publish
 * its generated count or depth: those pinned below were measured here.
 */
import { defineSpec } from '../src/index.ts'
import { paxosRegister } from '../models/paxos-register.ts'
import type { Config } from '../models/paxos-register.ts'
import { registerConfig } from '../models/register-clients.ts'

/** Servers s0.., then clients numbered on after them, as Stateright numbers its actors. */
export const paxosRegisterConfig = (p: Record<string, number | boolean | string>): Config => registerConfig(p.servers as number, p.clients as number)

export default defineSpec({
  name: 'paxos-register',
  description: "Single-decree Paxos behind a linearizable register (Stateright's examples/paxos.rs)",
  model: paxosRegister,
  params: { servers: 3, clients: 2 },
  config: paxosRegisterConfig,
  expect: { distinct: 16668, total: 32971, depth: 21, source: "Stateright examples/paxos.rs at 585b1a90 (unique_state_count, BFS and DFS); total and depth measured here (Stateright publishes neither)" },
})
