/**
 * DFS against the BFS oracle: run to completion it finds the same distinct and generated counts
 * and the same verdicts on random graphs (and on every bundled spec, in the one pass over specs/:
 * test/golden/golden.ts); with a depth bound it covers
 * exactly the states within that many steps (re-expanding a state reached again by a shorter path).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import type { AnySpec, Model } from '../../src/index.ts'
import { compareExpectation, comparisonScope } from '../../src/core/expect.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import graphSpec from '../parallel/fixtures/random-graph.ts'

describe('DFS', () => {
  it('asked for several workers, runs on one thread and says so (worker threads serve the BFS)', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit.ts')
    const dfs = await check(spec, { strategy: 'dfs', workers: 2 })
    expect(dfs.stats.distinct).toBe(288)
    expect(dfs.warnings).toContain('workers 2 is for the BFS: the DFS ran on one thread')
    expect((await check(spec, { strategy: 'simulate', workers: 2, traces: 3 })).warnings).toContain('workers 2 is for the BFS: the simulation ran on one thread')
    expect((await check(spec, { strategy: 'dfs' })).warnings.some((w) => w.includes('is for the BFS'))).toBe(false)
  })

  it('gives replayable counterexamples (not the shortest)', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit-early-commit.ts')
    const bfs = await check(spec, { workers: 1 })
    const dfs = await check(spec, { strategy: 'dfs' })
    for (const p of dfs.properties.filter((x) => x.verdict === 'violated' && x.trace)) {
      const shortest = bfs.properties.find((x) => x.name === p.name)!.trace!.steps.length
      expect(p.trace!.steps.length).toBeGreaterThanOrEqual(shortest)
    }
  })

  it('with --max-depth covers exactly the states within the bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 2, max: 200 }),
        fc.integer({ min: 1, max: 8 }),
        async (seed, nodes, maxDepth) => {
          const params = { seed, nodes, fanout: 2, inits: 2, bad: 0, frozen: 3 }
          const bfs = await check(graphSpec, { workers: 1, params, maxDepth, properties: ['Small'] })
          const dfs = await check(graphSpec, { strategy: 'dfs', params, maxDepth, properties: ['Small'] })
          expect(dfs.stats.distinct).toBe(bfs.stats.distinct)
          expect(dfs.complete).toBe(bfs.complete)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('with a depth bound, does not expand again a state met again at the same depth', async () => {
    // Three flags, each set once: every path to a state has one length (its flags set), so the
    // bounded DFS meets each state first at its shortest depth and expands it once, as the BFS
    // does: the same generated count. (A DFS that re-expanded states met again at an equal depth
    // gave the same states and verdicts, with more steps: an engine mutant that survived.)
    type Flags = { readonly a: boolean; readonly b: boolean; readonly c: boolean }
    const keys = ['a', 'b', 'c'] as const
    const flags: Model<null, Flags, { readonly name: string }> = {
      name: 'flags',
      init: () => [{ a: false, b: false, c: false }],
      next: (_c, s) => keys.filter((k) => !s[k]).map((k) => [{ name: `Set${k}` }, { ...s, [k]: true }] as const),
      properties: [always('Any', () => true)],
    }
    const spec = defineSpec({ name: 'flags', model: flags, config: null })
    for (const maxDepth of [3, 4, 10]) {
      const bfs = await check(spec, { workers: 1, maxDepth })
      const dfs = await check(spec, { strategy: 'dfs', maxDepth })
      expect([dfs.stats.distinct, dfs.stats.total], `maxDepth ${maxDepth}`).toEqual([bfs.stats.distinct, bfs.stats.total])
    }
  })

  it('keeps one path on the stack, not a level', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit.ts')
    const r = await check(spec, { strategy: 'dfs', params: { rms: 5 } })
    expect(r.stats.distinct).toBe(8832)
    expect(r.stats.total).toBe(58146)
    expect(r.stats.queuePeak).toBeLessThan(40)
  })

  /** A spec with the counts of its own BFS pinned, and what a run with `o` is held to. */
  const pinned = async (base: AnySpec, o: Partial<CheckOptions>) => {
    const bfs = await check(base)
    const violated = Object.fromEntries(bfs.properties.filter((p) => p.verdict === 'violated').map((p) => [p.name, {}]))
    const spec = { ...base, expect: { distinct: bfs.stats.distinct, total: bfs.stats.total, depth: bfs.stats.depth, violated } } as AnySpec
    const r = await check(spec, o)
    const scope = comparisonScope(spec, o)
    const report = compareExpectation(spec.expect, r, { compareCounts: scope.counts, wholeCountsOnly: scope.wholeCountsOnly, distinctOnly: scope.distinctOnly })
    return { bfs, r, report }
  }
  type At = { readonly at: string }
  const graph = (name: string, edges: Readonly<Record<string, readonly string[]>>): Model<null, At> => ({
    name,
    init: () => [{ at: 'I' }],
    next: (_c, s) => (edges[s.at] ?? []).map((t) => [{ name: `To${t}` }, { at: t }] as const),
    properties: [],
  })

  it('stops once every property is decided, a deadlock found last included (as the BFS, whose counts it is held to)', async () => {
    // A is a deadlock, the only property; the DFS meets it after B, C, D. It ran on to the end
    // (nothing new followed): 5 states where the BFS stopped at 4, "expectation not met".
    const spec = defineSpec({ name: 'dead-end', model: graph('dead-end', { I: ['B', 'A'], A: [], B: ['C'], C: ['D'], D: ['B'] }), config: null, deadlock: true }) as AnySpec
    const { bfs, r, report } = await pinned(spec, { strategy: 'dfs' })
    expect([bfs.decidedEarly, bfs.stats.distinct]).toEqual([true, 4])
    expect(r.properties.map((p) => p.verdict)).toEqual(['violated'])
    expect(r.decidedEarly).toBe(true)
    expect(report).toMatchObject({ ok: true, countsCompared: false })
  })

  it('with a depth bound that cuts nothing: the distinct count, not the generated one (a state reached again by a shorter path is expanded again)', async () => {
    const spec = defineSpec({ name: 'shortcut', model: { ...graph('shortcut', { I: ['A', 'C'], A: ['B'], B: ['C'], C: ['D'] }), properties: [always('Ok', () => true)] }, config: null }) as AnySpec
    const { bfs, r, report } = await pinned(spec, { strategy: 'dfs', maxDepth: 10 })
    expect([r.complete, r.stats.distinct, r.stats.total, bfs.stats.total]).toEqual([true, 5, 7, 6])
    expect(report).toMatchObject({ ok: true, countsCompared: true, totalSkipped: 'strategy dfs with a depth bound' })
    // Without the bound, both.
    expect((await pinned(spec, { strategy: 'dfs' })).report).toEqual(expect.objectContaining({ ok: true, countsCompared: true }))
    expect((await pinned(spec, { strategy: 'dfs' })).report.totalSkipped).toBeUndefined()
  })

  it('with a view: the distinct count, not the generated one (two states with one view may have different numbers of steps)', async () => {
    // n to 4; h records the path and the view drops it. From h = 1 one more action reaches the
    // same n: a bisimulation (every property and step agrees up to the view, --debug passes), but
    // the BFS meets n = 2 with h = 0 first, the DFS with h = 1.
    type S = { readonly n: number; readonly h: number }
    const model: Model<null, S> = {
      name: 'paths',
      init: () => [{ n: 0, h: 0 }],
      next: (_c, s) => {
        if (s.n === 0) return [[{ name: 'Long' }, { n: 1, h: 1 }], [{ name: 'Short' }, { n: 2, h: 0 }]]
        if (s.n >= 4) return []
        const out: [{ name: string }, S][] = [[{ name: 'Inc' }, { n: s.n + 1, h: s.h }]]
        if (s.h === 1) out.push([{ name: 'IncToo' }, { n: s.n + 1, h: 0 }])
        return out
      },
      view: (_c, s) => s.n,
      properties: [always('Ok', () => true)],
    }
    const spec = defineSpec({ name: 'paths', model, config: null }) as AnySpec
    const { bfs, r, report } = await pinned(spec, { strategy: 'dfs', debug: true })
    expect([r.stats.distinct, r.stats.total, bfs.stats.total]).toEqual([5, 9, 7])
    expect(report).toMatchObject({ ok: true, countsCompared: true, totalSkipped: 'strategy dfs with a view' })
  })
})
