/**
 * The DFS records the liveness graph during its own search (`dfs-recorder.ts`), rebuilt in BFS
 * order at the end: it must be the BFS's graph column for column (node order, edges, labels,
 * parent tree), so verdicts and lassos are the BFS's. Random graphs with liveness (the parallel
 * tests' fixture: a constraint, a view with edges to a state's own key, several initial states).
 * Every spec in specs/ with a liveness property is compared in the one pass over specs/
 * (test/golden/golden.ts: the DFS's liveness results, lassos included, and graph size).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check } from '../../../src/check.ts'
import { resolveOptions } from '../../../src/core/options.ts'
import type { CheckOptions } from '../../../src/core/options.ts'
import { bfs } from '../../../src/explore/bfs.ts'
import { dfs } from '../../../src/explore/dfs.ts'
import { checkLiveness, livenessRecorder } from '../../../src/explore/liveness/check-liveness.ts'
import { DfsRecorder } from '../../../src/explore/liveness/dfs-recorder.ts'
import { prepare } from '../../../src/explore/prepare.ts'
import { VisitedSet } from '../../../src/explore/visited-set.ts'
import liveGraph from '../../parallel/fixtures/live-graph.ts'
import { liveGraphParams as params } from '../../parallel/graph-arbitraries.ts'
import { dumpGraph } from './dump-graph.ts'

async function both(options: Partial<CheckOptions>) {
  const o = resolveOptions(options)
  const p1 = prepare(liveGraph, o)
  const r1 = livenessRecorder(p1)
  const seq = await bfs(p1, o, r1)
  const p2 = prepare(liveGraph, resolveOptions({ ...options, strategy: 'dfs' }))
  const r2 = new DfsRecorder(livenessRecorder(p2), new VisitedSet())
  const deep = await dfs(p2, o, r2)
  return { seq, deep, g1: r1.graph, g2: r2.graph, p1, p2, o }
}


describe('the DFS records the liveness graph as the BFS does', () => {
  it('on random graphs: the same graph, column for column, and the same verdicts and lassos', async () => {
    await fc.assert(
      fc.asyncProperty(params, fc.boolean(), async (ps, deadlock) => {
        const { seq, deep, g1, g2, p1, p2, o } = await both({ params: ps, deadlock })
        expect(deep.stats.distinct).toBe(seq.stats.distinct)
        expect(deep.stats.total).toBe(seq.stats.total)
        if (!g2) throw new Error('a complete DFS recorded no graph')
        expect(dumpGraph(g2)).toEqual(dumpGraph(g1))
        const l1 = await checkLiveness(p1, o, g1)
        const l2 = await checkLiveness(p2, o, g2)
        expect(l2.properties).toEqual(l1.properties)
        expect(l2.warnings).toEqual(l1.warnings)
      }),
      { numRuns: 60 },
    )
  })

  it('with --max-depth, past the deepest state: the same graph, though states are expanded again', async () => {
    let again = 0
    await fc.assert(
      fc.asyncProperty(params, async (ps) => {
        const full = await both({ params: ps })
        // The bound past the BFS depth: the search is complete, and a state the DFS met deep first
        // is expanded again from a shorter path (more steps generated than the BFS's).
        const { deep, g1, g2 } = await both({ params: ps, maxDepth: full.seq.stats.depth + 1 })
        expect([deep.complete, deep.stats.distinct]).toEqual([true, full.seq.stats.distinct])
        if (deep.stats.total > full.seq.stats.total) again++
        if (!g2) throw new Error('a complete bounded DFS recorded no graph')
        expect(dumpGraph(g2)).toEqual(dumpGraph(g1))
      }),
      { numRuns: 40 },
    )
    expect(again, 'some drawn graphs had states expanded twice').toBeGreaterThan(0)
    // One bound too short: incomplete, nothing recorded, liveness unknown.
    const ps = { seed: 3, nodes: 300, fanout: 3, inits: 2, bad: 0, frozen: 0, turns: 3, view: 1, kind: 1 }
    const depth = (await both({ params: ps })).seq.stats.depth
    const cut = await both({ params: ps, maxDepth: depth })
    expect([cut.deep.stopReason, cut.g2]).toEqual(['max-depth', undefined])
    // Through check(): the BFS's liveness verdicts, from the graph the bounded DFS recorded.
    const verdicts = (r: Awaited<ReturnType<typeof check>>) => r.properties.map((p) => [p.name, p.verdict])
    const r = await check(liveGraph, { params: ps, maxDepth: depth + 1, strategy: 'dfs' })
    expect([r.complete, verdicts(r)]).toEqual([true, verdicts(await check(liveGraph, { params: ps }))])
  })

  it('records nothing when the search stops (liveness is then unknown)', async () => {
    const ps = { seed: 3, nodes: 300, fanout: 3, inits: 2, bad: 0, frozen: 0, turns: 3, view: 1, kind: 1 }
    const { deep, g2 } = await both({ params: ps, maxStates: 50 })
    expect(deep.stopReason).toBe('max-states')
    expect(g2).toBeUndefined()
    const r = await check(liveGraph, { params: ps, maxStates: 50, strategy: 'dfs' })
    expect(r.properties.filter((p) => p.kind !== 'always').map((p) => p.verdict)).toEqual(['unknown', 'unknown', 'unknown'])
  })

  it('refuses an unsound view as the BFS does', async () => {
    const ps = { seed: 5, nodes: 100, fanout: 3, inits: 1, bad: 0, frozen: 0, turns: 30, view: 1, kind: 3 }
    await expect(check(liveGraph, { params: ps, strategy: 'dfs' })).rejects.toThrow(/view is unsound for property Eventually/)
  })
})
