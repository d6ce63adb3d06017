/**
 * The progress a parallel search reports counts the steps of a wide level's slices as they come
 * back. It used to count them only when the level closed, while the states they found were
 * counted at once (the shared visited set's size): a new user's progress line read "distinct
 * 9,922 generated 5,090" under --por, as if states came from nowhere.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { Progress } from '../../src/core/options.ts'
import spec from '../../specs/raft-two-terms.ts'

const specUrl = new URL('../../specs/raft-two-terms.ts', import.meta.url).href

describe('progress of a parallel search', () => {
  it('counts a wide level\'s steps as its slices come back, not only when the level closes', async () => {
    const seen: Progress[] = []
    const r = await check(spec, { workers: 2, specUrl, progressIntervalMs: 0, onProgress: (p) => void seen.push(p) })
    expect(r.stats.distinct).toBe(13810)
    // The steps counted when each level closed: what the progress said before, all through a level.
    const closed: number[] = []
    let sum = 0
    for (const l of r.stats.levels ?? []) closed.push((sum += l.total))
    // Reports from inside a wide level (its width, the queue, from 128 states on: the workers'):
    // some count steps no closed level accounts for.
    const wide = seen.filter((p) => p.queue >= 128)
    expect(wide.length).toBeGreaterThan(0)
    expect(wide.some((p) => !closed.includes(p.total))).toBe(true)
    // Never more steps than the whole search's.
    expect(Math.max(...seen.map((p) => p.total))).toBeLessThanOrEqual(r.stats.total)
  })
})
