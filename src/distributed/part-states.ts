/**
 * How a partition (`partition-run.ts`) holds, enumerates and ships its states: plain objects in the
 * run's codec (`parallel/codec.ts`), or, for a packed model checked as itself (`packedRuntimeOf`),
 * its int32 words. Words are already a compact encoding: a batch, a frontier and a checkpoint's
 * frontier carry them back to back (the words codec's format, so checkpoints are the same either
 * way), and a worker expands, hashes and checks them without decoding a state.
 */
import type { Action } from '../core/action.ts'
import { ModelError } from '../core/errors.ts'
import type { KeyedSleep } from '../explore/keyed-sleep.ts'
import type { Prepared } from '../explore/prepare.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import type { SearchSink, Store } from '../explore/search-sink.ts'
import { withState } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import { sinkSteps, stepsOf } from '../explore/sink-steps.ts'
import { hashWords } from '../packed/hash-words.ts'
import type { Words } from '../packed/layout.ts'
import { expandWords, packedRuntimeOf, packedTracker } from '../packed/packed-bfs.ts'
import type { PackedRuntime, PackedSteps } from '../packed/packed-model.ts'
import { codecFor, msgpackCodec, wordsOf } from '../parallel/codec.ts'
import { schemaCodec } from '../parallel/schema-codec.ts'
import type { StateCodec } from '../parallel/state-codec.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import { Int32Column } from './columns.ts'
import { ORD, keyOf } from './wire.ts'

/** States in order: an array of plain states, or packed words (`at` gives a view). */
export interface StateList {
  readonly length: number
  at(i: number): unknown
}

/** An action's coverage in a partition's level: with its name (what a batch carries) and the BFS
 * key of its first step (the coordinator lists the partitions' actions in that order). A partition's
 * store makes these (`coverage`). */
export interface Fired extends Coverage {
  readonly name: string
  readonly first: number
}

const firedOf = (m: Map<string, Coverage>, name: string, first: number): Fired => {
  const c: Fired = { fired: 0, discovered: 0, name, first }
  m.set(name, c)
  return c
}

/** State `i` of `list`. */
export interface Pick {
  readonly list: StateList
  readonly i: number
}

/** Successors bound for one owner, encoded for a batch. */
export interface StateBatch {
  readonly length: number
  /** Keeps `s` (a copy, for words: they are the model's scratch). */
  push(s: unknown): void
  bytes(from: number, to: number): Uint8Array
  clear(): void
}

/** How a partition holds, expands (as the search sink's store: `coverage` makes `Fired` entries)
 * and ships its states. */
export interface PartStates extends Store<unknown, unknown> {
  readonly packed: boolean
  decode(bytes: Uint8Array): StateList
  /** The `n` states of a received batch (`StateBatch.bytes`); for plain states, each one's bytes
   * (the state stays encoded: `setCand` keeps them as they are). */
  received(bytes: Uint8Array, n: number): StateList
  encode(list: StateList): Uint8Array
  /** State `i` of `list`, for each pick, as one list's bytes (a re-partitioned frontier). */
  encodePicked(picks: readonly Pick[]): Uint8Array
  /** The level's new state j is `s` (copied, for words); `cand(j)` reads it back (for words, into
   * a buffer the next call reuses). */
  setCand(j: number, s: unknown): void
  cand(j: number): unknown
  clearCands(): void
  /** The next frontier: the candidates `order[0..count)`. */
  frontierOf(order: Int32Array, count: number): StateList
  batch(): StateBatch
  /** Gives each successor of state `i` of `list`, the frontier's state of rank `rank`, to
   * `sink.step` in ordinal order (after `sink.begin` on it); returns how many there were. With
   * sleep sets (`z`, told the state's set by `z.sleeps` before), a sleeping step is skipped
   * (`z.slept` counts it). */
  expand(list: StateList, i: number, rank: number, sink: SearchSink<unknown, unknown>, z?: KeyedSleep): number
  /** A tracker whose properties read this partition's states. */
  tracker(): SafetyTracker
}

