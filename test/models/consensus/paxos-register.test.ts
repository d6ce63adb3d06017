/**
 * The port of Stateright's examples/paxos.rs (models/paxos-register.ts): the published count with
 * BFS and DFS, the "value chosen" discovery Stateright's test asserts (its mirror image: our BFS
 * meets client c3's run first, Stateright's test names c4's), the history its hooks write, the
 * buggy variants' violations, and the properties over the servers' states that the example lacks.
 */
import { describe, expect, it } from 'vitest'
import { actionLabel, check } from '../../../src/index.ts'
import type { AnySpec, CheckResult } from '../../../src/index.ts'
import paxosRegister, { paxosRegisterConfig } from '../../../specs/paxos-register.ts'
import lowestPrepared from '../../../specs/paxos-register-lowest-prepared.ts'
import roundOnly from '../../../specs/paxos-register-round-only.ts'
import { decidedAgree, higherBallotsCarryChosen, paxosRegister as model, promiseCoversAccepted, readsDecided } from '../../../models/paxos-register.ts'
import type { Accepted, Msg, Server, State } from '../../../models/paxos-register.ts'
import { messages, send } from '../../../src/net/index.ts'
import { expectGolden } from './golden.ts'

const labels = (r: CheckResult, prop: string): string[] =>
  r.properties.find((p) => p.name === prop)?.trace?.steps.slice(1).map((s) => actionLabel(s.action!)) ?? []

const spec = paxosRegister as AnySpec
const A = '{client: c3, req: 3, value: A}'

