/**
 * Values in the Informal Trace Format (ITF, Apalache ADR-015, as Quint writes it):
 *
 * | state value                         | ITF                                   |
 * |-------------------------------------|---------------------------------------|
 * | boolean, string                     | itself                                |
 * | integer number, bigint              | `{ "#bigint": "123" }`                |
 * | array, Immutable.List               | JSON list                             |
 * | Immutable.Set / OrderedSet          | `{ "#set": [...] }` (in a fixed order)|
 * | Immutable.Map / OrderedMap          | `{ "#map": [[k, v], ...] }` (by key)  |
 * | plain object, Immutable.Record      | JSON object (a record)                |
 *
 * Our plain-data sets are sorted arrays (`setOf` in src/state/data.ts): nothing tells them apart
 * from sequences, so they are written as ITF lists, not `#set`. Tuples are arrays too, so the
 * writer never emits `#tup`; the reader accepts it (as an array).
 *
 * Two extensions, because ITF (whose values are TLA+'s) has no such values: `null` is written as
 * JSON `null`, and a non-integer number as a JSON number. Quint's own reader rejects both; the
 * bundled models use neither in their states.
 *
 * Reading back: `#bigint` becomes a `number` when it fits exactly in a double's integer range and
 * a `bigint` otherwise, so a small bigint in a state comes back as a number (ITF cannot tell them
 * apart). Replay therefore compares states in ITF form (`canonicalItf`), where they are equal.
 */
import { isList, isMap, isOrderedMap, isOrderedSet, isRecord, isSet, isStack } from 'immutable'
import type { Value } from '../core/value.ts'
import { compareValues, setOf } from '../state/data.ts'

/** An ITF value as it appears in JSON. */
export type ItfValue =
  | null
  | boolean
  | number
  | string
  | readonly ItfValue[]
  | { readonly [key: string]: ItfValue }

export class ItfValueError extends Error {
  override readonly name = 'ItfValueError'
}

/** The reserved keys that mark an ITF object as something other than a record. */
const TAGS = new Set(['#bigint', '#tup', '#set', '#map', '#unserializable'])

/** Encodes a state value (plain data or Immutable.js collections) as ITF. */
export function toItfValue(v: unknown, path = 'value'): ItfValue {
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v
    case 'bigint':
      return { '#bigint': v.toString() }
    case 'number':
      if (!Number.isFinite(v)) throw new ItfValueError(`${path} is ${v}, which ITF cannot hold`)
      return Number.isInteger(v) ? { '#bigint': BigInt(v).toString() } : v
    case 'object':
      break
    default:
      throw new ItfValueError(`${path} is ${v === undefined ? 'undefined' : `a ${typeof v}`}, which a state may not hold`)
  }
  if (v === null) return null
  if (Array.isArray(v)) return v.map((x, i) => toItfValue(x, `${path}[${i}]`))
  if (isSet(v) || isOrderedSet(v)) {
    const elems = [...(v as Iterable<unknown>)].map((x) => toItfValue(x, `${path}{}`))
    return { '#set': elems.sort(compareItf) }
  }
  if (isMap(v) || isOrderedMap(v)) {
    const entries = [...(v as Iterable<[unknown, unknown]>)].map(
      ([k, x]): [ItfValue, ItfValue] => [toItfValue(k, `${path} key`), toItfValue(x, `${path}.${String(k)}`)],
    )
    return { '#map': entries.sort((a, b) => compareItf(a[0], b[0])) }
  }
  if (isList(v) || isStack(v)) return [...(v as Iterable<unknown>)].map((x, i) => toItfValue(x, `${path}[${i}]`))
  if (isRecord(v)) return toItfRecord((v as { toObject(): Record<string, unknown> }).toObject(), path)
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) {
    const ctor = (v as { constructor?: { name?: string } }).constructor?.name ?? 'an object'
    throw new ItfValueError(`${path} is an instance of ${ctor}, which a state may not hold`)
  }
  return toItfRecord(v as Record<string, unknown>, path)
}

function toItfRecord(rec: Record<string, unknown>, path: string): ItfValue {
  const out: Record<string, ItfValue> = {}
  for (const k of Object.keys(rec)) {
    // ITF has no escape for keys: `#...` would read back as a tag or as trace metadata.
    if (k.startsWith('#')) throw new ItfValueError(`${path}.${k}: record keys starting with '#' cannot be written in ITF`)
    out[k] = toItfValue(rec[k], `${path}.${k}`)
  }
  return out
}

/** Decodes an ITF value into plain data: sets become sorted arrays, maps with string keys
 * become records (other maps: sorted arrays of `[key, value]` pairs), tuples become arrays. */
