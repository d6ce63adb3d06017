/**
 * Acceptor symmetry for paxos-net (models/paxos-net-symmetry.ts): `symmetryFingerprint` (paxos-net-symmetry-fingerprint.ts), which
 * the explorer uses, hashes the representative without building it; it must equal the
 * fingerprint of the representative `symmetry` builds, on every image of every state of seeded
 * random walks (ties between acceptors included: the initial states are all ties).
 */
import { describe, expect, it } from 'vitest'
import { renamings } from '../../../src/index.ts'
import type { Rename } from '../../../src/index.ts'
import { paxosNet } from '../../../models/paxos-net.ts'
import type { Config, State } from '../../../models/paxos-net.ts'
import { relabel, symmetry } from '../../../models/paxos-net-symmetry.ts'
import { symmetryFingerprint } from '../../../models/paxos-net-symmetry-fingerprint.ts'
import { paxosNetConfig } from '../../../specs/paxos-net.ts'
import { fpOf, randomWalks } from './random-walks.ts'


const configs: [string, Config][] = [
  ['3 acceptors, 2 attempts', paxosNetConfig({ proposers: 2, acceptors: 3, attempts: '2', crashes: 1, drops: 0, duplicates: 0, semantics: 'set', learn: true })],
  ['4 acceptors, 1 attempt', paxosNetConfig({ proposers: 2, acceptors: 4, attempts: '1', crashes: 1, drops: 0, duplicates: 0, semantics: 'set', learn: true })],
]

describe.each(configs)('paxos-net acceptor symmetry, %s', (_what, c) => {
  const renames = renamings([c.acceptors])

  /** Every state along seeded random walks. */
  const walk = (runs: number, steps: number, seed: number): State[] =>
    randomWalks(() => paxosNet.init(c)[0] as State, (s) => paxosNet.next(c, s) as Iterable<readonly [unknown, State]>, runs, steps, seed)

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
