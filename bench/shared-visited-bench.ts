/**
 * Does the shared visited set scale across threads on its own? A stream of fingerprint inserts
 * shaped like 2PC with 8 RMs (`fingerprint-stream.ts`, as in bench/visited-bench.ts) is
 * inserted by one worker thread, then split between two that insert concurrently (in blocks of
 * 16,384 inserts, alternating, as frontier slices are handed out). Prints the wall time of each;
 * two workers on two idle cores should take about half as long as one if nothing is contended.
 *
 * Usage: node --import tsx bench/shared-visited-bench.ts [--runs 3]
 */
import { Worker } from 'node:worker_threads'
import { SharedVisited } from '../src/parallel/shared-visited.ts'
import { DISTINCT, INSERTS, fingerprintStream } from './fingerprint-stream.ts'

const G = INSERTS
const BLOCK = 16_384
// Without --runs, indexOf is -1 and argv[0] (the node binary) is no count: default to 3.
const runsAt = process.argv.indexOf('--runs')
const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 3
const WORKER = new URL('./shared-insert-worker.mjs', import.meta.url)
const { his, los } = fingerprintStream()

/** The inserts of every `of`-th block starting at block `share`. */
function share(of: number, share: number): { hi: Int32Array; lo: Int32Array } {
  const hi: number[] = []
  const lo: number[] = []
  for (let b = share * BLOCK; b < G; b += of * BLOCK) {
    for (let g = b; g < Math.min(G, b + BLOCK); g++) {
      hi.push(his[g]!)
      lo.push(los[g]!)
    }
  }
  return { hi: Int32Array.from(hi), lo: Int32Array.from(lo) }
}

async function run(workers: number): Promise<{ wall: number; size: number }> {
  // Big enough never to grow: this measures inserting, not rehashing.
  const visited = SharedVisited.create(1 << 23, 1 << 22, false)
  const go = new SharedArrayBuffer(8)
  const flag = new Int32Array(go)
  const ws = Array.from({ length: workers }, (_, i) => new Worker(WORKER, { workerData: { handles: visited.handles(), ...share(workers, i), go }, execArgv: [] }))
  try {
    const done = ws.map((w) => new Promise<number>((resolve, reject) => (w.once('message', resolve), w.once('error', reject))))
    while (Atomics.load(flag, 1) < workers) await new Promise((r) => setTimeout(r, 5))
    const t = performance.now()
    Atomics.store(flag, 0, 1)
    Atomics.notify(flag, 0)
    await Promise.all(done)
    return { wall: performance.now() - t, size: visited.size }
  } finally {
    await Promise.all(ws.map((w) => w.terminate()))
  }
}

const best: Record<number, number> = {}
for (let r = 0; r < runs; r++) {
  for (const w of [1, 2]) {
    const { wall, size } = await run(w)
    if (size !== DISTINCT) throw new Error(`lost or duplicated states: ${size}`)
    best[w] = Math.min(best[w] ?? Infinity, wall)
  }
}
console.log(`${G.toLocaleString('en-US')} inserts into the shared visited set, best of ${runs}:`)
console.log(`1 worker  ${best[1]!.toFixed(0)} ms (${((best[1]! * 1e6) / G).toFixed(1)} ns/insert)`)
console.log(`2 workers ${best[2]!.toFixed(0)} ms — ${(best[1]! / best[2]!).toFixed(2)}x`)
