/** Counterexample minimisation (ddmin over action labels). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { actionLabel, always, check, defineSpec, Steps } from '../../src/index.ts'
import type { Action, Model, Trace, TraceStep } from '../../src/index.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { minimizeTrace, minimizeTraceAsync } from '../../src/explore/minimize.ts'
import { prepare } from '../../src/explore/prepare.ts'
import earlyCommit from '../../specs/two-phase-commit-early-commit.ts'
import counterSpec from '../fixtures/counter.ts'
import diamondSpec from '../fixtures/diamond.ts'
import type { Graph } from '../fixtures/graph.ts'
import { graphSpec } from '../fixtures/graph.ts'
import { traceOf } from '../fixtures/trace-of.ts'

type AnySpecLike = Parameters<typeof prepare>[0]

/** A seeded random walk (choices pick among enabled steps) until `stop` or a dead end. */
function walk(spec: AnySpecLike, choices: readonly number[], stop: (s: unknown) => boolean, params = {}): Trace | undefined {
  const p = prepare(spec, resolveOptions({ params }))
  let state = p.initStates()[0]
  const steps: TraceStep[] = [{ action: null, state }]
  if (stop(state)) return { steps }
  for (const c of choices) {
    const succ = p.expand(state)
    if (succ.length === 0) return undefined
    const [a, t] = succ[c % succ.length]!
    state = t
    steps.push({ action: a, state })
    if (stop(state)) return { steps }
  }
  return undefined
}

const labels = (t: Trace) => t.steps.slice(1).map((s) => actionLabel(s.action!))

/** Re-executes a trace's labels: every step enabled, reaching the same states. */
function expectValid(spec: AnySpecLike, t: Trace, params = {}): void {
  const again = traceOf(spec, labels(t), params)
  expect(again.steps.map((s) => s.state)).toEqual(t.steps.map((s) => s.state))
}