describe("Stateright's single-decree Paxos register (examples/paxos.rs)", () => {
  it('BFS: 16,668 states as Stateright counts, the history linearizable, a chosen value read', async () => {
    const r = await expectGolden(spec)
    expect(r.stats.distinct).toBe(16_668)
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['Linearizable', 'holds'],
      ['ValueChosen', 'holds'],
      ['DecidedAgree', 'holds'],
      ['ReadsDecided', 'holds'],
      ['PromiseCoversAccepted', 'holds'],
      ['HigherBallotsCarryChosen', 'holds'],
      ['AcceptedAboveChosen', 'holds'],
    ])
    // Stateright's discovery, with c3 for c4: put, one promise, one accept, PutOk, Decided, Get.
    expect(labels(r, 'ValueChosen')).toEqual([
      'Deliver(Put(3, A) c3→s0)',
      'Deliver(Prepare([1, 0]) s0→s1)',
      'Deliver(Prepared([1, 0], null) s1→s0)',
      `Deliver(Accept([1, 0], ${A}) s0→s1)`,
      'Deliver(Accepted([1, 0]) s1→s0)',
      'Deliver(PutOk(3) s0→c3)',
      `Deliver(Decided([1, 0], ${A}) s0→s1)`,
      'Deliver(Get(6) c3→s1)',
    ])
  })

  it('DFS: the same 16,668 states', async () => {
    const r = await check(spec, { strategy: 'dfs' })
    expect([r.complete, r.stats.distinct]).toEqual([true, 16_668])
    expect(r.properties.map((p) => p.verdict)).toEqual(Array(7).fill('holds'))
  })

  it('starts with both puts in flight and invoked in the history (the hooks run on the clients\' start)', () => {
    const c = paxosRegisterConfig(paxosRegister.params!)
    const [s] = model.init(c)
    expect(s!.clients).toEqual({ c3: { awaiting: 3, ops: 1 }, c4: { awaiting: 4, ops: 1 } })
    expect(messages(s!.net)).toEqual([
      { from: 'c3', to: 's0', type: 'Put', req: 3, value: 'A' },
      { from: 'c4', to: 's1', type: 'Put', req: 4, value: 'B' },
    ])
    const none = { c3: null, c4: null }
    expect(s!.history).toEqual({
      valid: true,
      threads: {
        c3: { done: [], pending: { before: none, op: { type: 'Write', value: 'A' } } },
        c4: { done: [], pending: { before: none, op: { type: 'Write', value: 'B' } } },
      },
    })
  })

  it('a leader driving the lowest report decides a second value: clients read each other\'s writes', async () => {
    const r = await expectGolden(lowestPrepared as AnySpec)
    const steps = labels(r, 'Linearizable')
    expect(steps.filter((l) => l.startsWith('Deliver(PutOk('))).toEqual(['Deliver(PutOk(3) s0→c3)', 'Deliver(PutOk(4) s1→c4)'])
    expect(steps.slice(-2)).toEqual(['Deliver(GetOk(6, B) s1→c3)', 'Deliver(GetOk(8, A) s2→c4)'])
  })

  it('a leader that ranks reports by round alone drives a value over a chosen one (three clients)', async () => {
    const r = await expectGolden(roundOnly as AnySpec)
    const steps = labels(r, 'HigherBallotsCarryChosen')
    // s1's (1, 1) decides B with s2; s2's (2, 2) hears (1, 1) B and s0's (1, 0) A, and drives A.
    expect(steps).toContain('Deliver(Accepted([1, 1]) s2→s1)')
    expect(steps.at(-1)).toBe('Deliver(Prepared([2, 2], {ballot: [1, 0], proposal: {client: c3, req: 3, value: A}}) s0→s2)')
  })

  describe('the properties over the servers (not in Stateright\'s example), each on a state that breaks it', () => {
    const c = paxosRegisterConfig(paxosRegister.params!)
    const init = model.init(c)[0]!
    const proposal = (client: string, value: string) => ({ req: Number(client.slice(1)), client, value })
    const acc = (round: number, leader: number, client: string, value: string): Accepted => ({ ballot: [round, leader], proposal: proposal(client, value) })
    const server = (x: Partial<Server>): Server => ({ ...(init.servers.s0 as Server), ...x })
    const withServers = (servers: Record<string, Partial<Server>>, inFlight: readonly Msg[] = []): State => {
      let net = init.net
      for (const m of inFlight) net = send(net, m)
      return { ...init, servers: { s0: server(servers.s0 ?? {}), s1: server(servers.s1 ?? {}), s2: server(servers.s2 ?? {}) }, net }
    }
    const A = acc(1, 0, 'c3', 'A')
    const B = acc(1, 1, 'c4', 'B')

    it('DecidedAgree: two servers decided on different values', () => {
      const s = withServers({ s0: { ballot: [1, 0], accepted: A, decided: true }, s1: { ballot: [1, 1], accepted: B, decided: true } })
      expect(decidedAgree(c, s)).toBe(false)
      expect(decidedAgree(c, withServers({ s0: { ballot: [1, 0], accepted: A, decided: true }, s1: { ballot: [1, 0], accepted: A, decided: true } }))).toBe(true)
    })

    it('ReadsDecided: a read answered with a value no decided server holds (an accepted, undecided one)', () => {
      const get: Msg = { from: 's1', to: 'c3', type: 'GetOk', req: 6, value: 'B' }
      expect(readsDecided(c, withServers({ s0: { ballot: [2, 0], accepted: { ...A, ballot: [2, 0] }, decided: true }, s1: { ballot: [1, 1], accepted: B } }, [get]))).toBe(false)
      expect(readsDecided(c, withServers({ s0: { ballot: [1, 1], accepted: B, decided: true } }, [get]))).toBe(true)
    })

    it('PromiseCoversAccepted: a server that accepted above its own ballot', () => {
      expect(promiseCoversAccepted(c, withServers({ s2: { ballot: [1, 0], accepted: B } }))).toBe(false)
      expect(promiseCoversAccepted(c, withServers({ s2: { ballot: [1, 1], accepted: B } }))).toBe(true)
    })

    it('HigherBallotsCarryChosen: B chosen in (1, 1) by s1 and s2, A accepted in a higher ballot', () => {
      const above = acc(2, 0, 'c3', 'A')
      expect(higherBallotsCarryChosen(c, withServers({ s0: { ballot: [2, 0], accepted: above }, s1: { ballot: [1, 1], accepted: B }, s2: { ballot: [1, 1], accepted: B } }))).toBe(false)
      // The same, with A accepted below the chosen ballot: allowed.
      expect(higherBallotsCarryChosen(c, withServers({ s0: { ballot: [1, 1], accepted: A }, s1: { ballot: [1, 1], accepted: B }, s2: { ballot: [1, 1], accepted: B } }))).toBe(true)
    })
  })
})
