import { describe, expect, it } from 'vitest'
import { actionLabel, canonicalize, check, defineSpec, mapSet, renameKeys } from '../../../src/index.ts'
import type { AnySpec, CheckResult, Rename, Value } from '../../../src/index.ts'
import { chosen, chosenOnce, correctRules, liveView, logAgreement, multiPaxos as multiPaxosActors, multiPaxosModel, withLiveView } from '../../../models/multi-paxos.ts'
import { sendAll } from '../../../src/net/index.ts'
import type { Config, Leader, Msg, MultiPaxosModel, State } from '../../../models/multi-paxos.ts'
import { multiPaxosAcceptLower } from '../../../models/multi-paxos-accept-lower.ts'
import { replicatedStateMachine, storeMatchesApplied } from '../../../models/replicated-state-machine.ts'
import multiPaxos, { multiPaxosConfig, multiPaxosParams } from '../../../specs/multi-paxos.ts'
import acceptLower from '../../../specs/multi-paxos-accept-lower.ts'
import minorityQuorum from '../../../specs/multi-paxos-minority-quorum.ts'
import ownCommand from '../../../specs/multi-paxos-own-command.ts'
import lowestVote from '../../../specs/multi-paxos-lowest-vote.ts'
import threeBallots, { threeBallotsParams } from '../../../specs/multi-paxos-three-ballots.ts'
import rsm from '../../../specs/replicated-state-machine.ts'
import { expectGolden } from './golden.ts'

let result: ReturnType<typeof expectGolden> | undefined
const golden = (): ReturnType<typeof expectGolden> => (result ??= expectGolden(multiPaxos as AnySpec))

describe('Multi-Paxos', () => {
  it('log agreement holds; one phase 1, then phase 2 per instance (the skip is in the witness trace)', async () => {
    const r = await golden()
    const w = r.properties.find((p) => p.name === 'WholeLogAfterOnePhase1')!
    const steps = w.trace!.steps.slice(1).map((s) => actionLabel(s.action!))
    expect(steps.filter((l) => l.startsWith('Prepare('))).toHaveLength(1)
    const elected = steps.findIndex((l) => l.startsWith('Elected('))
    const proposes = steps.filter((l) => l.startsWith('Propose('))
    expect(proposes).toEqual(['Propose(l2, 2, 0, y1)', 'Propose(l2, 2, 1, y2)'])
    expect(steps.indexOf(proposes[0]!)).toBeGreaterThan(elected)
  })

  it('a new leader re-proposes the value the old leader got accepted', async () => {
    const r = await golden()
    const steps = r.properties.find((p) => p.name === 'LeaderChangeKeepsValue')!.trace!.steps.slice(1).map((s) => actionLabel(s.action!))
    expect(steps).toContain('Propose(l1, 1, 0, x1)')
    expect(steps).toContain('Propose(l2, 2, 0, x1)')
  })
})

const witness = (r: CheckResult, name: string): string[] =>
  r.properties.find((p) => p.name === name)!.trace!.steps.slice(1).map((s) => actionLabel(s.action!))

describe('Multi-Paxos leader change by timeout', () => {
  it('Timeout is taken: l1 leads its second ballot (3)', async () => {
    const steps = witness(await golden(), 'LedSecondBallot')
    expect(steps).toContain('Timeout(l1, 3)')
    expect(steps.some((l) => l.startsWith('Elected(l1, 3,'))).toBe(true)
  })

  it('a value accepted in one ballot is re-proposed in a higher one', async () => {
    const steps = witness(await golden(), 'ReproposedInHigherBallot')
    expect(steps).toContain('Propose(l1, 1, 0, x1)')
    expect(steps.some((l) => l.startsWith('Deliver(Accept(1, x1, 0)'))).toBe(true)
    expect(steps.filter((l) => l.startsWith('Propose(') && l.endsWith(', 0, x1)')).length).toBe(2)
  })

  // With 2 instances the extra Promise messages grow the state space past 30,000 states; one
  // instance keeps the comparison exhaustive and cheap.
  it('promising on b >= promised breaks nothing (see correctRules): every property as with b > promised', async () => {
    const run = (name: string, promises: (b: number, p: number) => boolean): Promise<CheckResult> =>
      check(
        defineSpec({
          name,
          model: multiPaxosModel(name, { ...correctRules, promises }),
          params: { ...multiPaxosParams, instances: 1 },
          config: multiPaxosConfig,
          check: multiPaxos.check,
        }) as AnySpec,
      )
    const [equal, strict] = [await run('promise-equal', (b, p) => b >= p), await run('promise-strict', (b, p) => b > p)]
    expect(equal.complete && strict.complete).toBe(true)
    const verdicts = (r: CheckResult): [string, string][] => r.properties.map((p) => [p.name, p.verdict])
    expect(verdicts(equal)).toEqual(verdicts(strict))
    expect(verdicts(equal).every(([, v]) => v === 'holds' || v === 'witnessed')).toBe(true)
  })
})

