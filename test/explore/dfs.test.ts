/**
 * DFS against the BFS oracle: run to completion it finds the same distinct and generated counts
 * and the same verdicts on random graphs (and on every bundled spec, in the one pass over specs/:
 * test/golden/golden.ts); with a depth bound it covers
 * exactly the states within that many steps (re-expanding a state reached again by a shorter path).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
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

  it('keeps one path on the stack, not a level', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit.ts')
    const r = await check(spec, { strategy: 'dfs', params: { rms: 5 } })
    expect(r.stats.distinct).toBe(8832)
    expect(r.stats.total).toBe(58146)
    expect(r.stats.queuePeak).toBeLessThan(40)
  })
})
