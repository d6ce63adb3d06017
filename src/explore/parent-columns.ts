/**
 * The parent chain of a visited set, by state index: each state's parent index and the ordinal of
 * the step (within the parent's `next` list) that first reached it, in fixed pages of 2^16
 * entries (no copy when they grow; the first page starts small and doubles up to a full page, so
 * tiny models stay tiny): 6 bytes per state. Counterexamples are rebuilt by replaying the model
 * along it (`replay-path.ts`). Shared by `VisitedSet` and `FingerprintSet`.
 */
export const PAGE_BITS = 16
export const PAGE = 1 << PAGE_BITS
export const MASK = PAGE - 1

export const NO_PARENT = -1

export class ParentColumns {
  private parentPages: Int32Array[] = []
  private ordPages: Uint16Array[] = []
  private firstPageCap = 0
  length = 0

  /** Appends state `length`'s parent and step ordinal (the ordinal must fit 16 bits). */
  push(parent: number, ordinal: number): void {
    const idx = this.length++
    const p = idx >>> PAGE_BITS
    if (p === 0 && idx >= this.firstPageCap) this.growFirstPage()
    else if (p === this.parentPages.length) {
      this.parentPages.push(new Int32Array(PAGE))
      this.ordPages.push(new Uint16Array(PAGE))
    }
    this.parentPages[p][idx & MASK] = parent
    this.ordPages[p][idx & MASK] = ordinal
  }

  parent(idx: number): number {
    return this.parentPages[idx >>> PAGE_BITS][idx & MASK]
  }

  ordinal(idx: number): number {
    return this.ordPages[idx >>> PAGE_BITS][idx & MASK]
  }

  /** Indices from an initial state to `idx`, inclusive. */
  pathTo(idx: number): number[] {
    const path: number[] = []
    for (let i = idx; i !== NO_PARENT; i = this.parent(i)) path.push(i)
    return path.reverse()
  }

  /** States the pages hold room for (the first page may hold fewer than a full page). */
  get capacity(): number {
    return this.parentPages.length === 0 ? 0 : this.firstPageCap + (this.parentPages.length - 1) * PAGE
  }

  bytes(): number {
    return this.capacity * (4 + 2)
  }

  private growFirstPage(): void {
    const cap = this.firstPageCap === 0 ? 1024 : this.firstPageCap * 2
    const parents = new Int32Array(cap)
    const ords = new Uint16Array(cap)
    if (this.parentPages[0]) {
      parents.set(this.parentPages[0])
      ords.set(this.ordPages[0])
    }
    this.parentPages[0] = parents
    this.ordPages[0] = ords
    this.firstPageCap = cap
  }
}
