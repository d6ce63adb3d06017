/**
 * Plain states of a model with a declared state schema (`src/state/schema.ts`) cross threads in a
 * form compiled from the schema: no keys, no strings, no type tags — an enum is its index (one
 * byte), an int or a list's length a zigzag varint, a record its fields in declared order, a union
 * its variant's index and its tag's place among the keys, then the variant's fields. Decoding
 * builds each record as an object literal with the schema's keys, in the schema's order (a
 * variant's tag where it was), and interns a union's values, and a record's or a list's whose
 * schema has `intern` (`interner`).
 *
 * Key order is the one thing a schema does not fix and a model can observe (`Object.keys` of a
 * record decides the order of its successors), so the encoder checks that every record's own
 * keys come in the schema's order; a chunk holding a state that does not match the schema
 * exactly, in values or in key order, is written by msgpackr instead, whole (its first byte says
 * which). Correct either way; the compiled form is the fast path. A schema with `any` in it gets
 * no codec (msgpackr throughout).
 */
import type { Intern, Schema } from '../core/schema.ts'
import type { StateCodec } from './state-codec.ts'
import { generatedFunction } from '../state/generated-function.ts'

const SCHEMA = 1
const MSGPACK = 0

/** Appends to a growable byte buffer. */
class Writer {
  buf = new Uint8Array(1 << 16)
  at = 0
  /** Bumped per chunk and whenever bytes already written move (`long`): the encoders' memos of
   * where a value's bytes lie hold only for the generation that wrote them. */
  gen = 0

  /** Appends a copy of the bytes already written at [from, to). */
  copy(from: number, to: number): void {
    const len = to - from
    while (this.at + len > this.buf.length) this.grow()
    const b = this.buf
    if (len > 32) b.copyWithin(this.at, from, to)
    else for (let i = 0, at = this.at; i < len; i++) b[at + i] = b[from + i] as number
    this.at += len
  }

  byte(b: number): void {
    if (this.at === this.buf.length) this.grow()
    this.buf[this.at++] = b
  }

  varint(n: number): void {
    // zigzag, so small negative ints stay short
    let z = n >= 0 ? n * 2 : -n * 2 - 1
    while (z >= 0x80) {
      this.byte((z & 0x7f) | 0x80)
      z = Math.floor(z / 128)
    }
    this.byte(z)
  }

  /** The value written from `from` on is 255 bytes or longer: its length byte, at `from - 1`,
   * becomes 255 and two bytes, the value moving up by two (rare: a long list). */
  long(from: number): void {
    this.gen = (this.gen + 1) | 0
    const len = this.at - from
    this.byte(0)
    this.byte(0)
    this.buf.copyWithin(from + 2, from, from + len)
    const l = Math.min(len, 0xffff)
    this.buf[from - 1] = 255
    this.buf[from] = l & 255
    this.buf[from + 1] = l >>> 8
  }

  private grow(): void {
    const b = new Uint8Array(this.buf.length * 2)
    b.set(this.buf)
    this.buf = b
  }
}

class Reader {
  at = 0
  constructor(readonly buf: Uint8Array) {}

