import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.ts'
import type { Trace } from '../../src/core/result.ts'
import type { AnySpec } from '../../src/core/spec.ts'
import { always, check, defineSpec, eventually, strongFair, weakFair } from '../../src/index.ts'
import { readFileSync } from 'node:fs'
import twoPhaseCommit from '../../specs/two-phase-commit.ts'
import threePhasePartition from '../../specs/three-phase-commit-partition.ts'
import earlyCommit from '../../specs/two-phase-commit-early-commit.ts'
import timeoutAbort from '../../specs/two-phase-commit-net-timeout-abort.ts'
import { stateSchemaOf } from '../../src/trace/itf-schema.ts'
import type { TraceOrigin } from '../../src/trace/itf.ts'
import { parseItf, traceToItfJson } from '../../src/trace/itf.ts'
import { formatReplayOutcome, replayTrace } from '../../src/trace/replay-trace.ts'
import buggy from './fixtures/buggy-two-phase-commit.ts'
import echo from './fixtures/echo.ts'
import type { Edge } from '../explore/liveness/toy-graph.ts'
import { reaches, toySpec } from '../explore/liveness/toy-graph.ts'

type S = { readonly x: number; readonly y?: number }

/** A counter that adds `step` while below `limit`; `Small` (x < smallBelow) is its invariant. */
function counter(o: { step?: number; limit?: number; init?: S; smallBelow?: number; deadlock?: boolean } = {}): AnySpec {
  const step = o.step ?? 1
  const limit = o.limit ?? 5
  return defineSpec({
    name: 'counter',
    model: {
      name: 'counter',
      init: () => [o.init ?? { x: 0 }],
      next: (_c: unknown, s: S) => (s.x < limit ? [[{ name: 'Inc' }, { ...s, x: s.x + step }] as const] : []),
      properties: [always<unknown, S>('Small', (_c, s) => s.x < (o.smallBelow ?? 3))],
    },
    config: {},
    deadlock: o.deadlock ?? false,
  }) as AnySpec
}

async function stored(spec: AnySpec, property: string, params = {}) {
  const r = await check(spec, { params })
  const p = r.properties.find((x) => x.name === property)
  if (!p?.trace) throw new Error(`no counterexample to ${property}`)
  // Traces record the effective parameters: the spec's defaults with the overrides applied.
  const origin: TraceOrigin = { spec: r.spec, model: r.model, params: { ...spec.params, ...r.params }, property: p.name, propertyKind: p.kind, verdict: p.verdict }
  return parseItf(traceToItfJson(p.trace, origin))
}

