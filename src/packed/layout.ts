/**
 * Packed state layouts: a record of named fields over finite domains, stored in a few int32 words.
 *
 * A packed model reads and writes its state only through the field handles declared here
 * (`L.tmState.get(s)`, `L.rmState.set(t, rm, 'prepared')`, `L.msgs.has(s, i)`), so the model keeps
 * named fields and plain values while the engine stores, hashes and copies bare words: no objects
 * per state, no encoding step, no garbage (design.md §5, "a schema that compiles typed accessors").
 *
 * Every handle also knows its plain form, so a packed state decodes to exactly the plain record a
 * plain-data model of the same protocol would hold (enum strings, numbers, booleans, records keyed
 * by name, sets as sorted arrays): traces, ITF files, properties written for the plain form and
 * every generic explorer work unchanged on the decoded states.
 *
 * Limits (today): the top level is a record; a field is a scalar (enum, bounded int, bool), a map
 * from a fixed key list to a scalar, or a set over a fixed universe of plain values. No nesting
 * beyond that, and a scalar's domain fits 31 bits. Fields never straddle a word.
 */
import type { Value } from '../core/value.ts'
import { compareValues } from '../state/data.ts'
import { brandAcrossCopies } from '../core/errors.ts'
import { generatedFunction } from '../state/generated-function.ts'

/** A packed state: the words of one state. Read-only to a model; successors are built in a copy. */
export type Words = Int32Array

/** Whether the first `w` words of `a` and `b` are equal. */
export function sameWords(a: Words, b: Words, w: number): boolean {
  for (let i = 0; i < w; i++) if (a[i] !== b[i]) return false
  return true
}

/** A value in a packed field's domain is not in it: a bug in the model (or a stale plain state). */
export class LayoutError extends Error {}
// Thrown by a CommonJS spec's own copy of this module, and told by the checker's (`packedModelError`).
brandAcrossCopies(LayoutError, 'LayoutError')

// ---- scalar domains ------------------------------------------------------------------------

/** A finite domain of plain values, with codes 0..size-1 in the order given. */
abstract class Domain<V extends Value> {
  abstract readonly values: readonly V[]
  abstract code(v: V): number
  get size(): number {
    return this.values.length
  }
  get bits(): number {
    let b = 1
    while (1 << b < this.values.length) b++
    return b
  }
}

class EnumDomain<V extends string> extends Domain<V> {
  private readonly index: Map<string, number>
  constructor(readonly values: readonly V[]) {
    super()
    if (values.length === 0) throw new LayoutError('an enum needs at least one value')
    this.index = new Map(values.map((v, i) => [v, i]))
    if (this.index.size !== values.length) throw new LayoutError(`enum values repeat: ${values.join(', ')}`)
  }
  code(v: V): number {
    // Domains are small: a scan of interned strings beats a Map lookup up to a handful of values.
    const vs = this.values
    if (vs.length <= 8) {
      for (let i = 0; i < vs.length; i++) if (vs[i] === v) return i
      return -1
    }
    return this.index.get(v) ?? -1
  }
}

class IntDomain extends Domain<number> {
  readonly values: readonly number[]
  constructor(
    readonly min: number,
    readonly max: number,
  ) {
    super()
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min || max - min >= 2 ** 30) {
      throw new LayoutError(`int(${min}, ${max}) is not a range of at most 2^30 whole numbers`)
    }
    this.values = Array.from({ length: max - min + 1 }, (_, i) => min + i)
  }
  code(v: number): number {
    return Number.isInteger(v) && v >= this.min && v <= this.max ? v - this.min : -1
  }
}

class BoolDomain extends Domain<boolean> {
  readonly values: readonly boolean[] = [false, true]
  code(v: boolean): number {
    return v === true ? 1 : v === false ? 0 : -1
  }
}

// ---- fields ----------------------------------------------------------------------------------

/** Where a field's bits are: assigned when a layout is built. */
interface Slot {
  word: number
  shift: number
}

abstract class Field {
  /** The field's name in its layout, for messages. */
  name = '?'
  protected placed = false
  /** Claims bit slots from the allocator; called once by `layout`. */
  abstract place(alloc: Allocator, name: string): void
  abstract decode(s: Words): Value
  abstract encode(t: Words, plain: Value, path: string): void
  protected claim(name: string): void {
    if (this.placed) throw new LayoutError(`field ${name} is already part of a layout (make a new handle per layout)`)
    this.placed = true
    this.name = name
  }
}