  varint(): number {
    let z = 0
    let scale = 1
    for (;;) {
      const b = this.buf[this.at++]
      z += (b & 0x7f) * scale
      if (b < 0x80) break
      scale *= 128
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2
  }
}

/**
 * Generated code, one function per record, list and union of the schema (as the schema hasher
 * is generated): straight-line and monomorphic, which closures calling closures were not (figures:
 * docs/performance.md, "Design measurements").
 */
function compile(root: Schema): { enc: (v: unknown, w: Writer) => boolean; dec: (r: Reader) => unknown } | undefined {
  if (hasAny(root)) return undefined
  const fns: string[] = []
  const consts: unknown[] = []
  let fresh = 0
  // A constant is a local of the generated code (bound once below), not an index into C per use.
  const constant = (x: unknown): string => `K${consts.push(x) - 1}`
  const q = JSON.stringify

  /** Statements writing expression `x`, or returning false when it does not match. */
  function enc(s: Schema, x: string): string {
    switch (s.kind) {
      case 'enum': {
        const wide = s.values.length > 256
        const cases = s.values.map((v, i) => `case ${q(v)}: ${wide ? `w.varint(${i})` : `w.byte(${i})`}; break;`)
        return `switch (${x}) { ${cases.join(' ')} default: return false; }`
      }
      case 'int':
        // Zigzag doubles a value: a negative one below -2^52 becomes an odd number past 2^53, which
        // a double rounds (it came back as another number); such a chunk goes to msgpack.
        return `if (typeof ${x} !== 'number' || !Number.isSafeInteger(${x}) || ${x} < ${s.min < -(2 ** 52) ? -(2 ** 52) : s.min} || ${x} > ${s.max} || Object.is(${x}, -0)) return false; w.varint(${x});`
      case 'bool':
        return `if (${x} === true) w.byte(1); else if (${x} === false) w.byte(0); else return false;`
      case 'nullable':
        return `if (${x} === null) w.byte(0); else { w.byte(1); ${enc(s.of, x)} }`
      default: {
        const f = fn(s)
        return `if (!e${f}(${x}, w)) return false;`
      }
    }
  }

  /** An expression reading a value of `s` from reader `r`. */
  function dec(s: Schema): string {
    switch (s.kind) {
      case 'enum':
        return s.values.length > 256 ? `${constant(s.values)}[r.varint()]` : `${constant(s.values)}[r.buf[r.at++]]`
      case 'int':
        return 'r.varint()'
      case 'bool':
        return '(r.buf[r.at++] === 1)'
      case 'nullable':
        return `(r.buf[r.at++] === 0 ? null : ${dec(s.of)})`
      default:
        return `d${fn(s)}(r)`
    }
  }

  /** Emits the encoder e<n> and decoder d<n> of a record, list or union, once per schema node
   * (both `enc` and `dec` ask for it; `mapOf` shares one value node among its keys); returns n. */
  const made = new Map<Schema, number>()
  function fn(s: Schema): number {
    const done = made.get(s)
    if (done !== undefined) return done
    const n = fresh++
    made.set(s, n)
    if (s.kind === 'list') {
      const e = `function e${n}(v, w) { if (!Array.isArray(v)) return false; w.varint(v.length); for (let i = 0; i < v.length; i++) { const x = v[i]; ${enc(s.of, 'x')} } return true; }`
      const d = `function d${n}(r) { const n = r.varint(); const a = []; for (let i = 0; i < n; i++) a.push(${dec(s.of)}); return a; }`
      if (s.intern) interned(n, e, d, s.intern)
      else fns.push(e, d)
    } else if (s.kind === 'record') {
      const { e, d } = record(n, s.fields)
      // Interned by its bytes, then the model's instance for it (`Intern`).
      if (s.intern) interned(n, e, d, s.intern)
      else fns.push(e, d)
    } else if (s.kind === 'union') {
      const tags = Object.keys(s.variants)
      const T = tags.length
      const parts = tags.map((t, i) => {
        const m = fresh++
        const { e, d } = variant(m, s.tag, t, i, T, s.variants[t])
        fns.push(e, d)
        return m
      })
      const e = `function e${n}(v, w) { if (typeof v !== 'object' || v === null) return false; switch (v[${q(s.tag)}]) { ${tags.map((t, i) => `case ${q(t)}: return e${parts[i]}(v, w);`).join(' ')} default: return false; } }`
      // A variant's index is one byte, as an enum's value is, unless there are more than 256.
      const head = T > 256 ? 'r.varint()' : 'r.buf[r.at++]'
      const d = `function d${n}(r) { const h = ${head}; switch (h % ${T}) { ${parts.map((m, i) => `case ${i}: return d${m}(r, (h - ${i}) / ${T});`).join(' ')} } }`
      // Decoded variants are interned by their bytes (`Interner`): a message met in many states
      // comes back as one object, as the model's own interned messages are, so a model's memos
      // keyed by message object hit in a worker too.
      interned(n, e, d, s.intern)
    }
    memo(n)
    return n
  }

  /**
   * Wraps node `n`'s encoder in a memo of the last `MEMO` values it wrote, by identity, and where
   * their bytes lie in the chunk being written: a value met again (a server record, a message, a
   * list most of a parent's successors share; siblings sit together in a chunk) is copied, not
   * walked. Values are immutable by contract, so one object gives the same bytes each time; an
   * entry holds only for the writer's generation that wrote it (a new chunk, or bytes moved by
   * `long`). On Raft's successors, 2.05 → 1.55 µs per state (docs/performance.md).
   */
  function memo(n: number): void {
    const at = fns.findIndex((f) => f.startsWith(`function e${n}(`))
    fns[at] = (fns[at] as string).replace(`function e${n}(`, `function e${n}m(`)
    const O = constant(new Array(MEMO).fill(undefined))
    const S = constant(new Int32Array(MEMO))
    const E = constant(new Int32Array(MEMO))
    const G = constant(new Int32Array(MEMO).fill(-1))
    const I = constant(new Int32Array(1))
    fns.push(`function e${n}(v, w) { const g = w.gen, o = ${O}, gs = ${G}; for (let i = 0; i < ${MEMO}; i++) if (o[i] === v && gs[i] === g) { w.copy(${S}[i], ${E}[i]); return true; } const s0 = w.at; if (!e${n}m(v, w)) return false; if (w.gen === g) { const c = ${I}, i = c[0]; o[i] = v; ${S}[i] = s0; ${E}[i] = w.at; gs[i] = g; c[0] = (i + 1) % ${MEMO}; } return true; }`)
  }

  /**
   * Node `n`'s encoder and decoder, given as e<n> and d<n>, wrapped so that its values are
   * interned by their bytes (`Interner`): each is written after its length (a byte; 255, then two
   * bytes, from 255 on; 0xffff: 65,535 or more), so that
   * the decoder finds a value met before by its bytes alone and skips them, building nothing;
   * only a value not met before (or longer than `LONG` bytes) is decoded.
   */
  function interned(n: number, e: string, d: string, intern: Intern | undefined): void {
    const I = constant(new Interner(intern))
    fns.push(e.replace(`function e${n}(`, `function e${n}b(`), d.replace(`function d${n}(`, `function d${n}b(`))
    fns.push(`function e${n}(v, w) { w.byte(0); const s0 = w.at; if (!e${n}b(v, w)) return false; const len = w.at - s0; if (len < 255) w.buf[s0 - 1] = len; else w.long(s0); return true; }`)
    fns.push(`function d${n}(r) { const b = r.buf; let len = b[r.at++]; if (len === 255) { len = b[r.at] | (b[r.at + 1] << 8); r.at += 2; } const s0 = r.at; if (len <= ${LONG}) { const had = ${I}.find(b, s0, len); if (had !== undefined) { r.at = s0 + len; return had; } } const v = d${n}b(r); return ${I}.add(b, s0, r.at, v); }`)
  }

  /** A record's exact keys, in order, then its fields. */
  function record(n: number, fields: Readonly<Record<string, Schema>>): { e: string; d: string } {
    const keys = Object.keys(fields)
    const K = constant(keys)
    const literal = keys.map((k) => `${q(k)}: ${dec(fields[k])}`).join(', ')
    return {
      e: `function e${n}(v, w) { if (typeof v !== 'object' || v === null || Array.isArray(v)) return false; let i = 0; for (const k in v) { if (i === ${keys.length} || k !== ${K}[i]) return false; i++; } if (i !== ${keys.length}) return false; ${fieldsBody(fields)} return true; }`,
      d: `function d${n}(r) { return { ${literal} }; }`,
    }
  }

  /** Variant `tag` = `t` (the `i`-th of `T`) of a union: its fields' keys in order, with the tag
   * anywhere among them (messages put it after `from` and `to`: src/net/message.ts). Its head is
   * `i + T * p`, p the number of keys before the tag, so a tag-first variant is written as before
   * (its index alone) and the decoder rebuilds the keys in the encoded order. A head past one
   * byte (narrow unions) sends the chunk to msgpackr. */
  function variant(n: number, tag: string, t: string, i: number, T: number, fields: Readonly<Record<string, Schema>>): { e: string; d: string } {
    const keys = Object.keys(fields)
    const K = constant(keys)
    const head = T > 256 ? 'w.varint(h);' : 'if (h > 255) return false; w.byte(h);'
    // One literal per place of the tag, 0 (first) to keys.length (last).
    const fieldParts = keys.map((k) => `${q(k)}: ${dec(fields[k])}`)
    const literals = Array.from({ length: keys.length + 1 }, (_, p) => {
      const parts = [...fieldParts]
      parts.splice(p, 0, `${q(tag)}: ${q(t)}`)
      return `case ${p}: return { ${parts.join(', ')} };`
    })
    return {
      e: `function e${n}(v, w) { let i = 0; let p = -1; for (const k in v) { if (p < 0 && k === ${q(tag)}) { p = i; continue; } if (i === ${keys.length} || k !== ${K}[i]) return false; i++; } if (i !== ${keys.length} || p < 0) return false; const h = ${i} + ${T} * p; ${head} ${fieldsBody(fields)} return true; }`,
      d: `function d${n}(r, p) { switch (p) { ${literals.join(' ')} default: throw new Error('schema codec: a union variant with its tag at key ' + p + ' of ${keys.length}'); } }`,
    }
  }

  /** Statements writing `v`'s fields, in the schema's order. */
  function fieldsBody(fields: Readonly<Record<string, Schema>>): string {
    return Object.keys(fields)
      .map((k, i) => `const f${i} = v[${q(k)}]; ${enc(fields[k], `f${i}`)}`)
      .join(' ')
  }

  const top = root.kind === 'record' || root.kind === 'list' || root.kind === 'union' ? fn(root) : -1
  const entry =
    top >= 0
      ? `return { enc: e${top}, dec: d${top} };`
      : `return { enc: (v, w) => { ${enc(root, 'v')} return true; }, dec: (r) => ${dec(root)} };`
  const bind = consts.map((_, i) => `const K${i} = C[${i}];`).join('\n')
  return generatedFunction(['C'], `${bind}\n${fns.join('\n')}\n${entry}`)(consts) as { enc: (v: unknown, w: Writer) => boolean; dec: (r: Reader) => unknown }
}

/** Values each composite node's encoder remembers (`memo`): 4 and 8 were equal on Raft, 2 slower. */
const MEMO = 4

/** Values longer than this many encoded bytes (a long list, not a message) are not kept. */
const LONG = 4096

/**
 * One schema node's decoded values (a union's, or a record's or list's with `intern`) by their
 * encoded bytes (equal bytes decode to equal values, key order included): the first object
 * decoded for them stands for every later one. Values are immutable state parts, so sharing them
 * is what the models' own interning does. With the schema's `intern`, the model's own instance
 * stands for them instead.
 *
 * An open-addressed table over a byte arena, probed with the bytes where they lie in the chunk:
 * no key is built. Keyed by strings of the bytes (`String.fromCharCode`) in a `Map` before, which
 * with the decoding it could not skip was 9% of a worker's time on Raft. The table starts afresh
 * past 2^16 entries or 16 MiB of bytes.
 */
class Interner {
  private slots = new Int32Array(1 << 10)
  private mask = (1 << 10) - 1
  private starts: number[] = []
  private lens: number[] = []
  private values: unknown[] = []
  private arena = new Uint8Array(1 << 12)
  private used = 0
  /** The empty slot `find` stopped at, for `add` after a miss on the same bytes. */
  private slot = -1

