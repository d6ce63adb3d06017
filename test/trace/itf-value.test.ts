import * as fc from 'fast-check'
import { List, Map as IMap, OrderedSet, Record as IRecord, Set as ISet } from 'immutable'
import { describe, expect, it } from 'vitest'
import type { Value } from '../../src/core/value.ts'
import { canonicalItf, fromItfValue, toItfValue } from '../../src/trace/itf-value.ts'

/** Plain state values: no undefined/NaN/-0 (states cannot hold them), no `#` keys (ITF cannot). */
const key = fc.string({ maxLength: 6 }).filter((k) => !k.startsWith('#') && k !== '__proto__')
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
)
const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}))

/** What ITF can keep: integers are one kind (#bigint), read back as numbers when exact. */
function normalize(v: Value): Value {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : v
  if (Array.isArray(v)) return v.map(normalize)
  if (v !== null && typeof v === 'object') {
    const out: Record<string, Value> = {}
    for (const k of Object.keys(v)) out[k] = normalize((v as Record<string, Value>)[k] as Value)
    return out
  }
  return v
}

describe('ITF values', () => {
  it('round-trips random plain values (up to ITF having one integer kind)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const itf = toItfValue(v)
        const json = JSON.parse(JSON.stringify(itf))
        expect(fromItfValue(json)).toEqual(normalize(v))
        // Encoding what was read back gives the same ITF again.
        expect(canonicalItf(toItfValue(fromItfValue(json)))).toBe(canonicalItf(itf))
      }),
      { numRuns: 300 },
    )
  })

  it('writes integers as #bigint, arrays as lists, records as objects', () => {
    expect(toItfValue({ n: 3, big: 2n ** 70n, xs: ['a', 1], ok: true, f: 0.5, z: null })).toEqual({
      n: { '#bigint': '3' },
      big: { '#bigint': '1180591620717411303424' },
      xs: ['a', { '#bigint': '1' }],
      ok: true,
      f: 0.5,
      z: null,
    })
  })

  it('maps Immutable.js Set/Map/List/Record to #set, #map, lists and records, in a fixed order', () => {
    const R = IRecord({ a: 1, b: 'x' })
    const v = { s: ISet([3, 1, 2]), o: OrderedSet(['b', 'a']), m: IMap([['k2', 1], ['k1', 2]]), l: List([2, 1]), r: R() }
    const itf = toItfValue(v) as Record<string, unknown>
    expect(itf.s).toEqual({ '#set': [{ '#bigint': '1' }, { '#bigint': '2' }, { '#bigint': '3' }] })
    expect(itf.o).toEqual({ '#set': ['a', 'b'] })
    expect(itf.m).toEqual({ '#map': [['k1', { '#bigint': '2' }], ['k2', { '#bigint': '1' }]] })
    expect(itf.l).toEqual([{ '#bigint': '2' }, { '#bigint': '1' }])
    expect(itf.r).toEqual({ a: { '#bigint': '1' }, b: 'x' })
    // The same set built in another order is written identically.
    expect(JSON.stringify(toItfValue(ISet([2, 3, 1])))).toBe(JSON.stringify(itf.s))
    // Read back as plain data: sets are sorted arrays, string-keyed maps records.
    expect(fromItfValue(itf as never)).toEqual({ s: [1, 2, 3], o: ['a', 'b'], m: { k1: 2, k2: 1 }, l: [2, 1], r: { a: 1, b: 'x' } })
  })

  it('reads #tup, #set, non-string-keyed #map and #unserializable as written by other tools', () => {
    expect(fromItfValue({ '#tup': [{ '#bigint': '7' }, 'seven'] })).toEqual([7, 'seven'])
    expect(fromItfValue({ '#set': ['b', 'a', 'b'] })).toEqual(['a', 'b'])
    expect(fromItfValue({ '#map': [[{ '#bigint': '2' }, 'b'], [{ '#bigint': '1' }, 'a']] })).toEqual([[1, 'a'], [2, 'b']])
    expect(fromItfValue({ '#unserializable': 'Nat' })).toBe('Nat')
  })

  it('rejects what ITF or a state cannot hold, naming the path', () => {
    expect(() => toItfValue({ a: { '#set': 1 } })).toThrow(/value\.a\.#set/)
    expect(() => toItfValue({ a: [undefined] })).toThrow(/value\.a\[0\] is undefined/)
    expect(() => toItfValue({ a: new Map() })).toThrow(/instance of Map/)
    expect(() => toItfValue(Number.NaN)).toThrow(/NaN/)
    expect(() => fromItfValue({ '#bigint': '1.5' })).toThrow(/decimal/)
    expect(() => fromItfValue({ '#weird': 1, x: 2 })).toThrow(/reserved key '#weird'/)
  })
})
