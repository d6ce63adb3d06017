/**
 * Liveness with `--workers N` (the parallel BFS records the graph during its search, as the
 * sequential BFS does: results must equal `--workers 1`), liveness decided in one search, and the
 * checks that keep a view honest.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { check, defineSpec, eventually, weakFair } from '../../../src/index.ts'
import type { AnySpec, Model } from '../../../src/index.ts'
import raftSplitVote from '../../../specs/raft-split-vote.ts'
import ecPartition from '../../../specs/eventual-consistency-liveness-partition.ts'
import countedRings, { calls as ringCalls } from './fixtures/counted-rings.ts'
import { loadSpecFile } from '../../../src/cli/load-spec.ts'

describe('liveness and workers', () => {
  it('gives the same verdicts and lassos with 2 workers as with 1', async () => {
    const specs: [AnySpec, string][] = [
      [raftSplitVote as AnySpec, 'raft-split-vote.ts'],
      [ecPartition as AnySpec, 'eventual-consistency-liveness-partition.ts'],
    ]
    for (const [spec, file] of specs) {
      const specUrl = new URL(`../../../specs/${file}`, import.meta.url).href
      const one = await check(spec, { workers: 1 })
      const two = await check(spec, { workers: 2, specUrl })
      expect(two.workers).toBe(2)
      expect(two.properties).toEqual(one.properties)
      expect(two.liveness?.states).toBe(one.liveness?.states)
      expect(two.liveness?.edges).toBe(one.liveness?.edges)
    }
  })
})

describe('liveness on the fly', () => {
  // A ring of n states, each step to the next; `next` counts its calls.
  const ring = (calls: { n: number }): Model<null, number> => ({
    name: 'ring',
    init: () => [0],
    next: (_c, s) => {
      calls.n++
      return [[{ name: 'Step' }, (s + 1) % 50] as const]
    },
    properties: [eventually('ReachesTen', (_c, s) => s === 10)],
  })
  const spec = (calls: { n: number }): AnySpec =>
    defineSpec({ name: 'ring', model: ring(calls), config: null, fairness: [weakFair('Step')] }) as AnySpec

  it('is decided by one search with the BFS and with DFS (each state expanded once)', async () => {
    const bfs = { n: 0 }
    const one = await check(spec(bfs))
    expect(one.properties.map((p) => p.verdict)).toEqual(['holds'])
    expect(one.liveness?.states).toBe(50)
    expect(bfs.n).toBe(50)
    const dfs = { n: 0 }
    const two = await check(spec(dfs), { strategy: 'dfs' })
    expect(two.properties).toEqual(one.properties)
    expect(two.liveness?.states).toBe(one.liveness?.states)
    expect(two.liveness?.edges).toBe(one.liveness?.edges)
    // The DFS records the graph itself (`DfsRecorder`): no second search. With --max-depth too
    // (a state a bounded DFS expands again is recorded once).
    expect(dfs.n).toBe(50)
    const bounded = { n: 0 }
    const three = await check(spec(bounded), { strategy: 'dfs', maxDepth: 1000 })
    expect(three.properties).toEqual(one.properties)
    expect(bounded.n).toBe(50)
  })

  it('goes on from a checkpoint: a resumed run records the rest of the graph, no second search', async () => {
    // Interrupted after some levels, each level's start checkpointed; resumed on the workers: the
    // uninterrupted verdicts and graph, and this thread expands no state (a second search here
    // would, 1,000 times).
    const specUrl = new URL('./fixtures/counted-rings.ts', import.meta.url).href
    const whole = await check(countedRings as AnySpec, { workers: 1 })
    for (const stopAt of [400, 800]) {
      const dir = mkdtempSync(join(tmpdir(), 'interleave-live-ckpt-'))
      const ac = new AbortController()
      const first = await check(countedRings as AnySpec, {
        workers: 2, specUrl, checkpoint: dir, checkpointIntervalSeconds: 0, signal: ac.signal, progressIntervalMs: 0,
        onProgress: (p) => { if (p.distinct >= stopAt) ac.abort() },
      })
      expect(first.stopReason).toBe('interrupted')
      ringCalls.n = 0
      const resumed = await check(countedRings as AnySpec, { workers: 2, specUrl, resume: dir })
      expect(ringCalls.n).toBe(0)
      expect(resumed.properties).toEqual(whole.properties)
      expect([resumed.liveness?.states, resumed.liveness?.edges]).toEqual([whole.liveness?.states, whole.liveness?.edges])
    }
    // Lassos (a spec with liveness violations, narrow and wide levels), and a view (paxos-net-livelock).
    for (const file of ['three-phase-commit-liveness-partition.ts', 'paxos-net-livelock.ts']) {
      const { spec, url } = await loadSpecFile(`specs/${file}`)
      const one = await check(spec, { workers: 1 })
      for (const stopAt of [1000]) {
        const dir = mkdtempSync(join(tmpdir(), 'interleave-live-ckpt-'))
        const ac = new AbortController()
        await check(spec, { workers: 2, specUrl: url, checkpoint: dir, checkpointIntervalSeconds: 0, signal: ac.signal, progressIntervalMs: 0, onProgress: (p) => { if (p.distinct >= stopAt) ac.abort() } })
        const resumed = await check(spec, { workers: 2, specUrl: url, resume: dir })
        expect(resumed.properties, `${file} from ${stopAt}`).toEqual(one.properties)
        expect([resumed.liveness?.states, resumed.liveness?.edges]).toEqual([one.liveness?.states, one.liveness?.edges])
      }
    }
  })

  it('is decided by one search with worker threads: this thread expands no state', async () => {
    // Every level is 200 states wide, so the workers expand them all; a second, single-threaded
    // search for the liveness graph would call `next` here once per state (1,000 times).
    const specUrl = new URL('./fixtures/counted-rings.ts', import.meta.url).href
    ringCalls.n = 0
    const r = await check(countedRings as AnySpec, { workers: 2, specUrl })
    expect(r.workers).toBe(2)
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds'])
    expect(r.liveness?.states).toBe(1000)
    expect(r.liveness?.edges).toBe(1000)
    expect(ringCalls.n).toBe(0)
  })
})

/** A counter x that grows forever, flipping a bit b; the view keeps only b. */
type S = { readonly x: number; readonly b: boolean }
const counter = (goalReadsX: boolean): Model<null, S> => ({
  name: 'counter',
  init: () => [{ x: 0, b: false }],
  next: (_c, s) => [[{ name: 'Flip' }, { x: s.x + 1, b: !s.b }] as const],
  view: (_c, s) => s.b,
  properties: [eventually('Never', (_c, s) => (goalReadsX ? s.x < 0 : false))],
})
const counterSpec = (goalReadsX: boolean): AnySpec =>
  defineSpec({ name: 'counter', model: counter(goalReadsX), config: null, fairness: [weakFair('Flip')] }) as AnySpec

describe('liveness with a view', () => {
  it('finds the cycle of an ever-growing counter through the view, realised by real states', async () => {
    const r = await check(counterSpec(false))
    const p = r.properties[0]!
    expect(p.verdict).toBe('violated')
    expect(p.trace!.steps.map((s) => s.state)).toEqual([{ x: 0, b: false }, { x: 1, b: true }])
    expect(p.trace!.loopStart).toBe(0)
    expect(p.note).toContain('equal up to the view')
    expect(r.warnings.some((w) => w.includes('with a view'))).toBe(true)
  })

  it('refuses a view that merges states a predicate tells apart', async () => {
    const model: Model<null, S> = { ...counter(false), properties: [eventually('XIsTwo', (_c, s) => s.x === 2)] }
    const spec = defineSpec({ name: 'counter', model, config: null, fairness: [weakFair('Flip')] }) as AnySpec
    await expect(check(spec)).rejects.toThrow(/view is unsound for property XIsTwo/)
  })
})
