/**
 * `primary-backup-split-brain-fenced.ts` with one crash of any node (with restart). A node that
 * crashed may miss the Undo of a rejected write and come back holding it
 * (`RecoveringWithRejectedWrite` is witnessed); it rejoins *recovering* — serving no reads, not
 * promotable — until the next replicated write brings it up to date. Fencing keeps every
 * acknowledged write and no serving node keeps a rejected one: all hold.
 */
import { defineSpec } from '../src/index.ts'
import { configFrom, primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-split-brain-fenced-crash',
  description: 'as -fenced, plus 1 crash: a restarted node catches up before it serves',
  model: primaryBackup,
  params: { backups: 2, writes: 2, crashes: 1 },
  config: (p) => configFrom(p, { mode: 'sync', detector: 'unreliable', fencing: true }),
  check: [
    'ReadsSeeAckedWrites',
    'AckedWritesDurable',
    'RejectedWritesUndone',
    'OnePrimaryPerEpoch',
    'WriteAcknowledged',
    'TwoPrimaries',
    'AckedWhileTwoPrimaries',
    'WriteRejectedWhilePrimaryUp',
    'RejectedWriteWasApplied',
    'RecoveringWithRejectedWrite',
    'FailedOver',
  ],
  expect: { distinct: 14199, total: 52159, depth: 16, source: 'measured (BFS, this repo); 19,820 / 75,887 before the Acks and Nacks a node ignores for good were dropped (ignoresForever)' },
})
