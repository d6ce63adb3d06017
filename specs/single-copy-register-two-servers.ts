/**
 * Single-copy registers on two servers (models/single-copy-register.ts): each server keeps its
 * own copy and nothing replicates it, so the register is not linearizable. c2 puts A at s0 and
 * is acknowledged, then reads at s1, which still holds the empty value: a read that misses a
 * write completed before it began (5 states: the 4 deliveries of the counterexample Stateright's
 * test asserts, with c2 for its c3).
 */
import { defineSpec } from '../src/index.ts'
import { singleCopyRegister } from '../models/single-copy-register.ts'
import { registerConfig } from '../models/register-clients.ts'

export default defineSpec({
  name: 'single-copy-register-two-servers',
  description: 'Two single-copy registers, no replication: a read misses a completed write',
  model: singleCopyRegister,
  params: { servers: 2, clients: 2 },
  config: (p) => registerConfig(p.servers as number, p.clients as number),
  expect: { violated: { Linearizable: { length: 5 } }, source: 'Stateright examples/single-copy-register.rs at 4c385128 (can_model_single_copy_register: the "linearizable" discovery, 4 deliveries, BFS)' },
})
