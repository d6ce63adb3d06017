/**
 * Synchronous primary/backup (the seed's Maximum Protection mode): a primary and two backups, two
 * writes, one backup crash (with restart). The seed's strong consistency (a read after an ack sees
 * it) and durability hold; with a backup down the primary rejects the write; reads from any
 * replica are *not* linearizable while a write is in flight (the checker's finding, see
 * docs/seed-models.md).
 */
import { defineSpec, ids } from '../src/index.ts'
import { primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-sync',
  description: 'sync replication, 1 primary + 2 backups, 2 writes, 1 backup crash',
  model: primaryBackup,
  params: { backups: 2, writes: 2, crashes: 1 },
  config: (p) => ({
    mode: 'sync' as const,
    nodes: ['p', ...ids('b', p.backups as number)],
    writes: p.writes as number,
    crashable: ids('b', p.backups as number),
    budget: { crash: p.crashes as number },
  }),
  check: ['ReadsSeeAckedWrites', 'AckedWritesDurable', 'LinearizableReads', 'WriteAcknowledged', 'WriteRejectedWhilePrimaryUp', 'AllReplicasHoldLastWrite'],
  expect: { distinct: 324, total: 1009, depth: 14, violated: { LinearizableReads: { length: 3 } }, source: 'measured (BFS, this repo)' },
})
