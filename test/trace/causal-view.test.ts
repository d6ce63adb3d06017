/** The causal view of traces: per-node steps, receive-after-send edges, Lamport clocks. */
import { describe, expect, it } from 'vitest'
import { check, defineSpec } from '../../src/index.ts'
import type { Action, Model } from '../../src/index.ts'
import { causalView, netCausalOptions } from '../../src/trace/causal-view.ts'
import earlyCommit from '../../specs/two-phase-commit-early-commit.ts'
import timeoutAbort from '../../specs/two-phase-commit-net-timeout-abort.ts'
import { traceOf } from '../fixtures/trace-of.ts'

describe('causalView', () => {
  it('2PC (messages never removed): per-node steps, receive-after-send edges, Lamport clocks', async () => {
    const r = await check(earlyCommit)
    const trace = r.properties.find((p) => p.name === 'TCConsistent')!.trace!
    const view = causalView(trace, {
      node: (a) => ((a as unknown as { rm?: string }).rm !== undefined && !a.name.startsWith('TM') ? (a as unknown as { rm: string }).rm : 'tm'),
      messages: (s) => (s as { msgs: readonly { type: string }[] }).msgs,
      received: (a) => {
        const rm = (a as { rm?: string }).rm
        if (a.name === 'TMRcvPrepared') return [{ type: 'Prepared', rm: rm! }]
        if (a.name === 'RMRcvCommitMsg') return [{ type: 'Commit' }]
        if (a.name === 'RMRcvAbortMsg') return [{ type: 'Abort' }]
        return []
      },
    })
    const show = (node: string) => view.nodes[node]!.map((s) => `${s.index}:${s.label}<${s.after.join(',')}>@${s.clock}`)
    // Trace: 1 RMPrepare(r1), 2 TMRcvPrepared(r1), 3 RMPrepare(r2), 4 TMRcvPrepared(r2), 5 TMCommit,
    // 6 RMRcvCommitMsg(r1), 7 RMChooseToAbort(r3).
    expect(show('r1')).toEqual(['1:RMPrepare(r1)<>@1', '6:RMRcvCommitMsg(r1)<1,5>@5'])
    expect(show('tm')).toEqual(['2:TMRcvPrepared(r1)<1>@2', '4:TMRcvPrepared(r2)<2,3>@3', '5:TMCommit<4>@4'])
    expect(show('r2')).toEqual(['3:RMPrepare(r2)<>@1'])
    // r3's abort depends on nothing: it could have happened first.
    expect(show('r3')).toEqual(['7:RMChooseToAbort(r3)<>@1'])
    expect(Object.keys(view.nodes)).toEqual(['r1', 'tm', 'r2', 'r3'])
    expect(view.steps.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('a bag network: a receive consumes the message and depends on its send (default `received`)', () => {
    interface S {
      readonly bag: readonly string[]
      readonly log: readonly string[]
    }
    const sorted = (xs: string[]) => xs.sort()
    const model: Model<null, S> = {
      name: 'ping-pong',
      init: () => [{ bag: [], log: [] }],
      next: (_c, s) => {
        const out: [Action & { node: string }, S][] = []
        if (!s.log.includes('a:ping')) out.push([{ name: 'Ping', node: 'a' }, { bag: sorted([...s.bag, 'ping']), log: [...s.log, 'a:ping'] }])
        if (s.bag.includes('ping')) out.push([{ name: 'Pong', node: 'b' }, { bag: sorted([...s.bag.filter((m) => m !== 'ping'), 'pong']), log: [...s.log, 'b:pong'] }])
        if (s.bag.includes('pong')) out.push([{ name: 'Done', node: 'a' }, { bag: s.bag.filter((m) => m !== 'pong'), log: [...s.log, 'a:done'] }])
        if (!s.log.includes('c:work')) out.push([{ name: 'Work', node: 'c' }, { ...s, log: [...s.log, 'c:work'] }])
        return out
      },
      properties: [],
    }
    const spec = defineSpec({ name: 'ping-pong', model, config: null })
    const t = traceOf(spec, ['Ping(a)', 'Pong(b)', 'Work(c)', 'Done(a)'])
    const view = causalView(t, { node: (a) => (a as Action & { node: string }).node, messages: (s) => (s as S).bag })
    expect(view.steps.map((s) => [s.label, s.node, s.after, s.clock])).toEqual([
      ['Ping(a)', 'a', [], 1],
      ['Pong(b)', 'b', [1], 2],
      ['Work(c)', 'c', [], 1],
      ['Done(a)', 'a', [1, 2], 3],
    ])
    // Without a message function only node order remains.
    expect(causalView(t, { node: (a) => (a as Action & { node: string }).node }).steps.map((s) => s.after)).toEqual([[], [], [], [1]])
  })

  it('src/net models: deliveries belong to the receiver; a timeout shows up as concurrent with the decision', async () => {
    const r = await check(timeoutAbort, { properties: ['AtomicCommit'] })
    const view = causalView(r.properties[0]!.trace!, netCausalOptions())
    const show = (node: string) => view.nodes[node]!.map((s) => `${s.index}:${s.label}<${s.after.join(',')}>@${s.clock}`)
    expect(show('c')).toEqual([
      '1:Prepare(c)<>@1',
      '5:Deliver(Vote(yes) p1→c)<1,2>@3',
      '6:Deliver(Vote(yes) p2→c)<4,5>@4',
      '7:Decide(c, commit)<6>@5',
      '8:Send(Commit c→p2)<7>@6',
    ])
    expect(show('p2')).toEqual(['4:Deliver(Prepare c→p2)<1>@2', '9:Deliver(Commit c→p2)<4,8>@7'])
    // p1 times out right after its Prepare: nothing orders it after the coordinator's Commit.
    expect(show('p1')).toEqual(['2:Deliver(Prepare c→p1)<1>@2', '3:Timeout(p1)<2>@3'])
  })
})
