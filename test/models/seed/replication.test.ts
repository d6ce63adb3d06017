/**
 * Golden tests for the seed's replication specs: every verdict, the counts and depth pinned in the spec's
 * `expect`, and each counterexample's length and action labels (the checker's own findings; see
 * docs/seed-models.md). Buggy configurations must keep failing.
 */
import { describe, expect, it } from 'vitest'
import { check, defineSpec } from '../../../src/index.ts'
import type { AnySpec } from '../../../src/index.ts'
import { primaryBackup } from '../../../models/primary-backup.ts'
import type { Config, State } from '../../../models/primary-backup.ts'
import fenced from '../../../specs/primary-backup-split-brain-fenced.ts'
import sync from '../../../specs/primary-backup-sync.ts'
import ec from '../../../specs/eventual-consistency.ts'
import type { Config as EcConfig } from '../../../models/eventual-consistency.ts'
import { goldenSpecs } from './golden.ts'

describe('seed replication specs', () => {
  goldenSpecs([
  {
    spec: 'primary-backup-sync',
    verdicts: {
      ReadsSeeAckedWrites: 'holds',
      LinearizableReads: 'violated',
      AckedWritesDurable: 'holds',
      RejectedWritesUndone: 'holds',
      OnePrimary: 'holds',
      FailedOver: 'holds',
      WriteAcknowledged: 'holds',
      WriteRejectedWhilePrimaryUp: 'holds',
      RejectedWriteWasApplied: 'holds',
      PrimaryCrashedAfterAck: 'holds',
      TakeoverAfterAck: 'holds',
      AllReplicasHoldLastWrite: 'holds',
    },
    traces: {
      LinearizableReads: [
        'Write(p, 1)',
        'Read(p, 1)',
      ],
    },
  },
  {
    // No fencing, perfect detector: the dead primary's late Replicate overwrites b1's write in
    // progress, which b1 then acknowledges.
    spec: 'primary-backup-sync-unfenced',
    verdicts: { ReadsSeeAckedWrites: 'violated', AckedWritesDurable: 'violated', PrimaryCrashedAfterAck: 'holds', TakeoverAfterAck: 'holds' },
    traces: {
      ReadsSeeAckedWrites: [
        'Write(p, 1)',
        'Crash(p)',
        'Promote(b1, 2)',
        'Restart(p)',
        'Write(b1, 2)',
        'Deliver(Replicate(1, 1) p→b1)',
        'Deliver(Replicate(2, 2) b1→b2)',
        'Deliver(Ack(2) b2→b1)',
        'Deliver(Replicate(2, 2) b1→p)',
        'Deliver(Ack(2) p→b1)',
      ],
      AckedWritesDurable: [
        'Write(p, 1)',
        'Crash(p)',
        'Promote(b1, 2)',
        'Restart(p)',
        'Write(b1, 2)',
        'Deliver(Replicate(1, 1) p→b1)',
        'Deliver(Replicate(2, 2) b1→b2)',
        'Deliver(Ack(2) b2→b1)',
        'Deliver(Replicate(2, 2) b1→p)',
        'Deliver(Ack(2) p→b1)',
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
        'Promote(b1, 2)',
      ],
    },
  },
  {
    spec: 'primary-backup-max-availability',
    verdicts: { ReadsSeeAckedWrites: 'violated', AckedWritesDurable: 'violated', WriteAcknowledged: 'holds', SwitchedToAsync: 'holds', IdleAfterSwitch: 'holds', FailedOver: 'holds', AllReplicasHoldLastWrite: 'holds' },
    traces: {
      ReadsSeeAckedWrites: [
        'Write(p, 1)',
        'Drop(Replicate(1, 1) p→b1)',
        'Timeout(p)',
      ],
      AckedWritesDurable: [
        'Write(p, 1)',
        'Drop(Replicate(1, 1) p→b1)',
        'Timeout(p)',
        'Crash(p)',
        'Promote(b1, 2)',
      ],
    },
  },
  {
    // Split brain: b1 wrongly promotes itself, p and b1 both take a write and each applies the
    // other's over its own; b1 acknowledges 2 while it holds 1.
    spec: 'primary-backup-split-brain-unfenced',
    verdicts: { ReadsSeeAckedWrites: 'violated', AckedWritesDurable: 'violated', WriteAcknowledged: 'holds', FailedOver: 'holds', TwoPrimaries: 'holds', AckedWhileTwoPrimaries: 'holds' },
    traces: {
      ReadsSeeAckedWrites: [
        'Write(p, 1)',
        'Promote(b1, 2)',
        'Write(b1, 2)',
        'Deliver(Replicate(1, 1) p→b1)',
        'Deliver(Replicate(2, 2) b1→b2)',
        'Deliver(Ack(2) b2→b1)',
        'Deliver(Replicate(2, 2) b1→p)',
        'Deliver(Ack(2) p→b1)',
      ],
      AckedWritesDurable: [
        'Write(p, 1)',
        'Promote(b1, 2)',
        'Write(b1, 2)',
        'Deliver(Replicate(1, 1) p→b1)',
        'Deliver(Replicate(2, 2) b1→b2)',
        'Deliver(Ack(2) b2→b1)',
        'Deliver(Replicate(2, 2) b1→p)',
        'Deliver(Ack(2) p→b1)',
      ],
    },
  },
  {
    spec: 'primary-backup-split-brain-fenced',
    verdicts: {
      ReadsSeeAckedWrites: 'holds',
      AckedWritesDurable: 'holds',
      RejectedWritesUndone: 'holds',
      OnePrimaryPerEpoch: 'holds',
      WriteAcknowledged: 'holds',
      WriteRejectedWhilePrimaryUp: 'holds',
      RejectedWriteWasApplied: 'holds',
      FailedOver: 'holds',
      TwoPrimaries: 'holds',
      AckedWhileTwoPrimaries: 'holds',
    },
    traces: {},
  },
  {
    spec: 'primary-backup-split-brain-fenced-crash',
    verdicts: {
      ReadsSeeAckedWrites: 'holds',
      AckedWritesDurable: 'holds',
      RejectedWritesUndone: 'holds',
      OnePrimaryPerEpoch: 'holds',
      WriteAcknowledged: 'holds',
      WriteRejectedWhilePrimaryUp: 'holds',
      RejectedWriteWasApplied: 'holds',
      FailedOver: 'holds',
      TwoPrimaries: 'holds',
      RecoveringWithRejectedWrite: 'holds',
      AckedWhileTwoPrimaries: 'holds',
    },
    traces: {},
  },
  {
    // The stated limit: b1 wrote 2 on top of p's write 1, both are rejected, and b1's Undo of 2
    // restores 1 at b2, which p's Undo of 1 never reaches.
    spec: 'primary-backup-split-brain-fenced-two-failovers',
    verdicts: {
      ReadsSeeAckedWrites: 'holds',
      AckedWritesDurable: 'holds',
      RejectedWritesUndone: 'violated',
      OnePrimaryPerEpoch: 'holds',
      WriteAcknowledged: 'holds',
      WriteRejectedWhilePrimaryUp: 'holds',
      RejectedWriteWasApplied: 'holds',
      FailedOver: 'holds',
      TwoPrimaries: 'holds',
      AckedWhileTwoPrimaries: 'holds',
    },
    traces: {
      RejectedWritesUndone: [
        'Write(p, 1)',
        'Deliver(Replicate(1, 1) p→b1)',
        'Deliver(Ack(1) b1→p)',
        'Promote(b1, 2)',
        'Write(b1, 2)',
        'Deliver(Replicate(2, 2) b1→b2)',
        'Deliver(Ack(2) b2→b1)',
        'Deliver(Replicate(1, 1) p→b2)',
        'Deliver(Nack(2, 1) b2→p)',
        'Promote(p, 3)',
        'Deliver(Replicate(2, 2) b1→p)',
        'Deliver(Nack(3, 2) p→b1)',
        'Deliver(Undo(1, 2) b1→b2)',
      ],
    },
  },
  {
    // A late refusal of a newer epoch deposes a primary (three false failovers reach it).
    spec: 'primary-backup-late-nack',
    verdicts: {
      ReadsSeeAckedWrites: 'holds',
      AckedWritesDurable: 'holds',
      OnePrimaryPerEpoch: 'holds',
      FailedOver: 'holds',
      TwoPrimaries: 'holds',
    },
    traces: {},
  },
  {
    // A history of reads: no read returns a rejected write, even at a restarted node.
    spec: 'primary-backup-reads',
    verdicts: {
      ReadsSeeAckedWrites: 'holds',
      AckedWritesDurable: 'holds',
      RejectedWritesUndone: 'holds',
      OnePrimaryPerEpoch: 'holds',
      WriteAcknowledged: 'holds',
      WriteRejectedWhilePrimaryUp: 'holds',
      TwoPrimaries: 'holds',
      RecoveringWithRejectedWrite: 'holds',
      ReadsSkipUndoneWrites: 'holds',
    },
    traces: {},
  },
  {
    spec: 'cap-cp',
    verdicts: {
      Consistent: 'holds',
      ReadsSeeAckedWrites: 'holds',
      ReadableReplicasAgree: 'holds',
      QuiescentReplicasAgree: 'holds',
      Available: 'violated',
      WritesAnswered: 'holds',
      NoTradeoffWithoutPartition: 'holds',
      WriteAcknowledged: 'holds',
      RefusedWriteReachedPeer: 'holds',
      BothReadableAfterRefusal: 'holds',
      QuietAfterPartition: 'holds',
      ReplicasAgreeOnLastWrite: 'holds',
    },
    traces: {
      Available: [
        'Write(r1, 1)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
      ],
    },
  },
  {
    // The refused write reached r2 before the cut; r1 forgets it; after the heal both serve reads.
    spec: 'cap-cp-naive',
    verdicts: {
      Consistent: 'violated',
      ReadsSeeAckedWrites: 'holds',
      ReadableReplicasAgree: 'violated',
      QuiescentReplicasAgree: 'violated',
      Available: 'violated',
      WritesAnswered: 'holds',
      NoTradeoffWithoutPartition: 'holds',
      WriteAcknowledged: 'holds',
      RefusedWriteReachedPeer: 'holds',
      BothReadableAfterRefusal: 'holds',
      QuietAfterPartition: 'holds',
      ReplicasAgreeOnLastWrite: 'holds',
    },
    traces: {
      Consistent: [
        'Write(r1, 1)',
        'Deliver(Replicate(1) r1→r2)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
        'Heal',
      ],
      ReadableReplicasAgree: [
        'Write(r1, 1)',
        'Deliver(Replicate(1) r1→r2)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
        'Heal',
      ],
      Available: [
        'Write(r1, 1)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
      ],
      // Once healed and quiet: r2 holds the refused write; r1, having forgotten it, ignores the
      // late ack for good, which left the network as r1 forgot (ignoresForever).
      QuiescentReplicasAgree: [
        'Write(r1, 1)',
        'Deliver(Replicate(1) r1→r2)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
        'Heal',
      ],
    },
  },
  {
    spec: 'cap-ap',
    verdicts: {
      Consistent: 'violated',
      ReadsSeeAckedWrites: 'violated',
      ReadableReplicasAgree: 'violated',
      QuiescentReplicasAgree: 'holds',
      Available: 'holds',
      WritesAnswered: 'holds',
      NoTradeoffWithoutPartition: 'holds',
      AckedDuringPartition: 'holds',
      QuietAfterPartition: 'holds',
      ReplicasAgreeOnLastWrite: 'holds',
    },
    traces: {
      Consistent: [
        'Write(r1, 1)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
      ],
      ReadsSeeAckedWrites: [
        'Write(r1, 1)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
      ],
      ReadableReplicasAgree: [
        'Write(r1, 1)',
        'Partition({r1}|{r2})',
        'Timeout(r1)',
      ],
    },
  },
  {
    spec: 'eventual-consistency',
    verdicts: {
      OnlyWrittenValues: 'holds',
      VersionsNameValues: 'holds',
      QuiescentAgreement: 'holds',
      QuiescentLastWriterWins: 'holds',
      Diverged: 'holds',
      ConcurrentWritesConverged: 'holds',
      StaleUpdateInFlight: 'holds',
      QuiescentAfterFault: 'holds',
    },
    traces: {},
  },
  {
    // The flipped merge: both replicas settle on r1.1 (they agree) though r2.1 is the last write.
    spec: 'eventual-consistency-keep-older',
    verdicts: { QuiescentAgreement: 'violated', QuiescentLastWriterWins: 'violated', StaleUpdateInFlight: 'holds', QuiescentAfterFault: 'holds' },
    traces: {
      QuiescentLastWriterWins: [
        'Write(r1, r1.1)',
        'Write(r2, r2.1)',
        'AntiEntropy(r1)',
        'AntiEntropy(r2)',
        'Deliver(Sync(r1, 1, r1.1) r1→r2)',
        'Deliver(Sync(r2, 1, r2.1) r2→r1)',
      ],
      QuiescentAgreement: [
        'Write(r1, r1.1)',
        'Write(r1, r1.2)',
        'AntiEntropy(r1)',
        'AntiEntropy(r2)',
        'Deliver(Sync("", 0, v0) r2→r1)',
        'Deliver(Sync(r1, 1, r1.1) r1→r2)',
        'Deliver(Sync(r1, 2, r1.2) r1→r2)',
      ],
    },
  },
  ])
})

