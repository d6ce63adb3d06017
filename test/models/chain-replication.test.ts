/**
 * Chain replication (models/chain-replication.ts), tested the way the README tells a user to: the
 * crash spec against its expect block with what its lasso shows, safety alone under message
 * loss, the crash spec's counts with --por, and the bugs' counterexamples step by step. (Each
 * spec's own expect block and snapshot are the golden suite's: not run again here.) Bounded by
 * states: the largest run is chain-replication-crash, 12,744 states.
 */
import { describe, expect, it } from 'vitest'
import { actionLabel } from 'interleave'
import type { PropertyResult } from 'interleave'
import { expectSpec } from 'interleave/testing'
import crash from '../../specs/chain-replication-crash.ts'
import headAcks from '../../specs/chain-replication-head-acks.ts'
import readAtHead from '../../specs/chain-replication-read-at-head.ts'
import lossy from '../../specs/chain-replication-lossy.ts'

/** A counterexample's step labels, as the text trace prints them (the initial state left out). */
const labels = (p: PropertyResult): string[] => (p.trace?.steps ?? []).flatMap((s) => (s.action === null ? [] : [actionLabel(s.action)]))

const SAFETY = ['UpdatePropagation', 'ReadsSeeAckedWrites', 'ReadsReturnCommittedWrites', 'AckedWritesInChain']

describe('chain replication', () => {
  it('keeps safety through a crash and a reconfiguration; only a crashed head loses writes', async ({ signal }) => {
    const r = await expectSpec(crash, { signal }).toMatchExpectation({ requireCounts: true })
    expect(r.properties.find((p) => p.name === 'AllWritesAckedUnlessHeadCrashed')?.verdict).toBe('holds')
    // Every Sent empties: a server tells a new predecessor what is at the tail (without it, the
    // Acks sent to a crashed middle server were lost and its predecessor's Sent never emptied).
    expect(r.properties.find((p) => p.name === 'SentDrained')?.verdict).toBe('holds')
    const lasso = r.properties.find((p) => p.name === 'AllWritesAcked')
    expect(lasso?.trace?.loopStart).toBe(8)
    expect(labels(lasso as PropertyResult)).toContain('Crash(s1)')
  })

  it('a lost message stalls the chain but breaks no safety property', async ({ signal }) => {
    await expectSpec(lossy, { signal, properties: SAFETY }).toHold()
  })

  it('partial-order reduction finds the same states on the crash spec, by fewer steps', async ({ signal }) => {
    await expectSpec(crash, { signal, por: true, properties: SAFETY }).toHaveStates({ distinct: 12744, total: 29256, depth: 23 })
  })
})

describe('the planted bugs are caught', () => {
  it('a head that acknowledges before the tail: a read at the tail misses an acknowledged write', async ({ signal }) => {
    const p = await expectSpec(headAcks, { signal, properties: ['ReadsSeeAckedWrites'] }).toViolate('ReadsSeeAckedWrites', { length: 7 })
    expect(labels(p)).toEqual([
      'Write(c)',
      'Deliver(Write(1) c→s1)',
      'Deliver(WriteAck(1) s1→c)',
      'Read(c)',
      'Deliver(Read(0) c→s3)',
      'Deliver(ReadReply([], 0) s3→c)',
    ])
  })

  it('reads served by the head return a write the chain has not committed', async ({ signal }) => {
    await expectSpec(readAtHead, { signal, properties: ['ReadsReturnCommittedWrites'] }).toViolate('ReadsReturnCommittedWrites', { length: 6 })
  })
})