  constructor(private readonly intern: Intern | undefined) {}

  /** The value kept for `buf[from, from + len)`, or undefined. */
  find(buf: Uint8Array, from: number, len: number): unknown {
    const h = hashBytes(buf, from, len)
    const arena = this.arena
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const e = (this.slots[i] as number) - 1
      if (e < 0) {
        this.slot = i
        return undefined
      }
      if (this.lens[e] !== len) continue
      const at = this.starts[e] as number
      let same = true
      for (let k = 0; k < len && same; k++) same = arena[at + k] === buf[from + k]
      if (same) return this.values[e]
    }
  }

  /** Keeps `decoded` (or the model's instance for it) for the bytes `buf[from, to)` that `find`
   * just missed, and returns it. */
  add(buf: Uint8Array, from: number, to: number, decoded: unknown): unknown {
    const v = this.intern ? this.intern(decoded) : decoded
    const len = to - from
    if (len > LONG) return v
    if (this.values.length >= 1 << 16 || this.used + len > 1 << 24) this.clear()
    else if (4 * (this.values.length + 1) > 3 * this.slots.length) this.rehash()
    if (this.slot < 0 || this.slots[this.slot] !== 0) this.find(buf, from, len)
    if (this.used + len > this.arena.length) {
      const a = new Uint8Array(Math.max(2 * this.arena.length, this.used + len))
      a.set(this.arena.subarray(0, this.used))
      this.arena = a
    }
    this.arena.set(buf.subarray(from, to), this.used)
    this.starts.push(this.used)
    this.lens.push(len)
    this.used += len
    this.slots[this.slot] = this.values.push(v)
    this.slot = -1
    return v
  }

