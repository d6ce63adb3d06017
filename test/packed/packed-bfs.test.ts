/**
 * The packed BFS against the oracle: on packed 2PC it finds exactly what the plain BFS finds on
 * the same model's decoded interface (counts, per-level counts, coverage, verdicts, traces), and
 * what the plain-data 2PC model finds (TLC's counts, the same states level by level). A broken
 * packed variant gives the plain broken model's shortest counterexample, state for state. Model
 * errors are one-line ModelErrors naming what went wrong.
 */
import { describe, expect, it } from 'vitest'
import { check, defineSpec, ids } from '../../src/index.ts'
import type { AnySpec } from '../../src/index.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { bfs } from '../../src/explore/bfs.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { ModelError } from '../../src/core/errors.ts'
import { LayoutError, edit, packedModel } from '../../src/packed/index.ts'
import { packedModelError } from '../../src/packed/packed-model.ts'
import { definition } from '../../models/two-phase-commit-packed.ts'
import { earlyCommit } from './fixtures/early-commit.ts'
import { twoPhaseCommitPacked } from '../../models/two-phase-commit-packed.ts'
import { twoPhaseCommit } from '../../models/two-phase-commit.ts'
import { twoPhaseCommitEarlyCommit } from '../../models/two-phase-commit-early-commit.ts'

const spec = (model: AnySpec['model'], rms: number, name = model.name): AnySpec =>
  defineSpec({ name, model, params: { rms }, config: (p) => ({ rms: ids('r', p.rms as number) }) }) as AnySpec

/** The plain BFS (the oracle) on a spec, bypassing the packed fast path. */
const oracle = (s: AnySpec) => {
  const o = resolveOptions({ workers: 1 })
  return bfs(prepare(s, o), o)
}

const summary = (r: Awaited<ReturnType<typeof check>>) => ({
  distinct: r.stats.distinct,
  total: r.stats.total,
  depth: r.stats.depth,
  levels: r.stats.levels,
  verdicts: r.properties.map((p) => [p.name, p.verdict]),
  traces: r.properties.map((p) => p.trace?.steps),
  coverage: r.coverage,
})

describe('packed BFS', () => {
  for (const rms of [1, 2, 3, 4, 5]) {
    it(`equals the plain BFS on the same packed model, ${rms} RMs`, async () => {
      const s = spec(twoPhaseCommitPacked, rms)
      const packed = await check(s, { workers: 1 })
      const plain = await oracle(s)
      expect(summary(packed)).toEqual(summary(plain))
    })
  }

  it("finds the plain 2PC model's states level by level, and TLC's counts (RM = 5)", async () => {
    const packed = await check(spec(twoPhaseCommitPacked, 5), { workers: 1 })
    const plain = await check(spec(twoPhaseCommit, 5), { workers: 1 })
    expect([packed.stats.distinct, packed.stats.total, packed.stats.depth]).toEqual([8832, 58146, 17])
    expect(packed.stats.levels).toEqual(plain.stats.levels)
    const verdict = (r: typeof plain, n: string) => r.properties.find((p) => p.name === n)?.verdict
    for (const n of ['TCConsistent', 'TMDecisionSent', 'AllCommitted', 'AllAborted']) expect(verdict(packed, n)).toBe(verdict(plain, n))
  })

  it("reports the broken variant's shortest counterexample, the same as the plain broken model's", async () => {
    const packed = await check(spec(earlyCommit, 3), { workers: 1 })
    const plain = await check(spec(twoPhaseCommitEarlyCommit, 3), { workers: 1 })
    const trace = (r: typeof plain) => r.properties.find((p) => p.name === 'TCConsistent')!
    expect(trace(packed).verdict).toBe('violated')
    expect(trace(packed).trace!.steps).toEqual(trace(plain).trace!.steps)
    expect(trace(packed).trace!.steps).toHaveLength(8)
  })

  it('stops at --max-states and --max-depth as the plain BFS does', async () => {
    const s = spec(twoPhaseCommitPacked, 4)
    for (const o of [{ maxStates: 100 }, { maxDepth: 5 }]) {
      const packed = await check(s, { workers: 1, ...o })
      const plain = await bfs(prepare(s, resolveOptions({ workers: 1, ...o })), resolveOptions({ workers: 1, ...o }))
      expect(packed.complete).toBe(false)
      expect(summary(packed)).toEqual(summary(plain))
      expect(packed.stopReason).toBe(plain.stopReason)
    }
  })

  it('names an action that writes into its input state', async () => {
    const bad = packedModel({
      ...definition,
      name: 'writes-input',
      next: (k, s, out) => {
        out.add(0, 0, null)
        if (k.tmState.get(s) === 'init') k.tmState.set(s, 'aborted')
        out.add(1, 0, null)
      },
    })
    await expect(check(spec(bad, 2), { workers: 1 })).rejects.toThrow(/model writes-input: .*action TMAbort wrote into its input state/)
  })

  it('turns a value outside the layout into a one-line ModelError naming the field and function', async () => {
    const bad = packedModel({
      ...definition,
      name: 'outside',
      next: function badNext(k, s, out) {
        const t = edit(s)
        k.tmState.set(t, 'prepared' as 'init')
        out.add(0, 0, t)
      },
    })
    const err = await check(spec(bad, 2), { workers: 1 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ModelError)
    expect((err as Error).message).toMatch(/^model outside: next wrote a value outside its layout: tmState: "prepared" is not in its domain at \S*badNext/)
    expect((err as Error).message).not.toContain('\n')
  })

  it("says the same of a LayoutError from another copy of layout.ts (a CommonJS spec's, which said 'next threw')", async () => {
    // A query makes it another module (and tsc does not resolve it), as a CommonJS spec's copy is.
    const copy = '../../src/packed/layout.ts?second-copy'
    const other = (await import(copy)) as typeof import('../../src/packed/layout.ts')
    expect(other.LayoutError).not.toBe(LayoutError)
    expect(packedModelError('outside', new other.LayoutError('tmState: "prepared" is not in its domain')).message).toMatch(/^model outside: next wrote a value outside its layout: tmState: "prepared" is not in its domain( at |$)/)
  })
})
