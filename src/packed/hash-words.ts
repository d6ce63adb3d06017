/**
 * The 64-bit fingerprint of a packed state: murmur3's block mixing over the words in two lanes
 * with different seeds and constants, each finalised with murmur3's fmix, into `out` (`fp` by
 * default, as the plain-data fingerprint).
 * Deterministic across threads, runs and machines; the all-zero fingerprint (the visited sets'
 * empty slot) is remapped as the generic fingerprint does.
 */
import { fp } from '../state/fingerprint.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import type { Words } from './layout.ts'

export function hashWords(s: Words, n: number, out: Fingerprint = fp): void {
  let h1 = 0x2545f491
  let h2 = 0x9e3779b9 | 0
  for (let i = 0; i < n; i++) {
    const w = s[i]
    let k1 = Math.imul(w, 0xcc9e2d51)
    k1 = (k1 << 15) | (k1 >>> 17)
    h1 ^= Math.imul(k1, 0x1b873593)
    h1 = (h1 << 13) | (h1 >>> 19)
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0
    let k2 = Math.imul(w, 0x85ebca77)
    k2 = (k2 << 17) | (k2 >>> 15)
    h2 ^= Math.imul(k2, 0xc2b2ae3d)
    h2 = (h2 << 11) | (h2 >>> 21)
    h2 = (Math.imul(h2, 5) + 0x27d4eb2f) | 0
  }
  h1 ^= n
  h2 ^= n
  // Cross the lanes before finalising so neither half is a function of one lane alone.
  h1 = (h1 + h2) | 0
  h2 = (h2 + h1) | 0
  let hi = fmix(h1)
  let lo = fmix(h2 ^ 0x5bd1e995)
  if (hi === 0 && lo === 0) lo = 1
  out.hi = hi
  out.lo = lo
}

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
