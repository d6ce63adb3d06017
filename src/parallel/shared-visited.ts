/**
 * The visited set shared by every worker: 64-bit fingerprints in SharedArrayBuffers, inserted
 * lock-free with `Atomics.compareExchange`.
 *
 * Layout (≤ 24 bytes per state once the table is at least 40% full, which growth keeps it):
 * - `table`: open addressing, linear probing, one Int32 per slot: 0 = empty, -1 = being written,
 *   else `index + 1` in the low 28 bits and a 3-bit tag (the fingerprint's top bits) above them.
 *   A probe compares the tag before it reads the fingerprint column, so passing an occupied slot
 *   costs a read of the column (a cache miss) one time in eight instead of every time. A writer
 *   claims an empty slot by CAS 0 → -1, takes the next index from the shared counter, writes the
 *   columns, then publishes the tagged `index + 1`; a reader that meets -1 spins for the three
 *   stores it takes. So indices are dense: `size` is the distinct count, exactly.
 * - per-state columns by index (growable SharedArrayBuffers, committed lazily by the OS):
 *   fingerprint hi, lo side by side (4 + 4: a hit reads one cache line), `link` (4) and step
 *   ordinal (2): 14 bytes.
 *
 * `link` has two lives. While its level is being expanded it holds the parent's *position in the
 * level's frontier*, lowered atomically to the smallest position that reaches the state, so that
 * the parent kept is the one the sequential BFS would have kept (it expands parents in frontier
 * order). When the level is closed the coordinator rewrites it to the parent's index, and the
 * chain of indices and ordinals rebuilds counterexamples by replay, as in the sequential BFS.
 */
import type { ParentChain } from '../explore/replay-path.ts'

const EMPTY = 0
const BUSY = -1
export const NO_PARENT = -1
/** The most states this set holds: `index + 1` fits the slot's 28 index bits. (The largest
 * growable SharedArrayBuffer Node 20 accepts, 4 GiB, would hold 2^29 fingerprints.) */
const MAX_STATES = 2 ** 28 - 1
const INDEX_MASK = 2 ** 28 - 1
/** A slot's tag: the fingerprint's top 3 bits, stored in bits 28–30 of the slot. */
const tagOf = (hi: number): number => (hi >>> 29) << 28
const COLUMN_STEP = 1 << 20

/** What a worker needs to attach to the set; sent with every task (SharedArrayBuffers are shared, not copied). */
export interface VisitedHandles {
  /** Bumped whenever the table is replaced, so workers rebuild their views. */
  readonly gen: number
  readonly table: SharedArrayBuffer
  /** Fingerprints, [hi, lo] per state. */
  readonly fps: SharedArrayBuffer
  readonly link: SharedArrayBuffer
  readonly ord: SharedArrayBuffer
  /** Int32 [0]: the number of states (the next index). */
  readonly control: SharedArrayBuffer
}

// Growable SharedArrayBuffers (ES2024) are in Node 20 but not in our ES2023 lib types.
interface Growable {
  readonly growable: boolean
  grow(bytes: number): void
}
const GrowableSAB = SharedArrayBuffer as unknown as new (bytes: number, o: { maxByteLength: number }) => SharedArrayBuffer
const growable = (b: SharedArrayBuffer): Growable => b as unknown as Growable

export const slotOf = (hi: number, lo: number, mask: number): number => (lo ^ Math.imul(hi, 0x9e3779b1)) & mask

/** Entries of a view's recent-fingerprints filter: 16,384 × 16 bytes = 256 KiB per thread. */
const RECENT = 1 << 14

export class SharedVisited implements ParentChain {
  private table: Int32Array
  /**
   * This thread's filter of fingerprints it recently inserted or found: [hi, lo, index, pos] per
   * entry, direct-mapped by the low bits of `lo`. Most duplicates are met again soon after their
   * first sighting (as in `FingerprintSet`), and the filter answers them without touching the
   * shared table, whose lines other threads write. It answers only what the shared set would
   * answer -1 to: a state of a closed level, or one this thread already offered at a position no
   * later than `pos` (`link` only ever decreases within a level, so it is at most that position).
   */
  private readonly recent = new Int32Array(4 * RECENT)
  private mask: number
  private fps: Int32Array
  private link: Int32Array
  private ord: Uint16Array
  private readonly control: Int32Array
  /**
   * The index of the state the last `insertCandidate` met or made, whatever it answered:
   * recording the liveness graph needs every step's target, duplicates included.
   */
  met = -1

  private constructor(private h: VisitedHandles) {
    this.table = new Int32Array(h.table)
    this.mask = this.table.length - 1
    this.fps = this.link = new Int32Array(0)
    this.ord = new Uint16Array(0)
    this.viewColumns()
    this.control = new Int32Array(h.control)
  }

