/**
 * The BFS visited set against a JS Set: same membership, dense indices in insertion order,
 * parents and ordinals kept through growth, and ≤ 24 bytes per state at every size.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FingerprintSet } from '../../src/explore/fingerprint-set.ts'

const fingerprint = fc.tuple(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })).filter(([h, l]) => h !== 0 || l !== 0)

describe('FingerprintSet', () => {
  it('agrees with a Set on membership and numbers new states densely', () => {
    fc.assert(
      fc.property(fc.array(fingerprint, { maxLength: 3000 }), fc.integer({ min: 1, max: 64 }), (fps, initial) => {
        const set = new FingerprintSet(initial)
        const ref = new Map<string, number>()
        fps.forEach(([hi, lo], i) => {
          const key = `${hi}:${lo}`
          const idx = set.insert(hi, lo, i - 1, i & 0xffff)
          if (ref.has(key)) expect(idx).toBe(-1)
          else {
            expect(idx).toBe(ref.size)
            ref.set(key, i)
          }
        })
        expect(set.size).toBe(ref.size)
        for (const [hi, lo] of fps) expect(set.has(hi, lo)).toBe(true)
        // Parents and ordinals by index, after every growth.
        let idx = 0
        for (const i of ref.values()) {
          expect(set.parent(idx)).toBe(i - 1)
          expect(set.ordinal(idx)).toBe(i & 0xffff)
          idx++
        }
      }),
    )
  })

  it('agrees with a Set when fingerprints recur and collide in the recent filter', () => {
    // Few distinct fingerprints, seen again and again, whose `lo` share their low 16 bits (the
    // filter's index) far more often than chance: hits, misses and evictions of the filter.
    const recurring = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 7 }), fc.constantFrom(0, 1 << 16, 5 << 16, -(1 << 16)))
    fc.assert(
      fc.property(fc.array(recurring, { maxLength: 2000 }), (xs) => {
        const set = new FingerprintSet()
        const ref = new Set<string>()
        for (const [hi, low, high] of xs) {
          const lo = high | low
          if (hi === 0 && lo === 0) continue
          const idx = set.insert(hi, lo, -1, 0)
          const key = `${hi}:${lo}`
          expect(idx >= 0).toBe(!ref.has(key))
          ref.add(key)
        }
        expect(set.size).toBe(ref.size)
      }),
    )
  })

  it('keeps the fingerprints whose high half is 0 through every growth', () => {
    // Only (0, 0) is the empty slot: a slot holding (0, lo) is taken, for the probe and for the
    // rehash alike (one that read only the high half overwrote it, and the state came back as new).
    const set = new FingerprintSet(16)
    for (let lo = 1; lo <= 3000; lo++) expect(set.insert(0, lo, lo - 2, 0)).toBe(lo - 1)
    for (let lo = 1; lo <= 3000; lo++) expect(set.has(0, lo)).toBe(true)
    expect(set.size).toBe(3000)
  })

  it('says no for fingerprints never inserted', () => {
    const set = new FingerprintSet()
    for (let i = 1; i <= 10_000; i++) set.insert(i, i * 7, -1, 0)
    for (let i = 1; i <= 10_000; i++) expect(set.has(i, i * 7 + 1)).toBe(false)
  })

  it('holds at most 24 bytes per state from 100,000 states on, through growth', () => {
    const set = new FingerprintSet()
    let worst = 0
    for (let i = 1; i <= 2_000_000; i++) {
      set.insert(Math.imul(i, 0x9e3779b1), i, i - 2, 0)
      if (i >= 100_000 && i % 10_000 === 0) worst = Math.max(worst, set.bytes() / set.size)
    }
    expect(worst).toBeLessThanOrEqual(24)
    expect(set.pathTo(5)).toEqual([0, 1, 2, 3, 4, 5])
  })
})
