/** Growable typed columns for a partition's per-state data (parent links, BFS keys): one array,
 * doubled when an index passes its end, read directly through `data` (sorting keys). */
class Growable<T extends Int32Array | Float64Array> {
  data: T

  constructor(private readonly make: new (length: number) => T) {
    this.data = new make(1024)
  }

  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i)
    this.data[i] = v
  }

  get(i: number): number {
    return this.data[i]
  }

  private grow(i: number): void {
    let n = this.data.length
    while (n <= i) n *= 2
    const d = new this.make(n)
    d.set(this.data)
    this.data = d
  }
}

export class Int32Column extends Growable<Int32Array> {
  constructor() {
    super(Int32Array)
  }
}

export class Float64Column extends Growable<Float64Array> {
  constructor() {
    super(Float64Array)
  }
}

/** Sleep sets as [offsets (one more than sets), entries]: how a checkpoint holds a frontier's. */
export function sleepColumns(sets: readonly ArrayLike<number>[]): [Int32Array, Int32Array] {
  const off = new Int32Array(sets.length + 1)
  for (let f = 0; f < sets.length; f++) off[f + 1] = (off[f] as number) + (sets[f] as ArrayLike<number>).length
  const out = new Int32Array(off[sets.length] as number)
  sets.forEach((z, f) => out.set(z, off[f] as number))
  return [off, out]
}