export function partStates(p: Prepared): PartStates {
  const rt = packedRuntimeOf(p)
  if (rt) return new WordStates(p, rt)
  return compiledForm(p) ? new EncodedStates(p, codecFor(p)) : new ObjectStates(p, codecFor(p))
}

const tooMany = (p: Prepared, n: number): ModelError => new ModelError(`model ${p.model.name}: a state has ${n} successors (at most ${ORD} in a distributed run)`)

/**
 * Plain states encoded one by one (the run's codec, a list of one), back to back in one growable
 * buffer: a level's candidates and the frontier of a plain partition. Held as objects, a
 * partition's states were deep trees the collector traced and copied level after level (a decoded
 * state shares no part with another, as the model's successors do with their parent); as bytes
 * they are one buffer, and each state is an object only while it is checked or expanded, as the
 * thread engine's frontier chunks are (figures: docs/distributed.md, "Where the CPU goes").
 */
class StateBytes {
  buf = new Uint8Array(1 << 16)
  at = 0
  readonly start = new Int32Column()
  readonly len = new Int32Column()

  /** State j is `b` (a later put for the same j replaces it; the old bytes stay until `clear`). */
  put(j: number, b: Uint8Array): void {
    if (this.at + b.byteLength > this.buf.length) {
      let n = this.buf.length
      while (n < this.at + b.byteLength) n *= 2
      const d = new Uint8Array(n)
      d.set(this.buf.subarray(0, this.at))
      this.buf = d
    }
    this.buf.set(b, this.at)
    this.start.set(j, this.at)
    this.len.set(j, b.byteLength)
    this.at += b.byteLength
  }
  view(j: number): Uint8Array {
    const from = this.start.data[j]
    return this.buf.subarray(from, from + this.len.data[j])
  }
  clear(): void {
    this.at = 0
  }
}

/** A plain partition's frontier: states decoded when read (the last one kept: the search reads a
 * state for its constraint, its liveness labels and its expansion in turn). */
class EncodedList implements StateList {
  private last = -1
  private lastState: unknown
  constructor(
    private readonly bytes: StateBytes,
    readonly length: number,
    private readonly decodeOne: (b: Uint8Array) => unknown,
  ) {}
  at(i: number): unknown {
    if (i !== this.last) {
      this.lastState = this.decodeOne(this.bytes.view(i))
      this.last = i
    }
    return this.lastState
  }
}

/** A received batch's plain states (`PlainStates.batch`), each as a view of its own bytes. */
class BatchList implements StateList {
  private readonly from: Int32Array
  constructor(
    private readonly bytes: Uint8Array,
    readonly length: number,
  ) {
    const lens = new Int32Array(bytes.buffer, bytes.byteOffset, length)
    this.from = new Int32Array(length + 1)
    this.from[0] = 4 * length
    for (let i = 0; i < length; i++) this.from[i + 1] = this.from[i] + lens[i]
    if (this.from[length] !== bytes.byteLength) throw new Error(`a batch of ${length} states has ${bytes.byteLength} bytes, its lengths say ${this.from[length]}`)
  }
  at(i: number): Uint8Array {
    return this.bytes.subarray(this.from[i], this.from[i + 1])
  }
}

/** Plain states: what both ways of holding them share (`EncodedStates`, `ObjectStates`). */
abstract class PlainStates implements PartStates {
  readonly packed = false
  private readonly plainKey: boolean
  /** The state being expanded (a model error in a successor's key names it), its rank, the step
   * being sunk, and the sink (reached through `through`, which notes the step's ordinal). */
  private expanding: unknown
  private rank = 0
  private at = 0
  private sink: SearchSink<unknown, unknown> | undefined
  private readonly through = {
    step: (a: Action, t: unknown, i: number): number => {
      this.at = i
      return (this.sink as SearchSink<unknown, unknown>).step(a, t, i)
    },
  }

