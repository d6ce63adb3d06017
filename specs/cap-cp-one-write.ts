/**
 * CAP, CP configuration with a single write: the bound at which "a refused write is never
 * acknowledged" can be read off the model's history (one refusal flag and the highest acknowledged
 * write: with one write, both set means that write got both answers). The replica that refused
 * keeps the write unresolved and lands it silently when the peer's ack arrives after the heal; a
 * rule that forgot it was refused would acknowledge it then. `cap-cp.ts` has two writes.
 */
import { always, defineSpec } from '../src/index.ts'
import { cap } from '../models/cap.ts'
import type { Config, State } from '../models/cap.ts'

/** The model with the one-write property added. */
export const capOneWrite = {
  ...cap,
  properties: [
    ...cap.properties,
    always<Config, State>('RefusedWriteNeverAcked', (_c, s) => !(s.refused && s.acked > 0), { when: (_c, s) => s.refused }),
  ],
}

export default defineSpec({
  name: 'cap-cp-one-write',
  description: 'CP with one write: a refused write is never acknowledged later',
  model: capOneWrite,
  params: { partitions: 1 },
  check: ['Consistent', 'QuiescentReplicasAgree', 'Available', 'WritesAnswered', 'RefusedWriteNeverAcked', 'RefusedWriteReachedPeer', 'BothReadableAfterRefusal', 'QuietAfterPartition'],
  config: (p) => ({ mode: 'cp' as const, replicas: ['r1', 'r2'] as const, writes: 1, budget: { partition: p.partitions as number } }),
  expect: { distinct: 27, total: 39, depth: 7, violated: { Available: { length: 4 } }, source: 'measured (BFS, this repo)' },
})
