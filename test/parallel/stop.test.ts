/**
 * Stop requests (time limit, max states, an aborted signal) end a parallel search promptly at any
 * level width: on a chain, every level is one state, so a stop must not wait for a level that needs
 * several tasks. Each state takes 1 ms, so the whole chain would take at least 5 s.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import spec from '../fixtures/chain.ts'

const specUrl = new URL('../fixtures/chain.ts', import.meta.url).href
const slow = { max: 5000, busyMs: 1 }

describe('parallel BFS stops promptly on narrow levels', () => {
  it('honours the time limit', async () => {
    const t0 = performance.now()
    const r = await check(spec, { workers: 2, specUrl, params: slow, timeLimitSeconds: 0.5 })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('time-limit')
    expect(r.stats.distinct).toBeLessThan(5001)
    expect((performance.now() - t0) / 1000).toBeLessThan(3)
  })

  it('honours an aborted signal (SIGINT)', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 500)
    const t0 = performance.now()
    const r = await check(spec, { workers: 2, specUrl, params: slow, signal: ac.signal })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('interrupted')
    expect((performance.now() - t0) / 1000).toBeLessThan(3)
  })

  it('honours max states exactly', async () => {
    const r = await check(spec, { workers: 2, specUrl, params: { max: 5000, busyMs: 0 }, maxStates: 100 })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('max-states')
    expect(r.stats.distinct).toBe(100)
  })
})