  constructor(
    protected readonly p: Prepared,
    protected readonly codec: StateCodec,
  ) {
    this.plainKey = !p.symmetry && !p.model.view
  }

  abstract received(bytes: Uint8Array, n: number): StateList
  abstract setCand(j: number, s: unknown): void
  abstract cand(j: number): unknown
  abstract clearCands(): void
  abstract frontierOf(order: Int32Array, count: number): StateList
  abstract batch(): StateBatch

  decode(bytes: Uint8Array): StateList {
    return bytes.byteLength > 0 ? this.codec.decode(bytes) : []
  }
  encode(list: StateList): Uint8Array {
    if (list.length === 0) return new Uint8Array(0)
    const states = Array.isArray(list) ? list : Array.from({ length: list.length }, (_, i) => list.at(i))
    return this.codec.encode(states)
  }
  encodePicked(picks: readonly Pick[]): Uint8Array {
    return this.encode(picks.map((k) => k.list.at(k.i)))
  }
  expand(_list: StateList, _at: number, rank: number, sink: SearchSink<unknown, unknown>, z?: KeyedSleep): number {
    // The state the sink began (its stutters are told by identity), not a second read of the list.
    const s = sink.expanding()
    const steps = stepsOf(this.p, s, z)
    if (steps.length > ORD) throw tooMany(this.p, steps.length)
    this.rank = rank
    this.sink = sink
    return sinkSteps(s, steps, this.through, z)
  }

  // ---- the search sink's store ----------------------------------------------------------------
  // A model error names the state being expanded, as on threads (`withState`): for a successor's
  // key, as the state its step was taken from.
  key(t: unknown, via: unknown, out: Fingerprint): void {
    try {
      this.p.fingerprintOf(t, via as Action | null, out)
    } catch (e) {
      throw withState(e, this.expanding, undefined, true)
    }
  }
  parentKey(s: unknown, out: Fingerprint): boolean {
    this.expanding = s
    try {
      if (!this.plainKey) {
        this.p.keepParts(s)
        return false
      }
      this.p.fingerprintParent(s, out)
      return true
    } catch (e) {
      throw withState(e, s)
    }
  }
  same(t: unknown, s: unknown): boolean {
    return t === s
  }
  coverage(a: unknown, m: Map<string, Coverage>): Coverage {
    const name = this.p.coverageName(a as Action)
    return m.get(name) ?? firedOf(m, name, keyOf(this.rank, this.at))
  }
  plain(t: unknown): unknown {
    return t
  }
  action(a: unknown): Action {
    return a as Action
  }
  tracker(): SafetyTracker {
    return new SafetyTracker(this.p)
  }
}

/**
 * Plain states in the schema's compiled form (a few bytes each): held as bytes (`StateBytes`),
 * and shipped each on its own, so that an owner keeps a new state's bytes as they came.
 */
class EncodedStates extends PlainStates {
  private readonly cands = new StateBytes()
  private readonly decodeOne = (b: Uint8Array): unknown => this.codec.decode(b)[0]

  received(bytes: Uint8Array, n: number): StateList {
    return new BatchList(bytes, n)
  }
  setCand(j: number, s: unknown): void {
    // A received state comes as its bytes (`received`); a plain state is never a Uint8Array.
    this.cands.put(j, s instanceof Uint8Array ? s : this.codec.encode([s]))
  }
  cand(j: number): unknown {
    return this.decodeOne(this.cands.view(j))
  }
  clearCands(): void {
    this.cands.clear()
  }
  frontierOf(order: Int32Array, count: number): StateList {
    const out = new StateBytes()
    for (let r = 0; r < count; r++) out.put(r, this.cands.view(order[r]))
    return new EncodedList(out, count, this.decodeOne)
  }
  /** Each state encoded on its own (a list of one): [u32 length × n][the states]. */
  batch(): StateBatch {
    let bytes = new StateBytes()
    let n = 0
    const codec = this.codec
    return {
      get length() {
        return n
      },
      push: (s) => bytes.put(n++, codec.encode([s])),
      bytes: (from, to) => {
        const lens = bytes.len.data.subarray(from, to)
        const start = to > from ? bytes.start.data[from] : 0
        const end = to > from ? bytes.start.data[to - 1] + bytes.len.data[to - 1] : 0
        const out = new Uint8Array(4 * (to - from) + end - start)
        new Int32Array(out.buffer, 0, to - from).set(lens)
        out.set(bytes.buf.subarray(start, end), 4 * (to - from))
        return out
      },
      clear: () => {
        bytes = new StateBytes()
        n = 0
      },
    }
  }
}

