/**
 * Whether a run's symmetry renamed anything. A symmetry that maps every state to itself (a
 * relabelling that forgets a variable, a `canonicalize` over the wrong node list, a model whose
 * nodes are told apart by their initial states) merges nothing: the search is as large as
 * without it, its counts are states, not orbits, and nothing said so.
 *
 * Asked after the search, on a breadth-first walk of its own from the initial states (the
 * search's states are gone by then, and the fingerprint registers must not be touched while it
 * runs): a state is renamed when its canonical fingerprint (`Prepared.fingerprintOf`) is not its
 * own (`fingerprint`, the generic hash every compiled hasher equals). Only a hint: a symmetry
 * that renames nothing among the first states may rename later ones, so the note says how many
 * it looked at.
 */
import type { Prepared } from './prepare.ts'
import { fingerprint } from '../state/fingerprint.ts'
import type { Fingerprint } from '../state/fingerprint.ts'

/** How many states the walk looks at, at most. */
export const IDLE_SAMPLE = 1000
/** Fewer states than this say nothing (a model of a handful of states may be all symmetric). */
export const IDLE_MIN = 20

/**
 * The number of states walked when the symmetry renamed none of them (at least `IDLE_MIN`, at
 * most `limit`); undefined when it renamed one, or the walk met too few states to say. Asked only
 * after a search that expanded every reachable state (the walk steps only where the search did,
 * so a step that throws or never returns cannot be met here first); a throw still answers
 * undefined, since the note is a hint and must not fail a run.
 */
export function symmetryRenamedNone(p: Prepared, limit = IDLE_SAMPLE): number | undefined {
  try {
    return walk(p, limit)
  } catch {
    return undefined
  }
}

function walk(p: Prepared, limit: number): number | undefined {
  const own: Fingerprint = { hi: 0, lo: 0 }
  const canonical: Fingerprint = { hi: 0, lo: 0 }
  const seen = new Set<string>()
  let frontier: unknown[] = []
  const meet = (s: unknown, via: Parameters<Prepared['fingerprintOf']>[1]): boolean => {
    fingerprint(s, own)
    const k = `${own.hi}:${own.lo}`
    if (seen.has(k)) return true
    seen.add(k)
    p.fingerprintOf(s, via, canonical)
    if (canonical.hi !== own.hi || canonical.lo !== own.lo) return false
    frontier.push(s)
    return true
  }
  for (const s of p.initStates()) if (!meet(s, null)) return undefined
  while (frontier.length > 0 && seen.size < limit) {
    const level = frontier
    frontier = []
    for (const s of level) {
      if (p.constraint && !p.constraint(s)) continue
      for (const [a, t] of p.expand(s)) {
        if (!meet(t, a)) return undefined
        if (seen.size >= limit) break
      }
      if (seen.size >= limit) break
    }
  }
  return seen.size >= IDLE_MIN ? seen.size : undefined
}
