/**
 * Every reachable state of TwoPhase.tla with `n` RMs, breadth-first, the initial state first: the
 * input of the benches that time something per state (fingerprints, codecs, the packed BFS's
 * parts). `reachable` walks the plain-data model, `reachablePacked` the packed-words one.
 */
import { twoPhaseCommit } from '../models/two-phase-commit.ts'
import type { State } from '../models/two-phase-commit.ts'
import { ids } from '../src/state/data.ts'
import { fingerprint, fp } from '../src/state/fingerprint.ts'
import packedSpec from '../specs/two-phase-commit-packed.ts'
import { resolveOptions } from '../src/core/options.ts'
import { FingerprintSet } from '../src/explore/fingerprint-set.ts'
import { prepare } from '../src/explore/prepare.ts'
import { hashWords } from '../src/packed/hash-words.ts'
import { sameWords } from '../src/packed/layout.ts'
import { packedRuntimeOf } from '../src/packed/packed-bfs.ts'
import type { PackedRuntime, PackedSteps } from '../src/packed/packed-model.ts'

export function reachable(n: number): State[] {
  const c = { rms: ids('r', n) }
  const seen = new Set<string>()
  const all: State[] = []
  let frontier = [...twoPhaseCommit.init(c)]
  for (const s of frontier) {
    fingerprint(s)
    seen.add(`${fp.hi}:${fp.lo}`)
    all.push(s)
  }
  while (frontier.length > 0) {
    const next: State[] = []
    for (const s of frontier) {
      for (const [, t] of twoPhaseCommit.next(c, s)) {
        fingerprint(t)
        const k = `${fp.hi}:${fp.lo}`
        if (seen.has(k)) continue
        seen.add(k)
        next.push(t)
        all.push(t)
      }
    }
    frontier = next
  }
  return all
}

/**
 * The same state graph as the packed-words model (specs/two-phase-commit-packed.ts), breadth-first
 * as the packed BFS explores it: every reachable state's words back to back (`flat`, `words` per
 * state). `onInsert`, if given, sees each successor the packed BFS would insert (stuttering steps
 * excluded), in its order, with its fingerprint in `fp`.
 */
export function reachablePacked(n: number, onInsert?: () => void): { rt: PackedRuntime; words: number; flat: Int32Array } {
  const rt = packedRuntimeOf(prepare(packedSpec, resolveOptions({ params: { rms: n } })))!
  const W = rt.words
  const seen = new FingerprintSet()
  const states: number[] = []
  let level: Int32Array[] = rt.init().map((s) => Int32Array.from(s))
  for (const s of level) {
    hashWords(s, W)
    seen.insert(fp.hi, fp.lo, -1, 0)
  }
  let cur = level[0]!
  let next: Int32Array[] = []
  const collect: PackedSteps = {
    add(_a, _g, t) {
      if (t === null || sameWords(t, cur, W)) return
      hashWords(t, W)
      onInsert?.()
      if (seen.insert(fp.hi, fp.lo, 0, 0) >= 0) next.push(Int32Array.from(t))
    },
  }
  while (level.length > 0) {
    next = []
    for (const s of level) {
      for (let k = 0; k < W; k++) states.push(s[k]!)
      cur = s
      rt.next(s, collect)
    }
    level = next
  }
  return { rt, words: W, flat: Int32Array.from(states) }
}
