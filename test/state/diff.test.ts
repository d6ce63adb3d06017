import { describe, expect, it } from 'vitest'
import type { Value } from '../../src/index.ts'
import { diffValues } from '../../src/state/diff.ts'
import { formatChange } from '../../src/trace/text.ts'

/** Records `{ k }` whose `k` counts its reads: every comparison of two of them reads it, so the
 * count bounds the comparisons a diff makes (a count of work, not a timing). */
function counted(keys: readonly number[]): { values: Value[]; reads: () => number } {
  let reads = 0
  const values = keys.map((k) => ({
    get k(): number {
      reads++
      return k
    },
  })) as unknown as Value[]
  return { values, reads: () => reads }
}

describe('diffValues on long arrays', () => {
  const n = 2000

  it('compares two sets with nothing in common in O(n log n), not O(n²)', () => {
    // Each element of the new set used to be looked for in the whole old one: n² = 4 M reads.
    const a = counted(Array.from({ length: n }, (_, i) => i))
    const b = counted(Array.from({ length: n }, (_, i) => n + i))
    const changes = diffValues({ s: a.values }, { s: b.values })
    expect(changes.filter((c) => c.kind === 'remove')).toHaveLength(n)
    expect(changes.filter((c) => c.kind === 'add')).toHaveLength(n)
    expect(a.reads() + b.reads()).toBeLessThan(100 * n)
  })

  it('compares two unsorted lists of one length in O(n log n), not O(n²)', () => {
    const a = counted(Array.from({ length: n }, (_, i) => (i * 7) % n))
    const b = counted(Array.from({ length: n }, (_, i) => n + ((i * 7) % n)))
    const changes = diffValues({ s: a.values }, { s: b.values })
    expect(changes).toHaveLength(n)
    expect(a.reads() + b.reads()).toBeLessThan(100 * n)
  })
})

describe('diffValues with repeated elements', () => {
  // Pinned from the quadratic implementation, which matched each element of the new array with the
  // first equal one left in the old: which copies count as kept decides how a list reads.
  it('reads lists with repeated elements as it did', () => {
    const d = (a: Value[], b: Value[]): unknown => diffValues({ q: a }, { q: b })
    expect(d([1, 1, 2], [1, 2])).toEqual([{ kind: 'remove', path: 'q', value: 1 }])
    expect(d([3, 1, 3, 2], [1, 3, 2, 3, 3])).toEqual([{ kind: 'set', path: 'q', from: [3, 1, 3, 2], to: [1, 3, 2, 3, 3] }])
    expect(d([2, 1, 2], [1, 2, 2, 4])).toEqual([{ kind: 'set', path: 'q', from: [2, 1, 2], to: [1, 2, 2, 4] }])
    expect(d([2, 1, 2, 5], [1, 2, 5, 2])).toEqual([
      { kind: 'set', path: 'q[0]', from: 2, to: 1 },
      { kind: 'set', path: 'q[1]', from: 1, to: 2 },
      { kind: 'set', path: 'q[2]', from: 2, to: 5 },
      { kind: 'set', path: 'q[3]', from: 5, to: 2 },
    ])
    expect(d(['a', 'b', 'a'], ['b', 'a', 'c', 'a'])).toEqual([{ kind: 'set', path: 'q', from: ['a', 'b', 'a'], to: ['b', 'a', 'c', 'a'] }])
    expect(d([1, 2, 2, 3], [1, 2, 3, 3])).toEqual([{ kind: 'set', path: 'q[2]', from: 2, to: 3 }])
  })
})

describe('diffValues on lists: where an element went', () => {
  // A new user's scheduler put clients in front instead of at the back: `sched: + c2` read as an
  // append, which hid the very bug. An index is given wherever the place is not an end.
  const d = (a: Value[], b: Value[]): unknown => diffValues({ q: a }, { q: b })
  it('gives the index of an element added anywhere but the back, or removed anywhere but an end', () => {
    expect(d(['c1'], ['c2', 'c1'])).toEqual([{ kind: 'add', path: 'q', value: 'c2', at: 0 }])
    expect(d(['c1'], ['c1', 'c2'])).toEqual([{ kind: 'add', path: 'q', value: 'c2' }])
    expect(d(['z', 'c'], ['z', 'b', 'c', 'd', 'e'])).toEqual([
      { kind: 'add', path: 'q', value: 'b', at: 1 },
      { kind: 'add', path: 'q', value: 'd' },
      { kind: 'add', path: 'q', value: 'e' },
    ])
    // (Lists out of order: sorted ones read as sets.)
    expect(d(['c', 'b', 'a'], ['b', 'a'])).toEqual([{ kind: 'remove', path: 'q', value: 'c' }])
    expect(d(['c', 'b', 'a'], ['c', 'b'])).toEqual([{ kind: 'remove', path: 'q', value: 'a' }])
    expect(d(['e', 'b', 'c', 'd'], ['e', 'd'])).toEqual([
      { kind: 'remove', path: 'q', value: 'b', at: 1 },
      { kind: 'remove', path: 'q', value: 'c', at: 2 },
    ])
    // A copy beside equal ones is at the end its run reaches.
    expect(d([1, 1, 2], [1, 2])).toEqual([{ kind: 'remove', path: 'q', value: 1 }])
    expect(d([1, 2], [1, 2, 2])).toEqual([{ kind: 'add', path: 'q', value: 2 }])
    // A set (sorted) has no places.
    expect(diffValues({ s: ['a', 'c'] }, { s: ['a', 'b', 'c'] })).toEqual([{ kind: 'add', path: 's', value: 'b' }])
  })

  it('prints the index after the element', () => {
    expect(formatChange({ kind: 'add', path: 'sched', value: 'c2', at: 0 })).toBe('sched: + c2 at [0]')
    expect(formatChange({ kind: 'remove', path: 'sched', value: 'c2' })).toBe('sched: - c2')
  })
})
