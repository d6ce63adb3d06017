/**
 * Canonical 64-bit fingerprints of plain-data states.
 *
 * The fingerprint is defined structurally, so no byte encoding is built on the hot path:
 * - scalars hash by type and value; strings through a cache (states repeat the same few strings);
 * - arrays (and Immutable.js Lists) hash their elements in order;
 * - objects (and Immutable.js Maps, OrderedMaps and Records) hash as the *sum* of a strongly mixed
 *   hash per (key, value) entry, so key order and construction history cannot matter and no keys
 *   are sorted;
 * - Immutable.js Sets hash as the sum of their elements' hashes (order-free), tagged apart from
 *   arrays. Plain-data sets are sorted arrays (see `data.ts`) and so hash as arrays.
 *
 * Two independent 32-bit lanes (murmur3's finaliser with different seeds) give 64 bits. Equal
 * values give equal fingerprints on every thread, run and machine: nothing depends on addresses,
 * insertion order or a random seed.
 *
 * Values a state may not hold are rejected with a `StateValueError` giving the path to the value:
 * `undefined`, functions, symbols, NaN, ±Infinity, -0, JS Map/Set and class instances.
 */

import type { Fingerprint } from '../core/model.ts'
import type { Schema } from '../core/schema.ts'
import { generatedFunction } from './generated-function.ts'

