/**
 * The set and record helpers (src/state/data.ts) against naive references: a set is a sorted,
 * deduplicated array under `compareValues`, and helpers return the same instance when nothing
 * changes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assoc, compareValues, ids, mapFrom, setAdd, setHas, setIsSubset, setOf, setRemove, setUnion, valuesEqual } from '../../src/index.ts'
import { sameValue } from '../../src/state/data.ts'
import type { SetOf, Value } from '../../src/index.ts'
import { plainValue, withKeyOrder } from './arbitraries.ts'

const RUNS = { numRuns: 300, seed: 11 }
const small = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom('a', 'b', 'c'), fc.constantFrom<Value>({ t: 'P', rm: 'r1' }, { rm: 'r1', t: 'P' }, { t: 'C' }, null, [1], [1, 2]))
const values = fc.array(fc.oneof(small, plainValue), { maxLength: 8 })

/** The reference: dedup by valuesEqual, keep the order compareValues gives. */
const naiveSet = (xs: readonly Value[]): Value[] => {
  const out: Value[] = []
  for (const x of xs) if (!out.some((y) => valuesEqual(x, y))) out.push(x)
  return out.sort(compareValues)
}
const isSorted = (s: SetOf<Value>) => s.every((x, i) => i === 0 || compareValues(s[i - 1] as Value, x) < 0)

describe('compareValues is a total order', () => {
  it('is reflexive, antisymmetric and transitive, and ignores key order', () => {
    fc.assert(
      fc.property(plainValue, plainValue, plainValue, fc.nat(), (a, b, c, seed) => {
        expect(compareValues(a, a)).toBe(0)
        expect(compareValues(a, withKeyOrder(a, seed))).toBe(0)
        expect(Math.sign(compareValues(a, b)) + Math.sign(compareValues(b, a))).toBe(0)
        if (compareValues(a, b) <= 0 && compareValues(b, c) <= 0) expect(compareValues(a, c)).toBeLessThanOrEqual(0)
      }),
      RUNS,
    )
  })

  // The reference: the order compareValues gave before it kept sorted key lists (data.ts, shapeOf)
  // and compiled a comparison per list (compiledCompare).
  const reference = (a: Value, b: Value): number => {
    if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof b !== 'object' || b === null || Array.isArray(b)) return compareValues(a, b)
    const x = a as Record<string, Value>
    const y = b as Record<string, Value>
    const kx = Object.keys(x).sort()
    const ky = Object.keys(y).sort()
    if (kx.length !== ky.length) return kx.length - ky.length
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i]! < ky[i]! ? -1 : 1
    for (const k of kx) {
      const c = reference(x[k]!, y[k]!)
      if (c !== 0) return c
    }
    return 0
  }

  it('orders records of many keys whose values differ in type as the reference does (the compiled comparison settles only strings and numbers itself)', () => {
    const key = fc.constantFrom('type', 'from', 'to', 'n', 'v')
    const leaf = fc.oneof(fc.integer({ min: -1, max: 2 }), fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), fc.constantFrom<Value>('x', 'y', '', null, true, false, 1n, [], [0], ['x'], { a: 1 }, { a: 'x', b: 0, c: null }))
    const record = fc.dictionary(key, leaf, { minKeys: 3, maxKeys: 5, noNullPrototype: true })
    fc.assert(
      fc.property(record, record, fc.nat(), (a, b, seed) => {
        expect(Math.sign(compareValues(a, b))).toBe(Math.sign(reference(a, b)))
        expect(Math.sign(compareValues(a, withKeyOrder(b, seed)))).toBe(Math.sign(reference(a, b)))
        expect(compareValues(a, withKeyOrder(a, seed))).toBe(0)
      }),
      { numRuns: 2000, seed: 7 },
    )
  })

  it('orders records of many keys as listing and sorting their keys does, past the cache of key lists', () => {
    const key = fc.constantFrom('type', 'from', 'to', 'term', 'n', 'v', 'b', 'a', 'z', '10', '2')
    const record = fc.dictionary(key, fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('x', 'y')), { minKeys: 3, maxKeys: 7, noNullPrototype: true })
    fc.assert(
      fc.property(record, record, fc.nat(), (a, b, seed) => {
        const b2 = withKeyOrder(b, seed)
        expect(Math.sign(compareValues(a, b2))).toBe(Math.sign(reference(a, b)))
        expect(Math.sign(compareValues(withKeyOrder(a, seed + 1), b))).toBe(Math.sign(reference(a, b)))
      }),
      { numRuns: 2000, seed: 5 },
    )
  })

  it('orders by type first: null < booleans < numbers < bigints < strings < arrays < records', () => {
    const ordered: Value[] = [null, false, true, -1, 2.5, 3, -5n, 7n, '', 'a', 'b', [], [0], [0, 0], [1], {}, { a: 1 }, { a: 2 }, { b: 0 }]
    for (let i = 0; i + 1 < ordered.length; i++) expect(compareValues(ordered[i]!, ordered[i + 1]!)).toBeLessThan(0)
  })
})