  /**
   * Fixed-length views of the columns as they are now. Length-tracking views of a growable
   * SharedArrayBuffer make each insert much slower in V8 (figures: docs/performance.md, "Design
   * measurements"); a worker never needs more than the length at its task's start (`stopAt`
   * keeps it below), so views are remade when the columns grow (`attach` compares lengths, the
   * coordinator in `ensureColumns`).
   */
  private viewColumns(): void {
    const h = this.h
    const n = h.ord.byteLength >> 1
    this.fps = new Int32Array(h.fps, 0, 2 * n)
    this.link = new Int32Array(h.link, 0, n)
    this.ord = new Uint16Array(h.ord, 0, n)
  }

  /** Whether this view still sees all of `h` (same table, columns not grown since). */
  sees(h: VisitedHandles): boolean {
    return this.h.gen === h.gen && this.h.table === h.table && this.ord.length === h.ord.byteLength >> 1
  }

  /**
   * A new, empty set. `capacity`: table slots (a power of two). `columns`: states the columns hold
   * now; with `fixed`, they never grow (a `--memory` budget: sized once, full is an error).
   */
  static create(capacity: number, columns: number, fixed: boolean): SharedVisited {
    const col = (bytesPer: number): SharedArrayBuffer =>
      fixed
        ? new SharedArrayBuffer(columns * bytesPer)
        : new GrowableSAB(columns * bytesPer, { maxByteLength: MAX_STATES * bytesPer })
    return new SharedVisited({
      gen: 0,
      table: new SharedArrayBuffer(capacity * 4),
      fps: col(8),
      link: col(4),
      ord: col(2),
      control: new SharedArrayBuffer(8),
    })
  }

  static attach(h: VisitedHandles): SharedVisited {
    return new SharedVisited(h)
  }

  handles(): VisitedHandles {
    return this.h
  }

  get size(): number {
    return Atomics.load(this.control, 0)
  }

  get capacity(): number {
    return this.table.length
  }

  /** States the columns can hold without growing. */
  get columnCapacity(): number {
    return this.link.length
  }

  /**
   * A worker's insert of a successor generated by the parent at frontier position `pos`.
   * Returns the state's index if this generation is, for now, the earliest (smallest `pos`) to
   * reach a state first reached in the current level (indices ≥ `levelStart`); -1 if the state
   * was known before this level or an earlier parent already reached it. The caller keeps the
   * state as a candidate when it gets an index; the coordinator keeps the candidate whose `pos`
   * is still the state's `link` when the level closes.
   * A parent reaching the same state twice keeps its first step (the lower ordinal): the second
   * finds `link === pos` and gets -1.
   */
  insertCandidate(hi: number, lo: number, pos: number, levelStart: number): number {
    const rc = this.recent
    const r = (lo & (RECENT - 1)) << 2
    if (rc[r] === hi && rc[r + 1] === lo && (rc[r + 2] < levelStart || pos >= rc[r + 3])) {
      this.met = rc[r + 2]
      return -1
    }
    const table = this.table
    const mask = this.mask
    const tag = tagOf(hi)
    let slot = slotOf(hi, lo, mask)
    for (;;) {
      let e = Atomics.load(table, slot)
      if (e === EMPTY) {
        if (Atomics.compareExchange(table, slot, EMPTY, BUSY) === EMPTY) {
          const idx = Atomics.add(this.control, 0, 1)
          this.fps[2 * idx] = hi
          this.fps[2 * idx + 1] = lo
          Atomics.store(this.link, idx, pos)
          Atomics.store(table, slot, tag | (idx + 1))
          remember(rc, r, hi, lo, idx, pos)
          this.met = idx
          return idx
        }
        e = Atomics.load(table, slot)
      }
      while (e === BUSY) e = Atomics.load(table, slot)
      const idx = (e & INDEX_MASK) - 1
      if ((e & ~INDEX_MASK) === tag && this.fps[2 * idx + 1] === lo && this.fps[2 * idx] === hi) {
        remember(rc, r, hi, lo, idx, pos)
        this.met = idx
        if (idx < levelStart) return -1
        let cur = Atomics.load(this.link, idx)
        while (pos < cur) {
          const seen = Atomics.compareExchange(this.link, idx, cur, pos)
          if (seen === cur) return idx
          cur = seen
        }
        return -1
      }
      slot = (slot + 1) & mask
    }
  }

  /**
   * The coordinator's insert while no worker runs (the initial states, narrow levels: the search
   * sink's `Visited.insert`): one thread inserts in BFS order, so the first parent to reach a
   * state is the one kept, and its index and ordinal are written at once, as in `VisitedSet`.
   * Returns the new state's index, or -1 - the index of a known one. Plain loads and stores (the
   * atomic ones made the chain's insert slower: docs/performance.md, "Design measurements");
   * workers see these writes, as posting them a task orders memory.
   */
  insert(hi: number, lo: number, parent: number, ordinal: number): number {
    const table = this.table
    const mask = this.mask
    const tag = tagOf(hi)
    let slot = slotOf(hi, lo, mask)
    for (;;) {
      const e = table[slot]
      if (e === EMPTY) {
        const idx = this.control[0]++
        this.fps[2 * idx] = hi
        this.fps[2 * idx + 1] = lo
        this.link[idx] = parent
        this.ord[idx] = ordinal
        table[slot] = tag | (idx + 1)
        return idx
      }
      const idx = (e & INDEX_MASK) - 1
      if ((e & ~INDEX_MASK) === tag && this.fps[2 * idx + 1] === lo && this.fps[2 * idx] === hi) return -1 - idx
      slot = (slot + 1) & mask
    }
  }

