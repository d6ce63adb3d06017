import * as fc from 'fast-check'
import { List, Map as IMap, OrderedSet, Record as IRecord, Set as ISet } from 'immutable'
import { describe, expect, it } from 'vitest'
import type { Value } from '../../src/core/value.ts'
import { schema } from '../../src/state/schema.ts'
import { ITF_NONE, canonicalItf, fromItfValue, toItfValue } from '../../src/trace/itf-value.ts'
import { quintReads } from './quint-reader.ts'

/** Plain state values: no undefined/NaN/-0 (states cannot hold them). Any key: ITF holds them all. */
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('#set', '#bigint', 'tag', 'value', 'None')).filter((k) => k !== '__proto__')
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
        // Quint's own reader takes it, and what we write has no JSON null in it.
        expect(quintReads(json)).toBe(true)
        expect(JSON.stringify(itf)).not.toMatch(/\bnull\b/)
      }),
      { numRuns: 300 },
    )
  })

  it('writes integers as #bigint, arrays as lists, records as objects, null as None, decimals as #unserializable', () => {
    const v = { n: 3, big: 2n ** 70n, xs: ['a', 1], ok: true, f: 0.5, z: null }
    const itf = toItfValue(v)
    expect(itf).toEqual({
      n: { '#bigint': '3' },
      big: { '#bigint': '1180591620717411303424' },
      xs: ['a', { '#bigint': '1' }],
      ok: true,
      f: { '#unserializable': '0.5' },
      z: { tag: 'None', value: { '#tup': [] } },
    })
    expect(ITF_NONE).toEqual({ tag: 'None', value: { '#tup': [] } })
    expect(fromItfValue(itf)).toEqual(v)
    // A record that merely looks like a variant stays a record (we never write #tup).
    const lookalike = { tag: 'None', value: [] }
    expect(fromItfValue(toItfValue(lookalike))).toEqual(lookalike)
  })

  it('writes an object with a key that is not an identifier as #map, in its key order, and reads it back', () => {
    const v = { links: { 'p2-p1': true, 'p1-p2': false }, votes: { 3: 'a', 1: 'b' }, odd: { '#set': 1, _x: 2 } }
    const itf = toItfValue(v) as Record<string, unknown>
    expect(itf.links).toEqual({ '#map': [['p2-p1', true], ['p1-p2', false]] })
    expect(itf.votes).toEqual({ '#map': [['1', 'b'], ['3', 'a']] })
    expect(itf.odd).toEqual({ '#map': [['#set', { '#bigint': '1' }], ['_x', { '#bigint': '2' }]] })
    const back = fromItfValue(JSON.parse(JSON.stringify(itf)))
    expect(back).toEqual(v)
    expect(Object.keys((back as Record<string, object>).links)).toEqual(['p2-p1', 'p1-p2'])
    // An own `__proto__` key (as JSON.parse makes) is a key like any other.
    const proto = JSON.parse('{"__proto__": 1}') as Value
    expect(Object.keys(fromItfValue(JSON.parse(JSON.stringify(toItfValue(proto)))) as object)).toEqual(['__proto__'])
  })

  it('writes an array as #set only where the schema declares a set', () => {
    const s = schema.record({
      held: schema.setOf(schema.enum('a', 'b')),
      log: schema.list(schema.enum('a', 'b')),
      msgs: schema.setOf(schema.union('type', { Vote: { from: schema.setOf(schema.enum('a', 'b')) }, Ack: {} })),
      maybe: schema.nullable(schema.setOf(schema.int(0, 3))),
    })
    const v = { held: ['a', 'b'], log: ['b', 'a'], msgs: [{ type: 'Ack' }, { type: 'Vote', from: ['a'] }], maybe: [1, 2], free: ['a'] }
    expect(toItfValue(v, 'state', s)).toEqual({
      held: { '#set': ['a', 'b'] },
      log: ['b', 'a'],
      msgs: { '#set': [{ type: 'Ack' }, { type: 'Vote', from: { '#set': ['a'] } }] },
      maybe: { '#set': [{ '#bigint': '1' }, { '#bigint': '2' }] },
      free: ['a'],
    })
    expect(fromItfValue(toItfValue(v, 'state', s))).toEqual(v)
    expect((toItfValue({ ...v, maybe: null }, 'state', s) as Record<string, unknown>).maybe).toEqual(ITF_NONE)
    // Without a schema every array is a list.
    expect(toItfValue(v)).toMatchObject({ held: ['a', 'b'] })
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

  it('reads Quint variants: None (with an empty tuple) as null, others as records', () => {
    expect(fromItfValue({ tag: 'None', value: { '#tup': [] } })).toBeNull()
    expect(fromItfValue({ tag: 'Some', value: { '#bigint': '4' } })).toEqual({ tag: 'Some', value: 4 })
    expect(fromItfValue({ '#unserializable': '1e-7' })).toBe(1e-7)
  })

  it('rejects what a state cannot hold, naming the path', () => {
    expect(() => toItfValue({ a: [undefined] })).toThrow(/value\.a\[0\] is undefined/)
    expect(() => toItfValue({ a: new Date(0) })).toThrow(/instance of Date/)
    expect(() => toItfValue(Number.NaN)).toThrow(/NaN/)
    expect(() => fromItfValue({ '#bigint': '1.5' })).toThrow(/decimal/)
    expect(() => fromItfValue({ '#weird': 1, x: 2 })).toThrow(/reserved key '#weird'/)
  })
})
