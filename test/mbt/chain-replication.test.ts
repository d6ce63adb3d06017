/**
 * Model-based testing of the in-memory chain replication (examples/chain-replication) against
 * models/chain-replication.ts at specs/chain-replication-crash.ts's bounds (3 servers, 2 writes,
 * 1 read, 1 crash): the correct implementation agrees with the model; with the planted bug (a new
 * tail that forgets to acknowledge its pending writes) the bridge fails and shrinks the run to the
 * six steps that reach it.
 */
import { describe, expect, it } from 'vitest'
import { chainTarget } from '../../examples/chain-replication/mbt-target.ts'
import { assertImplementation, checkImplementation, exploreImplementation, replayActions } from 'interleave/mbt'

const SHORTEST = ['Write(c)', 'Deliver(Write(1) c→s1)', 'Deliver(Update(0, 1) s1→s2)', 'Crash(s3)', 'Remove(m, s3)', 'Reconnect(s2)']

describe('the in-memory chain agrees with the model', () => {
  it('on 100 random behaviours of up to 30 steps', async () => {
    const r = await assertImplementation(chainTarget(), { seed: 1, numRuns: 100, maxSteps: 30 })
    expect(r).toMatchObject({ ok: true, mode: 'random', runs: 100 })
  })

  it('on every model transition within 6 steps', async () => {
    const r = await exploreImplementation(chainTarget(), { depth: 6 })
    expect(r.ok).toBe(true)
  })
})

describe('a new tail that forgets to acknowledge its pending writes', () => {
  const buggy = () => chainTarget({ newTailForgetsAcks: true })

  it('is found by random runs and shrunk to the six steps that reach it', async () => {
    const r = await checkImplementation(buggy(), { seed: 1, numRuns: 200, maxSteps: 30 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.labels).toHaveLength(6)
    expect(r.labels.at(-1)).toBe('Reconnect(s2)')
    expect(r.differences).toEqual(['inFlight["s2→c"]: [{from: s2, to: c, type: WriteAck, v: 1}] → (none)'])
  })

  it('is found by the exhaustive run at its shortest, which replays on the buggy code only', async () => {
    const r = await exploreImplementation(buggy(), { depth: 6 })
    expect(r.ok ? [] : r.labels).toEqual(SHORTEST)
    expect((await replayActions(buggy(), SHORTEST)).ok).toBe(false)
    expect((await replayActions(chainTarget(), SHORTEST)).ok).toBe(true)
  })
})