describe('Multi-Paxos buggy variants are caught at the default bounds', () => {
  it('own command over a reported one: l2 proposes y1 where x1 was chosen', async () => {
    const r = await expectGolden(ownCommand as AnySpec)
    expect(witness(r, 'LogAgreement')).toContain('Propose(l2, 2, 0, y1)')
  })

  it('accepting below the promise: the stale Accept(1) is accepted after Prepare(2)', async () => {
    const steps = witness(await expectGolden(acceptLower as AnySpec), 'LogAgreement')
    const stale = steps.findIndex((l) => l.startsWith('Deliver(Accept(1,'))
    expect(stale).toBeGreaterThan(steps.findIndex((l) => l.startsWith('Elected(l2, 2,')))
  })

  it('minority quorum: each leader is elected by one acceptor', async () => {
    const steps = witness(await expectGolden(minorityQuorum as AnySpec), 'LogAgreement')
    expect(steps.filter((l) => /^Elected\(l\d, \d, \[a\d\]\)$/.test(l))).toHaveLength(2)
  })
})

describe('Multi-Paxos: the vote a new leader keeps (three ballots, three acceptors)', () => {
  it('a quorum reports two commands for one instance, and the highest vote keeps LogAgreement', async () => {
    const r = await expectGolden(threeBallots as AnySpec)
    const steps = witness(r, 'PromisesReportTwoCommands')
    expect(steps).toContain('Timeout(l1, 3)')
    expect(steps.filter((l) => l.startsWith('Propose(l1, 1, 0,') || l.startsWith('Propose(l1, 2, 0,'))).toHaveLength(2)
  })

  it('keeping the lowest vote: ballot 3 re-proposes x1 of ballot 1 over x2 of ballot 2', async () => {
    const steps = witness(await expectGolden(lowestVote as AnySpec), 'LogAgreement')
    expect(steps).toContain('Propose(l1, 2, 0, x2)')
    expect(steps).toContain('Propose(l1, 3, 0, x1)')
  })
})

/** The live view's reference: dead promises dropped by a filter, then the orbit representative
 * found by trying every renaming of the acceptors (src/state/symmetry.ts). */
function referenceView(c: Config, s: State): Value {
  if (s.net.semantics !== 'set') throw new Error('set network expected')
  const live = s.net.sent.filter((m) => m.type !== 'Promise' || ((s.leaders[m.to] as Leader).phase === 'preparing' && (s.leaders[m.to] as Leader).bal === m.bal))
  type Live = { readonly leaders: unknown; readonly acceptors: State['acceptors']; readonly sent: readonly Msg[] }
  const relabel = (x: Live, rename: Rename): Live => ({
    leaders: x.leaders,
    acceptors: renameKeys(x.acceptors, rename),
    sent: mapSet(x.sent, (m) => ({ ...m, from: rename(m.from), to: rename(m.to) })),
  })
  return canonicalize<Live>({ leaders: s.leaders, acceptors: s.acceptors, sent: live }, [c.acceptors], relabel) as unknown as Value
}

