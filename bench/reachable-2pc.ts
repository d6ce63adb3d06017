/**
 * Every reachable state of TwoPhase.tla with `n` RMs (the plain-data model), breadth-first, the
 * initial state first: the input of the benches that time something per state (fingerprints,
 * codecs).
 */
import { twoPhaseCommit } from '../models/two-phase-commit.ts'
import type { State } from '../models/two-phase-commit.ts'
import { ids } from '../src/state/data.ts'
import { fingerprint, fp } from '../src/state/fingerprint.ts'

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
