/**
 * Eventual consistency (BASE): two replicas, two writes (at any replicas, possibly concurrent),
 * asynchronous replication and anti-entropy, one dropped message and one partition (and heal).
 * No replica ever holds a value nobody wrote; quiescent states agree, on the last write in the
 * order (version number, replica id) — with a stale update overtaken by a newer one witnessed
 * (`StaleUpdateInFlight`). `eventual-consistency-keep-older.ts` plants a flipped merge.
 */
import { defineSpec, ids } from '../src/index.ts'
import { eventualConsistency } from '../models/eventual-consistency.ts'

export default defineSpec({
  name: 'eventual-consistency',
  model: eventualConsistency,
  params: { replicas: 2, writes: 2, drops: 1, partitions: 1 },
  config: (p) => ({
    replicas: ids('r', p.replicas as number),
    writes: p.writes as number,
    budget: { drop: p.drops as number, partition: p.partitions as number },
  }),
  expect: { distinct: 1549, total: 5565, depth: 12, source: 'measured (BFS, this repo); 8,575 / 44,211 / depth 16 before the Syncs of the version a replica holds were dropped (ignoresForever)' },
})