describe('Multi-Paxos live view (dead promises dropped, acceptors up to renaming)', () => {
  const run = (model: MultiPaxosModel, params: Record<string, number>, view?: (c: Config, s: State) => Value, only?: string[]): Promise<CheckResult> =>
    check(defineSpec({ name: 'live-view', model: view ? { ...model, view } : model, params, config: multiPaxosConfig, ...(only ? { check: only } : {}) }) as AnySpec)
  const outcome = (r: CheckResult) => r.properties.map((p) => [p.name, p.verdict, p.trace?.steps.length])

  it('keeps every verdict and shortest trace, and counts the orbits of the live states exactly', async () => {
    // Two ballots at three acceptors: raw 3,065 states (measured), small enough to compare.
    const params = { ...threeBallotsParams, attempts: 2 }
    const [raw, live, reference] = [await run(multiPaxosActors, params), await run(withLiveView(multiPaxosActors), params), await run(multiPaxosActors, params, referenceView)]
    expect(raw.complete && live.complete && reference.complete).toBe(true)
    expect(outcome(live)).toEqual(outcome(raw))
    expect(live.stats.distinct).toBe(reference.stats.distinct)
    expect(live.stats.distinct).toBeLessThan(raw.stats.distinct / 10)
  })

  it('finds a buggy variant\'s shortest counterexample', async () => {
    const [raw, live] = [await run(multiPaxosAcceptLower, multiPaxosParams, undefined, ['LogAgreement']), await run(multiPaxosAcceptLower, multiPaxosParams, liveView, ['LogAgreement'])]
    expect(outcome(live)).toEqual(outcome(raw))
    expect(live.properties.find((p) => p.name === 'LogAgreement')!.verdict).toBe('violated')
  })
})

describe('replicated state machine on Multi-Paxos', () => {
  it('State Machine Safety holds; replicas reach the whole log and are seen at different lengths', async () => {
    const r = await expectGolden(rsm as AnySpec)
    expect(r.properties.map((p) => p.verdict)).toEqual(r.properties.map(() => 'holds'))
  })
})

describe('Multi-Paxos on the actor harness', () => {
  it('Timeout is a timer, Elected a leader\'s local step, a delivery is the acceptor\'s', () => {
    expect(multiPaxosActors.event({ name: 'Timeout', node: 'l1', bal: 3 })).toEqual({ kind: 'timeout', node: 'l1', action: 'Timeout' })
    expect(multiPaxosActors.event({ name: 'Elected', node: 'l2', bal: 2, quorum: ['a1', 'a2'] })).toEqual({ kind: 'local', node: 'l2', action: 'Elected' })
    const msg = { from: 'l1', to: 'a1', type: 'Prepare', bal: 1 } as const
    expect(replicatedStateMachine.event({ name: 'Deliver', from: 'l1', to: 'a1', msg, label: '' })).toEqual({ kind: 'deliver', node: 'a1', msg })
  })

  it('a replica node holds its leader state and its state machine in one record', () => {
    const c = { leaders: ['l1', 'l2'], acceptors: ['a1', 'a2'], instances: 2, commands: { l1: ['x=1'], l2: ['x=2'] }, maxAttempts: { l1: 2, l2: 1 } }
    const [s] = replicatedStateMachine.init(c)
    expect(Object.keys(s!)).toEqual(['leaders', 'acceptors', 'net'])
    expect(s!.leaders.l1).toMatchObject({ phase: 'idle', log: [null, null], applied: [], kv: {} })
  })
})

