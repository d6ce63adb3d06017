/**
 * CAP, CP configuration (refuse a write the peer cannot confirm): two replicas, two writes, one
 * partition (and heal). Consistency holds — reads see the last acknowledged write, and the
 * replicas serving reads agree once a write was answered — even though a refused write can reach
 * the peer before the cut (`RefusedWriteReachedPeer`) and both replicas serve reads again after
 * the heal (`BothReadableAfterRefusal`): the refusing replica keeps the write unresolved and
 * serves nothing until the peer's ack lands it. Availability is violated: a live replica refuses
 * a write during the partition. `cap-cp-naive.ts` forgets the refused write: the replicas diverge.
 */
import { defineSpec } from '../src/index.ts'
import { cap } from '../models/cap.ts'

export default defineSpec({
  name: 'cap-cp',
  model: cap,
  params: { writes: 2, partitions: 1 },
  check: ['Consistent', 'QuiescentReplicasAgree', 'ReadsSeeAckedWrites', 'ReadableReplicasAgree', 'Available', 'WritesAnswered', 'NoTradeoffWithoutPartition', 'WriteAcknowledged', 'RefusedWriteReachedPeer', 'BothReadableAfterRefusal', 'QuietAfterPartition', 'ReplicasAgreeOnLastWrite'],
  config: (p) => ({ mode: 'cp' as const, replicas: ['r1', 'r2'] as const, writes: p.writes as number, budget: { partition: p.partitions as number } }),
  expect: { distinct: 56, total: 81, depth: 10, violated: { Available: { length: 4 } }, source: 'measured (BFS, this repo)' },
})
