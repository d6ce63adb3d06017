/**
 * The single-threaded visited set: 64-bit fingerprint → state index, with each state's parent
 * index and the ordinal of the step (within the parent's `next` list) that first reached it.
 *
 * Layout, chosen for ≤ 24 bytes per state without JS objects:
 * - an open-addressing table of `index + 1` (0 = empty) in an Int32Array, linear probing,
 *   load factor ≤ 0.75: 5.3–10.7 bytes per state;
 * - per-state columns in fixed pages of 2^16 entries (no copy on growth): fingerprint hi/lo,
 *   parent (4+4+4 bytes) and step ordinal (2 bytes): 14 bytes per state.
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
  private hiPages: Int32Array[] = []
  private loPages: Int32Array[] = []
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
      if (this.loPages[p]![o] === lo && this.hiPages[p]![o] === hi) return -idx - 1
      slot = (slot + 1) & mask
    }
    const idx = this.size++
    const p = idx >>> PAGE_BITS
    const o = idx & MASK
    if (p === 0 && o >= this.firstPageCap) this.growFirstPage()
    else if (o === 0 && p > 0) {
      this.hiPages.push(new Int32Array(PAGE))
      this.loPages.push(new Int32Array(PAGE))
      this.parentPages.push(new Int32Array(PAGE))
      this.ordPages.push(new Uint16Array(PAGE))
    }
    this.hiPages[p]![o] = hi
    this.loPages[p]![o] = lo
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
      if (this.loPages[p]![o] === lo && this.hiPages[p]![o] === hi) return true
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
    return { hi: this.hiPages[idx >>> PAGE_BITS]![idx & MASK]!, lo: this.loPages[idx >>> PAGE_BITS]![idx & MASK]! }
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
    for (let p = 0; p < this.hiPages.length; p++) columns += this.hiPages[p]!.length * (4 + 4 + 4 + 2)
    return this.table.byteLength + columns
  }

  private growFirstPage(): void {
    const cap = this.firstPageCap === 0 ? 1024 : this.firstPageCap * 2
    const widen = <T extends Int32Array | Uint16Array>(pages: T[], make: (n: number) => T) => {
      const next = make(cap)
      if (pages[0]) next.set(pages[0])
      pages[0] = next
    }
    widen(this.hiPages, (n) => new Int32Array(n))
    widen(this.loPages, (n) => new Int32Array(n))
    widen(this.parentPages, (n) => new Int32Array(n))
    widen(this.ordPages, (n) => new Uint16Array(n))
    this.firstPageCap = cap
  }

  private grow(): void {
    const old = this.table
    const cap = old.length * 2
    const table = new Int32Array(cap)
    const mask = cap - 1
    for (let s = 0; s < old.length; s++) {
      const e = old[s]!
      if (e === 0) continue
      const idx = e - 1
      const hi = this.hiPages[idx >>> PAGE_BITS]![idx & MASK]!
      const lo = this.loPages[idx >>> PAGE_BITS]![idx & MASK]!
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask
      while (table[slot] !== 0) slot = (slot + 1) & mask
      table[slot] = e
    }
    this.table = table
    this.mask = mask
  }
}
