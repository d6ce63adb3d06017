/**
 * Worker failure and interruption: a model that throws inside a worker, or a worker thread that
 * dies, ends the run with a clear model error (exit 2 in the CLI) naming what it was doing, without
 * hanging and without leaving threads behind; aborting the signal (SIGINT) stops every worker and
 * returns the partial statistics, marked incomplete.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { ModelError } from '../../src/core/errors.ts'
import { closeIdlePools, liveThreads } from '../../src/parallel/pool.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import spec from './fixtures/faulty.ts'

const specUrl = new URL('./fixtures/faulty.ts', import.meta.url).href

/** Every level on the worker threads, however narrow (check() expands narrow ones on this thread). */
function onWorkers(params: Record<string, string | number>, stepTimeoutSeconds = 60) {
  const o = resolveOptions({ workers: 2, specUrl, params, stepTimeoutSeconds })
  return parallelBfs(prepare(spec, o), o, { pool: 'threads', inlineBelow: 0 })
}

describe('parallel BFS under failure', () => {
  // Earlier test files in this vitest worker (modules are shared: `isolate: false`) may have left
  // pools idle for reuse; these tests count the threads a run leaves behind.
  beforeEach(closeIdlePools)

  it('reports a model that throws inside a worker, naming the action function and the state', async () => {
    const run = onWorkers({ fault: 'throw', at: 9 })
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/next threw: boom at 9 \(at double \(.*faulty\.ts:\d+\)\)[\s\S]*in state \{"x":9\}/)
    expect(liveThreads()).toBe(0)
  })

  it('a model that writes into its state: the error names the action (found on a copy of the state as it was: the written one no longer enables it), and no state', async () => {
    const run = onWorkers({ fault: 'mutate', at: 9 })
    await expect(run).rejects.toThrow(/^model faulty: next mutated a state \(states are immutable\): .*\(at double \(.*faulty\.ts:\d+\)\)$/)
    expect(liveThreads()).toBe(0)
  })

  it('reports it the same way from a narrow level expanded on the coordinating thread', async () => {
    const run = check(spec, { workers: 2, specUrl, params: { fault: 'throw', at: 9 } })
    await expect(run).rejects.toThrow(/next threw: boom at 9 \(at double \(.*faulty\.ts:\d+\)\)[\s\S]*in state \{"x":9\}/)
  })

  it('gives the same one line on one thread, by BFS, DFS and simulation, as on the workers', async () => {
    const line = /^model faulty: next threw: boom at 9 \(at double \(.*faulty\.ts:\d+\)\), in state \{"x":9\}$/
    for (const strategy of ['bfs', 'dfs', 'simulate'] as const) {
      await expect(check(spec, { workers: 1, strategy, params: { fault: 'throw', at: 9 } }), strategy).rejects.toThrow(line)
    }
    await expect(onWorkers({ fault: 'throw', at: 9 })).rejects.toThrow(line)
  })

  it('reports a constraint that throws inside a worker in the one line the sequential search gives', async () => {
    // (The workers' sink wrapped the spec's own message a second time, before it was the one sink.)
    const line = /^spec faulty: constraint threw: cut at 9 \(at .*faulty\.ts:\d+\)\), in state \{"x":9\}$/
    await expect(check(spec, { workers: 1, params: { fault: 'constraint', at: 9 } })).rejects.toThrow(line)
    await expect(onWorkers({ fault: 'constraint', at: 9 })).rejects.toThrow(line)
    expect(liveThreads()).toBe(0)
  })

  it('reports a property that throws inside a worker, naming the property and the state', async () => {
    const run = onWorkers({ fault: 'property', at: 9 })
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/^model faulty: property Bounded threw: fragile at 9 \(at .*faulty\.ts:\d+\)\), in state \{"x":9\}$/)
    expect(liveThreads()).toBe(0)
  })

  it('reports a worker thread that dies, with the state it was expanding', async () => {
    const run = onWorkers({ fault: 'exit', at: 9 })
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/worker thread \d of 2 exited \(code 7\).*while expanding (state|one of \d+ states, the first) \{"x":\d+\}/)
    expect(liveThreads()).toBe(0)
  })

  it('reports a model step that never returns inside a worker, naming the slice, and ends the thread', async () => {
    const run = onWorkers({ fault: 'loop', at: 9 }, 1)
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/^model faulty: no worker thread returned a slice for 1 s, the oldest out holding (state|one of \d+ states, the first) \{"x":\d+\} \(an action, a property or the constraint that never returns\?\); stepTimeoutSeconds S sets the limit$/)
    expect(liveThreads()).toBe(0)
  })

  it('reports it on the coordinating thread too (a narrow level), naming the state', async () => {
    const run = check(spec, { workers: 2, specUrl, params: { fault: 'loop', at: 9 }, stepTimeoutSeconds: 1 })
    await expect(run).rejects.toThrow(/^model faulty: a step did not return within 1 s, expanding \{"x":9\} /)
    expect(liveThreads()).toBe(0)
  })

  it('stops every worker on interrupt and returns partial statistics, marked incomplete', async () => {
    const ac = new AbortController()
    const started = performance.now()
    setTimeout(() => ac.abort(), 1500)
    const r = await check(spec, { workers: 2, specUrl, params: { max: 1_000_000, spin: 20_000 }, signal: ac.signal })
    const seconds = (performance.now() - started) / 1000
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('interrupted')
    expect(r.stats.distinct).toBeGreaterThan(1)
    expect(r.stats.distinct).toBeLessThan(1_000_001)
    expect(r.properties.every((p) => p.verdict === 'unknown')).toBe(true)
    expect(seconds).toBeLessThan(30)
    expect(liveThreads()).toBe(0)
  })

  it('runs normally after a failed run (a fresh pool)', async () => {
    const r = await check(spec, { workers: 2, specUrl })
    expect(r.complete).toBe(true)
    expect(r.stats.distinct).toBe(51)
  })
})