describe('Multi-Paxos properties on states built by hand', () => {
  // No spec expects ChosenOnce or LogAgreement violated on the correct model, so these pin what
  // the properties (and `chosen`, remembered for the last two networks) say on states that break
  // them. Two acceptors: a majority is both.
  const c = multiPaxosConfig(multiPaxosParams)
  const [s0] = multiPaxosActors.init(c) as State[]
  const accepted = (a: string, l: string, bal: number, inst: number, cmd: string): Msg => ({ from: a, to: l, type: 'Accepted', bal, inst, cmd })
  const withSent = (...ms: Msg[]): State => ({ ...s0!, net: sendAll(s0!.net, ms) })
  const both = (l: string, bal: number, inst: number, cmd: string): Msg[] => [accepted('a1', l, bal, inst, cmd), accepted('a2', l, bal, inst, cmd)]
  const withLog = (s: State, l: string, log: (string | null)[]): State => ({ ...s, leaders: { ...s.leaders, [l]: { ...(s.leaders[l] as Leader), log } } })

  it('a command is chosen once a majority accepted it in one ballot', () => {
    expect(chosen(c, withSent(accepted('a1', 'l1', 1, 0, 'x1')))).toEqual([[], []])
    expect(chosen(c, withSent(accepted('a1', 'l1', 1, 0, 'x1'), accepted('a2', 'l2', 2, 0, 'x1')))).toEqual([[], []])
    expect(chosen(c, withSent(...both('l1', 1, 0, 'x1')))).toEqual([['x1'], []])
    expect(chosen(c, withSent(...both('l1', 1, 0, 'x1'), ...both('l1', 3, 0, 'x1')))).toEqual([['x1'], []])
  })

  it('ChosenOnce fails when one command is chosen in two instances; LogAgreement when an instance has two', () => {
    const twice = withSent(...both('l1', 1, 0, 'x1'), ...both('l1', 3, 1, 'x1'))
    expect([chosenOnce(c, twice), logAgreement(c, twice)]).toEqual([false, true])
    const two = withSent(...both('l1', 1, 0, 'x1'), ...both('l2', 2, 0, 'y1'))
    expect([chosenOnce(c, two), logAgreement(c, two)]).toEqual([true, false])
    const fine = withSent(...both('l1', 1, 0, 'x1'), ...both('l2', 2, 1, 'y1'))
    expect([chosenOnce(c, fine), logAgreement(c, fine)]).toEqual([true, true])
    expect(logAgreement(c, withLog(withLog(fine, 'l1', ['x1', null]), 'l2', ['x1', 'y1']))).toBe(true)
    expect(logAgreement(c, withLog(withLog(fine, 'l1', ['x1', null]), 'l2', ['y1', null]))).toBe(false)
  })

  it('answers right when asked about three networks in turn, and after the configuration changes', () => {
    const states = [withSent(...both('l1', 1, 0, 'x1')), withSent(...both('l2', 2, 1, 'y1')), withSent()]
    const want = [[['x1'], []], [[], ['y1']], [[], []]]
    for (let round = 0; round < 3; round++) for (const k of [0, 1, 2, 1, 0, 2, 2, 0]) expect(chosen(c, states[k]!)).toEqual(want[k])
    // Three acceptors: a majority is two, so one more Accepted is needed; the same networks.
    const c3 = multiPaxosConfig({ ...multiPaxosParams, acceptors: 3 })
    const [t0] = multiPaxosActors.init(c3) as State[]
    const net = sendAll(t0!.net, both('l1', 1, 0, 'x1'))
    expect(chosen(c3, { ...t0!, net })).toEqual([['x1'], []])
    expect(chosen(c3, { ...t0!, net: sendAll(t0!.net, [accepted('a1', 'l1', 1, 0, 'x1')]) })).toEqual([[], []])
    expect(chosen(c, states[0]!)).toEqual(want[0])
    // The same network under four acceptors (a majority is three): not chosen.
    const c4 = multiPaxosConfig({ ...multiPaxosParams, acceptors: 4 })
    expect(chosen(c4, states[0]!)).toEqual([[], []])
    expect(chosen(c, states[0]!)).toEqual(want[0])
  })
})

describe('replicated state machine: StoreMatchesApplied', () => {
  it("holds when a replica's store is its applied commands run from empty, and not when a command is recorded but not run", async () => {
    const c = (rsm.config as (p: typeof rsm.params) => Parameters<typeof storeMatchesApplied>[0])(rsm.params)
    const [s0] = replicatedStateMachine.init(c) as [Parameters<typeof storeMatchesApplied>[1]]
    const r = c.leaders[0] as string
    const x = s0.leaders[r] as (typeof s0.leaders)[string]
    const withNode = (n: typeof x) => ({ ...s0, leaders: { ...s0.leaders, [r]: n } })
    expect(storeMatchesApplied(c, s0)).toBe(true)
    expect(storeMatchesApplied(c, withNode({ ...x, applied: ['a=1', 'a=2'], kv: { a: '2' } }))).toBe(true)
    expect(storeMatchesApplied(c, withNode({ ...x, applied: ['a=1'], kv: {} }))).toBe(false)
    expect(storeMatchesApplied(c, withNode({ ...x, applied: ['a=1', 'a=2'], kv: { a: '1' } }))).toBe(false)
  })
})
