/**
 * Split brain without fencing: synchronous primary/backup, a primary and two backups, two writes,
 * a failure detector that may wrongly suspect the primary (one promotion) and no crash at all.
 * Backup b1 promotes itself while p is up; both accept a write; each applies the other's
 * replicated write over its own (nothing tells a deposed primary from the current one), so an
 * acknowledged write is lost at the node that acknowledged it: `ReadsSeeAckedWrites` and
 * `AckedWritesDurable` fail (9 states). `primary-backup-split-brain-fenced.ts` is the same
 * configuration with epochs: both hold.
 */
import { defineSpec } from '../src/index.ts'
import { configFrom, primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-split-brain-unfenced',
  description: 'sync, 1 primary + 2 backups, 2 writes, a false failover, no fencing: split brain',
  model: primaryBackup,
  params: { backups: 2, writes: 2 },
  config: (p) => configFrom(p, { mode: 'sync', detector: 'unreliable', fencing: false }),
  check: ['ReadsSeeAckedWrites', 'AckedWritesDurable', 'WriteAcknowledged', 'TwoPrimaries', 'AckedWhileTwoPrimaries', 'FailedOver'],
  expect: { distinct: 1124, total: 3210, depth: 8, violated: { ReadsSeeAckedWrites: { length: 9 }, AckedWritesDurable: { length: 9 } }, source: 'measured (BFS, this repo); search stops once every property is decided' },
})
