/**
 * Value-semantic helpers for plain-data states. A set is a sorted, deduplicated array (sorted by
 * `compareValues`), so equal sets are equal arrays and hash equally. Every helper returns the
 * *same instance* when nothing changes (as Immutable.js does), which keeps successor states
 * structurally shared and cheap to compare.
 */
import type { Value } from '../core/value.ts'
import { generatedFunction } from './generated-function.ts'

export type SetOf<T extends Value> = readonly T[]

const rank = (v: Value): number => {
  switch (typeof v) {
    case 'boolean':
      return 1
    case 'number':
      return 2
    case 'bigint':
      return 3
    case 'string':
      return 4
    case 'object':
      return v === null ? 0 : Array.isArray(v) ? 5 : 6
    default:
      return 7
  }
}

/** A total order on values: by type, then numbers numerically, strings by code unit, arrays
 * lexicographically, records by key count, then sorted keys, then values. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
    case 2:
    case 3:
    case 4:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    case 5: {
      const x = a as readonly Value[]
      const y = b as readonly Value[]
      const n = Math.min(x.length, y.length)
      for (let i = 0; i < n; i++) {
        const c = compareValues(x[i] as Value, y[i] as Value)
        if (c !== 0) return c
      }
      return x.length - y.length
    }
    case 6:
      return compareRecords(a as Record<string, Value>, b as Record<string, Value>)
    default:
      return 0
  }
}

/** Records: by number of keys, then by sorted keys, then by values in key order. Records of one
 * or two keys (messages such as `{ type: 'Commit' }` and `{ type: 'Prepared', rm }`, compared on
 * every set lookup) are settled from a for-in walk that allocates nothing, which made `setHas`
 * several times faster (docs/performance.md, "Design measurements"). Larger records sort a key
 * list. */
function compareRecords(x: Record<string, Value>, y: Record<string, Value>): number {
  let nx = 0
  let x0 = ''
  let x1 = ''
  for (const k in x) {
    if (nx === 0) x0 = k
    else if (nx === 1) x1 = k
    nx++
  }
  let ny = 0
  let y0 = ''
  let y1 = ''
  for (const k in y) {
    if (ny === 0) y0 = k
    else if (ny === 1) y1 = k
    ny++
  }
  if (nx !== ny) return nx - ny
  if (nx === 0) return 0
  if (nx === 1) {
    if (x0 !== y0) return x0 < y0 ? -1 : 1
    return compareValues(x[x0] as Value, y[y0] as Value)
  }
  if (nx === 2) {
    if (x1 < x0) {
      const t = x0
      x0 = x1
      x1 = t
    }
    if (y1 < y0) {
      const t = y0
      y0 = y1
      y1 = t
    }
    if (x0 !== y0) return x0 < y0 ? -1 : 1
    if (x1 !== y1) return x1 < y1 ? -1 : 1
    const c = compareValues(x[x0] as Value, y[y0] as Value)
    return c !== 0 ? c : compareValues(x[x1] as Value, y[y1] as Value)
  }
  const sx = shapeOf(x)
  const sy = hasShape(y, sx) ? sx : shapeOf(y)
  const kx = sx.sorted
  if (sy !== sx) {
    const ky = sy.sorted
    for (let i = 0; i < nx; i++) {
      if (kx[i] !== ky[i]) return (kx[i] as string) < (ky[i] as string) ? -1 : 1
    }
  }
  return (sx.compare ?? compiledCompare(sx))(x, y)
}

/** A record's keys in enumeration order, and sorted. Records built by one literal or constructor
 * (a model's messages of one type) enumerate the same keys in the same order, so the sorted list
 * is kept per key list (`shapes`) and found by walking the record's keys against it: comparing
 * records of more than two keys then allocates nothing and sorts nothing. A message without an
 * interned instance (a handler builds a fresh one per step) was sorted on every comparison, or had
 * a sort key built and kept in a WeakMap (network.ts did): most of 2PC-net's `next`
 * (docs/performance.md, "Per-state cost, fourth pass"). */
type Shape = {
  readonly keys: readonly string[]
  readonly sorted: readonly string[]
  /** `compareShaped`'s values loop for this shape, compiled on first use (`compiledCompare`). */
  compare?: (x: Record<string, Value>, v: Record<string, Value>) => number
}