describe('sameValue (the hot path\'s equality)', () => {
  /** `v` with one part replaced (the first scalar, array or record met, by a walk `seed` steers). */
  const changed = (v: Value, seed: number): Value => {
    if (Array.isArray(v)) {
      if (v.length === 0) return [null]
      const i = seed % v.length
      return v.map((x, j) => (j === i ? changed(x as Value, seed >> 2) : x))
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v)
      if (keys.length === 0) return { k: 1 }
      const k = keys[seed % keys.length] as string
      return seed % 5 === 0 ? { ...v, [`${k}'`]: 0 } : { ...v, [k]: changed((v as Record<string, Value>)[k] as Value, seed >> 2) }
    }
    return typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}x` : v === null ? false : typeof v === 'boolean' ? !v : typeof v === 'bigint' ? v + 1n : null
  }

  it('answers as valuesEqual does: on any two values, on copies in another key order, and on one part changed', () => {
    fc.assert(
      fc.property(plainValue, plainValue, fc.nat(), (a, b, seed) => {
        expect(sameValue(a, b)).toBe(valuesEqual(a, b))
        const copy = withKeyOrder(structuredClone(a), seed)
        expect(sameValue(a, copy)).toBe(true)
        const other = changed(a, seed)
        expect(sameValue(a, other)).toBe(valuesEqual(a, other))
        expect(sameValue(other, copy)).toBe(valuesEqual(other, copy))
      }),
      { numRuns: 2000 },
    )
  })

  it('tells records apart by their keys, not only by what they hold', () => {
    expect(sameValue({ a: 1, b: null }, { a: 1, c: null })).toBe(false)
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(sameValue({ a: 1, b: 2 }, { a: 1 })).toBe(false)
    expect(sameValue([1, [2, { x: 3 }]], [1, [2, { x: 3 }]])).toBe(true)
    expect(sameValue([], {})).toBe(false)
    expect(sameValue(0, -0)).toBe(valuesEqual(0, -0))
  })

  it('tells apart a record whose own key is __proto__ (JSON may build one) from one that lacks it', () => {
    // `y.__proto__` reads Object.prototype where y has no such key: an empty record by its keys.
    const x = JSON.parse('{"__proto__": {}}') as Value
    expect(sameValue(x, { other: {} })).toBe(valuesEqual(x, { other: {} }))
    expect(sameValue({ other: {} }, x)).toBe(false)
    expect(sameValue(x, JSON.parse('{"__proto__": {}}') as Value)).toBe(true)
  })
})

describe('set helpers', () => {
  it('setOf sorts and deduplicates', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const s = setOf(...xs)
        expect(isSorted(s)).toBe(true)
        expect(s.length).toBe(naiveSet(xs).length)
        for (const x of xs) expect(setHas(s, x)).toBe(true)
      }),
      RUNS,
    )
  })

  it('setAdd / setHas agree with the reference on sets of messages of more than two keys (the shaped search)', () => {
    // Messages of a few types, each built by one literal (one key order), some built again with
    // their keys in another order: the search compares same-shaped elements field by field.
    const message = fc.oneof(
      fc.record({ from: fc.constantFrom('a', 'b'), to: fc.constantFrom('p', 'q'), type: fc.constant('Prepare'), bal: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ from: fc.constantFrom('a', 'b'), to: fc.constantFrom('p', 'q'), type: fc.constant('Accept'), bal: fc.integer({ min: 0, max: 3 }), inst: fc.integer({ min: 0, max: 1 }), cmd: fc.constantFrom('x', 'y') }),
      fc.record({ type: fc.constant('Accept'), inst: fc.integer({ min: 0, max: 1 }), from: fc.constantFrom('a', 'b'), bal: fc.integer({ min: 0, max: 3 }), cmd: fc.constantFrom('x', 'y'), to: fc.constantFrom('p', 'q') }),
      fc.record({ from: fc.constantFrom('a', 'b'), to: fc.constantFrom('p', 'q'), type: fc.constant('Promise'), bal: fc.integer({ min: 0, max: 3 }), votes: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }) }),
      fc.constantFrom<Value>({ t: 'C' }, 'str', 3),
    )
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), message, fc.nat(), (xs, v, seed) => {
        const s = setOf(...(xs as Value[]))
        const w = seed % 2 === 0 ? (v as Value) : withKeyOrder(v as Value, seed)
        const present = s.some((x) => valuesEqual(x, v as Value))
        expect(setHas(s, w)).toBe(present)
        const added = setAdd(s, w)
        expect(isSorted(added)).toBe(true)
        expect(added.length).toBe(s.length + (present ? 0 : 1))
        if (present) expect(added).toBe(s)
      }),
      { numRuns: 2000, seed: 11 },
    )
  })

  it('setAdd / setRemove / setHas agree with the reference, returning the same instance when unchanged', () => {
    fc.assert(
      fc.property(values, fc.oneof(small, plainValue), (xs, v) => {
        const s = setOf(...xs)
        const present = xs.some((x) => valuesEqual(x, v))
        expect(setHas(s, v)).toBe(present)
        const added = setAdd(s, v)
        expect(added).toEqual(setOf(...xs, v))
        expect(isSorted(added)).toBe(true)
        if (present) expect(added).toBe(s)
        const removed = setRemove(s, v)
        expect(removed.length).toBe(s.length - (present ? 1 : 0))
        expect(setHas(removed, v)).toBe(false)
        expect(isSorted(removed)).toBe(true)
        if (!present) expect(removed).toBe(s)
        // Never mutates its input.
        expect(s).toEqual(setOf(...xs))
      }),
      RUNS,
    )
  })

  it('setUnion and setIsSubset', () => {
    fc.assert(
      fc.property(values, values, (xs, ys) => {
        const a = setOf(...xs)
        const b = setOf(...ys)
        const u = setUnion(a, b)
        expect(u).toEqual(setOf(...xs, ...ys))
        expect(setIsSubset(a, u)).toBe(true)
        expect(setIsSubset(b, u)).toBe(true)
        expect(setIsSubset(a, b)).toBe(naiveSet(xs).every((x) => ys.some((y) => valuesEqual(x, y))))
        if (setIsSubset(b, a)) expect(setUnion(a, b)).toBe(a)
      }),
      RUNS,
    )
  })

  it('records with the same entries in another key order are one element', () => {
    expect(setOf({ t: 'P', rm: 'r1' }, { rm: 'r1', t: 'P' })).toHaveLength(1)
    expect(setHas(setOf({ t: 'P', rm: 'r1' }), { rm: 'r1', t: 'P' })).toBe(true)
  })
})

describe('record helpers', () => {
  it('assoc returns the same record when the value is already there', () => {
    const r = { a: 1, b: 'x' }
    expect(assoc(r, 'a', 1)).toBe(r)
    const r2 = assoc(r, 'a', 2)
    expect(r2).toEqual({ a: 2, b: 'x' })
    expect(r).toEqual({ a: 1, b: 'x' })
  })

  it('mapFrom and ids', () => {
    expect(ids('r', 3)).toEqual(['r1', 'r2', 'r3'])
    expect(ids('p', 0)).toEqual([])
    expect(mapFrom(ids('r', 2), (k) => `${k}!`)).toEqual({ r1: 'r1!', r2: 'r2!' })
  })
})
