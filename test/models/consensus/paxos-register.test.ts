/**
 * The port of Stateright's examples/paxos.rs (models/paxos-register.ts): the published count with
 * BFS and DFS, the "value chosen" discovery Stateright's test asserts (its mirror image: our BFS
 * meets client c3's run first, Stateright's test names c4's), the history its hooks write, and the
 * buggy variant's violation.
 */
import { describe, expect, it } from 'vitest'
import { actionLabel, check } from '../../../src/index.ts'
import type { AnySpec, CheckResult } from '../../../src/index.ts'
import paxosRegister, { paxosRegisterConfig } from '../../../specs/paxos-register.ts'
import lowestPrepared from '../../../specs/paxos-register-lowest-prepared.ts'
import { paxosRegister as model } from '../../../models/paxos-register.ts'
import { messages } from '../../../src/net/index.ts'
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
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds'])
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
})
