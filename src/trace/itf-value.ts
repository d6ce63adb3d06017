/**
 * Values in the Informal Trace Format (ITF, Apalache ADR-015, as Quint reads and writes it):
 *
 * | state value                                   | ITF                                        |
 * |-----------------------------------------------|--------------------------------------------|
 * | boolean, string                               | itself                                     |
 * | integer number, bigint                        | `{ "#bigint": "123" }`                     |
 * | array                                         | JSON list, or `{ "#set": [...] }` (below)  |
 * | plain object, keys all identifiers            | JSON object (a record)                     |
 * | plain object with another key (`"p1-p2"`, `"1"`) | `{ "#map": [["p1-p2", v], ...] }`       |
 * | Immutable.Set / OrderedSet, JS Set            | `{ "#set": [...] }` (in a fixed order)     |
 * | Immutable.Map / OrderedMap, JS Map            | `{ "#map": [[k, v], ...] }` (by key)       |
 * | Immutable.List / Stack, Immutable.Record      | JSON list, record                          |
 * | `null`                                        | `{ "tag": "None", "value": { "#tup": [] } }` |
 * | non-integer number                            | `{ "#unserializable": "0.5" }`             |
 *
 * **Sets.** Our plain-data sets are sorted arrays (`setOf` in src/state/data.ts); the array alone
 * does not say whether it is a set or a sequence. The rule: an array is written as `#set` only
 * where the model's state schema (`schema.setOf`, src/state/schema.ts) says so; every other array
 * (no schema, `schema.list`, `schema.any`, or a value that does not match its schema) is a list.
 * So only the models that declare a schema get `#set` (every bundled model does).
 *
 * **Records and maps.** A record's field is an identifier (a letter, then letters, digits, `_`),
 * as in TLA+ and Quint; an object with any other key (a link `"p1-p2"`, a number `"3"`, a key
 * starting with `_` or `#`) is a map from strings and is written as `#map`, in the object's own
 * key order. Reading gives the same object back.
 *
 * **Values ITF has no form for.** ITF has no null: the bundled models do use `null` (a Paxos
 * acceptor's `acceptedV` before any vote, `votedFor` in raft-split-vote), so `null` is written as Quint's
 * `None` variant, which Quint reads as `Option`'s `None` and which no other value of ours is
 * written as (we never write `#tup`, so a record `{ tag: 'None', value: ... }` cannot look like
 * it). A non-integer number is `#unserializable` holding its decimal text (ADR-015's escape for
 * values with no ITF form; Quint reads it as a name). States cannot hold `undefined`, NaN,
 * ±Infinity (the fingerprint rejects them), so the writer rejects them too. We write no
 * `#tup`: plain data has no tuples (a schema has no tuple kind either).
 *
 * **Reading back** gives exactly the plain value written, with two limits ITF imposes: `#bigint`
 * becomes a `number` when it fits exactly in a double's integer range and a `bigint` otherwise
 * (ITF has one integer kind), and Immutable.js collections come back as plain data (sets as
 * sorted arrays, string-keyed maps as objects, other maps as sorted `[key, value]` arrays).
 * From other tools: `#tup` reads as an array, a variant `{ tag, value }` as that record (except
 * `None` with an empty tuple, which is `null`), `#unserializable` as its text. Replay and the
 * renderers therefore compare states as plain data read back from ITF (`toPlain`).
 */
import type { Value } from '../core/value.ts'
import { setFrom } from '../state/data.ts'
import { traceShape } from '../state/trace-value.ts'
import { unsortedHere } from '../state/unsorted-set.ts'
import type { Schema } from '../core/schema.ts'
import { compareItf } from './itf-order.ts'
import type { ItfValue } from './itf-order.ts'

export { canonicalItf, compareItf } from './itf-order.ts'
export type { ItfValue } from './itf-order.ts'

export class ItfValueError extends Error {
  override readonly name = 'ItfValueError'
}

/** The reserved keys that mark an ITF object as something other than a record. */
const TAGS = new Set(['#bigint', '#tup', '#set', '#map', '#unserializable'])

/** How `null` is written: Quint's `None` (a variant whose value is the empty tuple). */
export const ITF_NONE: ItfValue = Object.freeze({ tag: 'None', value: Object.freeze({ '#tup': Object.freeze([]) }) })

/** A record field name: written as a JSON object key; any other key makes the object a `#map`. */
const FIELD = /^[A-Za-z][A-Za-z0-9_]*$/

/** A decimal number's text, as `String(x)` writes it for a finite double. */
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/**
 * Encodes a state value (plain data or Immutable.js collections) as ITF. `schema`, when given, is
 * the value's declared shape: it is what makes an array a `#set` (see the header).
 */
