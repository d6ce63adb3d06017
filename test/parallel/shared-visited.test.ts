/**
 * The shared visited set under real concurrency: several worker threads insert random fingerprints
 * (many of them shared between workers) at the same moment. No entry may be lost or duplicated:
 * the set's size is the number of distinct fingerprints, indices are dense, each fingerprint is
 * found under exactly one index, and each state's link is the smallest position that inserted it.
 */
import fc from 'fast-check'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { SharedVisited } from '../../src/parallel/shared-visited.ts'

const WORKER = new URL('./fixtures/insert-worker.mjs', import.meta.url)

/** Up to 4 inserting threads, started once for the file and given one share per run. */
const threads: Worker[] = []
afterAll(async () => {
  await Promise.all(threads.map((w) => w.terminate()))
})

async function insertConcurrently(visited: SharedVisited, shares: { hi: Int32Array; lo: Int32Array; pos: Int32Array }[]): Promise<Int32Array[]> {
  while (threads.length < shares.length) threads.push(new Worker(WORKER, { execArgv: [] }))
  const go = new SharedArrayBuffer(8)
  const flag = new Int32Array(go)
  const workers = threads.slice(0, shares.length)
  let failed = false
  const results = workers.map((w) => new Promise<Int32Array>((resolve, reject) => {
    const onError = (e: Error): void => {
      // A thread that failed is not reused (fast-check runs the property again to shrink it).
      failed = true
      threads.splice(threads.indexOf(w), 1)
      reject(e)
    }
    w.once('error', onError)
    w.once('message', (r: Int32Array) => {
      w.off('error', onError)
      resolve(r)
    })
  }))
  workers.forEach((w, i) => w.postMessage({ handles: visited.handles(), ...shares[i], go }))
  // Release every worker at once, when all are waiting.
  while (Atomics.load(flag, 1) < workers.length && !failed) await new Promise((r) => setTimeout(r, 5))
  Atomics.store(flag, 0, 1)
  Atomics.notify(flag, 0)
  return await Promise.all(results)
}

describe('SharedVisited', () => {
  it('answers every insert as the shared table alone would, filter of recent fingerprints included', () => {
    // One thread, against a reference model of insertCandidate's contract: a small universe of
    // fingerprints whose `lo` collide in the filter's index, positions in any order (as tasks
    // may run), and levels closed at random.
    const op = fc.oneof(
      fc.record({ k: fc.integer({ min: 0, max: 6 }), pos: fc.integer({ min: 0, max: 8 }) }),
      fc.constant('close' as const),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const visited = SharedVisited.create(1 << 10, 1 << 10, true)
        const ref = new Map<number, { idx: number; link: number }>()
        let levelStart = 0
        for (const o of ops) {
          if (o === 'close') {
            levelStart = ref.size
            continue
          }
          const hi = Math.imul(o.k + 1, 0x9e3779b1) // distinct, with varied top bits (the table's tags)
          const lo = ((o.k % 5) << 14) | 7 // every key has the same filter index
          const got = visited.insertCandidate(hi, lo, o.pos, levelStart)
          const e = ref.get(o.k)
          let want = -1
          if (!e) ref.set(o.k, { idx: (want = ref.size), link: o.pos })
          else if (e.idx >= levelStart && o.pos < e.link) {
            e.link = o.pos
            want = e.idx
          }
          expect(got).toBe(want)
        }
        expect(visited.size).toBe(ref.size)
      }),
    )
  })

  it('loses and duplicates nothing under concurrent inserts from several workers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (workers, universe, seed) => {
          // Fingerprints drawn from a small universe so that workers collide often; the low bits
          // are forced to collide too, so probing runs long chains.
          let x = seed
          const rnd = (): number => {
            x ^= x << 13
            x ^= x >>> 17
            x ^= x << 5
            return x >>> 0
          }
          const keyHi = Int32Array.from({ length: universe }, () => rnd() | 0)
          const keyLo = Int32Array.from({ length: universe }, (_, i) => ((rnd() & ~0xff) | (i & 0xff)) | 1)
          const per = 20_000
          const shares = Array.from({ length: workers }, () => {
            const k = Int32Array.from({ length: per }, () => rnd() % universe)
            return { hi: k.map((i) => keyHi[i]!), lo: k.map((i) => keyLo[i]!), pos: Int32Array.from({ length: per }, () => rnd() % 1000), key: k }
          })
          const visited = SharedVisited.create(1 << 17, 1 << 17, true)
          const got = await insertConcurrently(visited, shares.map(({ hi, lo, pos }) => ({ hi, lo, pos })))

          const used = new Set<number>()
          const minPos = new Map<number, number>()
          shares.forEach((s) => s.key.forEach((k, i) => {
            used.add(k)
            minPos.set(k, Math.min(minPos.get(k) ?? Infinity, s.pos[i]!))
          }))
          expect(visited.size).toBe(used.size)
          const byFingerprint = new Map<string, number>()
          for (const u of used) byFingerprint.set(`${keyHi[u]}:${keyLo[u]}`, u)
          // Faults are collected and compared once (an expect per entry cost most of this test's
          // time: 8 runs of up to 80,000 entries); the first few are shown.
          const faults: string[] = []
          const indexOf = new Map<number, number>()
          for (let idx = 0; idx < visited.size; idx++) {
            const f = visited.fingerprintOf(idx)
            const k = byFingerprint.get(`${f.hi}:${f.lo}`)
            if (k === undefined) faults.push(`index ${idx}: fingerprint ${f.hi}:${f.lo} was never inserted`)
            else if (indexOf.has(k)) faults.push(`index ${idx}: key ${k} already at index ${indexOf.get(k)}`)
            else {
              indexOf.set(k, idx)
              if (visited.linkOf(idx) !== minPos.get(k)) faults.push(`index ${idx}: link ${visited.linkOf(idx)}, expected ${minPos.get(k)}`)
            }
          }
          // Every returned index names the right fingerprint.
          got.forEach((g, w) => g.forEach((idx, i) => {
            if (idx >= 0 && idx !== indexOf.get(shares[w]!.key[i]!)) faults.push(`worker ${w}, insert ${i}: index ${idx}, expected ${indexOf.get(shares[w]!.key[i]!)}`)
          }))
          expect(faults.slice(0, 5)).toEqual([])
        },
      ),
      { numRuns: 8 },
    )
  })
})
