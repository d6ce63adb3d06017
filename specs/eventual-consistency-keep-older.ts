/**
 * Eventual consistency with a planted merge bug: the comparison flipped, so a replica keeps the
 * older of two versions and drops the newer. Same bounds as `eventual-consistency.ts`.
 * `QuiescentLastWriterWins` fails first (7 states): two concurrent writes r1.1 and r2.1, and both
 * replicas settle on r1.1 — they agree, on the wrong write, so agreement alone (the property
 * before issue #15) does not see this run. `QuiescentAgreement` fails a step later in another run
 * (a local write that the peer's merge then refuses).
 */
import { defineSpec, ids } from '../src/index.ts'
import { eventualConsistency } from '../models/eventual-consistency.ts'

export default defineSpec({
  name: 'eventual-consistency-keep-older',
  description: 'a merge that keeps the older version (the bug): replicas agree on the first write',
  model: eventualConsistency,
  params: { replicas: 2, writes: 2, drops: 1, partitions: 1 },
  config: (p) => ({
    replicas: ids('r', p.replicas as number),
    writes: p.writes as number,
    budget: { drop: p.drops as number, partition: p.partitions as number },
    merge: 'keep-older' as const,
  }),
  check: ['QuiescentAgreement', 'QuiescentLastWriterWins', 'StaleUpdateInFlight', 'QuiescentAfterFault'],
  expect: {
    distinct: 2620,
    total: 6404,
    depth: 7,
    violated: { QuiescentLastWriterWins: { length: 7 }, QuiescentAgreement: { length: 8 } },
    source: 'measured (BFS, this repo); search stops once every property is decided',
  },
})
