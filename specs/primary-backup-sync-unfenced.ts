/**
 * `primary-backup-sync.ts` without fencing: even a perfect failure detector (a backup is promoted
 * only once the primary is down) is not enough. The crashed primary's last Replicate is still in
 * flight; it reaches the new primary after its promotion, while that one's own write is in
 * progress, and overwrites it there; the write is then acknowledged, so an acknowledged write is
 * missing at the node that acknowledged it (`ReadsSeeAckedWrites`, `AckedWritesDurable`, 11
 * states). Fencing refuses the stale epoch.
 */
import { defineSpec } from '../src/index.ts'
import { configFrom, primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-sync-unfenced',
  description: 'sync replication with failover but no fencing: a dead primary’s late write wins',
  model: primaryBackup,
  params: { backups: 2, writes: 2, crashes: 1 },
  config: (p) => configFrom(p, { mode: 'sync', detector: 'perfect', fencing: false }),
  check: ['ReadsSeeAckedWrites', 'AckedWritesDurable', 'PrimaryCrashedAfterAck', 'TakeoverAfterAck'],
  expect: {
    distinct: 1323,
    total: 3428,
    depth: 10,
    violated: { ReadsSeeAckedWrites: { length: 11 }, AckedWritesDurable: { length: 11 } },
    source: 'measured (BFS, this repo); search stops once every property is decided; 1,895 / 4,968 before the Acks and Nacks a node ignores for good were dropped (ignoresForever)',
  },
})
