/**
 * DFS against the BFS oracle: run to completion it finds the same distinct and generated counts
 * and the same verdicts on every bundled spec and on random graphs; with a depth bound it covers
 * exactly the states within that many steps (re-expanding a state reached again by a shorter path).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { loadSpecFile, specFiles } from '../../src/cli/load-spec.ts'
import graphSpec from '../parallel/fixtures/random-graph.ts'

const verdicts = (r: Awaited<ReturnType<typeof check>>) => r.properties.map((p) => [p.name, p.verdict])

describe('DFS', () => {
  for (const file of specFiles()) {
    it(`finds the BFS's counts and verdicts on ${file}`, async () => {
      const { spec } = await loadSpecFile(file)
      // The whole state space (when no early stop cuts the BFS short).
      const bfsAll = await check(spec, { workers: 1, deadlock: false })
      const dfsAll = await check(spec, { strategy: 'dfs', deadlock: false })
      if (bfsAll.complete && bfsAll.decidedEarly === false) {
        expect(dfsAll.complete).toBe(true)
        expect(dfsAll.stats.distinct).toBe(bfsAll.stats.distinct)
        expect(dfsAll.stats.total).toBe(bfsAll.stats.total)
      }
      const bfs = await check(spec, { workers: 1 })
      const dfs = await check(spec, { strategy: 'dfs' })
      expect(dfs.strategy).toBe('dfs')
      expect(verdicts(dfs)).toEqual(verdicts(bfs))
    })
  }

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
