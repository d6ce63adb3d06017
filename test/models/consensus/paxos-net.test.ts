import { describe, expect, it } from 'vitest'
import { actionLabel, check, compareValues } from '../../../src/index.ts'
import type { AnySpec, CheckResult } from '../../../src/index.ts'
import paxosNet from '../../../specs/paxos-net.ts'
import paxosNetRetry from '../../../specs/paxos-net-retry.ts'
import { paxosNetConfig } from '../../../specs/paxos-net.ts'
import ignoreAccepted from '../../../specs/paxos-net-ignore-accepted.ts'
import volatilePromise from '../../../specs/paxos-net-volatile-promise.ts'
import minorityQuorum from '../../../specs/paxos-net-minority-quorum.ts'
import lowestAccepted from '../../../specs/paxos-net-lowest-accepted.ts'
import promiseEqual from '../../../specs/paxos-net-promise-equal.ts'
import acceptNoRaise from '../../../specs/paxos-net-accept-no-raise.ts'
import { tables } from '../../../models/paxos-net-tables.ts'
import { expectGolden } from './golden.ts'

// The golden suite checks every spec's counts and verdicts; these tests check what the traces
// show, and stop early where they can.

const labels = (r: CheckResult, prop: string): string[] =>
  r.properties.find((p) => p.name === prop)?.trace?.steps.slice(1).map((s) => actionLabel(s.action!)) ?? []

const spec = paxosNet as AnySpec

describe('message-passing Basic Paxos', () => {
  it('every property holds, and a crash that loses nothing adds no state', async () => {
    const withCrash = await expectGolden(spec)
    const without = await check(spec, { params: { crashes: 0 } })
    expect(withCrash.complete).toBe(true)
    expect(withCrash.properties.filter((p) => p.kind === 'always').map((p) => p.verdict)).toEqual(Array(6).fill('holds'))
    expect(withCrash.stats.distinct).toBe(14265)
    expect([without.stats.distinct, without.stats.total]).toEqual([withCrash.stats.distinct, withCrash.stats.total])
  })

  it('refuses a configuration without acceptors in one line naming it (the schema failed on an empty enum)', async () => {
    await expect(check(paxosNet, { params: { acceptors: 0 } })).rejects.toThrow(/^spec paxos-net: at least one acceptor and one proposer \(acceptors 0, proposers 2\)$/)
  })

  it('the retry spec reaches a retry, an adopted value and a vote above a chosen proposal', async () => {
    const r = await check(paxosNetRetry as AnySpec, { properties: ['Retried', 'AdoptedValue', 'AcceptedAboveChosen'] })
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds', 'holds'])
    expect(labels(r, 'Retried')).toEqual(['Prepare(p1, 1)', 'Timeout(p1, 3)'])
    expect(labels(r, 'AdoptedValue').filter((l) => l.startsWith('Deliver(Promise(') && l.includes(', v'))).not.toEqual([])
  })

  it('the message universe is ranked in compareValues order (sent sets come out as setAdd builds them)', () => {
    const t = tables(paxosNetConfig(paxosNetRetry.params!))
    const all = [1, 2, 3].flatMap((n) => [
      ...t.prepares[n]!,
      ...t.accepts[n]!.flat(),
      ...['a1', 'a2', 'a3'].flatMap((a) => [t.promise(a, n, 0, null), t.promise(a, n, 1, 'v1'), t.accepted(a, n, 'v2'), t.vote(a, n, 'v1')]),
    ])
    const byRank = [...all].sort((x, y) => t.rank(x) - t.rank(y))
    expect(byRank).toEqual([...all].sort(compareValues))
    // A copy (a state from another thread) ranks like the original.
    const m = t.promise('a2', 3, 1, 'v1')
    expect(t.rank({ ...m })).toBe(t.rank(m))
  })

  it('ignoring the reported accepted value lets a second value be chosen', async () => {
    const r = await expectGolden(ignoreAccepted as AnySpec)
    const steps = labels(r, 'Agreement')
    expect(steps).toContain('Deliver(Promise(1, v1, 2) a2→p2)')
    expect(steps.at(-1)).toMatch(/^Deliver\(Accept\(2, v2\)/)
  })

  it('a promise lost on restart lets an older proposal complete a quorum after a newer one', async () => {
    const r = await expectGolden(volatilePromise as AnySpec)
    const steps = labels(r, 'Agreement')
    const crash = steps.findIndex((l) => l.startsWith('Crash('))
    expect(crash).toBeGreaterThan(0)
    const node = /Crash\((\w+)\)/.exec(steps[crash]!)![1]
    expect(steps.slice(crash + 1)).toContain(`Deliver(Accept(1, v1) p1→${node})`)
  })

  it('minority quorums let two proposers learn different values', async () => {
    const r = await expectGolden(minorityQuorum as AnySpec)
    const steps = labels(r, 'Agreement')
    expect(steps.filter((l) => l.startsWith('Deliver(Accepted'))).toHaveLength(2)
  })

  it('adopting the lowest reported proposal: p1 retries and votes (3, v1) above the chosen (2, v2)', async () => {
    const r = await expectGolden(lowestAccepted as AnySpec)
    const steps = labels(r, 'HigherProposalsCarryChosen')
    expect(steps).toContain('Timeout(p1, 3)')
    // Promise labels read Promise(acceptedN, acceptedV, n): both earlier proposals reported to id 3.
    expect(steps.filter((l) => /^Deliver\(Promise\([12], v\d, 3\)/.test(l))).toHaveLength(2)
    expect(steps.at(-1)).toMatch(/^Deliver\(Accept\(3, v1\)/)
  })

  it('promising n >= minProposal answers one Prepare twice', async () => {
    const r = await expectGolden(promiseEqual as AnySpec)
    const steps = labels(r, 'PromiseOnce')
    const prepares = steps.filter((l) => l.startsWith('Deliver(Prepare(1)'))
    expect(new Set(prepares).size).toBeLessThan(prepares.length)
  })

  it('accepting without raising the promise leaves minProposal below acceptedN', async () => {
    const r = await expectGolden(acceptNoRaise as AnySpec)
    expect(labels(r, 'PromiseCoversAccepted').at(-1)).toMatch(/^Deliver\(Accept\(1, v1\)/)
  })
})
