/**
 * The single-threaded visited set: 64-bit fingerprint → state index, with each state's parent
 * index and the ordinal of the step (within the parent's `next` list) that first reached it.
 *
 * Layout, chosen for ≤ 24 bytes per state without JS objects:
 * - an open-addressing table of `index + 1` (0 = empty) in an Int32Array, linear probing,
 *   load factor ≤ 0.75: 5.3–10.7 bytes per state;
 * - per-state fingerprint hi/lo side by side (one cache line to confirm a hit, not two) in
 *   pages of 2^16, and the parent chain (`ParentColumns`: parent and step ordinal): 14 bytes
 *   per state.
 * Counterexamples are rebuilt by replaying the model along the parent chain (as TLC does), so no
 * states or paths are stored here.
 */
import { MASK, PAGE, PAGE_BITS, ParentColumns } from './parent-columns.ts'

export { NO_PARENT } from './parent-columns.ts'

export class VisitedSet {
  private table: Int32Array
  private mask: number
  /** Fingerprints, two words per state: [hi, lo], in pages that follow the parent chain's. */
  private fpPages: Int32Array[] = []
  private readonly chain = new ParentColumns()
  size = 0

  constructor(initialCapacity = 1 << 10) {
    let cap = 1 << 10
    while (cap * 0.75 < initialCapacity) cap <<= 1
    this.table = new Int32Array(cap)
    this.mask = cap - 1
  }

  /**
   * Inserts a fingerprint; returns the new state's index, or `-(existing index) - 1` if present.
   * `ordinal` must fit 16 bits: a state with more than 65,535 successors is refused by the caller.
   */
  insert(hi: number, lo: number, parent: number, ordinal: number): number {
    const table = this.table
    const mask = this.mask
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask
    for (;;) {
      const e = table[slot]
      if (e === 0) break
      const idx = e - 1
      const p = idx >>> PAGE_BITS
      const o = idx & MASK
      const fps = this.fpPages[p]
      if (fps[2 * o + 1] === lo && fps[2 * o] === hi) return -idx - 1
      slot = (slot + 1) & mask
    }
    const idx = this.size++
    this.chain.push(parent, ordinal)
    const o = idx & MASK
    const fps = this.fpPage(idx >>> PAGE_BITS)
    fps[2 * o] = hi
    fps[2 * o + 1] = lo
    table[slot] = idx + 1
    if (this.size > this.table.length * 0.75) this.grow()
    return idx
  }

  has(hi: number, lo: number): boolean {
    const mask = this.mask
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask
    for (;;) {
      const e = this.table[slot]
      if (e === 0) return false
      const idx = e - 1
      const p = idx >>> PAGE_BITS
      const o = idx & MASK
      const fps = this.fpPages[p]
      if (fps[2 * o + 1] === lo && fps[2 * o] === hi) return true
      slot = (slot + 1) & mask
    }
  }

  parent(idx: number): number {
    return this.chain.parent(idx)
  }

  ordinal(idx: number): number {
    return this.chain.ordinal(idx)
  }

  fingerprintOf(idx: number): { hi: number; lo: number } {
    const fps = this.fpPages[idx >>> PAGE_BITS]
    const o = idx & MASK
    return { hi: fps[2 * o], lo: fps[2 * o + 1] }
  }

  /** Indices from an initial state to `idx`, inclusive. */
  pathTo(idx: number): number[] {
    return this.chain.pathTo(idx)
  }

  /** Bytes held by the table and the columns (14 per state the pages hold room for). */
  bytes(): number {
    return this.table.byteLength + this.chain.bytes() + this.chain.capacity * 8
  }

  /** Fingerprint page `p`, grown as the parent chain's: the first up to a full page, the rest full. */
  private fpPage(p: number): Int32Array {
    const want = 2 * (p === 0 ? Math.min(this.chain.capacity, PAGE) : PAGE)
    let page = this.fpPages[p]
    if (!page || page.length < want) {
      const bigger = new Int32Array(want)
      if (page) bigger.set(page)
      this.fpPages[p] = page = bigger
    }
    return page
  }

  private grow(): void {
    const cap = this.table.length * 2
    const table = new Int32Array(cap)
    const mask = cap - 1
    // In index order: the fingerprints are read sequentially, only the table is written at random.
    for (let idx = 0; idx < this.size; idx++) {
      const fps = this.fpPages[idx >>> PAGE_BITS]
      const o = idx & MASK
      const hi = fps[2 * o]
      const lo = fps[2 * o + 1]
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask
      while (table[slot] !== 0) slot = (slot + 1) & mask
      table[slot] = idx + 1
    }
    this.table = table
    this.mask = mask
  }
}
