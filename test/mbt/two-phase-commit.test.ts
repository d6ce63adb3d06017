/**
 * Model-based testing of the in-memory 2PC (examples/two-phase-commit) against the TwoPhase.tla
 * port: the correct implementation agrees with the model on random and exhaustive runs; with the
 * planted bug (duplicate votes counted) the bridge fails and reports the shrunk sequence.
 */
import { describe, expect, it } from 'vitest'
import { twoPhaseCommitTarget } from '../../examples/two-phase-commit/mbt-target.ts'
import { ids } from '../../src/index.ts'
import { assertImplementation, assertImplementationExhaustive, checkImplementation, exploreImplementation, ImplementationDivergence, replayActions } from '../../src/mbt/index.ts'

const rms = ids('r', 3)
const correct = () => twoPhaseCommitTarget(rms)
const buggy = () => twoPhaseCommitTarget(rms, { bug: 'count-duplicate-votes' })
const SHORTEST = ['RMPrepare(r1)', 'TMRcvPrepared(r1)', 'TMRcvPrepared(r1)', 'TMRcvPrepared(r1)']

describe('the correct implementation agrees with the model', () => {
  it('on 200 random behaviours', async () => {
    const r = await assertImplementation(correct(), { seed: 7, numRuns: 200 })
    expect(r).toMatchObject({ ok: true, mode: 'random', runs: 200 })
    if (r.ok) expect(r.steps).toBeGreaterThan(1000)
  })

  it('on every transition of the model within depth 11 (the whole graph: 1,146 generated steps)', async () => {
    const r = await assertImplementationExhaustive(correct(), { depth: 11 })
    // 1 run for the initial state, then one per generated step: TLC's 1,146 "generated" counts the
    // initial state too, so 1 + 1,145 transitions.
    expect(r).toMatchObject({ ok: true, mode: 'exhaustive', runs: 1146 })
  })
})

describe('the planted bug is found and shrunk', () => {
  it('random mode reports the shrunk failing action sequence', async () => {
    const r = await checkImplementation(buggy(), { seed: 7, numRuns: 200 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.labels).toEqual(SHORTEST)
    expect(r.step).toBe(4)
    expect(r.differences).toEqual(['canCommit: false → true'])
    expect(r.seed).toBe(7)
    expect(r.originalLength).toBeGreaterThanOrEqual(4)
  })

  it('finds it from any seed, always shrunk to a 3-vote redelivery', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = await checkImplementation(buggy(), { seed, numRuns: 200 })
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.labels).toHaveLength(4)
        expect(r.labels.filter((l) => l.startsWith('TMRcvPrepared'))).toHaveLength(3)
      }
    }
  })

  it('assertImplementation throws the sequence, the difference and how to reproduce it', async () => {
    const err = await assertImplementation(buggy(), { seed: 7, numRuns: 200 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImplementationDivergence)
    expect((err as Error).message).toMatch(
      /^implementation diverges from model two-phase-commit after 4 steps \(shrunk from \d+ steps in \d+ shrinks\):\n  0\. \(initial state\)\n  1\. RMPrepare\(r1\)\n  2\. TMRcvPrepared\(r1\)\n  3\. TMRcvPrepared\(r1\)\n  4\. TMRcvPrepared\(r1\)   ← here\n  model → implementation:\n    canCommit: false → true\nreproduce: checkImplementation\(target, \{ seed: 7, path: '[\d:]+' \}\)/,
    )
  })

  it('the reported sequence replays: it fails on the buggy implementation and passes on the correct one', async () => {
    expect((await replayActions(buggy(), SHORTEST)).ok).toBe(false)
    expect((await replayActions(correct(), SHORTEST)).ok).toBe(true)
    // One vote fewer is not enough to fool the coordinator.
    expect((await replayActions(buggy(), SHORTEST.slice(0, 3))).ok).toBe(true)
  })

  it('the seed and path fast-check reports replay the same failure', async () => {
    const first = await checkImplementation(buggy(), { seed: 7, numRuns: 200 })
    if (first.ok) throw new Error('expected a failure')
    const again = await checkImplementation(buggy(), { seed: 7, path: first.path!, numRuns: 200 })
    expect(again.ok ? [] : again.labels).toEqual(first.labels)
  })

  it('exhaustive mode finds it too (by model-state transitions: a 5-step route, see exhaustive.ts)', async () => {
    const r = await exploreImplementation(buggy(), { depth: 11 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.labels).toEqual(['RMPrepare(r1)', 'TMRcvPrepared(r1)', 'RMPrepare(r2)', 'TMRcvPrepared(r2)', 'TMRcvPrepared(r1)'])
    await expect(assertImplementationExhaustive(buggy(), { depth: 11 })).rejects.toThrow(/diverges from model two-phase-commit after 5 steps/)
  })

  it("exhaustive mode without deduplication finds the shortest sequence", async () => {
    const r = await exploreImplementation(buggy(), { depth: 4, dedupe: 'none' })
    expect(r.ok ? [] : r.labels).toEqual(SHORTEST)
  })
})