describe('minimizeTrace', () => {
  it('shrinks a padded 2PC counterexample (redeliveries, extra receipts) to a 1-minimal one', () => {
    const padded = traceOf(earlyCommit, [
      'RMPrepare(r1)', 'RMPrepare(r2)', 'TMRcvPrepared(r1)', 'TMRcvPrepared(r1)', 'TMRcvPrepared(r2)', 'TMRcvPrepared(r2)',
      'TMCommit', 'RMRcvCommitMsg(r2)', 'RMRcvCommitMsg(r1)', 'RMRcvCommitMsg(r2)', 'RMChooseToAbort(r3)',
    ])
    expect(padded.steps).toHaveLength(12)
    const { trace, tests } = minimizeTrace(earlyCommit, padded, 'TCConsistent')
    expect(labels(trace)).toEqual(['RMPrepare(r1)', 'RMPrepare(r2)', 'TMRcvPrepared(r1)', 'TMRcvPrepared(r2)', 'TMCommit', 'RMRcvCommitMsg(r2)', 'RMChooseToAbort(r3)'])
    expect(trace.steps).toHaveLength(8) // the BFS length: here 1-minimal is also shortest
    expect(tests).toBeGreaterThan(1)
    expectValid(earlyCommit, trace)
  })

  it('cuts the trace at the first violating state', () => {
    const t = traceOf(counterSpec, ['Inc', 'Inc', 'Inc'], { max: 5, limit: 2 })
    const { trace } = minimizeTrace(counterSpec, t, 'Below', { params: { max: 5, limit: 2 } })
    expect(labels(trace)).toEqual(['Inc', 'Inc'])
  })

  it('random counter walks with resets shrink to Inc × limit', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), fc.integer({ min: 1, max: 6 }), (choices, limit) => {
        const params = { max: 8, limit }
        const t = walk(counterSpec, choices, (s) => (s as { x: number }).x >= limit, params)
        fc.pre(t !== undefined)
        const { trace } = minimizeTrace(counterSpec, t!, 'Below', { params })
        expect(labels(trace)).toEqual(Array(limit).fill('Inc'))
      }),
      { numRuns: 100, seed: 5 },
    )
  })

  const graphArb = fc.integer({ min: 2, max: 10 }).chain((size) => {
    const node = fc.integer({ min: 0, max: size - 1 })
    return fc.record({
      size: fc.constant(size),
      init: fc.tuple(node).map((x) => [...x]),
      edges: fc.array(fc.array(node, { minLength: 1, maxLength: 3 }), { minLength: size, maxLength: size }),
      bad: fc.uniqueArray(node, { minLength: 1, maxLength: 2 }),
    })
  })

  it('on random graphs: a valid, violating, 1-minimal trace no shorter than the BFS one', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), async (g: Graph, choices) => {
        const spec = graphSpec(g)
        const isBad = (s: unknown) => g.bad.includes((s as { node: number }).node)
        const t = walk(spec, choices, isBad)
        fc.pre(t !== undefined)
        const { trace } = minimizeTrace(spec, t!, 'NotBad')
        expectValid(spec, trace)
        expect(isBad(trace.steps.at(-1)!.state)).toBe(true)
        expect(trace.steps.length).toBeLessThanOrEqual(t!.steps.length)
        const bfs = await check(spec, { properties: ['NotBad'] })
        expect(trace.steps.length).toBeGreaterThanOrEqual(bfs.properties[0]!.trace!.steps.length)
        // 1-minimal: dropping any single step gives no violating behaviour of the same prefix.
        const ls = labels(trace)
        for (let i = 0; i < ls.length; i++) {
          const fewer = [...ls.slice(0, i), ...ls.slice(i + 1)]
          let bad = false
          try {
            const u = traceOf(spec, fewer)
            bad = u.steps.some((s) => isBad(s.state))
          } catch {
            bad = false // not a behaviour
          }
          expect(bad).toBe(false)
        }
      }),
      { numRuns: 120, seed: 9 },
    )
  })

  it('falls back to the same action with other parameters when a label is no longer enabled', () => {
    interface S {
      readonly x: number
      readonly read: number | null
    }
    const model: Model<null, S> = {
      name: 'register',
      init: () => [{ x: 0, read: null }],
      next: (_c, s) =>
        new Steps<Action, S>()
          .add({ name: 'Write', v: s.x + 1 } as Action, s.x < 3 ? { ...s, x: s.x + 1 } : null)
          .add({ name: 'Read', v: s.x } as Action, s.x > 0 && s.read === null ? { ...s, read: s.x } : null).list,
      properties: [always('NeverRead', (_c, s) => s.read === null)],
    }
    const spec = defineSpec({ name: 'register', model, config: null })
    // Removing Write(2) leaves Read(2) disabled; Read(1), the same action, takes its place.
    const { trace } = minimizeTrace(spec, traceOf(spec, ['Write(1)', 'Write(2)', 'Read(2)']), 'NeverRead')
    expect(labels(trace)).toEqual(['Write(1)', 'Read(1)'])
  })

  it('shortcuts to a later state that is one step away (a reordering no removal finds)', () => {
    interface S {
      readonly x: number
      readonly y: number
    }
    const model: Model<null, S> = {
      name: 'both',
      init: () => [{ x: 0, y: 0 }],
      next: (_c, s) =>
        new Steps<Action, S>()
          .add({ name: 'IncX' }, s.x < 2 ? { ...s, x: s.x + 1 } : null)
          .add({ name: 'IncY' }, s.y < 2 ? { ...s, y: s.y + 1 } : null)
          .add({ name: 'IncBoth' }, s.x < 2 && s.y < 2 ? { x: s.x + 1, y: s.y + 1 } : null).list,
      properties: [always('NotBoth', (_c, s) => s.x === 0 || s.y === 0)],
    }
    const spec = defineSpec({ name: 'both', model, config: null })
    const { trace } = minimizeTrace(spec, traceOf(spec, ['IncX', 'IncY']), 'NotBoth')
    expect(labels(trace)).toEqual(['IncBoth'])
  })

  it('minimises deadlock traces', () => {
    const model: Model<null, { readonly a: number; readonly b: number }> = {
      name: 'two-counters',
      init: () => [{ a: 0, b: 0 }],
      next: (_c, s) =>
        new Steps<Action, { readonly a: number; readonly b: number }>()
          .add({ name: 'A' }, s.a < 3 && s.b < 2 ? { ...s, a: s.a + 1 } : null)
          .add({ name: 'B' }, s.b < 2 ? { ...s, b: s.b + 1 } : null).list,
      properties: [always('True', () => true)],
    }
    const spec = defineSpec({ name: 'two-counters', model, config: null })
    const t = traceOf(spec, ['A', 'A', 'B', 'A', 'B'])
    expect(labels(minimizeTrace(spec, t, 'Deadlock').trace)).toEqual(['B', 'B'])
  })

  // The search keeps a state the constraint cuts but never expands it, and never calls it
  // deadlocked: a shrunk trace through one is no behaviour of the searched space, however short.
  it("never goes through a state the constraint cuts, nor ends in one as a deadlock", () => {
    type Node = { readonly n: number }
    // 0 -a-> 1 -b-> 2 -c-> 3 (bad), 1 -d-> 4 (no successor); shorter, through cut states:
    // 0 -b-> 7 -c-> 3 and 0 -d-> 8 (no successor). The constraint cuts 7 and 8.
    const edges: Record<number, readonly (readonly [string, number])[]> = {
      0: [['a', 1], ['b', 7], ['d', 8]],
      1: [['b', 2], ['d', 4]],
      2: [['c', 3]],
      7: [['c', 3]],
    }
    const model: Model<null, Node> = {
      name: 'cut-shortcut',
      init: () => [{ n: 0 }],
      next: (_c, s) => (edges[s.n] ?? []).map(([name, n]) => [{ name }, { n }] as const),
      properties: [always('Not3', (_c, s) => s.n !== 3)],
    }
    const spec = defineSpec({ name: 'cut-shortcut', model, config: null, constraint: (_c, s: Node) => s.n !== 7 && s.n !== 8 })
    expect(labels(minimizeTrace(spec, traceOf(spec, ['a', 'b', 'c']), 'Not3').trace)).toEqual(['a', 'b', 'c'])
    expect(labels(minimizeTrace(spec, traceOf(spec, ['a', 'd']), 'Deadlock').trace)).toEqual(['a', 'd'])
  })

  it('refuses what it cannot minimise, with a clear error', () => {
    const ok = traceOf(earlyCommit, ['RMPrepare(r1)'])
    expect(() => minimizeTrace(earlyCommit, ok, 'TCConsistent')).toThrow(/does not violate TCConsistent/)
    expect(() => minimizeTrace(earlyCommit, ok, 'AllCommitted')).toThrow(/'sometimes' property; only invariants/)
    expect(() => minimizeTrace(earlyCommit, ok, 'Nope')).toThrow(/has no property Nope/)
    expect(() => minimizeTrace(earlyCommit, { ...ok, loopStart: 0 }, 'TCConsistent')).toThrow(/lassos/)
    const foreign = { steps: [{ action: null, state: { x: 1 } }] }
    expect(() => minimizeTrace(counterSpec, foreign, 'Below')).toThrow(/not an initial state/)
    expect(() => minimizeTrace(diamondSpec, traceOf(diamondSpec, ['SetA']), 'Deadlock')).toThrow(/does not violate Deadlock/)
  })
})

