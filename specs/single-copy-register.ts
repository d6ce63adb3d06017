/**
 * A single-copy register on one server, ported from Stateright's
 * `examples/single-copy-register.rs` (models/single-copy-register.ts): 2 clients with one put and
 * one get each, Stateright's unordered non-duplicating network. With one copy of the register,
 * its history is linearizable in every reachable state, and a read returns a written value
 * (ValueChosen).
 *
 * Cross-check: Stateright's test asserts 93 unique states for this configuration with DFS, and
 * this port finds exactly that, with BFS and DFS (test/models/consensus/single-copy-register.test.ts).
 * Stateright does not publish its generated count or depth: those pinned below were measured here.
 */
import { defineSpec } from '../src/index.ts'
import { singleCopyRegister } from '../models/single-copy-register.ts'
import { registerConfig } from '../models/register-clients.ts'

export default defineSpec({
  name: 'single-copy-register',
  description: "A single-copy register on one server (Stateright's examples/single-copy-register.rs)",
  model: singleCopyRegister,
  params: { servers: 1, clients: 2 },
  config: (p) => registerConfig(p.servers as number, p.clients as number),
  expect: { distinct: 93, total: 121, depth: 9, source: 'Stateright examples/single-copy-register.rs at 4c385128 (can_model_single_copy_register: unique_state_count 93, DFS); total and depth measured here (Stateright publishes neither)' },
})
