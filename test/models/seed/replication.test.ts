/**
 * Golden tests for the seed's replication specs: every verdict, the counts and depth pinned in the spec's
 * `expect`, and each counterexample's length and action labels (the checker's own findings; see
 * docs/seed-models.md). Buggy configurations must keep failing.
 */
import { describe } from 'vitest'
import { goldenSpecs } from './golden.ts'

describe('seed replication specs', () => {
  goldenSpecs([
  {
    spec: 'primary-backup-sync',
    verdicts: { ReadsSeeAckedWrites: 'holds', LinearizableReads: 'violated', AckedWritesDurable: 'holds', WriteAcknowledged: 'holds', WriteRejectedWhilePrimaryUp: 'holds', AllReplicasHoldLastWrite: 'holds' },
    traces: {
      LinearizableReads: [
        'Write(p, 1)',
        'Read(p, 1)',
      ],
    },
  },
  {
    spec: 'primary-backup-async',
    verdicts: { ReadsSeeAckedWrites: 'violated', AckedWritesDurable: 'violated', WriteAcknowledged: 'holds', FailedOver: 'holds', AllReplicasHoldLastWrite: 'holds' },
    traces: {
      ReadsSeeAckedWrites: [
        'Write(p, 1)',
      ],
      AckedWritesDurable: [
        'Write(p, 1)',
        'Crash(p)',
        'Promote(b1)',
      ],
    },
  },
  {
    spec: 'primary-backup-max-availability',
    verdicts: { ReadsSeeAckedWrites: 'violated', AckedWritesDurable: 'violated', WriteAcknowledged: 'holds', SwitchedToAsync: 'holds', FailedOver: 'holds', AllReplicasHoldLastWrite: 'holds' },
    traces: {
      ReadsSeeAckedWrites: [
        'Write(p, 1)',
        'Drop(Replicate(1) p→b1)',
        'Timeout(p)',
      ],
      AckedWritesDurable: [
        'Write(p, 1)',
        'Drop(Replicate(1) p→b1)',
        'Timeout(p)',
        'Crash(p)',
        'Promote(b1)',
      ],
    },
  },
  {
    spec: 'cap-cp',
    verdicts: { Consistent: 'holds', Available: 'violated', WriteAcknowledged: 'holds', ReplicasAgreeOnLastWrite: 'holds' },
    traces: {
      Available: [
        'Write(r1, 1)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
      ],
    },
  },
  {
    spec: 'cap-ap',
    verdicts: { Consistent: 'violated', Available: 'holds', AckedDuringPartition: 'holds', ReplicasAgreeOnLastWrite: 'holds' },
    traces: {
      Consistent: [
        'Write(r1, 1)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
      ],
    },
  },
  {
    spec: 'eventual-consistency',
    verdicts: { OnlyWrittenValues: 'holds', QuiescentAgreement: 'holds', Diverged: 'holds', ConcurrentWritesConverged: 'holds', QuiescentAfterFault: 'holds' },
    traces: {},
  },
  ])
})