describe('planted bugs in the primary/backup model', () => {
  // The rejecting primary "forgets" to send Undo: every Undo vanishes the moment it is sent.
  const withoutUndo = (s: State): State =>
    s.net.semantics === 'bag' && s.net.inFlight.some((m) => m.type === 'Undo')
      ? { ...s, net: { ...s.net, inFlight: s.net.inFlight.filter((m) => m.type !== 'Undo') } }
      : s
  it('a rejected write left applied at a backup is caught by RejectedWritesUndone', async () => {
    const model = { ...primaryBackup, next: (c: Config, s: State) => primaryBackup.next(c, s).map(([a, t]) => [a, withoutUndo(t)] as const) }
    const spec = defineSpec({ ...(fenced as AnySpec), name: 'no-undo', model, check: ['RejectedWritesUndone'], expect: undefined }) as AnySpec
    const r = await check(spec, { workers: 1 })
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([['RejectedWritesUndone', 'violated']])
  })

  it('refuses a negative fault count (it ran as none, every property vacuous)', async () => {
    await expect(check(sync as AnySpec, { params: { crashes: -1 } })).rejects.toThrow(/^spec primary-backup-sync: crashes, drops and promotions are counts, at least 0 \(crashes -1, drops 0, promotions 1\)$/)
  })
})

describe('planted bugs in the eventual-consistency merge', () => {
  it('keeping the local value on a version-number tie is caught by QuiescentAgreement and QuiescentLastWriterWins', async () => {
    const base = ec as AnySpec
    const config = (p: Record<string, unknown>): EcConfig => ({ ...(base.config as (p: unknown) => EcConfig)(p), merge: 'keep-local-on-tie' })
    const spec = defineSpec({ ...base, name: 'keep-local-on-tie', config, check: ['QuiescentAgreement', 'QuiescentLastWriterWins'], expect: undefined }) as AnySpec
    const r = await check(spec, { workers: 1 })
    expect(r.properties.map((p) => [p.name, p.verdict, p.trace?.steps.length])).toEqual([
      ['QuiescentAgreement', 'violated', 7],
      ['QuiescentLastWriterWins', 'violated', 7],
    ])
  })
})