describe('minimizeTrace on DFS and simulation counterexamples of bundled specs', () => {
  // Each spec's expected BFS length is the floor; the minimised trace must be valid, still violate
  // the property, and be no longer than the explorer's own.
  const cases = [
    ['two-phase-commit-early-commit', 'TCConsistent'],
    ['primary-backup-sync', 'LinearizableReads'],
    ['cap-ap', 'Consistent'],
  ] as const
  for (const [name, property] of cases) {
    for (const strategy of ['dfs', 'simulate'] as const) {
      it(`${name}: ${property} (${strategy})`, async () => {
        const { default: spec } = (await import(`../../specs/${name}.ts`)) as { default: AnySpecLike }
        const r = await check(spec, { strategy, properties: [property], seed: 1, traces: 2000, maxSteps: 60 })
        const found = r.properties[0]!
        expect(found.verdict).toBe('violated')
        const { trace } = minimizeTrace(spec, found.trace!, property)
        expectValid(spec, trace)
        const holds = (spec.model.properties.find((p) => p.name === property) as { holds: (c: unknown, s: unknown) => boolean }).holds
        const config = prepare(spec, resolveOptions()).config
        expect(holds(config, trace.steps.at(-1)!.state)).toBe(false)
        expect(trace.steps.length).toBeLessThanOrEqual(found.trace!.steps.length)
        expect(trace.steps.length).toBe(spec.expect!.violated![property]!.length)
      })
    }
  }
})

describe('minimizeTrace is bounded and interruptible', () => {
  // Inc × n on a counter whose limit is n: already minimal, so 1-minimality would re-execute
  // about n candidates of n steps each.
  const n = 20_000
  const incs = (): Trace => traceOf(counterSpec, Array.from({ length: n }, () => 'Inc'), { max: n, limit: n })

  it('stops at its step budget with the shortest trace so far, marked incomplete', () => {
    const m = minimizeTrace(counterSpec, incs(), 'Below', { params: { max: n, limit: n }, maxSteps: 100_000 })
    expect(m.complete).toBe(false)
    expect(m.trace.steps.length).toBe(n + 1)
    // Each candidate re-executes at most n steps: the budget allows a handful.
    expect(m.tests).toBeLessThanOrEqual(100_000 / (n / 2) + 2)
  })

  it('returns at once when its signal is aborted (async)', async () => {
    const ac = new AbortController()
    ac.abort()
    const m = await minimizeTraceAsync(counterSpec, incs(), 'Below', { params: { max: n, limit: n }, signal: ac.signal })
    expect(m.complete).toBe(false)
    expect(m.tests).toBeLessThan(200)
  })

  it('still completes when it has the budget, as before', () => {
    const m = minimizeTrace(counterSpec, traceOf(counterSpec, ['Inc', 'Reset', 'Inc', 'Inc', 'Inc'], { max: 3, limit: 3 }), 'Below', { params: { max: 3, limit: 3 } })
    expect(m.complete).toBe(true)
    expect(m.trace.steps.length).toBe(4)
  })
})
