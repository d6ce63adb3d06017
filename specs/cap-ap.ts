/**
 * CAP, AP configuration (accept locally when the peer is cut off): two replicas, two writes, one
 * partition (and heal). Availability holds; consistency is violated, both parts: after a write is
 * acknowledged on one side of the partition, a read on the other side returns the old value, and
 * the two replicas serving reads disagree.
 */
import { defineSpec } from '../src/index.ts'
import { cap } from '../models/cap.ts'

export default defineSpec({
  name: 'cap-ap',
  model: cap,
  params: { writes: 2, partitions: 1 },
  check: ['Consistent', 'QuiescentReplicasAgree', 'ReadsSeeAckedWrites', 'ReadableReplicasAgree', 'Available', 'WritesAnswered', 'NoTradeoffWithoutPartition', 'AckedDuringPartition', 'QuietAfterPartition', 'ReplicasAgreeOnLastWrite'],
  config: (p) => ({ mode: 'ap' as const, replicas: ['r1', 'r2'] as const, writes: p.writes as number, budget: { partition: p.partitions as number } }),
  expect: { distinct: 63, total: 113, depth: 9, violated: { Consistent: { length: 4 }, ReadsSeeAckedWrites: { length: 4 }, ReadableReplicasAgree: { length: 4 } }, source: 'measured (BFS, this repo); 101 / 183 before the Acks a replica ignores for good were dropped (ignoresForever)' },
})