/** One value of a finite domain: `get(s)`, `set(t, v)`. */
export class Scalar<V extends Value> extends Field {
  private word = 0
  private shift = 0
  private mask = 0
  private clear = 0
  constructor(private readonly domain: Domain<V>) {
    super()
  }
  get values(): readonly V[] {
    return this.domain.values
  }
  place(alloc: Allocator, name: string): void {
    this.claim(name)
    const slot = alloc.take(this.domain.bits)
    this.word = slot.word
    this.shift = slot.shift
    this.mask = (2 ** this.domain.bits - 1) | 0
    this.clear = ~(this.mask << this.shift)
    const at = `(s[${this.word}] >>> ${this.shift}) & ${this.mask}`
    const code = codeOf(this.domain, 'v')
    const bad = (v: unknown): never => notInDomain(this.name, v)
    specialize(this, { VALUES: this.domain.values, BAD: bad }, {
      get: `(s) => ${valueAt(this.domain, at)}`,
      set: `(t, v) => { const c = ${code}; if (c < 0) BAD(v); t[${this.word}] = (t[${this.word}] & ${this.clear}) | (c << ${this.shift}) }`,
    })
  }
  get(s: Words): V {
    return this.domain.values[(s[this.word] >>> this.shift) & this.mask]
  }
  set(t: Words, v: V): void {
    const c = this.domain.code(v)
    if (c < 0) notInDomain(this.name, v)
    t[this.word] = (t[this.word] & this.clear) | (c << this.shift)
  }
  decode(s: Words): Value {
    return this.get(s)
  }
  encode(t: Words, plain: Value, path: string): void {
    if (this.domain.code(plain as V) < 0) throw new LayoutError(`${path}: ${JSON.stringify(plain)} is not in its domain`)
    this.set(t, plain as V)
  }
}

/** A record from a fixed list of keys to one domain (TLA+'s `[RM -> S]`); keys by index. */
export class MapOf<V extends Value> extends Field {
  private words = new Int32Array(0)
  private shifts = new Int32Array(0)
  private mask = 0
  constructor(
    readonly keys: readonly string[],
    private readonly domain: Domain<V>,
  ) {
    super()
    if (new Set(keys).size !== keys.length) throw new LayoutError(`map keys repeat: ${keys.join(', ')}`)
  }
  /** The domain's values, in code order. */
  get values(): readonly V[] {
    return this.domain.values
  }
  place(alloc: Allocator, name: string): void {
    this.claim(name)
    const bits = this.domain.bits
    this.words = new Int32Array(this.keys.length)
    this.shifts = new Int32Array(this.keys.length)
    for (let i = 0; i < this.keys.length; i++) {
      const slot = alloc.take(bits)
      this.words[i] = slot.word
      this.shifts[i] = slot.shift
    }
    this.mask = (2 ** bits - 1) | 0
    const n = this.keys.length
    const { word, shift } = slotOfIndex(this.words, this.shifts, bits)
    const code = codeOf(this.domain, 'v')
    const m = this.mask
    const bad = (i: number, v: unknown): never => notInDomain(`${this.name}[${this.keys[i] ?? i}]`, v)
    specialize(this, { VALUES: this.domain.values, WORDS: this.words, SHIFTS: this.shifts, BAD: bad }, {
      get: `(s, i) => ${valueAt(this.domain, `(s[${word}] >>> (${shift})) & ${m}`)}`,
      set: `(t, i, v) => { const c = ${code}; if (c < 0 || i >>> 0 !== i || i >= ${n}) BAD(i, v); const w = ${word}; const sh = ${shift}; t[w] = (t[w] & ~(${m} << sh)) | (c << sh) }`,
      every: `(s, v) => { const c = ${code}; for (let i = 0; i < ${n}; i++) if (((s[${word}] >>> (${shift})) & ${m}) !== c) return false; return true }`,
      some: `(s, v) => { const c = ${code}; for (let i = 0; i < ${n}; i++) if (((s[${word}] >>> (${shift})) & ${m}) === c) return true; return false }`,
    })
  }
  /** The value at key index `i` (`keys[i]`). */
  get(s: Words, i: number): V {
    return this.domain.values[(s[this.words[i]] >>> this.shifts[i]) & this.mask]
  }
  set(t: Words, i: number, v: V): void {
    const c = this.domain.code(v)
    if (c < 0 || i >>> 0 !== i || i >= this.keys.length) notInDomain(`${this.name}[${this.keys[i] ?? i}]`, v)
    const w = this.words[i]
    const sh = this.shifts[i]
    t[w] = (t[w] & ~(this.mask << sh)) | (c << sh)
  }
  /** Whether every key maps to `v`. Compares codes, not decoded values (invariants call it on
   * every new state). */
  every(s: Words, v: V): boolean {
    const c = this.domain.code(v)
    const m = this.mask
    for (let i = 0; i < this.keys.length; i++) if (((s[this.words[i]] >>> this.shifts[i]) & m) !== c) return false
    return true
  }
  /** Whether some key maps to `v`. */
  some(s: Words, v: V): boolean {
    const c = this.domain.code(v)
    const m = this.mask
    for (let i = 0; i < this.keys.length; i++) if (((s[this.words[i]] >>> this.shifts[i]) & m) === c) return true
    return false
  }
  decode(s: Words): Value {
    const out: Record<string, Value> = {}
    for (let i = 0; i < this.keys.length; i++) out[this.keys[i]] = this.get(s, i)
    return out
  }
  encode(t: Words, plain: Value, path: string): void {
    if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw new LayoutError(`${path}: not a record`)
    const rec = plain as Record<string, Value>
    const keys = Object.keys(rec)
    if (keys.length !== this.keys.length) throw new LayoutError(`${path}: has keys ${keys.join(', ')}, expected ${this.keys.join(', ')}`)
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i]
      if (!(k in rec)) throw new LayoutError(`${path}: key ${k} is missing`)
      if (this.domain.code(rec[k] as V) < 0) throw new LayoutError(`${path}.${k}: ${JSON.stringify(rec[k])} is not in its domain`)
      this.set(t, i, rec[k] as V)
    }
  }
}

