/**
 * Why the visited sets keep a filter of recent fingerprints (`FingerprintSet`, `SharedVisited`):
 * the 2PC-8 packed BFS's stream of visited-set inserts (11.66 M, stuttering steps excluded, in
 * BFS order), (1) how many of its duplicates a direct-mapped filter of 4K–256K entries answers,
 * and (2) the stream inserted into `FingerprintSet` as shipped and into the same table without
 * the filter (a copy of its probe loop, below; it keeps no parent columns, so it is favoured),
 * alternated, 5 rounds each.
 *
 * Usage: node --import tsx bench/recent-filter.ts
 */
import { FingerprintSet } from '../src/explore/fingerprint-set.ts'
import { fp } from '../src/state/fingerprint.ts'
import { reachablePacked } from './reachable-2pc.ts'

// The stream, as the packed BFS inserts it.
let H = new Int32Array(1 << 20)
let L = new Int32Array(1 << 20)
let n = 0
const { flat, words } = reachablePacked(8, () => {
  if (n === H.length) {
    const [h, l] = [new Int32Array(2 * n), new Int32Array(2 * n)]
    h.set(H)
    l.set(L)
    ;[H, L] = [h, l]
  }
  H[n] = fp.hi
  L[n++] = fp.lo
})
const distinct = flat.length / words
const duplicates = n - (distinct - 1)
console.log(`2PC-8 packed: ${n.toLocaleString('en-US')} inserts, ${duplicates.toLocaleString('en-US')} of them duplicates`)

// (1) Duplicates a direct-mapped filter of 2^k entries answers.
for (const k of [12, 14, 16, 18]) {
  const size = 1 << k
  const f = new Int32Array(2 * size)
  let hits = 0
  for (let i = 0; i < n; i++) {
    const r = (L[i]! & (size - 1)) << 1
    if (f[r] === H[i] && f[r + 1] === L[i]) hits++
    else {
      f[r] = H[i]!
      f[r + 1] = L[i]!
    }
  }
  console.log(`filter of ${size.toLocaleString('en-US').padStart(7)} entries: answers ${((100 * hits) / duplicates).toFixed(1)}% of the duplicates`)
}

// (2) The same table without the filter: FingerprintSet's probe loop, slot function and growth.
class Unfiltered {
  private cap = 1280
  private t = new Int32Array(2 * this.cap)
  size = 0
  insert(hi: number, lo: number): number {
    const t = this.t
    const cap = this.cap
    let slot = Math.floor((((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) / 4294967296) * cap)
    for (;;) {
      const a = t[2 * slot]!
      const b = t[2 * slot + 1]!
      if (a === hi && b === lo) return -1
      if (a === 0 && b === 0) break
      slot = slot + 1 === cap ? 0 : slot + 1
    }
    t[2 * slot] = hi
    t[2 * slot + 1] = lo
    if (++this.size > this.cap * 0.8) this.grow()
    return this.size - 1
  }
  private grow(): void {
    const old = this.t
    this.cap = Math.ceil(this.cap * 1.5)
    this.t = new Int32Array(2 * this.cap)
    this.size = 0
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0 || old[s + 1] !== 0) this.insert(old[s]!, old[s + 1]!)
  }
}
const times: Record<string, number[]> = { 'with the filter (FingerprintSet)': [], 'without (same table)': [] }
for (let round = 0; round < 5; round++) {
  let t = performance.now()
  const a = new FingerprintSet()
  for (let i = 0; i < n; i++) a.insert(H[i]!, L[i]!, 0, 0)
  times['with the filter (FingerprintSet)']!.push(performance.now() - t)
  t = performance.now()
  const b = new Unfiltered()
  for (let i = 0; i < n; i++) b.insert(H[i]!, L[i]!)
  times['without (same table)']!.push(performance.now() - t)
  if (a.size !== b.size) throw new Error(`the two sets disagree: ${a.size} vs ${b.size}`)
}
for (const [name, ms] of Object.entries(times)) {
  ms.sort((x, y) => x - y)
  console.log(`${name.padEnd(34)} min ${ms[0]!.toFixed(0)} / median ${ms[2]!.toFixed(0)} / max ${ms[4]!.toFixed(0)} ms`)
}
