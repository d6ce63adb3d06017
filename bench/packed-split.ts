/**
 * Where a packed BFS's time goes, on 2PC with 8 RMs (specs/two-phase-commit-packed.ts): every
 * reachable state is collected once, then the model's `next` is run over all of them with sinks
 * that do more and more of what the BFS does with each successor — nothing; the stuttering check
 * and the fingerprint; and an insert into a `FingerprintSet` (the first round fills a fresh set,
 * growing it as the BFS does; the second finds every successor already there). Prints ms and ns
 * per transition (18,507,778 of them); compare with the whole BFS in `npm run bench`.
 *
 * Usage: node --import tsx bench/packed-split.ts
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { FingerprintSet } from '../src/explore/fingerprint-set.ts'
import { hashWords } from '../src/packed/hash-words.ts'
import { sameWords } from '../src/packed/layout.ts'
import type { Words } from '../src/packed/layout.ts'
import type { PackedSteps } from '../src/packed/packed-model.ts'
import { fp } from '../src/state/fingerprint.ts'
import { reachablePacked } from './reachable-2pc.ts'

// Every reachable state, in BFS order, back to back.
const { rt, words: W, flat } = reachablePacked(8)
const n = flat.length / W
let transitions = 0
const cur = new Int32Array(W)

function run(name: string, sink: PackedSteps): void {
  transitions = 0
  const t = performance.now()
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W; k++) cur[k] = flat[i * W + k]!
    rt.next(cur, sink)
  }
  const ms = performance.now() - t
  console.log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${((ms * 1e6) / transitions).toFixed(1).padStart(6)} ns/transition`)
}

// Each sink is split as the engine's is (`add` tests for null and is inlined into the model's
// `next`; the work is in a function called for enabled actions only).
let sink = 0
const nothing: PackedSteps = {
  add(_a, _g, t) {
    if (t !== null) transitions++
  },
}
function hash(t: Words): boolean {
  transitions++
  if (sameWords(t, cur, W)) return false
  hashWords(t, W)
  return true
}
const hashed: PackedSteps = {
  add(_a, _g, t) {
    if (t !== null && hash(t)) sink ^= fp.hi
  },
}
let set = new FingerprintSet()
function insert(t: Words): void {
  if (hash(t)) set.insert(fp.hi, fp.lo, 0, 0)
}
const inserted: PackedSteps = {
  add(_a, _g, t) {
    if (t !== null) insert(t)
  },
}
// Each stage runs in its own process: one process running all four sinks would make the model's
// `out.add` call site polymorphic, and V8 would stop inlining it (which the real BFS relies on).
const stage = process.argv[process.argv.indexOf('--stage') + 1]
if (!process.argv.includes('--stage')) {
  console.log(`2PC, 8 RMs, packed: ${n.toLocaleString('en-US')} states, ${W} words each; each stage in its own process, two rounds`)
  for (const name of ['nothing', 'hashed', 'fresh', 'known']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--stage', name], { encoding: 'utf8' })
    process.stdout.write(r.stdout + r.stderr)
  }
} else if (stage === 'nothing') {
  for (let round = 0; round < 2; round++) run('next alone', nothing)
} else if (stage === 'hashed') {
  for (let round = 0; round < 2; round++) run('+ stuttering check and fingerprint', hashed)
} else if (stage === 'fresh') {
  for (let round = 0; round < 2; round++) {
    set = new FingerprintSet()
    run('+ insert, fresh set (grows)', inserted)
  }
} else {
  run('(filling the set)', inserted)
  for (let round = 0; round < 2; round++) run('+ insert, every successor known', inserted)
}
if (sink === 42) console.log('')