/** A subset of a fixed universe of plain values, one bit per element; elements by index into
 * `universe`, which is sorted as `setOf` sorts, so a decoded set is the plain sorted array. */
export class SetOf<T extends Value> extends Field {
  readonly universe: readonly T[]
  private words = new Int32Array(0)
  private shifts = new Int32Array(0)
  /** (word, mask) pairs covering the set's bits, for `size` and `isEmpty`. */
  private spans = new Int32Array(0)
  constructor(universe: readonly T[]) {
    super()
    const sorted = [...universe].sort(compareValues)
    for (let i = 1; i < sorted.length; i++) {
      if (compareValues(sorted[i - 1] as Value, sorted[i] as Value) === 0) throw new LayoutError(`set universe repeats ${JSON.stringify(sorted[i])}`)
    }
    this.universe = sorted
  }
  place(alloc: Allocator, name: string): void {
    this.claim(name)
    const n = this.universe.length
    this.words = new Int32Array(n)
    this.shifts = new Int32Array(n)
    const masks = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      const slot = alloc.take(1)
      this.words[i] = slot.word
      this.shifts[i] = slot.shift
      masks.set(slot.word, (masks.get(slot.word) ?? 0) | (1 << slot.shift))
    }
    this.spans = Int32Array.from([...masks].flat())
    const { word, shift } = slotOfIndex(this.words, this.shifts, 1)
    const spans = [...masks]
    const bad = (i: number): never => outsideUniverse(this.name, i)
    specialize(this, { WORDS: this.words, SHIFTS: this.shifts, BAD: bad, popcount }, {
      has: `(s, i) => ((s[${word}] >>> (${shift})) & 1) === 1`,
      add: `(t, i) => { if (i >>> 0 !== i || i >= ${n}) BAD(i); t[${word}] |= 1 << (${shift}) }`,
      remove: `(t, i) => { if (i >>> 0 !== i || i >= ${n}) BAD(i); t[${word}] &= ~(1 << (${shift})) }`,
      size: `(s) => ${spans.map(([w, m]) => `popcount(s[${w}] & ${m})`).join(' + ') || '0'}`,
      isEmpty: `(s) => ${spans.map(([w, m]) => `(s[${w}] & ${m}) === 0`).join(' && ') || 'true'}`,
    })
  }
  /** The index of `v` in the universe (for building constants once, not on the hot path). */
  indexOf(v: T): number {
    let lo = 0
    let hi = this.universe.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const c = compareValues(this.universe[mid] as Value, v)
      if (c === 0) return mid
      if (c < 0) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }
  has(s: Words, i: number): boolean {
    return ((s[this.words[i]] >>> this.shifts[i]) & 1) === 1
  }
  add(t: Words, i: number): void {
    if (i >>> 0 !== i || i >= this.universe.length) outsideUniverse(this.name, i)
    t[this.words[i]] |= 1 << this.shifts[i]
  }
  remove(t: Words, i: number): void {
    if (i >>> 0 !== i || i >= this.universe.length) outsideUniverse(this.name, i)
    t[this.words[i]] &= ~(1 << this.shifts[i])
  }
  size(s: Words): number {
    let n = 0
    const sp = this.spans
    for (let j = 0; j < sp.length; j += 2) n += popcount(s[sp[j]] & sp[j + 1])
    return n
  }
  isEmpty(s: Words): boolean {
    const sp = this.spans
    for (let j = 0; j < sp.length; j += 2) if ((s[sp[j]] & sp[j + 1]) !== 0) return false
    return true
  }
  decode(s: Words): Value {
    const out: Value[] = []
    for (let i = 0; i < this.universe.length; i++) if (this.has(s, i)) out.push(this.universe[i] as Value)
    return out
  }
  encode(t: Words, plain: Value, path: string): void {
    if (!Array.isArray(plain)) throw new LayoutError(`${path}: not a set (a sorted array)`)
    for (const v of plain as readonly Value[]) {
      const i = this.indexOf(v as T)
      if (i < 0) throw new LayoutError(`${path}: ${JSON.stringify(v)} is not in the set's universe`)
      this.add(t, i)
    }
  }
}

