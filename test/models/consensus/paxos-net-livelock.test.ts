/**
 * The Paxos livelock on the message-passing model (models/paxos-net-duelling.ts): the fair lasso
 * of duelling proposers is found, nothing is accepted in it, and the seed's fix (a distinguished
 * proposer) makes the property hold. The golden suite pins both specs' counts and traces; these
 * tests say what the lasso must show, so that a change that keeps the verdict but loses the
 * story (a lasso without the duel, a "fix" that holds because nothing happens) fails.
 */
import { describe, expect, it } from 'vitest'
import { actionLabel, check } from '../../../src/index.ts'
import type { AnySpec, CheckResult } from '../../../src/index.ts'
import { fairnessName } from '../../../src/core/fairness.ts'
import type { Fairness } from '../../../src/core/fairness.ts'
import livelock from '../../../specs/paxos-net-livelock.ts'
import leader from '../../../specs/paxos-net-leader-liveness.ts'
import duelling from '../../../specs/paxos-livelock.ts'
import duellingLeader from '../../../specs/paxos-leader-liveness.ts'
import splitVote from '../../../specs/raft-split-vote.ts'
import type { Acceptor, State } from '../../../models/paxos-net-duelling.ts'

const eventually = (r: CheckResult) => r.properties.find((p) => p.name === 'EventuallyLearnt')!

describe('the Paxos livelock over a network', () => {
  it('duelling proposers: a fair lasso of Prepare/Promise rounds in which no acceptor accepts', async () => {
    const r = await check(livelock as AnySpec, { properties: ['EventuallyLearnt'] })
    const p = eventually(r)
    expect(p.verdict).toBe('violated')
    const trace = p.trace!
    expect(trace.loopStart).toBeDefined()
    // The step that closes the loop is named in the note (not a step of the trace).
    const closing = /after step \d+, (.*) leads back/.exec(p.note ?? '')?.[1]
    expect(closing).toBeDefined()
    // The trace holds it too, and why the loop is fair, through the actor model's step events.
    expect(actionLabel(trace.closing!)).toBe(closing)
    expect(trace.fairness!.length).toBeGreaterThan(0)
    for (const line of trace.fairness!) expect(line).toMatch(/^(WF|SF)\(.*\): (taken at step \d+|taken by the step after step \d+, back to step \d+|disabled at step \d+|never enabled in the loop)$/)
    // The loop's steps, the closing one included.
    const loop = [...trace.steps.slice(trace.loopStart! + 1).map((s) => actionLabel(s.action!)), closing!]
    // Both proposers' rounds reach both acceptors within the loop, each is promised by one of
    // them at least (the shortest lasso has each acceptor promise a different proposer first, so
    // neither gets the majority of two), and both proposers retry.
    for (const [from, to] of [['p1', 'a1'], ['p1', 'a2'], ['p2', 'a1'], ['p2', 'a2']]) {
      expect(loop.some((l) => l.startsWith('Deliver(Prepare(') && l.endsWith(` ${from}→${to})`)), `${from}→${to}`).toBe(true)
    }
    for (const p of ['p1', 'p2']) expect(loop.some((l) => l.startsWith('Deliver(Promise(') && l.endsWith(`→${p})`)), `a Promise to ${p}`).toBe(true)
    const timers = loop.filter((l) => l.startsWith('Timeout(')).map((l) => l.slice(0, 'Timeout(p1'.length))
    expect(timers.sort()).toEqual(['Timeout(p1', 'Timeout(p2'])
    // Nothing is accepted anywhere in the behaviour, so nothing is chosen.
    for (const s of trace.steps) for (const a of Object.values((s.state as State).acceptors)) expect((a as Acceptor).acceptedV).toBeNull()
  })

  it('the distinguished proposer: the property holds, and the leader needed its retry timer', async () => {
    const r = await check(leader as AnySpec)
    expect(r.complete).toBe(true)
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['Agreement', 'holds'],
      ['EventuallyLearnt', 'holds'],
    ])
    // The rival's one attempt pre-empts the leader somewhere: its timer fires, and it still learns.
    expect(r.neverFired).toEqual([])
  })

  it('without the fix (every proposer retries) the leader spec has the lasso again', async () => {
    const r = await check(leader as AnySpec, { params: { leader: false } })
    expect(eventually(r).verdict).toBe('violated')
    expect(eventually(r).trace!.loopStart).toBeDefined()
  })

  it('without the view the ids grow forever: the search does not end (bounded here by states)', async () => {
    const spec = { ...livelock, model: { ...livelock.model, view: undefined } } as AnySpec
    const r = await check(spec, { properties: ['Agreement'], maxStates: 20_000 })
    expect(r.complete).toBe(false)
  })
})

describe('the liveness specs give fairness for the nodes of the parameters run', () => {
  // Their fairness was built once from the default parameters: another acceptor count warned of
  // groups for acceptors that are not there, and gave a node that is there no fairness at all;
  // the leader spec warned of groups for the proposer that never proposes.
  const noMatch = (r: CheckResult): string[] => r.warnings.filter((w) => w.includes('matched no step'))
  it.each([
    ['paxos-livelock', { acceptors: 2 }, duelling as AnySpec],
    ['paxos-leader-liveness', {}, duellingLeader as AnySpec],
    ['raft-split-vote', { servers: 2 }, splitVote as AnySpec],
  ])('%s %j: no group matches nothing', async (_name, params, spec) => {
    const r = await check(spec, { params, maxStates: 20_000 })
    expect(noMatch(r)).toEqual([])
  })
  it('four acceptors: the fourth has its exchanges weakly fair', () => {
    const groups = (duelling as AnySpec).fairness as unknown as (c: unknown) => readonly Fairness[]
    const config = ((duelling as AnySpec).config as (p: unknown) => unknown)({ proposers: 2, acceptors: 4, leader: false })
    expect(groups(config).map(fairnessName)).toContain('WF(p1⇄a4)')
  })
})
