/**
 * Stop requests end every single-threaded explorer promptly, whatever the shape of the state
 * space: a chain whose states take 1 ms each (5 s in all) under a 0.5 s time limit and under an
 * abort (SIGINT) after 0.5 s. Simulation walks the same chain in one long walk.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import spec from '../fixtures/chain.ts'

const slow = { max: 5000, busyMs: 1 }
const engines: Record<string, Partial<CheckOptions>> = {
  bfs: { strategy: 'bfs' },
  dfs: { strategy: 'dfs' },
  simulate: { strategy: 'simulate', maxSteps: 5000, traces: 1 },
}

describe.each(Object.entries(engines))('%s stops promptly', (_name, engine) => {
  it('on the time limit', async () => {
    const t0 = performance.now()
    const r = await check(spec, { ...engine, params: slow, timeLimitSeconds: 0.5 })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('time-limit')
    expect((performance.now() - t0) / 1000).toBeLessThan(2.5)
  })

  it('on an aborted signal', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 500)
    const t0 = performance.now()
    const r = await check(spec, { ...engine, params: slow, signal: ac.signal })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('interrupted')
    expect((performance.now() - t0) / 1000).toBeLessThan(2.5)
  })
})
