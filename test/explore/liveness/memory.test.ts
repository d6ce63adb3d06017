/**
 * The --memory budget covers the liveness graph a liveness property records beside the visited
 * set, on every engine that records it: a budget the visited set alone fits in, but not the set and
 * the graph together, stops the search incomplete (`memory-limit`), saying what the graph took; a
 * budget both fit in changes no count.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../../src/index.ts'
import type { CheckResult } from '../../../src/index.ts'
import { loadSpecFile } from '../../../src/cli/load-spec.ts'
import { resolveOptions } from '../../../src/core/options.ts'
import { prepare } from '../../../src/explore/prepare.ts'
import { livenessRecorder } from '../../../src/explore/liveness/check-liveness.ts'
import { withLiveness } from '../../../src/explore/liveness/with-liveness.ts'
import { parallelBfs } from '../../../src/parallel/parallel-bfs.ts'
import { withOptionNames } from '../../../src/check.ts'

const FILE = 'specs/eventual-consistency-liveness.ts'
/** One write more than the spec's bounds: those (1,549 states since a Sync of the version its
 * replica holds leaves the network) fit 1 MiB with their graph. */
const PARAMS = { writes: 3 }
const MIB = 2 ** 20

/** The parallel engine's BFS as `check` runs it, but with a small table (`minCapacity`) and
 * margin, so a 1 MiB budget holds this spec's visited set; levels narrower than `inlineBelow` on
 * this thread, the others on the workers. The graph's recorder, its verdicts and the options' names as `check` gives them. */
async function parallel(workers: number, memoryMiB: number | undefined, inlineBelow: number): Promise<CheckResult> {
  const { spec, url } = await loadSpecFile(FILE)
  const o = resolveOptions({ workers, specUrl: url, memoryMiB, params: PARAMS })
  const p = prepare(spec, o)
  const config = { pool: 'threads', minCapacity: 1 << 10, successorMargin: 64, minSlice: 1, inlineBelow } as const
  const rec = livenessRecorder(p, o)
  return withOptionNames(await withLiveness(p, o, await parallelBfs(p, o, config, rec), rec.graph), (x) => x)
}

/** Stopped by the budget the graph spent: the visited set alone was within it. */
function stoppedByGraph(r: CheckResult, memoryMiB: number): void {
  expect(r.complete).toBe(false)
  expect(r.stopReason).toBe('memory-limit')
  expect(r.stats.visitedBytes).toBeLessThan(memoryMiB * MIB)
  expect(r.stats.distinct).toBeLessThan(9598)
  expect(r.warnings.join('\n')).toMatch(new RegExp(`^memory limit: memoryMiB ${memoryMiB} MiB held the visited set of [\\d,]+ states and their liveness graph, which took \\d+\\.\\d MiB \\(the budget comes to [\\d.]+ bytes per state in this run\\); raise memoryMiB to search further$`, 'm'))
  expect(r.properties.find((x) => x.name === 'ConvergeOnceWritesStop')?.verdict).toBe('unknown')
}

describe('--memory and the liveness graph', () => {
  it('stops the single-threaded BFS and DFS when the graph spends the budget the visited set fits in', async () => {
    const { spec } = await loadSpecFile(FILE)
    for (const strategy of ['bfs', 'dfs'] as const) stoppedByGraph(await check(spec, { workers: 1, strategy, memoryMiB: 1, params: PARAMS }), 1)
  })

  it('stops the parallel BFS too, with 1 and 2 workers, on narrow and wide levels', async () => {
    for (const workers of [1, 2]) {
      // Every level on this thread, then every level on the workers.
      for (const inlineBelow of [Number.POSITIVE_INFINITY, 0]) {
        const r = await parallel(workers, 1, inlineBelow)
        stoppedByGraph(r, 1)
        // The table was not what filled: its power-of-two advice would mislead.
        expect(r.warnings.join('\n')).not.toMatch(/a table of [\d,]+ slots/)
      }
    }
  })

  it('changes no count where the budget holds both', async () => {
    const { spec } = await loadSpecFile(FILE)
    const counts = (r: CheckResult) => ({ complete: r.complete, distinct: r.stats.distinct, total: r.stats.total, depth: r.stats.depth, properties: r.properties, states: r.liveness?.states, edges: r.liveness?.edges })
    const free = counts(await check(spec, { workers: 1, params: PARAMS }))
    expect(free).toMatchObject({ complete: true, distinct: 9598, total: 41182, depth: 15, states: 9598, edges: 41181 })
    expect(counts(await check(spec, { workers: 1, memoryMiB: 8, params: PARAMS }))).toEqual(free)
    // (The DFS's depth is its stack's.)
    expect(counts(await check(spec, { workers: 1, strategy: 'dfs', memoryMiB: 8, params: PARAMS }))).toEqual(counts(await check(spec, { workers: 1, strategy: 'dfs', params: PARAMS })))
    for (const workers of [1, 2]) for (const inlineBelow of [Number.POSITIVE_INFINITY, 0]) expect(counts(await parallel(workers, 8, inlineBelow))).toEqual(free)
  })
})

describe('--memory, the parallel engine and the liveness graph', () => {
  it('a budget one MiB past the next power-of-two table holds the graph the budget below it held', async () => {
    // With 2 workers the table is 2^21 slots up to 66 MiB and 2^22 from 67 MiB: its columns are
    // allocated whole, but hold only the states found (as the result's visitedBytes counts them).
    const { spec, url } = await loadSpecFile(FILE)
    const free = await check(spec, { workers: 2, specUrl: url })
    for (const memoryMiB of [66, 67]) {
      const r = await check(spec, { workers: 2, specUrl: url, memoryMiB })
      expect(r.stopReason).toBeUndefined()
      expect(r.stats.distinct).toBe(free.stats.distinct)
      expect(r.liveness?.edges).toBe(free.liveness?.edges)
    }
  })
})