describe('replay', () => {
  it('still reproduces on the model that produced the trace', async () => {
    const t = await stored(counter(), 'Small')
    const o = replayTrace(counter(), t)
    expect(o).toEqual({ kind: 'reproduces', property: 'Small', steps: 4, detail: 'Small is still violated at step 4' })
    expect(formatReplayOutcome(o)).toMatch(/^still reproduces/)
    expect(replayTrace(buggy as AnySpec, await stored(buggy as AnySpec, 'TCConsistent')).kind).toBe('reproduces')
  })

  // A trace whose states carry only the `mbt::` variables (as Quint writes one) names each action
  // by its parameters in alphabetical order: Decide(commit, c) for the model's Decide(c, commit).
  // It did not replay ("Decide(commit, c) is not enabled"; a helper's tour).
  it('replays a trace whose actions come from its mbt:: variables alone, matching them by value', async () => {
    const r = await check(timeoutAbort)
    const p = r.properties.find((x) => x.verdict === 'violated' && x.trace)!
    const origin: TraceOrigin = { spec: r.spec, model: r.model, params: { ...timeoutAbort.params, ...r.params }, property: p.name, propertyKind: p.kind, verdict: p.verdict }
    const json = JSON.parse(traceToItfJson(p.trace!, origin, { mbt: true })) as { states: { '#meta': { index: number } }[] }
    for (const st of json.states) st['#meta'] = { index: st['#meta'].index }
    const bare = parseItf(JSON.stringify(json))
    expect(bare.labels.some((l) => l !== null && /^Decide\(commit, c\)$/.test(l))).toBe(true)
    expect(replayTrace(timeoutAbort as AnySpec, bare).kind).toBe('reproduces')
  })

  it('no longer reproduces when a step leads to a different state, and shows the difference', async () => {
    const t = await stored(counter(), 'Small')
    const o = replayTrace(counter({ step: 2 }), t)
    expect(o).toMatchObject({ kind: 'diverges', step: 2, reason: 'different-state' })
    expect(formatReplayOutcome(o)).toBe('no longer reproduces at step 2: Inc leads to a different state than recorded\n  recorded → today:\n    x: 1 → 2\n')
  })

  it('no longer reproduces when the recorded action is not enabled', async () => {
    const t = await stored(counter(), 'Small')
    expect(replayTrace(counter({ limit: 2 }), t)).toMatchObject({ kind: 'diverges', step: 4, reason: 'not-enabled', enabled: [] })
    // The buggy 2PC trace on the fixed model: the early TMCommit is gone.
    const o = replayTrace(twoPhaseCommit as AnySpec, await stored(buggy as AnySpec, 'TCConsistent'))
    expect(o).toMatchObject({ kind: 'diverges', step: 4, reason: 'not-enabled' })
    expect(formatReplayOutcome(o)).toMatch(/^no longer reproduces at step 4: TMCommit is not enabled \(enabled: TMAbort, /)
  })

  it('says so when the label is enabled but the recorded action is not (the two disagree: a trace edited by hand)', async () => {
    const t = await stored(buggy as AnySpec, 'TCConsistent')
    const steps = t.trace.steps.map((s, i) => (i === 2 ? { ...s, action: { ...(s.action as object), rm: 'r9' } as never } : s))
    const o = replayTrace(buggy as AnySpec, { ...t, trace: { ...t.trace, steps } })
    expect(o).toMatchObject({ kind: 'diverges', step: 3, reason: 'not-enabled' })
    expect(formatReplayOutcome(o)).toMatch(new RegExp(`^no longer reproduces at step 3: ${t.labels[2]?.replace(/[()]/g, '\\$&')} is enabled, but not as recorded: no enabled step has the recorded action \\{.*"rm":"r9".*\\} \\(the recorded action and its label disagree\\)`))
  })

  it('no longer reproduces when the initial state or the property changed', async () => {
    const t = await stored(counter(), 'Small')
    expect(replayTrace(counter({ init: { x: 1 } }), t)).toMatchObject({ kind: 'diverges', step: 1, reason: 'init-differs', changes: [{ kind: 'set', path: 'x', from: 0, to: 1 }] })
    expect(replayTrace(counter({ smallBelow: 10 }), t)).toMatchObject({ kind: 'diverges', step: 4, reason: 'property-holds' })
  })

  it("says when the model's variables changed", async () => {
    const t = await stored(counter(), 'Small')
    const o = replayTrace(counter({ init: { x: 0, y: 0 } }), t)
    expect(o).toEqual({ kind: 'variables-changed', added: ['y'], removed: [] })
    expect(formatReplayOutcome(o)).toBe("the model's variables changed: added y (the trace cannot be replayed)\n")
  })

  it('replays a trace whose later states have a variable its initial state has not (vars lists every state\'s)', async () => {
    const growing = defineSpec({
      name: 'growing',
      config: null,
      model: {
        name: 'growing',
        init: () => [{ x: 0 }],
        next: (_c: null, s: S) => (s.x < 3 ? [[{ name: 'Inc' }, { x: s.x + 1, y: 1 }] as const] : []),
        properties: [always<null, S>('Small', (_c, s) => s.x < 2)],
      },
    }) as AnySpec
    const t = await stored(growing, 'Small')
    expect(t.vars).toEqual(['x', 'y'])
    expect(replayTrace(growing, t)).toMatchObject({ kind: 'reproduces', steps: 3 })
  })

  it('replays deadlocks', async () => {
    const t = await stored(counter({ limit: 2, smallBelow: 100, deadlock: true }), 'Deadlock')
    expect(replayTrace(counter({ limit: 2, smallBelow: 100, deadlock: true }), t).kind).toBe('reproduces')
    expect(replayTrace(counter({ limit: 5, smallBelow: 100, deadlock: true }), t)).toMatchObject({ kind: 'diverges', reason: 'not-deadlocked' })
  })

  it('uses the recorded parameters, or the ones given', async () => {
    const t = await stored(echo as AnySpec, 'AtMostOneAck')
    expect(t.origin.params).toEqual({ duplicates: 1, retries: 1 })
    expect(replayTrace(echo as AnySpec, t).kind).toBe('reproduces')
    expect(replayTrace(echo as AnySpec, t, { params: { duplicates: 0 } })).toMatchObject({ kind: 'diverges', step: 4, reason: 'not-enabled' })
  })

  it('replays a lasso: the loop must close and the liveness property still fail along it', () => {
    type T = { readonly x: number }
    const cycle = (to: number, goal: number): AnySpec =>
      defineSpec({
        name: 'cycle',
        model: {
          name: 'cycle',
          init: () => [{ x: 0 }],
          next: (_c: unknown, s: T) => [[{ name: 'Step' }, { x: s.x === 0 ? 1 : to }] as const],
          properties: [eventually<unknown, T>('ReachesGoal', (_c, s) => s.x === goal)],
        },
        config: {},
      }) as AnySpec
    const trace: Trace = { steps: [{ action: null, state: { x: 0 } }, { action: { name: 'Step' }, state: { x: 1 } }], loopStart: 0 }
    const t = parseItf(traceToItfJson(trace, { spec: 'cycle', model: 'cycle', params: {}, property: 'ReachesGoal', propertyKind: 'eventually', verdict: 'violated' }))
    expect(replayTrace(cycle(0, 5), t)).toMatchObject({ kind: 'reproduces' })
    expect(replayTrace(cycle(2, 5), t)).toMatchObject({ kind: 'diverges', step: 2, reason: 'loop-open' })
    expect(replayTrace(cycle(0, 1), t)).toMatchObject({ kind: 'diverges', reason: 'property-holds' })
    // A loop that closes up to a view says so through ITF and back (its text file said nothing).
    const viewed = parseItf(traceToItfJson({ ...trace, closing: { name: 'Step' }, closesUpTo: 'view' }, { spec: 'cycle', model: 'cycle', params: {}, property: 'ReachesGoal', propertyKind: 'eventually', verdict: 'violated' }))
    expect(viewed.trace).toMatchObject({ closing: { name: 'Step' }, closesUpTo: 'view' })
  })

  it('replays a lasso only as long as its loop is fair under today\'s fairness', async () => {
    // 0 ⇄ 1 by a / b, and 0 → 2 by c (enabled in 0 only). Under WF(a|b) the loop 0 → 1 → 0 never
    // reaches 2; a strongly fair c (enabled in 0, infinitely often) rules it out, a weakly fair one
    // does not (c is disabled in 1).
    const edges: Edge[] = [[0, 'a', 1], [1, 'b', 0], [0, 'c', 2]]
    const found = toySpec(edges, reaches(2), [weakFair(['a', 'b'])])
    const t = await stored(found, 'Reaches2')
    expect(t.trace.loopStart).toBe(0)
    // The step that closes the loop (no state of the trace) is in it, through ITF and back.
    expect(t.trace.closing).toMatchObject({ name: 'b' })
    expect(replayTrace(found, t)).toMatchObject({ kind: 'reproduces' })
    expect(formatReplayOutcome(replayTrace(found, t))).toMatch(/the loop from step 1 still closes, fair, and Reaches2 is still violated along it/)
    expect(replayTrace(toySpec(edges, reaches(2), [weakFair(['a', 'b']), weakFair('c')]), t)).toMatchObject({ kind: 'reproduces' })
    expect(replayTrace(toySpec(edges, reaches(2), [weakFair(['a', 'b']), strongFair('c')]), t)).toMatchObject({
      kind: 'diverges',
      reason: 'loop-unfair',
      message: 'the loop from step 1 is no longer fair: SF(c) is enabled at step 1 and never taken, so a fair behaviour leaves it',
    })
    // A weakly fair group enabled in every state of the loop: 0 → 2 by c and 1 → 2 by d.
    const both: Edge[] = [...edges, [1, 'd', 2]]
    expect(replayTrace(toySpec(both, reaches(2), [weakFair(['a', 'b']), weakFair(['c', 'd'], 'exit')]), t)).toMatchObject({
      kind: 'diverges',
      reason: 'loop-unfair',
      message: 'the loop from step 1 is no longer fair: WF(exit) is enabled in every state of it and never taken, so a fair behaviour leaves it',
    })
    // A weakly fair group whose only steps in the loop's states lead back to them (self-loops: TLA+'s
    // ⟨e⟩_vars is never enabled) does not make the loop unfair.
    const idle: Edge[] = [...edges, [0, 'e', 0], [1, 'e', 1]]
    expect(replayTrace(toySpec(idle, reaches(2), [weakFair(['a', 'b']), weakFair('e')]), t)).toMatchObject({ kind: 'reproduces' })
  })

  it('replays a lasso that stutters forever in its last state, where no fair action changes it (as the checker writes them)', async () => {
    const spec = (await import('../../specs/two-phase-commit-net-liveness-blocking.ts')).default as AnySpec
    for (const property of ['EveryoneDecides', 'PreparedLearnsOutcome']) {
      const t = await stored(spec, property)
      expect(t.trace.loopStart).toBe(t.trace.steps.length - 1)
      const out = replayTrace(spec, t)
      expect(out, property).toMatchObject({ kind: 'reproduces' })
      expect(formatReplayOutcome(out, property)).toMatch(/still stutters forever in step \d+ \(no fair action changes it\)/)
    }
    // Where a fair action is enabled in that state, stuttering there is unfair: the loop does not close.
    type T = { readonly x: number }
    const stuck = (fair: boolean): AnySpec =>
      defineSpec({
        name: 'stuck',
        model: {
          name: 'stuck',
          init: () => [{ x: 0 }],
          next: (_c: unknown, s: T) => (s.x < 2 ? [[{ name: 'Step' }, { x: s.x + 1 }] as const] : []),
          properties: [eventually<unknown, T>('ReachesThree', (_c, s) => s.x === 3)],
          ...(fair ? { fairness: [weakFair('Step')] } : {}),
        },
        config: {},
      }) as AnySpec
    const lasso: Trace = { steps: [{ action: null, state: { x: 0 } }, { action: { name: 'Step' }, state: { x: 1 } }], loopStart: 1 }
    const itf = parseItf(traceToItfJson(lasso, { spec: 'stuck', model: 'stuck', params: {}, property: 'ReachesThree', propertyKind: 'eventually', verdict: 'violated' }))
    expect(replayTrace(stuck(false), itf)).toMatchObject({ kind: 'reproduces' })
    expect(replayTrace(stuck(true), itf)).toMatchObject({ kind: 'diverges', step: 2, reason: 'loop-open', message: 'step 2 can no longer stutter forever: Step, a fair action, is enabled there and changes it' })
    // A step back to the same state (a model's Idle or Stutter) does not close the loop: it stutters too.
    const idle = (fairness: 'weak' | 'strong'): AnySpec => {
      const base = stuck(true)
      const m = base.model as unknown as { next: (c: unknown, s: T) => readonly (readonly [{ name: string }, T])[] }
      return { ...base, model: { ...base.model, next: (c: unknown, s: T) => [...m.next(c, s), [{ name: 'Idle' }, s] as const], fairness: [fairness === 'weak' ? weakFair('Step') : strongFair('Step')] } } as AnySpec
    }
    expect(replayTrace(idle('weak'), itf)).toMatchObject({ kind: 'diverges', reason: 'loop-open' })
    expect(replayTrace(idle('strong'), itf)).toMatchObject({ kind: 'diverges', reason: 'loop-open' })
    // A fair group enabled only by a step that changes nothing does not forbid stuttering.
    const idleFair = { ...stuck(false), model: { ...stuck(false).model, next: (_c: unknown, s: T) => (s.x < 2 ? [[{ name: 'Idle' }, s] as const] : []), fairness: [weakFair('Idle')] } } as AnySpec
    expect(replayTrace(idleFair, parseItf(traceToItfJson({ steps: [{ action: null, state: { x: 0 } }], loopStart: 0 }, { spec: 'stuck', model: 'stuck', params: {}, property: 'ReachesThree', propertyKind: 'eventually', verdict: 'violated' })))).toMatchObject({ kind: 'reproduces' })
  })

  it('replays a trace from any of the initial states, not only the first', async () => {
    // Two initial states, 0 and 10; Small (x < 11) fails first one step on from 10.
    const one = counter({ limit: 12, smallBelow: 11 })
    const two = defineSpec({ ...one, model: { ...one.model, init: () => [{ x: 0 }, { x: 10 }] } }) as AnySpec
    const t = await stored(two, 'Small')
    expect(t.trace.steps.map((s) => (s.state as S).x)).toEqual([10, 11])
    expect(replayTrace(two, t)).toMatchObject({ kind: 'reproduces', steps: 2 })
  })

  it('needs the trace to name its property', async () => {
    const t = await stored(counter(), 'Small')
    expect(() => replayTrace(counter(), { ...t, origin: {} })).toThrow(UsageError)
  })

  it('replays a trace however its values were written: #set or list, None or the JSON null of older traces', async () => {
    // 3PC states hold null: today's file writes it as None; a file from before wrote JSON null.
    const today = readFileSync('traces/examples/three-phase-commit-partition.itf.json', 'utf8')
    const before = today.replaceAll('{"tag":"None","value":{"#tup":[]}}', 'null')
    expect(before).not.toBe(today)
    for (const text of [today, before]) expect(replayTrace(threePhasePartition as AnySpec, parseItf(text)).kind).toBe('reproduces')
    // 2PC declares a schema: its sets are written as #set, or as lists without the schema.
    const r = await check(earlyCommit as AnySpec)
    const p = r.properties.find((x) => x.name === 'TCConsistent')!
    const origin: TraceOrigin = { spec: r.spec, model: r.model, params: r.params, property: p.name, propertyKind: p.kind, verdict: p.verdict }
    const withSets = traceToItfJson(p.trace!, origin, { schema: stateSchemaOf(earlyCommit as AnySpec, r.params) })
    expect(withSets).toContain('"#set"')
    for (const text of [withSets, traceToItfJson(p.trace!, origin)]) expect(replayTrace(earlyCommit as AnySpec, parseItf(text)).kind).toBe('reproduces')
  })
})