  private clear(): void {
    this.slots = new Int32Array(1 << 10)
    this.mask = (1 << 10) - 1
    this.starts = []
    this.lens = []
    this.values = []
    this.used = 0
    this.slot = -1
  }

  /** Doubles the slots and puts every entry back. */
  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length)
    const mask = slots.length - 1
    const arena = this.arena
    for (let e = 0; e < this.values.length; e++) {
      const at = this.starts[e] as number
      const len = this.lens[e] as number
      let i = hashBytes(arena, at, len) & mask
      while (slots[i] !== 0) i = (i + 1) & mask
      slots[i] = e + 1
    }
    this.slots = slots
    this.mask = mask
    this.slot = -1
  }
}

/** FNV-1a over `buf[from, from + len)`, its high bits folded into the low ones (the slot). */
function hashBytes(buf: Uint8Array, from: number, len: number): number {
  let h = 0x811c9dc5 ^ len
  for (let i = from; i < from + len; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193)
  return h ^ (h >>> 15)
}

function hasAny(s: Schema): boolean {
  switch (s.kind) {
    case 'any':
      return true
    case 'nullable':
    case 'list':
      return hasAny(s.of)
    case 'record':
      return Object.values(s.fields).some(hasAny)
    case 'union':
      return Object.values(s.variants).some((v) => Object.values(v).some(hasAny))
    default:
      return false
  }
}

/** The codec for states of `schema`, falling back to `fallback` chunk by chunk; undefined if the
 * schema has `any` in it. */
export function schemaCodec(schema: Schema, fallback: StateCodec): StateCodec | undefined {
  const c = compile(schema)
  if (!c) return undefined
  const { enc, dec } = c
  const w = new Writer()
  return {
    encode(states) {
      w.at = 0
      w.gen = (w.gen + 1) | 0
      w.byte(SCHEMA)
      w.varint(states.length)
      for (let i = 0; i < states.length; i++) {
        if (!enc(states[i], w)) {
          const m = fallback.encode(states)
          const out = new Uint8Array(m.length + 1)
          out[0] = MSGPACK
          out.set(m, 1)
          return out
        }
      }
      return w.buf.slice(0, w.at)
    },
    decode(bytes) {
      if (bytes[0] === MSGPACK) return fallback.decode(bytes.subarray(1))
      const r = new Reader(bytes)
      r.at = 1
      const n = r.varint()
      const out = new Array<unknown>(n)
      for (let i = 0; i < n; i++) out[i] = dec(r)
      return out
    },
  }
}
