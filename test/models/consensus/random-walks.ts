/** Helpers shared by the symmetry tests of the consensus models. */
import { fingerprint, fp } from '../../../src/state/fingerprint.ts'

/** A value's fingerprint as a string, for sets and equality. */
export const fpOf = (v: unknown): string => {
  fingerprint(v)
  return `${fp.hi >>> 0}:${fp.lo >>> 0}`
}

/** Every state along `runs` seeded random walks of up to `steps` steps from `start()` (a walk
 * ends early at a state without successors). */
export function randomWalks<S>(start: () => S, next: (s: S) => Iterable<readonly [unknown, S]>, runs: number, steps: number, seed: number): S[] {
  let x = seed >>> 0
  const rand = (n: number): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return Math.floor((x / 2 ** 32) * n)
  }
  const out: S[] = []
  for (let r = 0; r < runs; r++) {
    let s = start()
    out.push(s)
    for (let k = 0; k < steps; k++) {
      const succ = [...next(s)]
      if (succ.length === 0) break
      s = (succ[rand(succ.length)] as readonly [unknown, S])[1]
      out.push(s)
    }
  }
  return out
}
