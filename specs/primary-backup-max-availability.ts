/**
 * Maximum Availability primary/backup: synchronous until replication to the backup fails (here: one
 * dropped Replicate), then asynchronous; one crash of any node, failover by a perfect failure
 * detector, no fencing. The checker finds an acknowledged write lost after the switch.
 */
import { defineSpec } from '../src/index.ts'
import { configFrom, primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-max-availability',
  description: 'sync→async on a failed replication, 1 primary + 1 backup, 1 write, 1 drop, 1 crash',
  model: primaryBackup,
  params: { backups: 1, writes: 1, drops: 1, crashes: 1 },
  config: (p) => configFrom(p, { mode: 'max-availability', detector: 'perfect', fencing: false }),
  check: ['ReadsSeeAckedWrites', 'AckedWritesDurable', 'WriteAcknowledged', 'SwitchedToAsync', 'IdleAfterSwitch', 'FailedOver', 'AllReplicasHoldLastWrite'],
  expect: { distinct: 88, total: 140, depth: 5, violated: { ReadsSeeAckedWrites: { length: 4 }, AckedWritesDurable: { length: 6 } }, source: 'measured (BFS, this repo); search stops once every property is decided; 90 before the Acks and Nacks a node ignores for good were dropped (ignoresForever)' },
})
