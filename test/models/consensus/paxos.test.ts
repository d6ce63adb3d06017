import { describe, expect, it } from 'vitest'
import { check, ids } from '../../../src/index.ts'
import type { AnySpec } from '../../../src/index.ts'
import { fingerprintHex } from '../../../src/state/fingerprint.ts'
import { canonicalize } from '../../../src/state/symmetry.ts'
import { majorityQuorums } from '../../../models/paxos-quorums.ts'
import * as paxos from '../../../models/paxos.ts'
import * as duelling from '../../../models/paxos-duelling-proposers.ts'
import mcPaxos from '../../../specs/paxos.ts'
import tiny from '../../../specs/paxos-tiny.ts'
import { expectGolden } from './golden.ts'

describe('Paxos.tla port', () => {
  it('MCPaxos: 25 / 82 / 9, equal to TLC', async () => {
    const r = await expectGolden(mcPaxos as AnySpec)
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([25, 82, 9])
  })

  it('MCPaxosTiny: 3,921 / 23,563 / 17, equal to TLC; every invariant conjunct holds, a value is chosen', async () => {
    const r = await expectGolden(tiny as AnySpec)
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([3921, 23563, 17])
    expect(r.properties.every((p) => p.verdict === 'holds')).toBe(true)
    const chosen = r.properties.find((p) => p.name === 'ValueChosen')
    expect(chosen?.trace?.steps.map((s) => s.action?.name ?? 'init')).toEqual([
      'init', 'Phase1a', 'Phase1b', 'Phase1b', 'Phase2a', 'Phase2b', 'Phase2b',
    ])
  })

  it('symmetry: 443 orbits for MCPaxosTiny, equal to brute-force classes of the 3,921 states over all 12 permutations', async () => {
    const sym = await check(tiny as AnySpec, { symmetry: true })
    expect(sym.stats.distinct).toBe(443)
    expect(sym.properties.map((p) => p.verdict)).toEqual(sym.properties.map(() => 'holds'))
    const acceptors = ids('a', 3)
    const c: paxos.Config = { acceptors, values: ids('v', 2), quorums: majorityQuorums(acceptors), maxBallot: 1 }
    const seen = new Map<string, paxos.State>()
    const queue = [paxos.init(c)]
    seen.set(fingerprintHex(queue[0]), queue[0]!)
    for (let i = 0; i < queue.length; i++) {
      for (const [, t] of paxos.next(c, queue[i]!)) {
        const k = fingerprintHex(t)
        if (!seen.has(k)) { seen.set(k, t); queue.push(t) }
      }
    }
    expect(seen.size).toBe(3921)
    const classes = new Set([...seen.values()].map((s) => fingerprintHex(canonicalize(s, [c.acceptors, c.values], paxos.relabel))))
    expect(classes.size).toBe(443)
  })

  it('non-intersecting quorums break Agreement (the QuorumAssumption is what makes Paxos safe)', async () => {
    const r = await check({ ...(mcPaxos as AnySpec), config: () => ({ acceptors: ['a1', 'a2'], values: ['v1', 'v2'], quorums: [['a1'], ['a2']], maxBallot: 1 }) })
    const agreement = r.properties.find((p) => p.name === 'Agreement')
    expect(agreement?.verdict).toBe('violated')
    // Voting-level invariants still hold: Paxos implements Voting without the assumption.
    expect(r.properties.find((p) => p.name === 'VotesSafe')?.verdict).toBe('holds')
  })
})

describe('duelling proposers: Validity (only a proposed value is accepted or learnt)', () => {
  const c: duelling.Config = { proposers: ['p1', 'p2'], acceptors: ['a1', 'a2'], proposing: ['p1', 'p2'], values: { p1: 'v1', p2: 'v2' } }
  const s0 = duelling.init(c)
  const p1 = s0.proposers.p1 as duelling.Proposer
  const a1 = s0.acceptors.a1 as duelling.Acceptor

  it('holds initially and on proposed values', () => {
    const s = { proposers: { ...s0.proposers, p1: { ...p1, phase: 'learnt' as const, n: 1, value: 'v2' } }, acceptors: { ...s0.acceptors, a1: { minProposal: 1, acceptedN: 1, acceptedV: 'v2' } } }
    expect([duelling.validity(c, s0), duelling.validity(c, s)]).toEqual([true, true])
  })

  it('is broken by a proposer in phase 2 with no value, or an acceptor holding an unproposed one', () => {
    expect(duelling.validity(c, { ...s0, proposers: { ...s0.proposers, p1: { ...p1, phase: 'accepting', n: 1 } } })).toBe(false)
    expect(duelling.validity(c, { ...s0, proposers: { ...s0.proposers, p1: { ...p1, phase: 'learnt', n: 1, value: 'v3' } } })).toBe(false)
    expect(duelling.validity(c, { ...s0, acceptors: { ...s0.acceptors, a1: { ...a1, acceptedN: 1, acceptedV: 'v3' } } })).toBe(false)
    // Agreement alone holds of the first: nobody learnt two values.
    expect(duelling.agreement(c, { ...s0, proposers: { ...s0.proposers, p1: { ...p1, phase: 'learnt', n: 1 } } })).toBe(true)
  })
})