export function toItfValue(v: unknown, path = 'value', schema?: Schema): ItfValue {
  const shape = traceShape(v)
  switch (shape.kind) {
    case 'bad':
      throw new ItfValueError(`${path} ${shape.why}, which a state may not hold`)
    case 'leaf':
      return leafItf(v as boolean | string | bigint | number | null)
    case 'array': {
      const s = schema?.kind === 'nullable' ? schema.of : schema
      const of = s?.kind === 'list' ? s.of : undefined
      const elems = shape.items.map((x, i) => toItfValue(x, `${path}[${i}]`, of))
      // A plain set is sorted already (setOf): its order is the canonical one. One that is not
      // would be read back sorted and deduplicated, another value (`unsorted-set.ts`).
      if (s?.kind === 'list' && s.set) {
        const bad = unsortedHere(s, shape.items, path)
        if (bad !== undefined) throw new ItfValueError(bad)
        return { '#set': elems }
      }
      return elems
    }
    case 'set':
      return { '#set': [...shape.items].map((x) => toItfValue(x, `${path}{}`)).sort(compareItf) }
    case 'map': {
      const entries = [...shape.entries].map(([k, x]): [ItfValue, ItfValue] => [toItfValue(k, `${path} key`), toItfValue(x, `${path}.${String(k)}`)])
      return { '#map': entries.sort((a, b) => compareItf(a[0], b[0])) }
    }
    case 'list':
      return [...shape.items].map((x, i) => toItfValue(x, `${path}[${i}]`))
    case 'record':
      // (An Immutable.js Record's fields have no schema: only plain records are declared.)
      return toItfObject(shape.fields, path, v === shape.fields ? (schema?.kind === 'nullable' ? schema.of : schema) : undefined)
  }
}

const leafItf = (v: boolean | string | bigint | number | null): ItfValue => {
  if (v === null) return ITF_NONE
  if (typeof v === 'bigint') return { '#bigint': v.toString() }
  if (typeof v === 'number') return Number.isInteger(v) ? { '#bigint': BigInt(v).toString() } : { '#unserializable': String(v) }
  return v
}

/** The schema of field `k` of a record (or of a union's variant), when declared. */
function fieldSchema(s: Schema | undefined, rec: Record<string, unknown>, k: string): Schema | undefined {
  if (s?.kind === 'record') return s.fields[k]
  if (s?.kind === 'union') {
    const tag = rec[s.tag]
    return typeof tag === 'string' ? s.variants[tag]?.[k] : undefined
  }
  return undefined
}

function toItfObject(rec: Record<string, unknown>, path: string, s?: Schema): ItfValue {
  const keys = Object.keys(rec)
  if (keys.every((k) => FIELD.test(k))) {
    const out: Record<string, ItfValue> = {}
    for (const k of keys) out[k] = toItfValue(rec[k], `${path}.${k}`, fieldSchema(s, rec, k))
    return out
  }
  return { '#map': keys.map((k): [ItfValue, ItfValue] => [k, toItfValue(rec[k], `${path}.${k}`, fieldSchema(s, rec, k))]) }
}

const isNone = (o: Record<string, unknown>): boolean => {
  if (o.tag !== 'None' || Object.keys(o).length !== 2 || typeof o.value !== 'object' || o.value === null) return false
  const t = (o.value as Record<string, unknown>)['#tup']
  return Array.isArray(t) && t.length === 0 && Object.keys(o.value).length === 1
}

/** Decodes an ITF value into plain data (see the header for what comes back as what). JSON
 * `null` and plain JSON numbers, which ITF does not allow, are accepted (older traces). */
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
      // (Not spread: a set of a hundred thousand elements overflowed the call's arguments.)
      return setFrom(listOf(o['#set'], path, '#set').map((x) => fromItfValue(x, `${path}{}`)))
    case '#map': {
      const pairs = listOf(o['#map'], path, '#map').map((e, i): [Value, Value] => {
        if (!Array.isArray(e) || e.length !== 2) throw new ItfValueError(`${path}: #map entry ${i} is not a [key, value] pair`)
        return [fromItfValue(e[0], `${path} key`), fromItfValue(e[1], `${path}[${i}]`)]
      })
      if (pairs.every(([k]) => typeof k === 'string')) {
        // In the order written: ours is the object's own key order.
        const rec: Record<string, Value> = {}
        for (const [k, x] of pairs) put(rec, k as string, x)
        return rec
      }
      return setFrom(pairs)
    }
    case '#unserializable': {
      // Ours: a non-integer number's text. Another tool's: a value with no ITF form, kept as text.
      const s = String(o['#unserializable'])
      const n = Number(s)
      return DECIMAL.test(s) && Number.isFinite(n) && !Number.isInteger(n) ? n : s
    }
    default: {
      if (isNone(o)) return null
      const rec: Record<string, Value> = {}
      for (const k of keys) {
        if (k.startsWith('#')) throw new ItfValueError(`${path}: unknown ITF tag or reserved key '${k}'`)
        put(rec, k, fromItfValue(o[k], `${path}.${k}`))
      }
      return rec
    }
  }
}

/** Sets an own property, also for the key `__proto__` (which assignment would not). */
const put = (rec: Record<string, Value>, k: string, v: Value): void => {
  Object.defineProperty(rec, k, { value: v, enumerable: true, writable: true, configurable: true })
}

function listOf(x: unknown, path: string, tag: string): readonly unknown[] {
  if (!Array.isArray(x)) throw new ItfValueError(`${path}: ${tag} must hold a list`)
  return x
}