export class StateValueError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`)
  }
}

// Result registers: the hash functions write their result here instead of allocating pairs.
let R1 = 0
let R2 = 0

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. Exported for models
 * that hash a signature of their own (symmetry pruning). */
export const fmix = (h: number): number => {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

const T_NULL1 = 0x1b873593, T_NULL2 = 0x2f8a2bf1
const T_TRUE1 = 0x3c6ef372, T_TRUE2 = 0x5be0cd19
const T_FALSE1 = 0x510e527f, T_FALSE2 = 0x1f83d9ab
const T_INT1 = 0x6a09e667, T_INT2 = 0x243f6a88
const T_FLT1 = 0x13198a2e, T_FLT2 = 0x03707344
const T_STR1 = 0x7c3f5a91, T_STR2 = 0x0b1d2e4f
const T_BIG1 = 0x299f31d0, T_BIG2 = 0x082efa98
const T_ARR1 = 0x452821e6, T_ARR2 = 0x38d01377
const T_OBJ1 = 0x34e90c6c, T_OBJ2 = 0x4c0e7f1b
const T_SET1 = 0x6c65a3e1, T_SET2 = 0x1d5c9f27

const f64 = new Float64Array(1)
const f64w = new Int32Array(f64.buffer)

// String hash cache. Bounded so that models with unbounded string spaces do not leak.
const strCache = new Map<string, number>()
let strLane1 = new Int32Array(1024)
let strLane2 = new Int32Array(1024)
const STR_CACHE_MAX = 1 << 20

function hashStringRaw(s: string): void {
  let a = T_STR1 ^ s.length
  let b = T_STR2 ^ Math.imul(s.length, 0x9e3779b1)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul((b << 5) | (b >>> 27), 0x85ebca6b) ^ c
  }
  R1 = fmix(a)
  R2 = fmix(b ^ 0x27d4eb2f)
}

export function hashString(s: string): void {
  // Short strings (keys, enum values) hash faster than a Map lookup finds them
  // (docs/performance.md, "Design measurements"); longer ones are cached.
  if (s.length <= 12) return hashStringRaw(s)
  const idx = strCache.get(s)
  if (idx !== undefined) {
    R1 = strLane1[idx]
    R2 = strLane2[idx]
    return
  }
  hashStringRaw(s)
  const n = strCache.size
  if (n >= STR_CACHE_MAX) return
  if (n >= strLane1.length) {
    const a = new Int32Array(n * 2)
    a.set(strLane1)
    strLane1 = a
    const b = new Int32Array(n * 2)
    b.set(strLane2)
    strLane2 = b
  }
  strLane1[n] = R1
  strLane2[n] = R2
  strCache.set(s, n)
}

function hashNumber(n: number, path: () => string): void {
  if ((n | 0) === n) {
    if (n === 0 && 1 / n < 0) throw new StateValueError(path(), 'is -0 (not a canonical value)')
    R1 = fmix(n ^ T_INT1)
    R2 = fmix(Math.imul(n, 0x9e3779b1) ^ T_INT2)
    return
  }
  if (!Number.isFinite(n)) throw new StateValueError(path(), `is ${n} (not a canonical value)`)
  f64[0] = n
  R1 = fmix(Math.imul(f64w[0], 0xcc9e2d51) ^ fmix(f64w[1] ^ T_FLT1))
  R2 = fmix(Math.imul(f64w[1], 0x1b873593) ^ fmix(f64w[0] ^ T_FLT2))
}

// Immutable.js collections carry these marker properties (stable across v4 and v5).
const IS_LIST = '@@__IMMUTABLE_LIST__@@'
const IS_MAP = '@@__IMMUTABLE_MAP__@@'
const IS_SET = '@@__IMMUTABLE_SET__@@'
const IS_RECORD = '@@__IMMUTABLE_RECORD__@@'
const IS_ITERABLE = '@@__IMMUTABLE_ITERABLE__@@'

const NO_PATH = (): string => 'state'

/** Hashes any value into (R1, R2). `path` is only called to build an error message. */
function hashValue(v: unknown, path: () => string): void {
  switch (typeof v) {
    case 'string':
      hashString(v)
      return
    case 'number':
      hashNumber(v, path)
      return
    case 'boolean':
      if (v) {
        R1 = T_TRUE1
        R2 = T_TRUE2
      } else {
        R1 = T_FALSE1
        R2 = T_FALSE2
      }
      return
    case 'object':
      if (v === null) {
        R1 = T_NULL1
        R2 = T_NULL2
        return
      }
      if (Array.isArray(v)) return hashArray(v, path)
      return hashObject(v as object, path)
    case 'bigint': {
      hashStringRaw(v.toString())
      R1 = fmix(R1 ^ T_BIG1)
      R2 = fmix(R2 ^ T_BIG2)
      return
    }
    default:
      throw new StateValueError(path(), `is ${describe(v)} (states hold plain data only)`)
  }
}

/** Hashes `v` without the remembered parts and without recording (a value inside a compiled
 * state's `any` field, a path being explained). */
function coldHash(v: unknown, path: () => string): void {
  cold(hashValue, v, path)
}

/** Runs `hash` with the cursor past the remembered parts and recording off, and restores both. */
function cold<T>(hash: (v: T, path: () => string) => void, v: T, path: () => string): void {
  const c = cursor
  const rec = recording
  const at = recorded
  cursor = parts
  recording = false
  try {
    hash(v, path)
  } finally {
    cursor = c
    recording = rec
    recorded = at
  }
}

// Successor states share their unchanged parts with the state they came from (the same
// instances), so the hashes of the parent's parts are kept while its successors are hashed, at
// every depth: the explorer asks for it (`recordFingerprintParts`) before fingerprinting the state
// it is about to expand, and keeps what that pass recorded (`rememberFingerprintParts`). The record
// is the parent's composite parts (records, arrays) in pre-order, each with its hash and the end of
// its subtree. A successor's walk follows it with a cursor: a part that is the recorded part at the
// cursor (by identity) takes its hash and skips its subtree; a part that is not (the successor
// changed something inside it) is walked, with the cursor at the recorded part's first child, so
// that its unchanged children are found next; after it the cursor is past the recorded part's
// subtree. So a successor walks only the path to what it changed (its other parts are found one
// comparison each), where the record of top-level parts kept before walked a changed top-level part
// whole (a role's record of every node; the network with every message in flight). A parent's own
// pass follows the previous parent's record the same way and copies the subtrees it finds there.
// Values are immutable by contract, which is what makes this sound (a hash kept for an object stays
// its hash: a cursor in the wrong place costs misses, never a wrong fingerprint). Nothing is
// written on the values themselves: a cache in a symbol property (an earlier design) gave every
// such object a second hidden class, which sent each `{ ...record }` spread in a model down V8's
// slow path (figures: docs/performance.md, "What made the plain-data path faster" and "Per-state
// cost, fourth pass").

/** The remembered parts (the parent's), in pre-order: the part, its hash, the end of its subtree. */
let partObj: object[] = []
let partA: Int32Array = new Int32Array(64)
let partB: Int32Array = new Int32Array(64)
let partEnd: Int32Array = new Int32Array(64)
let parts = 0
/** The parts being recorded (the state being fingerprinted after `recordFingerprintParts`). */
let recObj: object[] = []
let recA: Int32Array = new Int32Array(64)
let recB: Int32Array = new Int32Array(64)
let recEnd: Int32Array = new Int32Array(64)
let recorded = 0
/** Whether this walk records its parts, and whether the last fingerprint did. */
let recording = false
let lastRecorded = false
/** Where the walk is in the remembered parts. */
let cursor = 0

/** Room for `n` recorded parts. */
function recRoom(n: number): void {
  if (n <= recA.length) return
  const grow = (a: Int32Array): Int32Array => {
    const b = new Int32Array(Math.max(n, 2 * a.length))
    b.set(a)
    return b
  }
  recA = grow(recA)
  recB = grow(recB)
  recEnd = grow(recEnd)
}

/** Copies remembered part `c`'s subtree into the record (a parent's pass found it unchanged). */
function recordSubtree(c: number): void {
  const end = partEnd[c] as number
  const at = recorded
  recRoom(at + end - c)
  const shift = at - c
  for (let i = c; i < end; i++) {
    recObj[i + shift] = partObj[i] as object
    recA[i + shift] = partA[i] as number
    recB[i + shift] = partB[i] as number
    recEnd[i + shift] = (partEnd[i] as number) + shift
  }
  recorded = at + end - c
}

/** Keeps the parts recorded by the last fingerprint, for fingerprinting its successors (call it
 * after fingerprinting a state, before expanding it). When that fingerprint recorded nothing (no
 * `recordFingerprintParts` before it, or a compiled hasher), nothing is remembered. */
export function rememberFingerprintParts(): void {
  const n = lastRecorded ? recorded : 0
  const o = partObj
  const a = partA
  const b = partB
  const e = partEnd
  partObj = recObj
  partA = recA
  partB = recB
  partEnd = recEnd
  // Drop references to parts no longer remembered, so they can be collected.
  for (let i = n; i < parts; i++) partObj[i] = EMPTY
  for (let i = 0; i < parts; i++) o[i] = EMPTY
  recObj = o
  recA = a
  recB = b
  recEnd = e
  parts = n
  recorded = 0
  lastRecorded = false
}
const EMPTY = {}

/** Hashes composite `v` (a plain record or array) through the remembered parts, recording it when
 * the walk records. */
function hashComposite(v: object, path: () => string, isArray: boolean): void {
  const c = cursor
  if (c < parts && partObj[c] === v) {
    R1 = partA[c] as number
    R2 = partB[c] as number
    if (recording) recordSubtree(c)
    cursor = partEnd[c] as number
    return
  }
  let w = -1
  if (recording) {
    w = recorded++
    recRoom(recorded)
    recObj[w] = v
  }
  const after = c < parts ? (partEnd[c] as number) : parts
  cursor = c < parts ? c + 1 : parts
  if (isArray) hashArrayRaw(v as readonly unknown[], path, after)
  else hashObjectRaw(v, path)
  cursor = after
  if (w >= 0) {
    recA[w] = R1
    recB[w] = R2
    recEnd[w] = recorded
  }
}

function hashArray(v: readonly unknown[], path: () => string): void {
  hashComposite(v, path, true)
}

function hashObject(v: object, path: () => string): void {
  hashComposite(v, path, false)
}

/** `bound`: the end of the remembered array's subtree, whose elements this array's are matched
 * against as the compiled lists' are: an element is the remembered one at the cursor or one of
 * the next two (one or two removed before it: a message consumed), else it is new (a message
 * sent), walked cold, and the cursor stays for the next. Matching by position alone (as records'
 * fields are) would walk every element after an insertion or removal again. */
function hashArrayRaw(v: readonly unknown[], path: () => string, bound = parts): void {
  let a = T_ARR1 ^ v.length
  let b = (T_ARR2 + v.length) | 0
  for (let i = 0; i < v.length; i++) {
    const x = v[i]
    const at = path === NO_PATH ? NO_PATH : () => `${path()}[${i}]`
    if (typeof x === 'object' && x !== null && cursor < bound) {
      let c = cursor
      let hit = -1
      for (let k = 0; k < 3 && c < bound; k++) {
        if (partObj[c] === x) {
          hit = c
          break
        }
        c = partEnd[c] as number
      }
      if (hit >= 0) {
        R1 = partA[hit] as number
        R2 = partB[hit] as number
        if (recording) recordSubtree(hit)
        cursor = partEnd[hit] as number
      } else {
        const keep = cursor
        cursor = parts
        hashValue(x, at)
        cursor = keep
      }
    } else hashValue(x, at)
    a = Math.imul((a << 7) | (a >>> 25), 0x01000193) ^ R1
    // `| 0` keeps b a 32-bit integer: the sum, past 2^31, made it a double that V8 converted back
    // at each `^` (a fold step took 3.7 ns, 1.5 with it, in a micro-benchmark). Only the low 32
    // bits of a lane are ever read (`^`, `fmix`), so no hash changes; so for every `| 0` on a
    // lane below and in the generated code.
    b = (Math.imul(b ^ R2, 0x85ebca6b) + 0x6b43a9b5) | 0
  }
  R1 = fmix(a)
  R2 = fmix(b ^ T_ARR2)
}

function hashObjectRaw(v: object, path: () => string): void {
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) return hashSpecial(v, path)
  let a = 0
  let b = 0
  let n = 0
  const o = v as Record<string, unknown>
  for (const k in o) {
    const val = o[k]
    hashValue(val, path === NO_PATH ? NO_PATH : () => `${path()}.${k}`)
    const va = R1
    const vb = R2
    hashString(k)
    a = (a + fmix(Math.imul(R1, 0x9e3779b1) ^ va)) | 0
    b = (b + fmix((Math.imul(R2 ^ vb, 0xcc9e2d51) + 0x165667b1) | 0)) | 0
    n++
  }
  R1 = fmix(a ^ T_OBJ1 ^ n)
  R2 = fmix((b + T_OBJ2 + n) | 0)
}

/** Immutable.js collections; everything else that is not plain data is an error. Walked without
 * the remembered parts (their entries are built per walk), and kept as one part (`hashComposite`
 * records the collection itself; `cold` keeps what is inside out of the record). */
function hashSpecial(v: object, path: () => string): void {
  cold(hashSpecialCold, v, path)
}

function hashSpecialCold(v: object, path: () => string): void {
  const m = v as Record<string, unknown>
  if (m[IS_ITERABLE] === true || m[IS_RECORD] === true) {
    if (m[IS_LIST] === true) {
      return hashArray([...(v as Iterable<unknown>)], path)
    }
    if (m[IS_SET] === true) {
      let a = 0
      let b = 0
      let n = 0
      for (const e of v as Iterable<unknown>) {
        hashValue(e, path)
        a = (a + fmix(R1 ^ 0x2545f491)) | 0
        b = (b + fmix((R2 + 0x4cf5ad43) | 0)) | 0
        n++
      }
      R1 = fmix(a ^ T_SET1 ^ n)
      R2 = fmix((b + T_SET2 + n) | 0)
      return
    }
    if (m[IS_MAP] === true || m[IS_RECORD] === true) {
      // Maps (ordered or not) and Records hash exactly like plain objects with the same entries.
      let a = 0
      let b = 0
      let n = 0
      const entries = (v as { entries(): Iterable<[unknown, unknown]> }).entries()
      for (const [k, val] of entries) {
        hashValue(val, path === NO_PATH ? NO_PATH : () => `${path()}.${String(k)}`)
        const va = R1
        const vb = R2
        hashValue(k, path)
        a = (a + fmix(Math.imul(R1, 0x9e3779b1) ^ va)) | 0
        b = (b + fmix((Math.imul(R2 ^ vb, 0xcc9e2d51) + 0x165667b1) | 0)) | 0
        n++
      }
      R1 = fmix(a ^ T_OBJ1 ^ n)
      R2 = fmix((b + T_OBJ2 + n) | 0)
      return
    }
    // Stack, Seq and other iterables: ordered, like a List.
    return hashArray([...(v as Iterable<unknown>)], path)
  }
  throw new StateValueError(path(), `is ${describe(v)} (states hold plain data only)`)
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v === 'function') return 'a function'
  if (typeof v === 'symbol') return 'a symbol'
  if (v instanceof Map) return 'a JS Map (use a plain object or Immutable.Map)'
  if (v instanceof Set) return 'a JS Set (use a sorted array from setOf(), or Immutable.Set)'
  const ctor = (v as { constructor?: { name?: string } }).constructor?.name
  return ctor ? `an instance of class ${ctor}` : typeof v
}

// ---- schema-compiled hashers ------------------------------------------------------------------

/**
 * Finds where a value leaves its schema, naming the path; the generated hasher below only knows
 * *that* it did. Validates, hashes nothing (except under `any`, where the generic walk is the
 * validator).
 */
function mismatch(schema: Schema, v: unknown, path: () => string): void {
  const fail = (problem: string): never => {
    throw new StateValueError(path(), problem)
  }
  switch (schema.kind) {
    case 'any':
      return coldHash(v, path)
    case 'bool':
      if (v !== true && v !== false) fail(`is ${String(v)}, not a boolean`)
      return
    case 'int':
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < schema.min || v > schema.max) {
        fail(Number.isInteger(v) && !Number.isSafeInteger(v) ? `is ${String(v)}, past ±(2^53 - 1): a schema int is a safe integer` : `is ${String(v)}, not a whole number in ${schema.min}..${schema.max}`)
      }
      if (v === 0 && 1 / (v as number) < 0) fail('is -0 (not a canonical value)')
      return
    case 'enum':
      if (!schema.values.includes(v as string)) fail(`is ${JSON.stringify(v)}, not one of ${schema.values.join(', ')}`)
      return
    case 'nullable':
      if (v !== null) mismatch(schema.of, v, path)
      return
    case 'list':
      if (!Array.isArray(v)) fail(typeof v === 'object' && v !== null ? 'is not an array' : `is ${describe(v)} where the schema expects a record or array`)
      ;(v as unknown[]).forEach((e, i) => mismatch(schema.of, e, () => `${path()}[${i}]`))
      return
    case 'record':
      return mismatchRecord(schema.fields, v, path)
    case 'union': {
      if (typeof v !== 'object' || v === null) fail(`is ${describe(v)} where the schema expects a record or array`)
      if (Array.isArray(v)) fail('is an array where the schema expects a record')
      const tag = (v as Record<string, unknown>)[schema.tag]
      const fields = typeof tag === 'string' ? schema.variants[tag] : undefined
      if (!fields) fail(`has ${schema.tag} ${JSON.stringify(tag)}, not one of ${Object.keys(schema.variants).join(', ')}`)
      return mismatchRecord({ ...fields, [schema.tag]: { kind: 'enum', values: [tag as string] } }, v, path)
    }
  }
}

function mismatchRecord(fields: Readonly<Record<string, Schema>>, v: unknown, path: () => string): void {
  if (typeof v !== 'object' || v === null) throw new StateValueError(path(), `is ${describe(v)} where the schema expects a record or array`)
  if (Array.isArray(v)) throw new StateValueError(path(), 'is an array where the schema expects a record')
  for (const k of Object.keys(fields)) {
    const val = (v as Record<string, unknown>)[k]
    if (val === undefined) throw new StateValueError(`${path()}.${k}`, 'is missing (the schema declares it)')
    mismatch(fields[k] as Schema, val, () => `${path()}.${k}`)
  }
  for (const k in v) {
    if (!Object.hasOwn(fields, k)) throw new StateValueError(`${path()}.${k}`, 'is a field the schema does not declare (add it to the schema, or leave it out of the state)')
  }
}

/**
 * Compiles a schema into a fingerprint function with the same contract as `fingerprint`: it writes
 * `out` (`fp` by default) and gives the generic fingerprint of every state that matches the schema. The code is
 * generated (`new Function`) so that key hashes, enum hashes and record sizes are constants in
 * straight-line code: no type dispatch, and a record's keys only counted (a field the schema does
 * not declare is a mismatch: left out of the hash, it made two states one). On any mismatch the
 * generated code throws, and `explainSchemaMismatch` names the path.
 *
 * Parts cache (the compiled twin of the generic path's, at every depth): each composite at a
 * fixed path of the schema — a field of a field of the state, however deep, but not inside a list
 * element or a union variant — has a slot holding the last part recorded there and its hash. The
 * state fingerprinted after `recordFingerprintParts()` (the parent about to be expanded) fills the
 * slots; its successors, which share most of its parts by identity, read them, so a part found in
 * its slot is not walked again. A list of records or arrays at a fixed path (a bag or set of
 * messages) also keeps its elements' hashes, and a successor's list takes those of the elements
 * it shares with the parent's, in order, past up to two removed ones (a delivery removes one, a
 * send inserts one). Values are immutable by contract, so a hash kept for an object stays its
 * hash: a stale slot costs a miss, never a wrong fingerprint.
 */
export function compileSchemaHasher(schema: Schema): (state: unknown, out?: Fingerprint) => void {
  const gen = generateHasher(schema)
  return (state, out = fp) => {
    const rec = recordNext
    recordNext = false
    lastRecorded = false
    gen(state, rec)
    const hi = OUT[0]
    let lo = OUT[1]
    if (hi === 0 && lo === 0) lo = 1
    out.hi = hi
    out.lo = lo
  }
}

/** Set by `recordFingerprintParts`, consumed by the next fingerprint. */
let recordNext = false

/**
 * The next state fingerprinted is a parent whose successors follow: a compiled hasher keeps its
 * parts' hashes at every depth (see `compileSchemaHasher`). Call it before fingerprinting the
 * parent, and `rememberFingerprintParts` after (for the generic path's top-level parts); the
 * explorers do both through `Prepared.fingerprintParent`.
 */
export function recordFingerprintParts(): void {
  recordNext = true
}

const OUT = new Int32Array(2)

/** What generated code may call: the generic hash (for `any`), and errors. */
const ENV = {
  OUT,
  fmix,
  generic(v: unknown): void {
    coldHash(v, NO_PATH)
    OUT[0] = R1
    OUT[1] = R2
  },
  bad(): never {
    throw new StateValueError('state', 'does not match the schema')
  },
}

/** Int fields of at most this many values take their entries from a table (`emitEntry`). */
const INT_TABLE_MAX = 256

const isComposite = (s: Schema): boolean =>
  s.kind === 'list' || s.kind === 'record' || s.kind === 'union' || (s.kind === 'nullable' && isComposite(s.of))

function generateHasher(root: Schema): (v: unknown, rec: boolean) => void {
  const lines: string[] = []
  let fresh = 0
  let slots = 0
  /** Entry tables of small int fields (`emitEntry`), declared before the functions. */
  const tables: string[] = []
  const name = () => `h${fresh++}`
  const hex = (n: number) => `${n | 0}`

  /** Emits code hashing expression `x` (a local) into locals `a`,`b`; depth is static. `fixed`:
   * `x` is at a fixed path of the state (so a composite's fields get slots: `emitEntry`). */
  function emit(schema: Schema, x: string, a: string, b: string, d: number, fixed: boolean): string {
    switch (schema.kind) {
      case 'any':
        return `ENV.generic(${x}); ${a} = OUT[0]; ${b} = OUT[1];`
      case 'bool':
        return `if (${x} === true) { ${a} = ${hex(T_TRUE1)}; ${b} = ${hex(T_TRUE2)}; } else if (${x} === false) { ${a} = ${hex(T_FALSE1)}; ${b} = ${hex(T_FALSE2)}; } else ENV.bad();`
      case 'int': {
        const int32 = `${a} = fmix(${x} ^ ${hex(T_INT1)}); ${b} = fmix(Math.imul(${x}, ${hex(0x9e3779b1)}) ^ ${hex(T_INT2)});`
        const range = `${x} < ${schema.min} || ${x} > ${schema.max} || (${x} === 0 && 1 / ${x} < 0)`
        if (schema.min >= -(2 ** 31) && schema.max <= 2 ** 31 - 1) return `if (typeof ${x} !== 'number' || (${x} | 0) !== ${x} || ${range}) ENV.bad(); ${int32}`
        // Bounds past 32 bits: a whole number beyond them is hashed as the generic path hashes it
        // (as a double), which 32-bit arithmetic cannot do.
        return `if (typeof ${x} !== 'number' || !Number.isSafeInteger(${x}) || ${range}) ENV.bad(); if ((${x} | 0) === ${x}) { ${int32} } else { ENV.generic(${x}); ${a} = OUT[0]; ${b} = OUT[1]; }`
      }
      case 'enum': {
        const cases = schema.values.map((v) => {
          hashStringRaw(v)
          return `case ${JSON.stringify(v)}: ${a} = ${hex(R1)}; ${b} = ${hex(R2)}; break;`
        })
        return `switch (${x}) { ${cases.join(' ')} default: ENV.bad(); }`
      }
      case 'nullable':
        return `if (${x} === null) { ${a} = ${hex(T_NULL1)}; ${b} = ${hex(T_NULL2)}; } else { ${emit(schema.of, x, a, b, d, fixed)} }`
      case 'list':
      case 'record':
      case 'union': {
        const f = name()
        // A record or union is no array (an array's indices would pass for a record's keys "0",
        // "1", ...: two states, an array and a record, hashed as one).
        const check = `if (typeof ${x} !== 'object' || ${x} === null${schema.kind === 'list' ? '' : ` || Array.isArray(${x})`}) ENV.bad();`
        // (A composite at a fixed path below the root has a slot: `emitEntry`.)
        fn(f, schema, d + 1, fixed, -1)
        return `${check} ${f}(${x}); ${a} = OUT[0]; ${b} = OUT[1];`
      }
    }
  }

  /** A record body: the sum over its (constant) keys, as `hashObjectRaw` computes it. */
  function recordBody(fields: Readonly<Record<string, Schema>>, d: number, fixed: boolean): string {
    const keys = Object.keys(fields)
    const out: string[] = ['let a = 0, b = 0, va = 0, vb = 0, ea = 0, eb = 0, x;']
    for (const k of keys) {
      hashStringRaw(k)
      const ka = Math.imul(R1, 0x9e3779b1)
      const kb = R2
      out.push(`x = v[${JSON.stringify(k)}]; if (x === undefined) ENV.bad();`)
      out.push(emitEntry(fields[k] as Schema, ka, kb, d, fixed))
      out.push('a = (a + ea) | 0; b = (b + eb) | 0;')
    }
    // Exactly the declared keys: a field the schema does not declare was left out of the hash,
    // so two states differing only there were one (wrong counts, and verdicts, without --debug).
    out.push(`let keys = 0; for (const _ in v) keys++; if (keys !== ${keys.length}) ENV.bad();`)
    out.push(`OUT[0] = fmix(a ^ ${hex(T_OBJ1)} ^ ${keys.length}); OUT[1] = fmix((b + ${hex(T_OBJ2)} + ${keys.length}) | 0);`)
    return out.join('\n')
  }

  /** Emits code writing the entry of field `x` (key lanes `ka` premultiplied, `kb`) into locals
   * `ea`, `eb`: what `recordBody` sums. A field whose values are few and known here (an enum, a
   * bool, a small int range, null) takes its entry from a constant or a table worked out now, so
   * the four `fmix` of its value's and entry's lanes are not run per state; a composite field in
   * a slot keeps its entry, not its hash, for the same reason. Other fields hash their value and
   * mix it in. */
  function emitEntry(schema: Schema, ka: number, kb: number, d: number, fixed: boolean): string {
    const entry = (va: number, vb: number): [number, number] => [fmix(ka ^ va), fmix((Math.imul(kb ^ vb, 0xcc9e2d51) + 0x165667b1) | 0)]
    const set = ([ea, eb]: [number, number]): string => `ea = ${hex(ea)}; eb = ${hex(eb)};`
    const mix = `ea = fmix(${hex(ka)} ^ va); eb = fmix((Math.imul(${hex(kb)} ^ vb, ${hex(0xcc9e2d51)}) + ${hex(0x165667b1)}) | 0);`
    switch (schema.kind) {
      case 'bool':
        return `if (x === true) { ${set(entry(T_TRUE1, T_TRUE2))} } else if (x === false) { ${set(entry(T_FALSE1, T_FALSE2))} } else ENV.bad();`
      case 'enum': {
        const cases = schema.values.map((v) => {
          hashStringRaw(v)
          return `case ${JSON.stringify(v)}: ${set(entry(R1, R2))} break;`
        })
        return `switch (x) { ${cases.join(' ')} default: ENV.bad(); }`
      }
      case 'int': {
        const { min, max } = schema
        if (min < -(2 ** 31) || max > 2 ** 31 - 1 || max - min >= INT_TABLE_MAX) break
        const t = tables.length
        const ta: number[] = []
        const tb: number[] = []
        for (let n = min; n <= max; n++) {
          const [ea, eb] = entry(intA(n), intB(n))
          ta.push(ea)
          tb.push(eb)
        }
        tables.push(`const TA${t} = new Int32Array([${ta.join(',')}]), TB${t} = new Int32Array([${tb.join(',')}]);`)
        return `if (typeof x !== 'number' || (x | 0) !== x || x < ${min} || x > ${max} || (x === 0 && 1 / x < 0)) ENV.bad(); ea = TA${t}[x - ${min}]; eb = TB${t}[x - ${min}];`
      }
      case 'nullable':
        return `if (x === null) { ${set(entry(T_NULL1, T_NULL2))} } else { ${emitEntry(schema.of, ka, kb, d, fixed)} }`
      case 'list':
      case 'record':
      case 'union': {
        if (!fixed || d === 0) break
        // A composite at a fixed path: its slot keeps the entry of the part last recorded there.
        const f = name()
        const check = `if (typeof x !== 'object' || x === null${schema.kind === 'list' ? '' : ' || Array.isArray(x)'}) ENV.bad();`
        const k = slots++
        fn(f, schema, d + 1, true, k)
        return `${check} if (x === SO[${k}]) { ea = SA[${k}]; eb = SB[${k}]; } else { ${f}(x); va = OUT[0]; vb = OUT[1]; ${mix} if (REC) { SO[${k}] = x; SA[${k}] = ea; SB[${k}] = eb; } }`
      }
      case 'any':
        break
    }
    return `${emit(schema, 'x', 'va', 'vb', d, fixed)} ${mix}`
  }

  /** A list body, as `hashArrayRaw` computes it. With `k >= 0` (a list in slot k whose elements
   * are composite), element hashes come from the parent's list in that slot where the element
   * is the same, and a recording pass keeps this list's (written to the spare arrays, which
   * then swap with the slot's: the loop reads the old ones while it writes). */
  function listBody(of: Schema, d: number, k: number): string {
    const combine = `a = Math.imul((a << 7) | (a >>> 25), ${hex(0x01000193)}) ^ va; b = (Math.imul(b ^ vb, ${hex(0x85ebca6b)}) + ${hex(0x6b43a9b5)}) | 0;`
    const finish = `OUT[0] = fmix(a); OUT[1] = fmix(b ^ ${hex(T_ARR2)});`
    const head = `if (!Array.isArray(v)) ENV.bad();
