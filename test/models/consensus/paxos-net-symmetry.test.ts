/**
 * Acceptor symmetry for paxos-net (models/paxos-net-symmetry.ts): `symmetryFingerprint` (paxos-net-symmetry-fingerprint.ts), which
 * the explorer uses, hashes the representative without building it; it must equal the
 * fingerprint of the representative `symmetry` builds, on every image of every state of seeded
 * random walks (ties between acceptors included: the initial states are all ties).
 */
import { describe, expect, it } from 'vitest'
import { renamings } from '../../../src/index.ts'
import type { Rename } from '../../../src/index.ts'
import { fingerprint, fp } from '../../../src/state/fingerprint.ts'
import { paxosNet } from '../../../models/paxos-net.ts'
import type { Config, State } from '../../../models/paxos-net.ts'
import { relabel, symmetry } from '../../../models/paxos-net-symmetry.ts'
import { symmetryFingerprint } from '../../../models/paxos-net-symmetry-fingerprint.ts'
import { paxosNetConfig } from '../../../specs/paxos-net.ts'

const fpOf = (v: unknown): string => {
  fingerprint(v)
  return `${fp.hi >>> 0}:${fp.lo >>> 0}`
}

const configs: [string, Config][] = [
  ['3 acceptors, 2 attempts', paxosNetConfig({ proposers: 2, acceptors: 3, attempts: '2', crashes: 1, drops: 0, duplicates: 0, semantics: 'set', learn: true })],
  ['4 acceptors, 1 attempt', paxosNetConfig({ proposers: 2, acceptors: 4, attempts: '1', crashes: 1, drops: 0, duplicates: 0, semantics: 'set', learn: true })],
]

describe.each(configs)('paxos-net acceptor symmetry, %s', (_what, c) => {
  const renames = renamings([c.acceptors])

  /** Every state along seeded random walks. */
  function walk(runs: number, steps: number, seed: number): State[] {
    let x = seed >>> 0
    const rand = (n: number): number => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0
      return Math.floor((x / 2 ** 32) * n)
    }
    const out: State[] = []
    for (let r = 0; r < runs; r++) {
      let s = paxosNet.init(c)[0] as State
      out.push(s)
      for (let k = 0; k < steps; k++) {
        const succ = paxosNet.next(c, s)
        if (succ.length === 0) break
        s = (succ[rand(succ.length)] as [unknown, State])[1]
        out.push(s)
      }
    }
    return out
  }

  it('symmetryFingerprint is the fingerprint of the built representative, for every image', () => {
    const states = walk(20, 40, 5)
    const out = { hi: 0, lo: 0 }
    let moved = 0
    const orbits = new Set<string>()
    for (const s of states) {
      const rep = fpOf(symmetry(c, s))
      orbits.add(rep)
      for (const f of renames) {
        const image = relabel(c, s, f as Rename)
        if (fpOf(image) !== fpOf(s)) moved++
        symmetryFingerprint(c, image, out)
        expect(`${out.hi >>> 0}:${out.lo >>> 0}`).toBe(rep)
      }
    }
    expect(states.length).toBeGreaterThan(400)
    expect(moved).toBeGreaterThan(states.length)
    // The walks reach chosen values and many orbits.
    expect(orbits.size).toBeGreaterThan(100)
    expect(states.some((s) => s.votes.length > 0)).toBe(true)
  })
})
