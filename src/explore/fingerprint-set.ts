/**
 * The breadth-first searches' visited set: the 64-bit fingerprints themselves in an
 * open-addressing table, so a probe reads one cache line — where `VisitedSet` (for explorers that
 * need a known state's index back: DFS, liveness) reads its index table, then the state's
 * fingerprint cell elsewhere: about half the time per insert (`bench/visited-bench.ts`; figures:
 * docs/performance.md, "What made the plain-data path faster").
 *
 * Layout, ≤ 24 bytes per state:
 * - table: [hi, lo] per slot (8 bytes; all-zero = empty: fingerprints are never all-zero),
 *   linear probing, any capacity (a slot is the fingerprint's position scaled to the capacity),
 *   grown ×1.5 at load 0.8, so the load stays in 0.53–0.8: 10–15 bytes per state;
 * - the parent chain (`ParentColumns`): parent (4) and step ordinal (2) per state;
 * - a filter of recently seen fingerprints, a 32nd of the table's slots up to 512 KiB: under
 *   half a byte per state, and a constant beyond 2 M slots.
 * A state's index is its insertion order, which BFS needs only for new states; a known state's
 * index is not kept (BFS ignores it). Replay checks a replayed state by membership (`has`).
 */
import { ParentColumns } from './parent-columns.ts'

const MAX_LOAD = 0.8
/** Most entries of the recent-fingerprints filter: 65,536 × 8 bytes = 512 KiB, which stays in
 * L2. Below that it has a 32nd of the table's slots (under half a byte per state). */
const RECENT_MAX = 1 << 16

export class FingerprintSet {
  private table: Int32Array
  private cap: number
  private limit: number
  private readonly chain = new ParentColumns()
  /** A direct-mapped cache of fingerprints known to be in the set, indexed by low bits of `lo`.
   * A search meets most duplicates again soon after their first sighting (`bench/recent-filter.ts`;
   * figures: docs/performance.md, "What made the packed BFS faster"), and answering from here
   * spares a probe of the big table, which misses the cache. */
  private recent: Int32Array
  /** Entries in `recent`, less one (kept: the insert path masks with it). */
  private recentMask = 0
  size = 0

  constructor(initialCapacity = 1 << 10) {
    this.cap = Math.max(16, Math.ceil(initialCapacity / MAX_LOAD))
    this.table = new Int32Array(2 * this.cap)
    this.limit = Math.floor(this.cap * MAX_LOAD)
    this.recent = this.emptyRecent(this.cap)
  }

  /** Inserts a fingerprint reached from `parent` by its `ordinal`-th step; returns the new
   * state's index, or -1 if it was there. `ordinal` must fit 16 bits. */
  insert(hi: number, lo: number, parent: number, ordinal: number): number {
    const rc = this.recent
    const r = (lo & this.recentMask) << 1
    if (rc[r] === hi && rc[r + 1] === lo) return -1
    rc[r] = hi
    rc[r + 1] = lo
    const slot = this.probe(hi, lo)
    if (slot < 0) return -1
    const t = this.table
    t[2 * slot] = hi
    t[2 * slot + 1] = lo
    const idx = this.size++
    this.chain.push(parent, ordinal)
    if (this.size > this.limit) this.grow()
    return idx
  }

  has(hi: number, lo: number): boolean {
    return this.probe(hi, lo) < 0
  }

  /** The empty slot where (hi, lo) would go, or -1 - its slot if it is there. */
  private probe(hi: number, lo: number): number {
    const t = this.table
    const cap = this.cap
    let slot = slotOf(hi, lo, cap)
    for (;;) {
      const a = t[2 * slot]
      const b = t[2 * slot + 1]
      if (a === hi && b === lo) return -1 - slot
      if (a === 0 && b === 0) return slot
      slot = slot + 1 === cap ? 0 : slot + 1
    }
  }

  parent(idx: number): number {
    return this.chain.parent(idx)
  }

  ordinal(idx: number): number {
    return this.chain.ordinal(idx)
  }

  /** Indices from an initial state to `idx`, inclusive. */
  pathTo(idx: number): number[] {
    return this.chain.pathTo(idx)
  }

  /** Bytes held by the table and the columns. */
  bytes(): number {
    return this.table.byteLength + this.recent.byteLength + this.chain.bytes()
  }

  /** An empty recent-fingerprints filter for a table of `cap` slots (a power of two of entries);
   * sets `recentMask` to match. */
  private emptyRecent(cap: number): Int32Array {
    let n = 64
    while (n < RECENT_MAX && n * 32 < cap) n *= 2
    this.recentMask = n - 1
    return new Int32Array(2 * n)
  }

  private grow(): void {
    const old = this.table
    const cap = Math.ceil(this.cap * 1.5)
    const t = new Int32Array(2 * cap)
    for (let s = 0; s < old.length; s += 2) {
      const hi = old[s]
      const lo = old[s + 1]
      if (hi === 0 && lo === 0) continue
      let slot = slotOf(hi, lo, cap)
      while (t[2 * slot] !== 0 || t[2 * slot + 1] !== 0) slot = slot + 1 === cap ? 0 : slot + 1
      t[2 * slot] = hi
      t[2 * slot + 1] = lo
    }
    this.table = t
    this.cap = cap
    this.limit = Math.floor(cap * MAX_LOAD)
    if (this.recent.length < 2 * RECENT_MAX) this.recent = this.emptyRecent(cap)
  }
}

/** The fingerprint's position in [0, cap): both halves mixed (so a fingerprint weak in one half
 * still spreads), scaled to any capacity without a modulo (Lemire's multiply-shift, in doubles:
 * exact enough to stay below `cap`, and deterministic). */
const slotOf = (hi: number, lo: number, cap: number): number => Math.floor((((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) / 4294967296) * cap)