/** The key lists seen, most recently found first; at most SHAPES_MAX (a model has a few kinds of
 * records; past that, a record's keys are listed and sorted per comparison, as before). */
const shapes: Shape[] = []
const SHAPES_MAX = 64

/** Whether `x` enumerates exactly the keys of `s`, in its order. */
function hasShape(x: Record<string, Value>, s: Shape): boolean {
  const keys = s.keys
  let i = 0
  for (const k in x) {
    if (keys[i] !== k) return false
    i++
  }
  return i === keys.length
}

function shapeOf(x: Record<string, Value>): Shape {
  for (let e = 0; e < shapes.length; e++) {
    const s = shapes[e] as Shape
    if (hasShape(x, s)) {
      if (e > 0) {
        shapes[e] = shapes[e - 1] as Shape
        shapes[e - 1] = s
      }
      return s
    }
  }
  const keys = Object.keys(x)
  const sorted = keys.slice()
  sortSmall(sorted)
  const s: Shape = { keys, sorted }
  if (shapes.length < SHAPES_MAX) shapes.push(s)
  // A shape not kept is found again per comparison: compiling it each time would cost far more
  // than the keyed loads it saves.
  else s.compare = (x, v) => compareSorted(sorted, x, v)
  return s
}

/** The values of `x` and `v` compared in the order of key list `sorted` (`compareValues`). */
function compareSorted(sorted: readonly string[], x: Record<string, Value>, v: Record<string, Value>): number {
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i] as string
    const c = compareValues(x[k] as Value, v[k] as Value)
    if (c !== 0) return c
  }
  return 0
}

function sortSmall(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string
    let j = i - 1
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string
      j--
    }
    keys[j + 1] = k
  }
}

export const valuesEqual = (a: Value, b: Value): boolean => compareValues(a, b) === 0

/** `valuesEqual` for the hot path: the same answer on plain data (null, booleans, numbers,
 * bigints, strings, arrays, records), without ordering anything. It stops at the first difference
 * and skips every part the two share by identity, where `compareValues` lists both records' keys
 * and finds their shapes: asked of a node's state after each delivery on a `set` network (is it
 * a step?), it cost paxos-net's `next` a quarter more (bench/per-state.ts). */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN, which no state holds, is equal to itself under compareValues; so here.
    return typeof a === 'number' && typeof b === 'number' && !(a < b) && !(a > b)
  }
  const arr = Array.isArray(a)
  if (arr !== Array.isArray(b)) return false
  if (arr) {
    const x = a as readonly Value[]
    const y = b as readonly Value[]
    if (x.length !== y.length) return false
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i] as Value, y[i] as Value)) return false
    return true
  }
  const x = a as Readonly<Record<string, Value>>
  const y = b as Readonly<Record<string, Value>>
  let n = 0
  for (const k in x) {
    // A key y lacks reads undefined there, which no value equals; but __proto__ reads y's
    // prototype (Object.prototype: an empty record by its keys), so that one is looked up.
    if (!sameValue(x[k] as Value, y[k] as Value) || (k === '__proto__' && !Object.hasOwn(y, k))) return false
    n++
  }
  for (const _ in y) n--
  return n === 0
}

/** Binary search: the index of `v` in sorted `set`, or `-(insertion point) - 1`. Strings and
 * small records (messages such as `{ type: 'Prepared', rm }`) get searches of their own that
 * settle `v`'s side of each comparison once per search instead of once per probe, about halving
 * `setHas` (docs/performance.md, "Design measurements"). */
function search<T extends Value>(set: SetOf<T>, v: T): number {
  if (typeof v === 'string') return searchString(set, v)
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return searchRecord(set, v as Record<string, Value>)
  return searchAny(set, v)
}

function searchAny(set: SetOf<Value>, v: Value): number {
  let lo = 0
  let hi = set.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const c = compareValues(set[mid] as Value, v)
    if (c === 0) return mid
    if (c < 0) lo = mid + 1
    else hi = mid - 1
  }
  return -lo - 1
}

function searchString(set: SetOf<Value>, v: string): number {
  let lo = 0
  let hi = set.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const e = set[mid] as Value
    if (e === v) return mid
    const c = typeof e === 'string' ? (e < v ? -1 : 1) : compareValues(e, v)
    if (c < 0) lo = mid + 1
    else hi = mid - 1
  }
  return -lo - 1
}

