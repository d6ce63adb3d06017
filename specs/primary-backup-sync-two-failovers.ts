/**
 * `primary-backup-sync.ts` with two failovers: the failure detector may promote twice, and two
 * crashes let it (the primary fails, the promoted backup fails, the last backup takes over). A
 * perfect detector promotes only while no node acts as primary (`OnePrimary`); with one promotion
 * (every other perfect-detector spec) a detector that looked only at the initial primary behaved
 * the same, and passed the suite. Here it promotes both backups once the first primary is down.
 */
import { defineSpec } from '../src/index.ts'
import { configFrom, primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-sync-two-failovers',
  description: 'sync replication, 1 primary + 2 backups, 1 write, 2 crashes, two failovers',
  model: primaryBackup,
  params: { backups: 2, writes: 1, crashes: 2, promotions: 2 },
  config: (p) => configFrom(p, { mode: 'sync', detector: 'perfect', fencing: true }),
  check: ['ReadsSeeAckedWrites', 'AckedWritesDurable', 'RejectedWritesUndone', 'OnePrimary', 'WriteAcknowledged', 'FailedOverTwice'],
  expect: { distinct: 2093, total: 5216, depth: 13, source: 'measured (BFS, this repo); 2,509 / 6,458 before the Acks and Nacks a node ignores for good were dropped (ignoresForever)' },
})