// ---- specialised handles ---------------------------------------------------------------------
//
// Once a field is placed, its word, shifts and masks are constants. Each handle's hot methods are
// then regenerated with those constants written into the code, and an enum's code lookup as a
// chain of comparisons with its literal strings: V8 inlines these small functions into the
// model's actions. The generic methods load word, shift, mask and domain from the handle on every
// call: with them, packed 2PC-8's whole BFS was markedly slower (docs/performance.md, "What made
// the packed BFS faster").
// The generic methods stay as the reference: the layout tests check one against the other.

/** Replaces `target`'s methods named in `methods` with compiled arrow functions over `env`. */
function specialize(target: object, env: Record<string, unknown>, methods: Record<string, string>): void {
  const names = Object.keys(env)
  const body = `return { ${Object.entries(methods).map(([k, src]) => `${k}: ${src}`).join(',\n')} }`
  let made: Record<string, unknown>
  try {
    made = generatedFunction(names, body)(...names.map((n) => env[n])) as Record<string, unknown>
  } catch {
    return // code generation disallowed (--disallow-code-generation-from-strings): keep the generic methods
  }
  Object.assign(target, made)
}

/**
 * Expressions for the word and shift of element `i` of a map or set whose elements take `bits`
 * bits each: `B + i * bits` into one word when the field did not straddle words (the usual
 * case), else looked up in `WORDS` and `SHIFTS`.
 */
function slotOfIndex(words: Int32Array, shifts: Int32Array, bits: number): { word: string; shift: string } {
  const w0 = words[0] ?? 0
  const b0 = shifts[0] ?? 0
  const regular = words.every((w, i) => w === w0 && shifts[i] === b0 + i * bits)
  return regular ? { word: `${w0}`, shift: `${b0} + i * ${bits}` } : { word: 'WORDS[i]', shift: 'SHIFTS[i]' }
}

/** An expression for the code of value `v` in `d` (-1 when not in the domain). */
function codeOf(d: Domain<Value>, v: string): string {
  if (d instanceof EnumDomain && d.values.length <= 16) {
    return `(${d.values.map((x, i) => `${v} === ${JSON.stringify(x)} ? ${i} : `).join('')}-1)`
  }
  if (d instanceof IntDomain) return `(typeof ${v} === 'number' && Number.isInteger(${v}) && ${v} >= ${d.min} && ${v} <= ${d.max} ? ${v} - ${d.min} : -1)`
  if (d instanceof BoolDomain) return `(${v} === true ? 1 : ${v} === false ? 0 : -1)`
  return `(VALUES.indexOf(${v}))`
}

