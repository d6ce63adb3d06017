/**
 * Narrow levels are expanded on the coordinating thread (`parallel-frontier.ts`), wide ones by the
 * workers; the result must not show which: parity with the sequential BFS whatever the threshold,
 * on random graphs whose levels cross it both ways, with limits, deadlock and decided properties.
 * And a search whose levels are all narrow starts no thread at all (no barrier per level).
 */
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import { closeIdlePools, liveThreads } from '../../src/parallel/pool.ts'
import chainSpec from '../fixtures/chain.ts'
import graphSpec from './fixtures/random-graph.ts'
import { comparable } from './compare.ts'
import { graphOptions, graphParams } from './graph-arbitraries.ts'

const CHAIN_URL = new URL('../fixtures/chain.ts', import.meta.url).href
const GRAPH_URL = new URL('./fixtures/random-graph.ts', import.meta.url).href

describe('narrow levels on the coordinating thread', () => {
  // Earlier test files in this vitest worker (modules are shared: `isolate: false`) may have left
  // pools idle for reuse; these tests count the threads a run leaves behind.
  beforeEach(closeIdlePools)

  it('run a chain without starting a worker thread, with the sequential counts', async () => {
    const params = { max: 20_000 }
    const seq = await check(chainSpec, { workers: 1, params })
    const par = await check(chainSpec, { workers: 2, params, specUrl: CHAIN_URL })
    expect(par.workers).toBe(2)
    expect(comparable(par)).toEqual(comparable(seq))
    expect(par.stats.distinct).toBe(20_001)
    expect(liveThreads()).toBe(0)
  })

  it('give the sequential result whatever the threshold, on random graphs', async () => {
    await fc.assert(
      fc.asyncProperty(
        graphParams,
        graphOptions,
        fc.constantFrom(0, 3, 10, 1000),
        async (params, opts, inlineBelow) => {
          const options: Partial<CheckOptions> = { ...opts, params, specUrl: GRAPH_URL }
          const seq = await check(graphSpec, { ...options, workers: 1 })
          const o = resolveOptions({ ...options, workers: 2 })
          const par = await parallelBfs(prepare(graphSpec, o), o, { pool: 'threads', minSlice: 1, chunkSize: 5, inlineBelow })
          expect(comparable(par)).toEqual(comparable(seq))
        },
      ),
      { numRuns: 30 },
    )
  })
})