const RECORD_RANK = 6

function searchRecord(set: SetOf<Value>, v: Record<string, Value>): number {
  // v's keys and values, sorted by key, when it has at most two keys (more: its shape, below).
  // Values are read inside the for-in, where V8 loads them by field index.
  let nv = 0
  let k0 = ''
  let k1 = ''
  let w0: Value = null
  let w1: Value = null
  for (const k in v) {
    if (nv === 0) {
      k0 = k
      w0 = v[k] as Value
    } else if (nv === 1) {
      k1 = k
      w1 = v[k] as Value
    }
    nv++
  }
  // More than two keys: v's shape, found once per search (`compareShaped`).
  const sv = nv > 2 ? shapeOf(v) : undefined
  if (nv === 2 && k1 < k0) {
    const t = k0
    k0 = k1
    k1 = t
    const u = w0
    w0 = w1
    w1 = u
  }
  let lo = 0
  let hi = set.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const e = set[mid] as Value
    if (e === v) return mid
    const c =
      typeof e !== 'object' || e === null || Array.isArray(e)
        ? rank(e) - RECORD_RANK
        : sv === undefined
          ? compareSmallRecord(e as Record<string, Value>, nv, k0, k1, w0, w1)
          : compareShaped(e as Record<string, Value>, v, sv)
    if (c === 0) return mid
    if (c < 0) lo = mid + 1
    else hi = mid - 1
  }
  return -lo - 1
}

/** `compareRecords(x, v)` for a `v` of more than two keys, of shape `sv`: an element of the same
 * shape (a message of the same type, built by the same literal) is compared value by value in
 * sorted key order without listing either record's keys again (`compareRecords` walks both
 * records' keys three or four times per comparison). */
function compareShaped(x: Record<string, Value>, v: Record<string, Value>, sv: Shape): number {
  if (!hasShape(x, sv)) return compareRecords(x, v)
  return (sv.compare ?? compiledCompare(sv))(x, v)
}

/** The values of two records of shape `s` compared in its sorted key order, as `compareValues`
 * does, compiled (`new Function`) so that each key is a named property load, where a loop over the
 * key list made each a keyed load by a variable name (V8's megamorphic path). Strings and numbers
 * are settled inline, anything else by `compareValues`. Multi-paxos's `next`, which inserts each
 * message it sends into a sorted set of about 30, went from 5.4-5.7 to 4.7-4.9 µs per state
 * (bench/per-state.ts, 3 instances). */
function compiledCompare(s: Shape): (x: Record<string, Value>, v: Record<string, Value>) => number {
  s.compare = compileKeyCompare(s.sorted)
  return s.compare
}

/** `compiledCompare`'s function for the key list `sorted` (sorted as `compareRecords` sorts keys):
 * `compareValues` of two records with exactly those keys. Also the per-variant comparison of
 * messages compiled from their schema (schema-compare.ts). */
export function compileKeyCompare(sorted: readonly string[]): (x: Record<string, Value>, v: Record<string, Value>) => number {
  const body = sorted.map((k) => {
    const key = JSON.stringify(k)
    return `a = x[${key}]; b = v[${key}];
if (a !== b) { c = (typeof a === 'string' && typeof b === 'string') || (typeof a === 'number' && typeof b === 'number') ? (a < b ? -1 : a > b ? 1 : 0) : cmp(a, b); if (c !== 0) return c; }`
  })
  return generatedFunction(['cmp'], `'use strict';\nreturn function compareShape(x, v) {\nlet a, b, c;\n${body.join('\n')}\nreturn 0;\n};`)(compareValues) as (x: Record<string, Value>, v: Record<string, Value>) => number
}