  /** Coordinator, between levels: the frontier position a state of the closing level was kept for. */
  linkOf(idx: number): number {
    return this.link[idx]
  }

  /** Coordinator, when closing a level: the winning parent (index) and step ordinal. */
  setParent(idx: number, parent: number, ordinal: number): void {
    this.link[idx] = parent
    this.ord[idx] = ordinal
  }

  setOrdinal(idx: number, ordinal: number): void {
    this.ord[idx] = ordinal
  }

  // ---- ParentChain, for counterexample replay --------------------------------------------------

  parent(idx: number): number {
    return this.link[idx]
  }

  ordinal(idx: number): number {
    return this.ord[idx]
  }

  fingerprintOf(idx: number): { hi: number; lo: number } {
    return { hi: this.fps[2 * idx], lo: this.fps[2 * idx + 1] }
  }

  pathTo(idx: number): number[] {
    const path: number[] = []
    for (let i = idx; i !== NO_PARENT; i = this.link[i]) path.push(i)
    return path.reverse()
  }

  // ---- growth (coordinator only, while no worker runs) -----------------------------------------

  /** Grows the columns to hold at least `states` states; false if they cannot (fixed, or past 2^28 - 1 states). */
  ensureColumns(states: number): boolean {
    if (states <= this.link.length) return true
    const h = this.h
    if (!growable(h.link).growable) return false
    const want = Math.min(Math.ceil(states / COLUMN_STEP) * COLUMN_STEP, MAX_STATES)
    if (want < states) return false
    growable(h.fps).grow(want * 8)
    growable(h.link).grow(want * 4)
    growable(h.ord).grow(want * 2)
    this.viewColumns()
    return true
  }

  /** Replaces the table by one of `capacity` slots, re-inserting every state by its fingerprint. */
  rehash(capacity: number): void {
    const table = new Int32Array(new SharedArrayBuffer(capacity * 4))
    const mask = capacity - 1
    const n = this.size
    const fps = this.fps
    for (let idx = 0; idx < n; idx++) {
      let slot = slotOf(fps[2 * idx], fps[2 * idx + 1], mask)
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask
      table[slot] = tagOf(fps[2 * idx]) | (idx + 1)
    }
    this.h = { ...this.h, gen: this.h.gen + 1, table: table.buffer as SharedArrayBuffer }
    this.table = table
    this.mask = mask
  }

  /** Sets the columns of states restored from a checkpoint and rebuilds the table. */
  restore(c: { n: number; hi: Int32Array; lo: Int32Array; link: Int32Array; ord: Uint16Array }): void {
    this.recent.fill(0)
    const { n, hi, lo, link, ord } = c
    if (!this.ensureColumns(n)) throw new Error(`cannot hold ${n} states`)
    let cap = this.capacity
    while (n >= 0.8 * cap) cap *= 2
    for (let i = 0; i < n; i++) {
      this.fps[2 * i] = hi[i]
      this.fps[2 * i + 1] = lo[i]
    }
    this.link.set(link.subarray(0, n))
    this.ord.set(ord.subarray(0, n))
    Atomics.store(this.control, 0, n)
    this.rehash(cap)
  }

  /** Copies of the first `n` states' columns (for checkpoints). */
  columns(from: number, to: number): { hi: Int32Array; lo: Int32Array; link: Int32Array; ord: Uint16Array } {
    return {
      hi: Int32Array.from({ length: to - from }, (_, i) => this.fps[2 * (from + i)]),
      lo: Int32Array.from({ length: to - from }, (_, i) => this.fps[2 * (from + i) + 1]),
      link: this.link.slice(from, to),
      ord: this.ord.slice(from, to),
    }
  }

  /** Bytes held: the table and the committed columns. A fixed set's columns (`--memory`) are
   * allocated whole but filled in order, so only the states found count, as in the result's
   * `visitedBytes`: counted whole, the table sized from the budget left a liveness graph only the
   * rest (`--memory 67` with 2 workers stopped at 6 states where 66 completed). */
  bytes(): number {
    const h = this.h
    if (!growable(h.link).growable) return h.table.byteLength + this.size * (8 + 4 + 2)
    return h.table.byteLength + h.fps.byteLength + h.link.byteLength + h.ord.byteLength
  }
}

/** Records in the filter that this thread has offered state `idx` at position `pos`. */
function remember(rc: Int32Array, r: number, hi: number, lo: number, idx: number, pos: number): void {
  rc[r] = hi
  rc[r + 1] = lo
  rc[r + 2] = idx
  rc[r + 3] = pos
}
