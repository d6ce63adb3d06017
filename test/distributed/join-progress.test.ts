/**
 * The coordinator's progress while it waits for `--nats` workers: given at once, on each change
 * of the number joined, and otherwise only every few seconds (fake timers: no real wait).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Progress } from '../../src/core/options.ts'
import { JOIN_REFRESH_MS, joinProgress, withoutCredentials } from '../../src/distributed/join-progress.ts'

describe('joinProgress', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('says how many of the workers joined at the start, on each change, and every few seconds between', () => {
    const seen: Progress[] = []
    const w = joinProgress((p) => seen.push(p), 'nats://h:4222', 3)
    const joined = (): (number | undefined)[] => seen.map((p) => p.joining?.joined)
    expect(seen).toEqual([expect.objectContaining({ distinct: 0, total: 0, joining: { url: 'nats://h:4222', joined: 0, wanted: 3 } })])
    vi.advanceTimersByTime(JOIN_REFRESH_MS - 1)
    expect(joined()).toEqual([0])
    vi.advanceTimersByTime(1)
    expect(joined()).toEqual([0, 0])
    w.joined(1)
    w.joined(1)
    expect(joined()).toEqual([0, 0, 1])
    // The refresh counts from the last line given, not from the start.
    vi.advanceTimersByTime(JOIN_REFRESH_MS - 1)
    expect(joined()).toEqual([0, 0, 1])
    vi.advanceTimersByTime(1)
    expect(joined()).toEqual([0, 0, 1, 1])
    w.joined(3)
    w.stop()
    vi.advanceTimersByTime(10 * JOIN_REFRESH_MS)
    w.joined(2)
    expect(joined()).toEqual([0, 0, 1, 1, 3])
  })

  it('leaves a user and password out of the URL it gives (the line goes to CI logs every few seconds)', () => {
    const seen: Progress[] = []
    joinProgress((p) => seen.push(p), 'nats://ci:s3cret@h:4222', 2).stop()
    expect(seen[0]?.joining?.url).toBe('nats://h:4222')
    expect(withoutCredentials('nats://token@h:4222/x')).toBe('nats://h:4222/x')
    expect(withoutCredentials('nats://h:4222')).toBe('nats://h:4222')
  })
})
