/**
 * CAP, the naive CP configuration (the bug): a replica that cannot reach its peer refuses the
 * write and forgets it, but the Replicate may already have reached the peer before the cut. The
 * peer keeps the refused write, the late ack is ignored, and after the heal both replicas serve
 * reads with different values: `ReadableReplicasAgree` (and so `Consistent`) fails in 6 states.
 * This is `cap-cp.ts` before issue #15: its old consistency property compared only with the
 * acknowledged writes, which the refused write never was, and did not see it.
 */
import { defineSpec } from '../src/index.ts'
import { cap } from '../models/cap.ts'

export default defineSpec({
  name: 'cap-cp-naive',
  model: cap,
  params: { writes: 2, partitions: 1 },
  check: ['Consistent', 'QuiescentReplicasAgree', 'ReadsSeeAckedWrites', 'ReadableReplicasAgree', 'Available', 'WritesAnswered', 'NoTradeoffWithoutPartition', 'WriteAcknowledged', 'RefusedWriteReachedPeer', 'BothReadableAfterRefusal', 'QuietAfterPartition', 'ReplicasAgreeOnLastWrite'],
  config: (p) => ({ mode: 'cp-naive' as const, replicas: ['r1', 'r2'] as const, writes: p.writes as number, budget: { partition: p.partitions as number } }),
  expect: { distinct: 100, total: 153, depth: 9, violated: { Consistent: { length: 6 }, ReadableReplicasAgree: { length: 6 }, Available: { length: 4 }, QuiescentReplicasAgree: { length: 6 } }, source: 'measured (BFS, this repo); 134 / 211 / depth 11 before the Acks a replica ignores for good were dropped (ignoresForever)' },
})
