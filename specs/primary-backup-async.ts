/**
 * Asynchronous primary/backup (the seed's Maximum Performance mode): a primary and one backup, one
 * write, one crash of any node, failover to the backup by a perfect failure detector (only once the
 * primary is down), no fencing. Both failures the seed describes are found: a stale read at the
 * backup after the write returned, and an acknowledged write lost when the primary crashes before
 * replicating and the backup takes over.
 */
import { defineSpec } from '../src/index.ts'
import { configFrom, primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-async',
  description: 'async replication, 1 primary + 1 backup, 1 write, 1 crash',
  model: primaryBackup,
  params: { backups: 1, writes: 1, crashes: 1 },
  config: (p) => configFrom(p, { mode: 'async', detector: 'perfect', fencing: false }),
  check: ['ReadsSeeAckedWrites', 'AckedWritesDurable', 'WriteAcknowledged', 'FailedOver', 'AllReplicasHoldLastWrite'],
  expect: { distinct: 18, total: 22, depth: 3, violated: { ReadsSeeAckedWrites: { length: 2 }, AckedWritesDurable: { length: 4 } }, source: 'measured (BFS, this repo); search stops once every property is decided' },
})