export function fromItfValue(j: unknown, path = 'value'): Value {
  if (j === null || typeof j === 'boolean' || typeof j === 'string') return j
  if (typeof j === 'number') {
    if (!Number.isFinite(j)) throw new ItfValueError(`${path}: ${j} is not a value`)
    return j
  }
  if (Array.isArray(j)) return j.map((x, i) => fromItfValue(x, `${path}[${i}]`))
  if (typeof j !== 'object') throw new ItfValueError(`${path}: ${typeof j} is not an ITF value`)
  const o = j as Record<string, unknown>
  const keys = Object.keys(o)
  const tag = keys.length === 1 && TAGS.has(keys[0] as string) ? (keys[0] as string) : undefined
  switch (tag) {
    case '#bigint': {
      const s = o['#bigint']
      if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw new ItfValueError(`${path}: #bigint must hold a decimal string`)
      const b = BigInt(s)
      const n = Number(b)
      return Number.isSafeInteger(n) ? n : b
    }
    case '#tup':
      return listOf(o['#tup'], path, '#tup').map((x, i) => fromItfValue(x, `${path}[${i}]`))
    case '#set':
      return setOf(...listOf(o['#set'], path, '#set').map((x) => fromItfValue(x, `${path}{}`)))
    case '#map': {
      const pairs = listOf(o['#map'], path, '#map').map((e, i): [Value, Value] => {
        if (!Array.isArray(e) || e.length !== 2) throw new ItfValueError(`${path}: #map entry ${i} is not a [key, value] pair`)
        return [fromItfValue(e[0], `${path} key`), fromItfValue(e[1], `${path}[${i}]`)]
      })
      if (pairs.every(([k]) => typeof k === 'string')) {
        const rec: Record<string, Value> = {}
        for (const [k, x] of [...pairs].sort((a, b) => compareValues(a[0], b[0]))) rec[k as string] = x
        return rec
      }
      return setOf(...pairs)
    }
    case '#unserializable':
      // Another tool's value that had no ITF form: keep its printed representation.
      return String(o['#unserializable'])
    default: {
      const rec: Record<string, Value> = {}
      for (const k of keys) {
        if (k.startsWith('#')) throw new ItfValueError(`${path}: unknown ITF tag or reserved key '${k}'`)
        rec[k] = fromItfValue(o[k], `${path}.${k}`)
      }
      return rec
    }
  }
}

function listOf(x: unknown, path: string, tag: string): readonly unknown[] {
  if (!Array.isArray(x)) throw new ItfValueError(`${path}: ${tag} must hold a list`)
  return x
}

const kindRank = (v: ItfValue): number => {
  if (v === null) return 0
  if (typeof v === 'boolean') return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 4
  if (Array.isArray(v)) return 5
  const o = v as Record<string, ItfValue>
  if ('#bigint' in o) return 3
  if ('#tup' in o) return 6
  if ('#set' in o) return 7
  if ('#map' in o) return 8
  return 9
}

/** A total order on ITF values (integers numerically, records by sorted keys), so sets and
 * maps from Immutable.js are written in one order whatever their insertion history. */
export function compareItf(a: ItfValue, b: ItfValue): number {
  const ra = kindRank(a)
  const rb = kindRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 0:
      return 0
    case 1:
    case 2:
    case 4:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    case 3: {
      const x = BigInt((a as { '#bigint': string })['#bigint'])
      const y = BigInt((b as { '#bigint': string })['#bigint'])
      return x < y ? -1 : x > y ? 1 : 0
    }
    case 5:
      return compareLists(a as readonly ItfValue[], b as readonly ItfValue[])
    case 6:
    case 7:
    case 8: {
      const tag = ra === 6 ? '#tup' : ra === 7 ? '#set' : '#map'
      const x = (a as Record<string, readonly ItfValue[]>)[tag] as readonly ItfValue[]
      const y = (b as Record<string, readonly ItfValue[]>)[tag] as readonly ItfValue[]
      return compareLists(x, y)
    }
    default: {
      const x = a as Record<string, ItfValue>
      const y = b as Record<string, ItfValue>
      const kx = Object.keys(x).sort()
      const ky = Object.keys(y).sort()
      const c = compareLists(kx, ky)
      if (c !== 0) return c
      for (const k of kx) {
        const d = compareItf(x[k] as ItfValue, y[k] as ItfValue)
        if (d !== 0) return d
      }
      return 0
    }
  }
}

function compareLists(x: readonly ItfValue[], y: readonly ItfValue[]): number {
  const n = Math.min(x.length, y.length)
  for (let i = 0; i < n; i++) {
    const c = compareItf(x[i] as ItfValue, y[i] as ItfValue)
    if (c !== 0) return c
  }
  return x.length - y.length
}

/** JSON of an ITF value with record keys sorted: equal values give equal strings, whatever
 * their key order (used to compare a replayed state with a recorded one). */
export function canonicalItf(v: ItfValue): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canonicalItf).join(',')}]`
  const o = v as Record<string, ItfValue>
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalItf(o[k] as ItfValue)}`)
    .join(',')}}`
}
