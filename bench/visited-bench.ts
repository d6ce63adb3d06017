/**
 * The visited sets alone, on a synthetic BFS-like stream shaped like 2PC with 8 RMs
 * (`fingerprint-stream.ts`: 18,507,778 inserts, most of them repeats of recent states): ms per run
 * and ns per insert for `VisitedSet` (index table + fingerprint columns: two cache misses per
 * hit, keeps a known state's index) and `FingerprintSet` (fingerprints in the table: one miss).
 *
 * Usage: node --import tsx bench/visited-bench.ts [--runs 3]
 */
import { FingerprintSet } from '../src/explore/fingerprint-set.ts'
import { VisitedSet } from '../src/explore/visited-set.ts'
import { INSERTS, STATES, fingerprintStream } from './fingerprint-stream.ts'

// Without --runs, indexOf is -1 and argv[0] (the node binary) is no count: default to 3.
const runsAt = process.argv.indexOf('--runs')
const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 3
const G = INSERTS
const { his, los } = fingerprintStream()

const rows: [string, number[], number, number][] = []
for (const [name, make] of [
  ['VisitedSet', () => new VisitedSet()],
  ['FingerprintSet', () => new FingerprintSet()],
] as const) {
  const times: number[] = []
  let size = 0
  let bytes = 0
  for (let r = 0; r < runs; r++) {
    const v = make()
    const t = performance.now()
    for (let g = 0; g < G; g++) v.insert(his[g]!, los[g]!, 0, 0)
    times.push(performance.now() - t)
    size = v.size
    bytes = v.bytes()
  }
  rows.push([name, times, size, bytes])
}
console.log(`${G.toLocaleString('en-US')} inserts of ${STATES.toLocaleString('en-US')} fingerprints, ${runs} runs`)
for (const [name, times, size, bytes] of rows) {
  const best = Math.min(...times)
  console.log(`${name.padEnd(15)} best ${best.toFixed(0)} ms (${((best * 1e6) / G).toFixed(1)} ns/insert), ${size} states, ${(bytes / size).toFixed(1)} bytes/state`)
}
