/**
 * The port of Stateright's examples/single-copy-register.rs (models/single-copy-register.ts):
 * its count with one server (BFS and DFS), and with two the "linearizable" counterexample and the
 * "value chosen" discovery its test asserts, step for step (the clients swapped: our BFS meets
 * c2's run first, Stateright's names c3's).
 */
import { describe, expect, it } from 'vitest'
import { actionLabel, check } from '../../../src/index.ts'
import type { AnySpec, CheckResult } from '../../../src/index.ts'
import oneServer from '../../../specs/single-copy-register.ts'
import twoServers from '../../../specs/single-copy-register-two-servers.ts'
import { singleCopyRegister as model } from '../../../models/single-copy-register.ts'
import { registerConfig } from '../../../models/register-clients.ts'
import { messages } from '../../../src/net/index.ts'
import { expectGolden } from './golden.ts'

const labels = (r: CheckResult, prop: string): string[] =>
  r.properties.find((p) => p.name === prop)?.trace?.steps.slice(1).map((s) => actionLabel(s.action!)) ?? []

describe("Stateright's single-copy register (examples/single-copy-register.rs)", () => {
  it('one server, BFS: 93 states as Stateright counts, the history linearizable, a written value read', async () => {
    const r = await expectGolden(oneServer as AnySpec)
    expect(r.stats.distinct).toBe(93)
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['Linearizable', 'holds'],
      ['ValueChosen', 'holds'],
    ])
    // Stateright's discovery, with c1 and A for its c2 and B: put, PutOk, get.
    expect(labels(r, 'ValueChosen')).toEqual(['Deliver(Put(1, A) c1→s0)', 'Deliver(PutOk(1) s0→c1)', 'Deliver(Get(2) c1→s0)'])
  })

  it('one server, DFS (the search Stateright counts with): the same 93 states', async () => {
    const r = await check(oneServer as AnySpec, { strategy: 'dfs' })
    expect([r.complete, r.stats.distinct]).toEqual([true, 93])
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds'])
  })

  it('two servers: a read at the other copy misses a completed write, as Stateright finds it', async () => {
    const r = await expectGolden(twoServers as AnySpec)
    expect(labels(r, 'Linearizable')).toEqual([
      'Deliver(Put(2, A) c2→s0)',
      'Deliver(PutOk(2) s0→c2)',
      'Deliver(Get(4) c2→s1)',
      'Deliver(GetOk(4, "") s1→c2)',
    ])
    expect(labels(r, 'ValueChosen')).toEqual(['Deliver(Put(2, A) c2→s0)', 'Deliver(PutOk(2) s0→c2)', 'Deliver(Put(3, B) c3→s1)', 'Deliver(Get(4) c2→s1)'])
  })

  it('a server is its value alone; clients are numbered after the servers and start with their puts', () => {
    const [s] = model.init(registerConfig(2, 2))
    expect(s!.servers).toEqual({ s0: '', s1: '' })
    expect(s!.clients).toEqual({ c2: { awaiting: 2, ops: 1 }, c3: { awaiting: 3, ops: 1 } })
    expect(messages(s!.net)).toEqual([
      { from: 'c2', to: 's0', type: 'Put', req: 2, value: 'A' },
      { from: 'c3', to: 's1', type: 'Put', req: 3, value: 'B' },
    ])
  })
})
