/** Growable typed columns for a partition's per-state data (parent links, BFS keys). */
export class Int32Column {
  data = new Int32Array(1024)
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
    const d = new Int32Array(n)
    d.set(this.data)
    this.data = d
  }
}

export class Float64Column {
  data = new Float64Array(1024)
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
    const d = new Float64Array(n)
    d.set(this.data)
    this.data = d
  }
}