const n = v.length;
let a = ${hex(T_ARR1)} ^ n, b = (${hex(T_ARR2)} + n) | 0, va = 0, vb = 0;`
    if (k < 0) return `${head}\nfor (let i = 0; i < n; i++) { const x = v[i]; ${emit(of, 'x', 'va', 'vb', d, false)}\n  ${combine} }\n${finish}`
    return `${head}
const p = SO[${k}], pn = p.length, pa = LA[${k}], pb = LB[${k}];
const rec = REC;
let qa = pa, qb = pb, j = 0;
if (rec) { qa = XA[${k}]; qb = XB[${k}]; if (qa.length < n) { qa = XA[${k}] = new Int32Array(2 * n); qb = XB[${k}] = new Int32Array(2 * n); } }
for (let i = 0; i < n; i++) {
  const x = v[i];
  if (j < pn && x === p[j]) { va = pa[j]; vb = pb[j]; j++; }
  else if (j + 1 < pn && x === p[j + 1]) { va = pa[j + 1]; vb = pb[j + 1]; j += 2; }
  else if (j + 2 < pn && x === p[j + 2]) { va = pa[j + 2]; vb = pb[j + 2]; j += 3; }
  else { ${emit(of, 'x', 'va', 'vb', d, false)} }
  if (rec) { qa[i] = va; qb[i] = vb; }
  ${combine}
}
if (rec) { XA[${k}] = pa; XB[${k}] = pb; LA[${k}] = qa; LB[${k}] = qb; }
${finish}`
  }

  /** Emits `function f(v)` writing the hash of composite `v` (at static depth `d`) to OUT; `k`
   * is its slot (-1: none). */
  function fn(f: string, schema: Schema, d: number, fixed: boolean, k: number): void {
    let body: string
    switch (schema.kind) {
      case 'list':
        body = listBody(schema.of, d, k >= 0 && isComposite(schema.of) ? k : -1)
        break
      case 'record':
        body = recordBody(schema.fields, d, fixed)
        break
      case 'union': {
        const cases = Object.entries(schema.variants).map(([tag, fields]) => {
          const g = name()
          lines.push(`function ${g}(v) {\n${recordBody({ ...fields, [schema.tag]: { kind: 'enum', values: [tag] } }, d, false)}\n}`)
          return `case ${JSON.stringify(tag)}: ${g}(v); return;`
        })
        body = `switch (v[${JSON.stringify(schema.tag)}]) { ${cases.join(' ')} default: ENV.bad(); }`
        break
      }
      default:
        throw new Error(`not a composite schema: ${schema.kind}`)
    }
    lines.push(`function ${f}(v) {\n${body}\n}`)
  }

  const rootCode = emit(root, 'v', 'ra', 'rb', 0, true)
  const src = `'use strict';
