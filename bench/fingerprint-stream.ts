/**
 * A stream of fingerprint inserts shaped like a BFS of 2PC with 8 RMs: 1,745,408 fingerprints,
 * 18,507,778 inserts; about every 10.6th insert is a new state, the others repeat states up to
 * 65,536 back. Deterministic (xorshift), so every bench run inserts the same stream; it holds
 * 1,745,158 distinct fingerprints (the random repeats miss a few).
 */
export const STATES = 1_745_408
export const INSERTS = 18_507_778
export const DISTINCT = 1_745_158

export function fingerprintStream(): { his: Int32Array; los: Int32Array } {
  let x = 12345
  const rnd = (): number => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return x | 0
  }
  const dh = new Int32Array(STATES)
  const dl = new Int32Array(STATES)
  for (let i = 0; i < STATES; i++) {
    dh[i] = rnd() || 1
    dl[i] = rnd()
  }
  const his = new Int32Array(INSERTS)
  const los = new Int32Array(INSERTS)
  for (let g = 0; g < INSERTS; g++) {
    const now = Math.min(STATES - 1, Math.floor(g / 10.6))
    const k = g % 11 === 0 ? now : Math.max(0, now - (rnd() & 0xffff))
    his[g] = dh[k]!
    los[g] = dl[k]!
  }
  return { his, los }
}
