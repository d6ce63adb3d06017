/**
 * `primary-backup-split-brain-fenced.ts` with one crash of any node (with restart): where the
 * model's stated limit shows. Fencing still keeps every acknowledged write (`ReadsSeeAckedWrites`,
 * `AckedWritesDurable` hold), but a rejected write can stay visible: p's write reaches b1, b2
 * (promoted) refuses it, p rejects it and sends b1 an Undo, and b1 crashes before the Undo arrives;
 * it restarts holding the rejected write (`RejectedWritesUndone`, 9 states). Closing this needs
 * catch-up of a restarted node (or a durable undo log), which the model leaves out.
 */
import { defineSpec, ids } from '../src/index.ts'
import { primaryBackup } from '../models/primary-backup.ts'

export default defineSpec({
  name: 'primary-backup-split-brain-fenced-crash',
  description: 'as -fenced, plus 1 crash: a rejected write survives at a node that missed its Undo',
  model: primaryBackup,
  params: { backups: 2, writes: 2, crashes: 1 },
  config: (p) => ({
    mode: 'sync' as const,
    nodes: ['p', ...ids('b', p.backups as number)],
    writes: p.writes as number,
    crashable: ['p', ...ids('b', p.backups as number)],
    budget: { crash: p.crashes as number },
    detector: 'unreliable' as const,
    promotions: 1,
    fencing: true,
  }),
  check: ['ReadsSeeAckedWrites', 'AckedWritesDurable', 'RejectedWritesUndone', 'WriteAcknowledged', 'TwoPrimaries', 'AckedWhileTwoPrimaries', 'WriteRejectedWhilePrimaryUp', 'RejectedWriteWasApplied', 'FailedOver'],
  expect: { distinct: 17099, total: 69796, depth: 16, violated: { RejectedWritesUndone: { length: 9 } }, source: 'measured (BFS, this repo)' },
})