/**
 * Plain states through msgpackr (a model without a schema, or one whose schema has `any`): held
 * as objects, and a batch is one msgpackr message. msgpackr describes each record's keys once per
 * message, so a state on its own costs several times the bytes (2.6 times a batch's, on
 * three-phase-commit-partition) and the time.
 */
class ObjectStates extends PlainStates {
  private cands: unknown[] = []

  received(bytes: Uint8Array): StateList {
    return this.decode(bytes)
  }
  setCand(j: number, s: unknown): void {
    this.cands[j] = s
  }
  cand(j: number): unknown {
    return this.cands[j]
  }
  clearCands(): void {
    this.cands = []
  }
  frontierOf(order: Int32Array, count: number): StateList {
    const out = new Array<unknown>(count)
    for (let r = 0; r < count; r++) out[r] = this.cands[order[r]]
    return out
  }
  batch(): StateBatch {
    let states: unknown[] = []
    const codec = this.codec
    return {
      get length() {
        return states.length
      },
      push: (s) => void states.push(s),
      bytes: (from, to) => codec.encode(states.slice(from, to)),
      clear: () => void (states = []),
    }
  }
}

/** Whether `codecFor` gives `p`'s states the schema's compiled form (`parallel/schema-codec.ts`). */
function compiledForm(p: Prepared): boolean {
  try {
    const schema = p.model.schema?.(p.config)
    return schema !== undefined && schemaCodec(schema, msgpackCodec()) !== undefined
  } catch {
    return false
  }
}

/** A growable array of states of `w` words each. */
class WordColumn {
  data: Int32Array
  constructor(
    private readonly w: number,
    capacity = 1024,
  ) {
    this.data = new Int32Array(Math.max(1, capacity) * w)
  }
  set(j: number, s: Words, from = 0): void {
    const w = this.w
    let at = j * w
    if (at + w > this.data.length) {
      let n = this.data.length
      while (n < at + w) n *= 2
      const d = new Int32Array(n)
      d.set(this.data)
      this.data = d
    }
    const d = this.data
    for (let i = 0; i < w; i++) d[at++] = s[from + i]
  }
}

/** Packed words, `w` per state, back to back (a view of `data`, so `at` gives views too). */
class WordList implements StateList {
  readonly length: number
  constructor(
    readonly data: Int32Array,
    private readonly w: number,
  ) {
    this.length = Math.floor(data.length / w)
  }
  at(i: number): Words {
    return this.data.subarray(i * this.w, (i + 1) * this.w)
  }
}

class WordStates implements PartStates, PackedSteps {
  readonly packed = true
  private readonly w: number
  private cands: WordColumn
  /** The state being expanded (a copy the model reads), to catch a model writing into it. */
  private readonly cur: Int32Array
  private readonly before: Int32Array
  /** `cand`'s buffer: no view allocated per state checked. */
  private readonly one: Int32Array
  /** The sink of the level being expanded, the expanded state's rank, the steps so far, and the
   * step being sunk (its argument labels it). */
  private sink: SearchSink<unknown, unknown> | undefined
  private rank = 0
  private ordinal = 0
  private stepArg = 0
  /** Per action: its coverage entry in the sink's level, once it fires. */
  private slots: Fired[] = []

  constructor(
    private readonly p: Prepared,
    private readonly rt: PackedRuntime,
  ) {
    this.w = rt.words
    this.cands = new WordColumn(this.w)
    this.cur = new Int32Array(this.w)
    this.before = new Int32Array(this.w)
    this.one = new Int32Array(this.w)
  }

