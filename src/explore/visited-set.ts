/**
 * The single-threaded visited set: 64-bit fingerprint → state index, with each state's parent
 * index and the ordinal of the step (within the parent's `next` list) that first reached it.
 *
 * Layout, chosen for ≤ 24 bytes per state without JS objects:
 * - an open-addressing table of `index + 1` (0 = empty) in an Int32Array, linear probing,
 *   load factor ≤ 0.75: 5.3–10.7 bytes per state;
 * - per-state columns in fixed pages of 2^16 entries (no copy on growth): fingerprint hi/lo
 *   side by side (one cache line to confirm a hit, not two), parent (4+4+4 bytes) and step
 *   ordinal (2 bytes): 14 bytes per state.
 * Counterexamples are rebuilt by replaying the model along the parent chain (as TLC does), so no
 * states or paths are stored here.
 */
const PAGE_BITS = 16
const PAGE = 1 << PAGE_BITS
const MASK = PAGE - 1

export const NO_PARENT = -1

export class VisitedSet {
  private table: Int32Array
  private mask: number
  /** Fingerprints, two words per state: [hi, lo]. */
  private fpPages: Int32Array[] = []
  private parentPages: Int32Array[] = []
  private ordPages: Uint16Array[] = []
  size = 0
  /** The first page starts small and doubles up to a full page, so tiny models stay tiny. */
  private firstPageCap = 0

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
      const e = table[slot]!
      if (e === 0) break
      const idx = e - 1
      const p = idx >>> PAGE_BITS
      const o = idx & MASK
      const fps = this.fpPages[p]!
      if (fps[2 * o + 1] === lo && fps[2 * o] === hi) return -idx - 1
      slot = (slot + 1) & mask
    }
    const idx = this.size++
    const p = idx >>> PAGE_BITS
    const o = idx & MASK
    if (p === 0 && o >= this.firstPageCap) this.growFirstPage()
    else if (o === 0 && p > 0) {
      this.fpPages.push(new Int32Array(2 * PAGE))
      this.parentPages.push(new Int32Array(PAGE))
      this.ordPages.push(new Uint16Array(PAGE))
    }
    const fps = this.fpPages[p]!
    fps[2 * o] = hi
    fps[2 * o + 1] = lo
    this.parentPages[p]![o] = parent
    this.ordPages[p]![o] = ordinal
    table[slot] = idx + 1
    if (this.size > this.table.length * 0.75) this.grow()
    return idx
  }

  has(hi: number, lo: number): boolean {
    const mask = this.mask
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask
    for (;;) {
      const e = this.table[slot]!
      if (e === 0) return false
      const idx = e - 1
      const p = idx >>> PAGE_BITS
      const o = idx & MASK
      const fps = this.fpPages[p]!
      if (fps[2 * o + 1] === lo && fps[2 * o] === hi) return true
      slot = (slot + 1) & mask
    }
  }

  parent(idx: number): number {
    return this.parentPages[idx >>> PAGE_BITS]![idx & MASK]!
  }

  ordinal(idx: number): number {
    return this.ordPages[idx >>> PAGE_BITS]![idx & MASK]!
  }

  fingerprintOf(idx: number): { hi: number; lo: number } {
    const fps = this.fpPages[idx >>> PAGE_BITS]!
    const o = idx & MASK
    return { hi: fps[2 * o]!, lo: fps[2 * o + 1]! }
  }

  /** Indices from an initial state to `idx`, inclusive. */
  pathTo(idx: number): number[] {
    const path: number[] = []
    for (let i = idx; i !== NO_PARENT; i = this.parent(i)) path.push(i)
    return path.reverse()
  }

  /** Bytes held by the table and the columns. */
  bytes(): number {
    let columns = 0
    for (let p = 0; p < this.parentPages.length; p++) columns += this.parentPages[p]!.length * (4 + 4 + 4 + 2)
    return this.table.byteLength + columns
  }

  private growFirstPage(): void {
    const cap = this.firstPageCap === 0 ? 1024 : this.firstPageCap * 2
    const widen = <T extends Int32Array | Uint16Array>(pages: T[], make: (n: number) => T) => {
      const next = make(cap)
      if (pages[0]) next.set(pages[0])
      pages[0] = next
    }
    const fps = new Int32Array(2 * cap)
    if (this.fpPages[0]) fps.set(this.fpPages[0])
    this.fpPages[0] = fps
    widen(this.parentPages, (n) => new Int32Array(n))
    widen(this.ordPages, (n) => new Uint16Array(n))
    this.firstPageCap = cap
  }

  private grow(): void {
    const cap = this.table.length * 2
    const table = new Int32Array(cap)
    const mask = cap - 1
    // In index order: the fingerprints are read sequentially, only the table is written at random.
    for (let idx = 0; idx < this.size; idx++) {
      const fps = this.fpPages[idx >>> PAGE_BITS]!
      const o = idx & MASK
      const hi = fps[2 * o]!
      const lo = fps[2 * o + 1]!
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask
      while (table[slot] !== 0) slot = (slot + 1) & mask
      table[slot] = idx + 1
    }
    this.table = table
    this.mask = mask
  }
}