/** An expression for the value whose code is `code`. */
function valueAt(d: Domain<Value>, code: string): string {
  if (d instanceof IntDomain) return `((${code}) + ${d.min})`
  if (d instanceof BoolDomain) return `((${code}) === 1)`
  return `VALUES[${code}]`
}

// The handles' errors, out of line: a throw with a message inside a setter makes it too big for
// V8 to inline into the model's actions, and the setters are the model's hot path.
function notInDomain(what: string, v: unknown): never {
  throw new LayoutError(`${what}: ${JSON.stringify(v)} is not in its domain`)
}

function outsideUniverse(what: string, i: number): never {
  throw new LayoutError(`${what}: element index ${i} is outside the universe`)
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}

// ---- layouts -------------------------------------------------------------------------------

/** Hands out bit slots word by word; a slot never straddles two words. */
class Allocator {
  word = 0
  used = 0
  take(bits: number): Slot {
    if (bits > 31) throw new LayoutError(`a field of ${bits} bits does not fit a word`)
    if (this.used + bits > 32) {
      this.word++
      this.used = 0
    }
    const slot = { word: this.word, shift: this.used }
    this.used += bits
    return slot
  }
  get words(): number {
    return this.used === 0 ? this.word : this.word + 1
  }
}

export type AnyField = Scalar<Value> | MapOf<Value> | SetOf<Value>

/** The plain value a field decodes to. */
export type PlainOf<F> =
  F extends Scalar<infer V> ? V : F extends MapOf<infer V> ? Readonly<Record<string, V>> : F extends SetOf<infer T> ? readonly T[] : never

export type PlainState<F extends Record<string, AnyField>> = { readonly [K in keyof F]: PlainOf<F[K]> }

export interface Layout<F extends Record<string, AnyField>> {
  /** The field handles, by name. */
  readonly fields: F
  /** Words per state. */
  readonly words: number
  /** A state of all-zero words: every field at the first value of its domain, every set empty. */
  blank(): Words
  /** The plain record this state stands for. */
  decode(s: Words): PlainState<F>
  /** Writes the plain record `plain` into `t` (all of `t`); throws `LayoutError` naming the path. */
  encode(plain: unknown, t: Words): void
}

/** Builds a layout: places every field's bits, in declaration order. */
export function layout<F extends Record<string, AnyField>>(fields: F): Layout<F> {
  const alloc = new Allocator()
  const names = Object.keys(fields)
  for (const name of names) (fields[name] as Field).place(alloc, name)
  const words = Math.max(1, alloc.words)
  return {
    fields,
    words,
    blank: () => new Int32Array(words),
    decode(s) {
      const out: Record<string, Value> = {}
      for (const name of names) out[name] = (fields[name] as Field).decode(s)
      return out as PlainState<F>
    },
    encode(plain, t) {
      if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw new LayoutError('state: not a record')
      const rec = plain as Record<string, Value>
      const extra = Object.keys(rec).filter((k) => !(k in fields))
      if (extra.length > 0) throw new LayoutError(`state: field ${extra[0]} is not in the layout`)
      t.fill(0)
      for (const name of names) {
        if (!(name in rec)) throw new LayoutError(`state.${name} is missing`)
        ;(fields[name] as Field).encode(t, rec[name] as Value, `state.${name}`)
      }
    },
  }
}

/** Field constructors, used inside `layout({ ... })`. */
export const packed = {
  /** A string from a finite set (the first value is the field's value in `blank()`). */
  enum: <V extends string>(...values: V[]): Scalar<V> => new Scalar(new EnumDomain(values)),
  /** A whole number in [min, max]. */
  int: (min: number, max: number): Scalar<number> => new Scalar(new IntDomain(min, max)),
  bool: (): Scalar<boolean> => new Scalar(new BoolDomain()),
  /** One enum value per key. */
  mapOfEnum: <V extends string>(keys: readonly string[], ...values: V[]): MapOf<V> => new MapOf(keys, new EnumDomain(values)),
  /** One bounded int per key. */
  mapOfInt: (keys: readonly string[], min: number, max: number): MapOf<number> => new MapOf(keys, new IntDomain(min, max)),
  /** One boolean per key. */
  mapOfBool: (keys: readonly string[]): MapOf<boolean> => new MapOf(keys, new BoolDomain()),
  /** A subset of `universe`, a bit per element. */
  setOf: <T extends Value>(universe: readonly T[]): SetOf<T> => new SetOf(universe),
}
