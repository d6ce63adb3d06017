/**
 * The parallel BFS records the liveness graph during its own search (`record-graph.ts`): the graph
 * must be the sequential BFS's, column for column (nodes in the same order, the same edges, labels,
 * parent tree), so that verdicts and lassos are the same with any number of workers. Random graphs
 * with liveness, split into one-state tasks so that workers interleave inside a level, with and
 * without narrow levels on the coordinating thread, a constraint, and a view that makes steps to a
 * state's own key (edges to itself) and checks every state met again.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../src/core/options.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { bfs } from '../../src/explore/bfs.ts'
import { checkLiveness, livenessRecorder } from '../../src/explore/liveness/check-liveness.ts'
import { dumpGraph as dump } from '../explore/liveness/dump-graph.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import type { ParallelConfig } from '../../src/parallel/parallel-bfs.ts'
import liveGraph from './fixtures/live-graph.ts'
import { liveGraphParams as params } from './graph-arbitraries.ts'
import { comparable } from './compare.ts'

const URL_ = new URL('./fixtures/live-graph.ts', import.meta.url).href

async function both(options: Partial<CheckOptions>, workers: number, config: ParallelConfig) {
  const o1 = resolveOptions({ ...options, workers: 1 })
  const p1 = prepare(liveGraph, o1)
  const r1 = livenessRecorder(p1)
  const seq = await bfs(p1, o1, r1)
  const o2 = resolveOptions({ ...options, workers, specUrl: URL_ })
  const p2 = prepare(liveGraph, o2)
  const r2 = livenessRecorder(p2)
  const par = await parallelBfs(p2, o2, config, r2)
  return { seq, par, g1: r1.graph, g2: r2.graph, p1, p2, o1, o2 }
}


describe('the parallel BFS records the liveness graph as the sequential BFS does', () => {
  it('on random graphs: the same graph, column for column, and the same verdicts and lassos', async () => {
    await fc.assert(
      fc.asyncProperty(params, fc.constantFrom(1, 2, 3), fc.constantFrom(0, 4), fc.boolean(), async (ps, workers, inlineBelow, deadlock) => {
        const { seq, par, g1, g2, p1, p2, o1, o2 } = await both({ params: ps, deadlock }, workers, { pool: 'threads', minSlice: 1, chunkSize: 5, inlineBelow })
        expect(comparable(par)).toEqual(comparable(seq))
        expect(dump(g2)).toEqual(dump(g1))
        const l1 = await checkLiveness(p1, o1, g1)
        const l2 = await checkLiveness(p2, o2, g2)
        expect(l2.properties).toEqual(l1.properties)
        expect(l2.warnings).toEqual(l1.warnings)
      }),
      { numRuns: 30 },
    )
  })

  it('while the visited set grows (slices stopped and resumed) in the middle of levels', async () => {
    const ps = { seed: 11, nodes: 8000, fanout: 4, inits: 3, bad: 0, frozen: 20, turns: 300, view: 1, kind: 2 }
    const { seq, par, g1, g2 } = await both({ params: ps }, 2, { pool: 'threads', minCapacity: 1 << 12, successorMargin: 64, minSlice: 16 })
    expect(seq.stats.distinct).toBeGreaterThan(1 << 12)
    expect(comparable(par)).toEqual(comparable(seq))
    expect(dump(g2)).toEqual(dump(g1))
  })

  it('goes on once the safety properties are decided, as the sequential BFS does with liveness', async () => {
    // NotBad is violated early; the graph still needs every state.
    const ps = { seed: 7, nodes: 200, fanout: 3, inits: 2, bad: 2, frozen: 0, turns: 3, view: 0, kind: 0 }
    const { seq, par, g1, g2 } = await both({ params: ps, deadlock: false }, 2, { pool: 'threads', minSlice: 1, inlineBelow: 0 })
    expect(seq.properties.find((p) => p.name === 'NotBad')?.verdict).toBe('violated')
    expect(par.complete).toBe(true)
    expect(comparable(par)).toEqual(comparable(seq))
    expect(dump(g2)).toEqual(dump(g1))
  })

  it('stops at max states where the sequential BFS does: the graph is incomplete', async () => {
    const ps = { seed: 3, nodes: 300, fanout: 3, inits: 2, bad: 0, frozen: 0, turns: 3, view: 1, kind: 1 }
    for (const maxStates of [1, 50, 120]) {
      const { seq, par, g1, g2 } = await both({ params: ps, maxStates }, 2, { pool: 'threads', minSlice: 1, inlineBelow: 0 })
      expect(comparable(par)).toEqual(comparable(seq))
      expect(g1.stopReason).toBe('max-states')
      expect(g2.stopReason).toBe('max-states')
    }
  })

  it('refuses an unsound view as the sequential BFS does, from a worker thread', async () => {
    // The goal reads the lap, which the view hides: two states with one key disagree on it.
    const ps = { seed: 5, nodes: 100, fanout: 3, inits: 1, bad: 0, frozen: 0, turns: 30, view: 1, kind: 3 }
    const message = /view is unsound for property Eventually/
    await expect(both({ params: ps }, 1, { pool: 'threads' })).rejects.toThrow(message)
    const o = resolveOptions({ params: ps, workers: 2, specUrl: URL_ })
    const p = prepare(liveGraph, o)
    await expect(parallelBfs(p, o, { pool: 'threads', minSlice: 1, inlineBelow: 0 }, livenessRecorder(p))).rejects.toThrow(message)
  })
})
