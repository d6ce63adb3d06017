/**
 * CAP, CP configuration (refuse a write the peer cannot confirm): two replicas, two writes, one
 * partition (and heal). Consistency holds; availability is violated: a live replica refuses a
 * write during the partition.
 */
import { defineSpec } from '../src/index.ts'
import { cap } from '../models/cap.ts'

export default defineSpec({
  name: 'cap-cp',
  model: cap,
  params: { writes: 2, partitions: 1 },
  check: ['Consistent', 'Available', 'WriteAcknowledged', 'ReplicasAgreeOnLastWrite'],
  config: (p) => ({ mode: 'cp' as const, replicas: ['r1', 'r2'] as const, writes: p.writes as number, budget: { partition: p.partitions as number } }),
  expect: { distinct: 134, total: 211, depth: 11, violated: { Available: { length: 4 } }, source: 'measured (BFS, this repo)' },
})
