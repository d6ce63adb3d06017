/**
 * ABD, a register replicated by quorum reads and writes, ported from Stateright's
 * `examples/linearizable-register.rs` (models/linearizable-register.ts): 2 servers, 2 clients
 * with one put and one get each, Stateright's unordered non-duplicating network. The register's
 * history is linearizable in every reachable state, and a read returns a written value
 * (ValueChosen).
 *
 * Cross-check: Stateright's test asserts 544 unique states for this configuration, with BFS and
 * with DFS, and this port finds exactly that (BFS here; DFS in
 * test/models/consensus/linearizable-register.test.ts and the golden suite). Stateright does not
 * publish its generated count or depth: those pinned below were measured here.
 */
import { defineSpec } from '../src/index.ts'
import { linearizableRegister } from '../models/linearizable-register.ts'
import { registerConfig } from '../models/register-clients.ts'

export default defineSpec({
  name: 'linearizable-register',
  description: "ABD: a register replicated by quorums (Stateright's examples/linearizable-register.rs)",
  model: linearizableRegister,
  params: { servers: 2, clients: 2 },
  config: (p) => registerConfig(p.servers as number, p.clients as number),
  expect: { distinct: 544, total: 875, depth: 25, source: 'Stateright examples/linearizable-register.rs at 70c73751 (can_model_linearizable_register: unique_state_count 544, BFS and DFS); total and depth measured here (Stateright publishes neither)' },
})