/** `compareRecords(x, y)` for a `y` of `ny` ≤ 2 keys, given sorted by key as (k0, w0), (k1, w1). */
function compareSmallRecord(x: Record<string, Value>, ny: number, k0: string, k1: string, w0: Value, w1: Value): number {
  let nx = 0
  let x0 = ''
  let x1 = ''
  let u0: Value = null
  let u1: Value = null
  for (const k in x) {
    if (nx === 0) {
      x0 = k
      u0 = x[k] as Value
    } else if (nx === 1) {
      x1 = k
      u1 = x[k] as Value
    }
    nx++
  }
  if (nx !== ny) return nx - ny
  if (nx === 0) return 0
  if (nx === 1) {
    if (x0 !== k0) return x0 < k0 ? -1 : 1
    return compareValues(u0, w0)
  }
  if (x1 < x0) {
    const t = x0
    x0 = x1
    x1 = t
    const u = u0
    u0 = u1
    u1 = u
  }
  if (x0 !== k0) return x0 < k0 ? -1 : 1
  if (x1 !== k1) return x1 < k1 ? -1 : 1
  const c = compareValues(u0, w0)
  return c !== 0 ? c : compareValues(u1, w1)
}

export function setOf<T extends Value>(...items: T[]): SetOf<T> {
  return setFrom(items)
}

/** `setOf` of a list (not spread into arguments, which a list of a hundred thousand overflows). */
export function setFrom<T extends Value>(items: readonly T[]): SetOf<T> {
  const sorted = [...items].sort(compareValues)
  return sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1] as Value, v) !== 0)
}

export const setHas = <T extends Value>(set: SetOf<T>, v: T): boolean => search(set, v) >= 0

export function setAdd<T extends Value>(set: SetOf<T>, v: T): SetOf<T> {
  const i = search(set, v)
  if (i >= 0) return set
  return inserted(set, -i - 1, v)
}

export function setRemove<T extends Value>(set: SetOf<T>, v: T): SetOf<T> {
  const i = search(set, v)
  if (i < 0) return set
  return removed(set, i)
}

// A copy of exactly the new length, filled in one pass: about a quarter of the cost of
// `slice()` then `splice()` on the short arrays states hold (slice copies, splice moves the tail
// and returns an array of its own; docs/performance.md, "Design measurements").

/** A copy of `list` with `v` inserted at index `at` (0..length). */
export function inserted<T>(list: readonly T[], at: number, v: T): T[] {
  const n = list.length
  const out = new Array<T>(n + 1)
  for (let i = 0; i < at; i++) out[i] = list[i] as T
  out[at] = v
  for (let i = at; i < n; i++) out[i + 1] = list[i] as T
  return out
}

/** A copy of `list` without its element at index `at` (0..length-1). */
export function removed<T>(list: readonly T[], at: number): T[] {
  const n = list.length - 1
  const out = new Array<T>(n)
  for (let i = 0; i < at; i++) out[i] = list[i] as T
  for (let i = at; i < n; i++) out[i] = list[i + 1] as T
  return out
}

export function setUnion<T extends Value>(a: SetOf<T>, b: SetOf<T>): SetOf<T> {
  let out = a
  for (const v of b) out = setAdd(out, v)
  return out
}

export const setIsSubset = <T extends Value>(a: SetOf<T>, b: SetOf<T>): boolean =>
  a.every((v) => setHas(b, v))

/** `[rec EXCEPT ![key] = value]`: `{ ...rec, [key]: value }`, or `rec` itself when the value is
 * already there. */
export function assoc<R extends object, K extends keyof R & string>(
  rec: R,
  key: K,
  value: R[K],
): R {
  if (rec[key] === value) return rec
  // Spread, then assign: V8 copies the object's shape fast, where `{ ...rec, [key]: value }`
  // takes a slow path (docs/performance.md, "Design measurements").
  const out = { ...rec } as Record<string, Value>
  out[key] = value as Value
  return out as R
}

/** A record with one entry per key, like TLA+'s `[x \in X |-> v]`. */
export function mapFrom<K extends string, V extends Value>(
  keys: readonly K[],
  f: (k: K) => V,
): Readonly<Record<K, V>> {
  const out = {} as Record<K, V>
  for (const k of keys) out[k] = f(k)
  return out
}

/** Far more nodes than an exhaustive search can explore; a count above it is a typo (`1e9`). */
export const MAX_IDS = 1_000_000

/** `['r1', 'r2', ...]`: node ids for a configured count (a whole number, at most `MAX_IDS`). */
export function ids(prefix: string, n: number): string[] {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_IDS) {
    throw new RangeError(`ids('${prefix}', ${n}): the count must be a whole number from 0 to ${MAX_IDS.toLocaleString('en-US')}`)
  }
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)
}
