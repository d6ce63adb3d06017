/**
 * A growable column of numbers in fixed pages of typed arrays: no JS objects per entry and no copy
 * when it grows (a doubling array would briefly hold three times its size). The liveness graph
 * keeps every per-state and per-edge field in one of these.
 */
const PAGE_BITS = 16
const PAGE = 1 << PAGE_BITS
const MASK = PAGE - 1

export type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array

/** The bytes a typed array views (no copy). */
export const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
type TypedArrayCtor = { new (length: number): TypedArray; readonly BYTES_PER_ELEMENT: number }

export class Column {
  private readonly pages: TypedArray[] = []
  length = 0

  constructor(private readonly ctor: TypedArrayCtor) {}

  push(v: number): void {
    const o = this.length & MASK
    if (o === 0) this.pages.push(new this.ctor(PAGE))
    this.pages[this.length >>> PAGE_BITS][o] = v
    this.length++
  }

  get(i: number): number {
    return this.pages[i >>> PAGE_BITS][i & MASK]
  }

  set(i: number, v: number): void {
    this.pages[i >>> PAGE_BITS][i & MASK] = v
  }

  bytes(): number {
    return this.pages.length * PAGE * this.ctor.BYTES_PER_ELEMENT
  }

  /** A copy of entries [0, n) (for a checkpoint). */
  prefix(n: number): TypedArray {
    const out = new this.ctor(n)
    for (let p = 0; p * PAGE < n; p++) out.set(this.pages[p].subarray(0, Math.min(PAGE, n - p * PAGE)), p * PAGE)
    return out
  }

  /** Appends every entry of `xs` (a checkpoint's copy, read back). */
  pushAll(xs: ArrayLike<number>): void {
    for (let i = 0; i < xs.length; i++) this.push(xs[i])
  }
}

/** The narrowest unsigned column that holds `bits` bits (at most 32). */
export function bitsColumn(bits: number): Column {
  return new Column(bits <= 8 ? Uint8Array : bits <= 16 ? Uint16Array : Uint32Array)
}
