/**
 * Idle worker pools are kept per size (the two sizes used last), so runs that alternate 2 and 4
 * workers reuse their threads instead of starting new ones each time.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { acquirePool, closeIdlePools, liveThreads, releasePool } from '../../src/parallel/pool.ts'

describe('idle pools', () => {
  // Earlier test files in this vitest worker (`isolate: false`) may have left pools idle.
  beforeEach(closeIdlePools)

  it('keeps one idle pool per size for the two sizes used last, and closes the oldest beyond that', async () => {
    const two = acquirePool('threads', 2)
    await releasePool(two, true)
    const four = acquirePool('threads', 4)
    await releasePool(four, true)
    expect(liveThreads()).toBe(6)
    // Alternating sizes: the same pools come back, no thread is started.
    expect(acquirePool('threads', 2)).toBe(two)
    await releasePool(two, true)
    expect(acquirePool('threads', 4)).toBe(four)
    await releasePool(four, true)
    expect(liveThreads()).toBe(6)
    // A third size closes the pool released longest ago (2 workers).
    const three = acquirePool('threads', 3)
    await releasePool(three, true)
    await expect.poll(() => liveThreads()).toBe(7)
    expect(acquirePool('threads', 4)).toBe(four)
    const fresh = acquirePool('threads', 2)
    expect(fresh).not.toBe(two)
    // A pool released as not reusable (a failed or interrupted run) is closed.
    for (const p of [fresh, four, three]) await releasePool(p, false)
    await expect.poll(() => liveThreads()).toBe(0)
  })
})