const { OUT, fmix } = ENV;
const NONE = [], NO_HASHES = new Int32Array(0);
const SO = new Array(${slots}).fill(NONE), SA = new Int32Array(${slots}), SB = new Int32Array(${slots});
const LA = new Array(${slots}).fill(NO_HASHES), LB = LA.slice(), XA = LA.slice(), XB = LA.slice();
let REC = false;
${tables.join('\n')}
${lines.join('\n')}
return function root(v, rec) { REC = rec; let ra = 0, rb = 0; ${rootCode} OUT[0] = ra; OUT[1] = rb; };`
  return generatedFunction(['ENV'], src)(ENV) as (v: unknown, rec: boolean) => void
}

/** Re-runs a compiled hasher with paths, to name the part of a state that broke its schema. */
export function explainSchemaMismatch(schema: Schema, state: unknown): StateValueError | undefined {
  try {
    mismatch(schema, state, () => 'state')
    return undefined
  } catch (e) {
    if (e instanceof StateValueError) return e
    throw e
  }
}

export type { Fingerprint } from '../core/model.ts'

/**
 * The register `fingerprint`, the compiled hashers and `hashWords` write when given no `out`: for
 * the hash functions of this layer and for models that assemble a fingerprint from parts
 * (`Model.symmetryFingerprint`), and for `prepare`'s own checks. The explorers are not handed
 * fingerprints through it: `Prepared.fingerprintOf` and a search's `Store` write into a
 * `Fingerprint` their caller owns, so nothing they call between a fingerprint and its use (a
 * property, a liveness label, a debug check) can overwrite it.
 */
export const fp: Fingerprint = { hi: 0, lo: 0 }

/**
 * Computes the fingerprint of `state` into `out` (no allocation; `fp` by default). The all-zero
 * fingerprint is reserved as the empty slot of visited sets, so it is remapped.
 * Throws `StateValueError` for a value a state may not hold.
 */
export function fingerprint(state: unknown, out: Fingerprint = fp): void {
  recording = recordNext
  recordNext = false
  recorded = 0
  cursor = 0
  try {
    hashValue(state, NO_PATH)
  } catch (e) {
    // A record cut short has parts without hashes: never remembered.
    recording = false
    lastRecorded = false
    throw e
  }
  lastRecorded = recording
  recording = false
  let hi = R1
  let lo = R2
  if (hi === 0 && lo === 0) lo = 1
  out.hi = hi
  out.lo = lo
}

/** Re-walks a value that failed to hash, to name the path of the offending part (from `root`). */
export function explainBadValue(state: unknown, root = 'state'): StateValueError | undefined {
  try {
    coldHash(state, () => root)
    return undefined
  } catch (e) {
    if (e instanceof StateValueError) return e
    throw e
  }
}

/** The fingerprint as a 16-digit hex string (for messages and tests). */
export function fingerprintHex(state: unknown): string {
  fingerprint(state)
  return (fp.hi >>> 0).toString(16).padStart(8, '0') + (fp.lo >>> 0).toString(16).padStart(8, '0')
}

// ---- hash parts: a fingerprint assembled by hand ---------------------------------------------
//
// For a model that computes the fingerprint of a value it does not build: the symmetry
// representative (`Model.symmetryFingerprint`), hashed from the state and a renaming. Each function
// gives one lane of what `fingerprint` computes for the part it names (the compiled hashers give
// the same), so a hand-assembled hash equals the built value's: counts and fingerprints do not
// change, and debug mode compares the two. The lanes are 32-bit integers.

/** Where `partHash` writes: the two lanes of a value's hash. */
export const lanes = { a: 0, b: 0 }
/** The hash of `v` as a part of a state, into `lanes` (throws as `fingerprint` does). */
export function partHash(v: unknown): void {
  coldHash(v, NO_PATH)
  lanes.a = R1
  lanes.b = R2
}
/** `partHash` of `v` as a pair: for the lanes of a constant (a record key, an enum value, an id)
 * worked out once. */
export function partLanes(v: unknown): [number, number] {
  partHash(v)
  return [lanes.a, lanes.b]
}
/** A 32-bit whole number's lanes (as the hashers give them; a wider one is hashed as a double). */
export const intA = (n: number): number => fmix(n ^ T_INT1)
export const intB = (n: number): number => fmix(Math.imul(n, 0x9e3779b1) ^ T_INT2)
/** A record's entry from its key's lanes (`partHash` of the key) and its value's: a record's
 * lanes are the sums (`| 0`) of its entries', closed by `recordA` / `recordB` with its size. */
export const entryA = (ka: number, va: number): number => fmix(Math.imul(ka, 0x9e3779b1) ^ va)
export const entryB = (kb: number, vb: number): number => fmix((Math.imul(kb ^ vb, 0xcc9e2d51) + 0x165667b1) | 0)
export const recordA = (sum: number, n: number): number => fmix(sum ^ T_OBJ1 ^ n)
export const recordB = (sum: number, n: number): number => fmix((sum + T_OBJ2 + n) | 0)
/** A list of n elements: start with `listStartA/B(n)`, fold each element's lanes in order with
 * `listStepA/B`, close with `listA/B` (sets and bags are sorted lists). */
export const listStartA = (n: number): number => T_ARR1 ^ n
export const listStartB = (n: number): number => (T_ARR2 + n) | 0
export const listStepA = (a: number, ea: number): number => Math.imul((a << 7) | (a >>> 25), 0x01000193) ^ ea
export const listStepB = (b: number, eb: number): number => (Math.imul(b ^ eb, 0x85ebca6b) + 0x6b43a9b5) | 0
export const listA = (a: number): number => fmix(a)
export const listB = (b: number): number => fmix(b ^ T_ARR2)
/** The lanes of a list of `n` elements, the i-th hashing to (`ea[at[i]]`, `eb[at[i]]`), into
 * `lanes`: a renamed set whose images are sorted into `at` and whose lanes are tabled. */
export function listOfTabled(at: Int32Array, n: number, ea: ArrayLike<number>, eb: ArrayLike<number>): void {
  let a = listStartA(n)
  let b = listStartB(n)
  for (let i = 0; i < n; i++) {
    const k = at[i] as number
    a = listStepA(a, ea[k] as number)
    b = listStepB(b, eb[k] as number)
  }
  lanes.a = listA(a)
  lanes.b = listB(b)
}
let renamedIds = new Int32Array(8)
/** The lanes of a set of ids renamed, into `lanes`: `set[i]` is `ids[k]` and goes to `ids[to[k]]`;
 * the images are sorted by `rank` (each id's place in string order, as a sorted set keeps them)
 * and id `w` hashes to (`ea[w]`, `eb[w]`). */
export function renamedIdSetLanes(set: readonly string[], ids: readonly string[], to: readonly number[], rank: Int32Array, ea: Int32Array, eb: Int32Array): void {
  const n = set.length
  if (renamedIds.length < n) renamedIds = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const w = to[ids.indexOf(set[i] as string)] as number
    const rw = rank[w] as number
    let j = i
    while (j > 0 && (rank[renamedIds[j - 1] as number] as number) > rw) {
      renamedIds[j] = renamedIds[j - 1] as number
      j--
    }
    renamedIds[j] = w
  }
  listOfTabled(renamedIds, n, ea, eb)
}
/** Writes the fingerprint with a state's lanes into `out` (the all-zero one is reserved). */
export function setFingerprint(out: { hi: number; lo: number }, a: number, b: number): void {
  out.hi = a
  out.lo = a === 0 && b === 0 ? 1 : b
}