  decode(bytes: Uint8Array): StateList {
    return new WordList(wordsOf(bytes), this.w)
  }
  received(bytes: Uint8Array): StateList {
    return this.decode(bytes)
  }
  encode(list: StateList): Uint8Array {
    // A partition not seeded yet holds an empty array.
    if (list.length === 0) return new Uint8Array(0)
    const l = list as WordList
    return new Uint8Array(l.data.slice(0, l.length * this.w).buffer)
  }
  encodePicked(picks: readonly Pick[]): Uint8Array {
    const out = new Int32Array(picks.length * this.w)
    picks.forEach((k, r) => out.set((k.list as WordList).at(k.i), r * this.w))
    return new Uint8Array(out.buffer)
  }
  setCand(j: number, s: unknown): void {
    this.cands.set(j, s as Words)
  }
  cand(j: number): unknown {
    const w = this.w
    const c = this.cands.data
    for (let i = 0; i < w; i++) this.one[i] = c[j * w + i]
    return this.one
  }
  clearCands(): void {
    // Kept as large as the widest level so far: the next level reuses it.
  }
  frontierOf(order: Int32Array, count: number): StateList {
    const w = this.w
    const out = new Int32Array(count * w)
    const c = this.cands.data
    for (let r = 0; r < count; r++) {
      const from = order[r] * w
      for (let i = 0; i < w; i++) out[r * w + i] = c[from + i]
    }
    return new WordList(out, w)
  }
  batch(): StateBatch {
    const w = this.w
    let col = new WordColumn(w)
    let n = 0
    return {
      get length() {
        return n
      },
      push: (s) => col.set(n++, s as Words),
      bytes: (from, to) => new Uint8Array(col.data.buffer, from * w * 4, (to - from) * w * 4),
      clear: () => {
        col = new WordColumn(w)
        n = 0
      },
    }
  }
  /** A packed model's words run without sleep sets (`sleepSetsOff`). */
  expand(list: StateList, at: number, rank: number, sink: SearchSink<unknown, unknown>): number {
    const w = this.w
    const from = (list as WordList).data
    for (let i = 0; i < w; i++) this.cur[i] = this.before[i] = from[at * w + i]
    if (sink !== this.sink) this.slots = []
    this.sink = sink
    this.rank = rank
    this.ordinal = 0
    expandWords(this.p, this.rt, this.cur, this.before, this)
    return this.ordinal
  }
  /** The model's `out.add`: one successor, the model's scratch copy of its words. */
  add(action: number, arg: number, t: Words | null): void {
    if (t === null) return
    const ord = this.ordinal++
    if (t.length !== this.w) throw new ModelError(`model ${this.p.model.name}: action ${this.rt.actions[action]} (${arg}) returned ${t.length} words, the layout has ${this.w}`)
    if (ord >= ORD) throw tooMany(this.p, ord + 1)
    this.stepArg = arg
    ;(this.sink as SearchSink<unknown, unknown>).step(action, t, ord)
  }
  tracker(): SafetyTracker {
    return packedTracker(this.p, this.rt)
  }

  // ---- the search sink's store: words hashed as they are; a stutter is a step to the parent's key
  key(t: unknown, _via: unknown, out: Fingerprint): void {
    hashWords(t as Words, this.w, out)
  }
  parentKey(s: unknown, out: Fingerprint): boolean {
    hashWords(s as Words, this.w, out)
    return true
  }
  same(): boolean {
    return false
  }
  coverage(a: unknown, m: Map<string, Coverage>): Coverage {
    const k = a as number
    return this.slots[k] ?? (this.slots[k] = firedOf(m, this.rt.actions[k] as string, keyOf(this.rank, this.ordinal - 1)))
  }
  plain(t: unknown): unknown {
    return this.rt.decode(t as Words)
  }
  action(a: unknown): Action {
    return this.rt.label(a as number, this.stepArg)
  }
}
