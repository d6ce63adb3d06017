/** The curated counterexamples under traces/examples/ still replay on today's models and still
 * violate their property. */
import { describe, expect, it } from 'vitest'
import { expectTrace } from '../../../src/testing/index.ts'

describe('curated consensus counterexamples', () => {
  it('Raft Figure 8: committing an earlier-term entry by counting replicas', async () => {
    const outcome = await expectTrace('traces/examples/raft-figure8.itf.json').toReproduce()
    expect(outcome.kind).toBe('reproduces')
  })

  it('Paxos lost promise: an acceptor forgets its promise on restart', async () => {
    const outcome = await expectTrace('traces/examples/paxos-lost-promise.itf.json').toReproduce()
    expect(outcome.kind).toBe('reproduces')
  })
})
