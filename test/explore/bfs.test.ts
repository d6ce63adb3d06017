/**
 * BFS, the oracle, against a naive reference search on random small graphs (fast-check), plus the
 * fixture models' pinned state spaces, path replay, limits and debug mode.
 */
import fc from 'fast-check'
import { List, Map as IMap } from 'immutable'
import { describe, expect, it } from 'vitest'
import { actionLabel, always, check, defineSpec, eventually, schema, sometimes, weakFair } from '../../src/index.ts'
import { expectSpec } from '../../src/testing/index.ts'
import { ModelError } from '../../src/core/errors.ts'
import type { Model, Trace } from '../../src/index.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { replayPath } from '../../src/explore/replay-path.ts'
import { NO_PARENT, VisitedSet } from '../../src/explore/visited-set.ts'
import { FingerprintSet } from '../../src/explore/fingerprint-set.ts'
import { entryA, entryB, fingerprint, fp, intA, intB, lanes, partHash, recordA, recordB, setFingerprint } from '../../src/state/fingerprint.ts'
import counterSpec, { counter } from '../fixtures/counter.ts'
import diamondSpec from '../fixtures/diamond.ts'
import type { Graph } from '../fixtures/graph.ts'
import { graphSpec, triangle } from '../fixtures/graph.ts'
import { cyclic, flippingSpec, mutatingSpec, stampingSpec } from '../fixtures/misbehaving.ts'

// ---- the reference: textbook BFS over the adjacency lists ----------------------------------------

interface Reference {
  readonly dist: ReadonlyMap<number, number>
  readonly distinct: number
  readonly total: number
  readonly depth: number
  /** Shortest distance (edges) to a node satisfying `pred`, or undefined. */
  readonly nearest: (pred: (n: number) => boolean) => number | undefined
}

function reference(g: Graph, maxDepth = Infinity): Reference {
  const frozen = new Set(g.frozen ?? [])
  const dist = new Map<number, number>()
  let total = g.init.length
  let level: number[] = []
  for (const n of g.init) {
    if (!dist.has(n)) {
      dist.set(n, 0)
      level.push(n)
    }
  }
  let d = 0
  while (level.length > 0 && d + 1 < maxDepth) {
    const nextLevel: number[] = []
    for (const n of level) {
      if (frozen.has(n)) continue
      for (const m of g.edges[n] ?? []) {
        total++
        if (!dist.has(m)) {
          dist.set(m, d + 1)
          nextLevel.push(m)
        }
      }
    }
    level = nextLevel
    d++
  }
  const depth = Math.max(...dist.values()) + 1
  return {
    dist,
    distinct: dist.size,
    total,
    depth,
    nearest: (pred) => {
      const ds = [...dist].filter(([n]) => pred(n)).map(([, k]) => k)
      return ds.length > 0 ? Math.min(...ds) : undefined
    },
  }
}

const graphArb = (opts: { frozen?: boolean } = {}): fc.Arbitrary<Graph> =>
  fc.integer({ min: 1, max: 12 }).chain((size) => {
    const node = fc.integer({ min: 0, max: size - 1 })
    return fc.record({
      size: fc.constant(size),
      init: fc.array(node, { minLength: 1, maxLength: 3 }),
      edges: fc.array(fc.array(node, { maxLength: 4 }), { minLength: size, maxLength: size }),
      bad: fc.uniqueArray(node, { maxLength: 3 }),
      frozen: opts.frozen ? fc.uniqueArray(node, { maxLength: 3 }) : fc.constant([]),
    })
  })

/** A trace is a path of `g`: starts at an initial node, each step follows an edge. */
function expectPathOf(g: Graph, trace: Trace): number[] {
  const nodes = trace.steps.map((s) => (s.state as { node: number }).node)
  expect(trace.steps[0]!.action).toBeNull()
  expect(g.init).toContain(nodes[0])
  for (let i = 1; i < nodes.length; i++) {
    expect(g.edges[nodes[i - 1]!]).toContain(nodes[i])
    expect(trace.steps[i]!.action).toEqual({ name: 'Go', to: nodes[i] })
  }
  return nodes
}

const RUNS = { numRuns: 150, seed: 20240611 }

describe('BFS equals a naive reference search on random graphs', () => {
  it('reachable set, distinct and total counts, depth (levels)', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb({ frozen: true }), async (g) => {
        const ref = reference(g)
        const r = await check(graphSpec(g), { properties: ['True'] })
        expect(r.complete).toBe(true)
        expect(r.stats.distinct).toBe(ref.distinct)
        expect(r.stats.total).toBe(ref.total)
        expect(r.stats.depth).toBe(ref.depth)
        expect(r.properties).toEqual([{ name: 'True', kind: 'always', verdict: 'holds' }])
      }),
      RUNS,
    )
  })

  it('the counterexample is a shortest path to a violating node', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb({ frozen: true }), async (g) => {
        const ref = reference(g)
        const r = await check(graphSpec(g), { properties: ['NotBad'] })
        const [prop] = r.properties
        const d = ref.nearest((n) => g.bad.includes(n))
        if (d === undefined) {
          expect(prop!.verdict).toBe('holds')
          expect(r.stats.distinct).toBe(ref.distinct)
          return
        }
        expect(prop!.verdict).toBe('violated')
        const nodes = expectPathOf(g, prop!.trace!)
        expect(nodes.length).toBe(d + 1)
        expect(g.bad).toContain(nodes.at(-1))
        // No earlier state of the trace is bad: it stops at the first violation.
        expect(nodes.slice(0, -1).some((n) => g.bad.includes(n))).toBe(false)
      }),
      RUNS,
    )
  })

  it('deadlock: a shortest path to a reachable, expanded node without successors', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb({ frozen: true }), async (g) => {
        const ref = reference(g)
        const frozen = new Set(g.frozen)
        const r = await check(graphSpec(g, { deadlock: true }), { properties: ['True'] })
        const dl = r.properties.find((p) => p.name === 'Deadlock')!
        expect(dl.kind).toBe('deadlock')
        const d = ref.nearest((n) => !frozen.has(n) && (g.edges[n] ?? []).length === 0)
        expect(r.stats.distinct).toBe(ref.distinct)
        if (d === undefined) {
          expect(dl.verdict).toBe('holds')
          return
        }
        expect(dl.verdict).toBe('violated')
        const nodes = expectPathOf(g, dl.trace!)
        expect(nodes.length).toBe(d + 1)
        expect(g.edges[nodes.at(-1)!]).toEqual([])
      }),
      RUNS,
    )
  })

  it('every stored path replays: each node is witnessed along a shortest path', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb({ frozen: true }), async (g) => {
        const ref = reference(g)
        const r = await check(graphSpec(g))
        for (let n = 0; n < g.size; n++) {
          const w = r.properties.find((p) => p.name === `Reach${n}`)!
          const d = ref.dist.get(n)
          if (d === undefined) {
            expect(w.verdict).toBe('violated') // a `sometimes` never reached, in a complete search
            continue
          }
          expect(w.verdict).toBe('holds')
          const nodes = expectPathOf(g, w.trace!)
          expect(nodes.length).toBe(d + 1)
          expect(nodes.at(-1)).toBe(n)
        }
      }),
      RUNS,
    )
  })

  it('replayPath rebuilds the stored chain of every visited state (VisitedSet + prepare)', () => {
    fc.assert(
      fc.property(graphArb(), (g) => {
        const p = prepare(graphSpec(g), resolveOptions())
        const visited = new VisitedSet(4)
        const states: unknown[] = []
        let frontier: [unknown, number][] = []
        p.initStates().forEach((s, i) => {
          p.fingerprintOf(s, null, fp)
          const idx = visited.insert(fp.hi, fp.lo, NO_PARENT, i)
          if (idx >= 0) frontier.push([s, (states[idx] = s, idx)])
        })
        while (frontier.length > 0) {
          const next: [unknown, number][] = []
          for (const [s, sidx] of frontier) {
            p.expand(s).forEach(([, t], i) => {
              p.fingerprintOf(t, null, fp)
              const idx = visited.insert(fp.hi, fp.lo, sidx, i)
              if (idx >= 0) next.push([t, (states[idx] = t, idx)])
            })
          }
          frontier = next
        }
        const ref = reference(g)
        expect(visited.size).toBe(ref.distinct)
        for (let idx = 0; idx < visited.size; idx++) {
          const trace = replayPath(p, visited, idx)
          expect(trace.steps.at(-1)!.state).toEqual(states[idx])
          expect(trace.steps.length).toBe(ref.dist.get((states[idx] as { node: number }).node)! + 1)
          expectPathOf(g, trace)
        }
      }),
      RUNS,
    )
  })

  it('maxDepth k explores exactly the nodes at distance < k and is complete only if nothing is left', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb(), fc.integer({ min: 1, max: 6 }), async (g, k) => {
        const full = reference(g)
        const ref = reference(g, k)
        const r = await check(graphSpec(g), { properties: ['True'], maxDepth: k })
        expect(r.stats.distinct).toBe(ref.distinct)
        expect(r.stats.total).toBe(ref.total)
        expect(r.complete).toBe(full.depth < k)
        if (!r.complete) {
          expect(r.stopReason).toBe('max-depth')
          expect(r.properties[0]!.verdict).toBe('unknown')
        }
      }),
      RUNS,
    )
  })
})

describe('fixture models: full state spaces as listed in their doc comments', () => {
  it('graph fixture `triangle`', async () => {
    const r = await check(graphSpec(triangle), { properties: ['True'] })
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([3, 7, 2])
    const bad = await check(graphSpec(triangle), { properties: ['NotBad'] })
    expect(bad.properties[0]!.trace!.steps.map((s) => s.state)).toEqual([{ node: 0 }, { node: 2 }])
  })

  it('counter: distinct max+1, total 1+2·max, depth max+1; Below violated by Inc × limit', async () => {
    const r = await check(counterSpec)
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([4, 7, 4])
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['Below', 'holds'],
      ['Reached', 'holds'],
    ])
    expect(r.properties[1]!.trace!.steps.map((s) => s.state)).toEqual([{ x: 0 }, { x: 1 }, { x: 2 }, { x: 3 }])
    for (const max of [0, 1, 5, 40]) {
      const m = await check(counterSpec, { params: { max, limit: 1000 }, properties: ['Below'] })
      expect([m.stats.distinct, m.stats.total, m.stats.depth]).toEqual([max + 1, 1 + 2 * max, max + 1])
    }
    const v = await check(counterSpec, { params: { max: 5, limit: 3 } })
    const below = v.properties[0]!
    expect(below.verdict).toBe('violated')
    expect(below.trace!.steps.map((s) => (s.action ? actionLabel(s.action) : 'init'))).toEqual(['init', 'Inc', 'Inc', 'Inc'])
    expect(below.trace!.steps.at(-1)!.state).toEqual({ x: 3 })
  })

  it('diamond: 4 distinct, 5 total, depth 3; deadlock at {a,b} after SetA, SetB', async () => {
    const r = await check(diamondSpec)
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([4, 5, 3])
    const d = await check(diamondSpec, { deadlock: true })
    const dl = d.properties.find((p) => p.name === 'Deadlock')!
    expect(dl.verdict).toBe('violated')
    expect(dl.trace!.steps.map((s) => s.state)).toEqual([
      { a: false, b: false },
      { a: true, b: false },
      { a: true, b: true },
    ])
    expect([d.stats.distinct, d.stats.total]).toEqual([4, 5])
    const both = await check(diamondSpec, { properties: ['NotBoth'] })
    expect(both.properties[0]!.trace!.steps.length).toBe(3)
    // The line printed to reproduce a deadlock names it (`--property Deadlock --deadlock`): that
    // asks for the deadlock check alone (it was "unknown property 'Deadlock'", exit 2).
    const alone = await check(diamondSpec, { deadlock: true, properties: ['Deadlock'] })
    expect(alone.properties.map((p) => [p.name, p.verdict])).toEqual([['Deadlock', 'violated']])
    await expect(check(diamondSpec, { properties: ['Deadlock'] })).rejects.toThrow(/unknown property 'Deadlock'/)
  })

  it('a model over Immutable.js states explores the same space as its plain twin', async () => {
    type S = IMap<string, number | List<number>>
    const model: Model<{ max: number }, S> = {
      name: 'immutable-counter',
      init: () => [IMap({ x: 0, hist: List<number>() })],
      next: (c, s) => {
        const x = s.get('x') as number
        const out: [{ name: string }, S][] = []
        if (x < c.max) out.push([{ name: 'Inc' }, s.set('x', x + 1)])
        if (x > 0) out.push([{ name: 'Reset' }, s.set('x', 0)])
        return out
      },
      properties: [always('Below', (c, s) => (s.get('x') as number) <= c.max), sometimes('Top', (c, s) => s.get('x') === c.max)],
    }
    const spec = defineSpec({ name: 'immutable-counter', model, config: { max: 7 } })
    const r = await check(spec, { properties: ['Below'] })
    const plain = await check(counterSpec, { params: { max: 7 }, properties: ['Below'] })
    expect(r.stats).toMatchObject({ distinct: plain.stats.distinct, total: plain.stats.total, depth: plain.stats.depth })
    expect((await check(spec, { properties: ['Top'] })).properties[0]!.trace!.steps.length).toBe(8)
  })

  it('counter with a constraint keeps excluded states but does not expand them', async () => {
    const spec = defineSpec({ ...counterSpec, name: 'counter-c', constraint: (_c, s) => s.x < 2 })
    const r = await check(spec)
    // 0 and 1 expanded; 2 reached but not expanded: states {0,1,2}, steps 0→1, 1→2, 1→0.
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([3, 4, 3])
  })

  // TLC never stores a state its CONSTRAINT excludes: a port's distinct count differed from TLC's
  // by those states (LamportMutex: 922,956 here, 724,274 for TLC), with nothing to say how many.
  it('counts the states the constraint cut (TLC leaves them out of its distinct count), and a spec may pin those within it', async () => {
    const spec = defineSpec({ ...counterSpec, name: 'counter-c', check: ['Below'], constraint: (_c, s) => s.x < 2 })
    const r = await check(spec)
    // {0, 1} within, {2} cut: depth 3 here, 2 for TLC, which never stores 2.
    expect([r.stats.distinct, r.stats.cut, r.stats.depth, r.stats.depthWithin]).toEqual([3, 1, 3, 2])
    // Cut at 1: {0} within, {1} reached and cut.
    const wide = await check(defineSpec({ ...spec, name: 'counter-w', constraint: (_c, s) => s.x !== 1 }))
    expect([wide.stats.distinct, wide.stats.cut, wide.stats.depth, wide.stats.depthWithin]).toEqual([2, 1, 2, 1])
    expect((await check(counterSpec)).stats.cut).toBeUndefined()
    // A DFS begins every state once, as the BFS does; with a depth bound a state may be begun
    // twice, and a simulation meets states again and again: neither counts.
    expect((await check(spec, { strategy: 'dfs' })).stats.cut).toBe(1)
    expect((await check(spec, { strategy: 'dfs', maxDepth: 10 })).stats.cut).toBeUndefined()
    expect((await check(spec, { strategy: 'simulate', maxSteps: 5 })).stats.cut).toBeUndefined()
    // Pinned: `withinConstraint` is held to distinct - cut, as the counts are.
    const pin = (withinConstraint: number) => defineSpec({ ...spec, expect: { distinct: 3, total: 4, depth: 3, withinConstraint } })
    await expect(expectSpec(pin(2)).toMatchExpectation()).resolves.toBeDefined()
    await expect(expectSpec(pin(3)).toMatchExpectation()).rejects.toThrow(/distinct states within the constraint: expected 3, got 2/)
    // Pinned alone, it is compared all the same (it once made no count "pinned").
    const alone = (withinConstraint: number) => defineSpec({ ...spec, expect: { withinConstraint } })
    await expect(expectSpec(alone(2)).toMatchExpectation()).resolves.toBeDefined()
    await expect(expectSpec(alone(3)).toMatchExpectation()).rejects.toThrow(/distinct states within the constraint: expected 3, got 2/)
    await expect(check(defineSpec({ ...counterSpec, name: 'counter-p', expect: { withinConstraint: 2 } }))).rejects.toThrow(
      "spec counter-p: expect.withinConstraint pins the states within the spec's constraint, and the spec has none (pin distinct instead)",
    )
    // TLC's depth too: 2 levels within the constraint where the BFS has 3.
    const deep = (depthWithinConstraint: number) => defineSpec({ ...spec, expect: { distinct: 3, depth: 3, depthWithinConstraint } })
    await expect(expectSpec(deep(2)).toMatchExpectation()).resolves.toBeDefined()
    await expect(expectSpec(deep(3)).toMatchExpectation()).rejects.toThrow(/depth within the constraint: expected 3, got 2/)
    await expect(check(defineSpec({ ...counterSpec, name: 'counter-d', expect: { depthWithinConstraint: 2 } }))).rejects.toThrow(
      "spec counter-d: expect.depthWithinConstraint pins the states within the spec's constraint, and the spec has none (pin depth instead)",
    )
  })

  it("a constraint that throws or answers no boolean is the spec's model error, naming the state", async () => {
    const boom = defineSpec({ ...counterSpec, name: 'counter-boom', constraint: (_c, s) => {
      if (s.x === 1) throw new Error('boom in constraint')
      return true
    } })
    await expect(check(boom)).rejects.toThrow(/^spec counter-boom: constraint threw: boom in constraint \(at .*bfs\.test\.ts:\d+\)\), in state \{"x":1\}$/)
    const forgot = defineSpec({ ...counterSpec, name: 'counter-forgot', constraint: ((_c: unknown, s: { x: number }) => void s) as never })
    await expect(check(forgot)).rejects.toThrow('spec counter-forgot: constraint returned undefined, not a boolean, in state {"x":0}')
  })

  it('two properties of one name are a model error (a liveness pair was merged: both reported the last one\'s verdict)', async () => {
    const twice = (first: boolean) => defineSpec({
      ...counterSpec,
      name: 'counter-twice',
      model: { ...counter, properties: [eventually('Top', () => first), eventually('Top', () => !first)], fairness: [weakFair('Inc')] },
    })
    for (const first of [true, false]) await expect(check(twice(first))).rejects.toThrow(new ModelError('model counter: two properties are named Top; give each its own name'))
    const safety = defineSpec({ ...counterSpec, name: 'counter-twice', model: { ...counter, properties: [always('A', () => true), always('A', () => false)] } })
    await expect(check(safety)).rejects.toThrow(/two properties are named A/)
  })

  it('next that returns no list (a forgotten return, a Promise) is a model error saying so, not "next threw"', async () => {
    const returning = (v: unknown) => defineSpec({ ...counterSpec, name: 'counter-next', model: { ...counter, next: (() => v) as never } })
    await expect(check(returning(undefined))).rejects.toThrow('model counter: next returned undefined, not a list of [action, state] steps, in state {"x":0}')
    await expect(check(returning(Promise.resolve([])))).rejects.toThrow(/^model counter: next returned a Promise \(next must be synchronous\)/)
    // Any iterable will do.
    const gen = defineSpec({ ...counterSpec, name: 'counter-gen', model: { ...counter, next: (c, s) => new Set(counter.next(c, s)) } })
    expect((await check(gen)).stats.distinct).toBe((await check(counterSpec)).stats.distinct)
  })

  it('a property that throws names the model, the line it threw at and the state, sequential and in the parallel engine', async () => {
    const boom = defineSpec({
      ...counterSpec,
      name: 'counter-prop',
      model: { ...counter, properties: [always('Boom', (_c, s) => {
        if ((s as { x: number }).x === 2) throw new Error('oops')
        return true
      })] },
    })
    // As an action's error does (`next threw: … (at fn (file:line))`).
    const line = /^model counter: property Boom threw: oops \(at .*test\/explore\/bfs\.test\.ts:\d+\)\), in state \{"x":2\}$/
    await expect(check(boom)).rejects.toThrow(line)
    const url = new URL('../fixtures/counter.ts', import.meta.url).href
    await expect(check(boom, { workers: 2, specUrl: url })).rejects.toThrow(line)
  })

  it('maxStates stops the search and marks it incomplete', async () => {
    const r = await check(counterSpec, { params: { max: 5000, limit: 10_000 }, maxStates: 100 })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('max-states')
    expect(r.stats.distinct).toBeGreaterThanOrEqual(100)
    expect(r.stats.distinct).toBeLessThan(5001)
    expect(r.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown'])
  })

  it('an aborted signal interrupts the search', async () => {
    const ac = new AbortController()
    ac.abort()
    const r = await check(counterSpec, { params: { max: 100_000 }, signal: ac.signal })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('interrupted')
  })

  it('stops early once every checked property is decided, and says so', async () => {
    // `Reached` needs x = 1000: the search goes on to the last level, though `Below` failed at 2.
    const r = await check(counterSpec, { params: { max: 1000, limit: 2 } })
    expect(r.stats.distinct).toBe(1001)
    expect(r.properties.map((p) => p.verdict)).toEqual(['violated', 'holds'])
    const e = await check(counterSpec, { params: { max: 1000, limit: 2 }, properties: ['Below'] })
    expect(e.decidedEarly).toBe(true)
    expect(e.complete).toBe(true)
    expect(e.stats.distinct).toBeLessThan(10)
  })

  // The level driver (`searchLevels`) is shared by the sequential, packed and thread BFS, so no
  // parity test can see its depth bookkeeping; only a pinned depth can (engine mutant B01, once
  // caught by one golden spec alone).
  it('a search decided early counts as its depth the levels it began, not the level where it stopped', async () => {
    for (const limit of [1, 2, 3]) {
      // Below fails at x = limit, found while expanding level `limit` (x = limit - 1): that state
      // is kept (limit + 1 states), its level never begun.
      const r = await check(counterSpec, { params: { max: 1000, limit }, properties: ['Below'] })
      expect([r.decidedEarly, r.stats.distinct, r.stats.depth, r.properties[0]!.trace!.steps.length]).toEqual([true, limit + 1, limit, limit + 1])
    }
  })

  it('coverage counts fired and discovering steps per action, and lists actions that never fired', async () => {
    const r = await check(counterSpec)
    expect(r.coverage).toEqual([
      { name: 'Inc', fired: 3, discovered: 3 },
      { name: 'Reset', fired: 3, discovered: 0 },
    ])
    const none = await check(counterSpec, { params: { max: 0 } })
    expect(none.neverFired).toEqual(['Inc', 'Reset'])
    expect(counter.actions).toEqual(['Inc', 'Reset'])
  })

  it("counts under a model's coverageName, lists its coverageNames never taken, and refuses a name that is no string", async () => {
    const named: typeof counter = {
      ...counter,
      coverageName: (a) => `${a.name}!`,
      coverageNames: () => ['Inc!', 'Reset!', 'Never!'],
    }
    const r = await check(defineSpec({ ...counterSpec, model: named }))
    expect(r.coverage.map((c) => c.name)).toEqual(['Inc!', 'Reset!'])
    expect(r.neverFired).toEqual(['Never!'])
    const bad: typeof counter = { ...counter, coverageName: () => 7 as unknown as string }
    await expect(check(defineSpec({ ...counterSpec, model: bad }))).rejects.toThrow(/^model counter: coverageName returned 7 on action Inc, not a name \(a string\)$/)
  })
})

describe('stuttering steps', () => {
  // The BFS skips hashing a step that returns the state itself, and probing one whose fingerprint
  // is its parent's: both must still count as generated, and as duplicates.
  it('a step back to the state (the same instance, or an equal one) is counted and discovers nothing', async () => {
    type S = { readonly x: number }
    const model: Model<{ n: number }, S> = {
      name: 'stutter',
      init: () => [{ x: 0 }],
      next: (c, s) => [
        ...(s.x < c.n ? [[{ name: 'Inc' }, { x: s.x + 1 }] as const] : []),
        [{ name: 'Stay' }, s] as const,
        [{ name: 'Same' }, { x: s.x }] as const,
      ],
      properties: [always('Small', (c, s) => s.x <= c.n)],
    }
    const r = await check(defineSpec({ name: 'stutter', model, config: { n: 2 } }))
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([3, 9, 3])
    expect(r.coverage).toEqual([
      { name: 'Inc', fired: 2, discovered: 2 },
      { name: 'Stay', fired: 3, discovered: 0 },
      { name: 'Same', fired: 3, discovered: 0 },
    ])
  })
})

describe('symmetry with a state schema', () => {
  // Two counters 0..2, each incremented on its own; swapping them is a symmetry: 6 orbits (a <= b),
  // 9 states without it. The schema hashes representatives too; one the schema does not describe
  // (another shape) falls back to the generic fingerprint, and the counts must not move.
  type S = { readonly a: number; readonly b: number }
  const twoCounters = (symmetry: (c: null, s: S) => S, withSchema: boolean): Model<null, S> => ({
    name: 'two-counters',
    init: () => [{ a: 0, b: 0 }],
    next: (_c, s) => {
      const out: [{ name: string }, S][] = []
      if (s.a < 2) out.push([{ name: 'IncA' }, { a: s.a + 1, b: s.b }])
      if (s.b < 2) out.push([{ name: 'IncB' }, { a: s.a, b: s.b + 1 }])
      return out
    },
    schema: withSchema ? () => schema.record({ a: schema.int(0, 2), b: schema.int(0, 2) }) : undefined,
    symmetry,
    properties: [always('True', () => true)],
  })
  const sorted = (_c: null, s: S): S => (s.a <= s.b ? s : { a: s.b, b: s.a })
  // Representatives of another shape once a counter reaches 2 (not a state the schema describes).
  const reshaped = (_c: null, s: S): S => {
    const t = sorted(null, s)
    return (t.b === 2 ? { lo: t.a, hi: t.b } : t) as unknown as S
  }
  const counts = async (m: Model<null, S>) => {
    const r = await check(defineSpec({ name: 'two-counters', model: m, config: null, symmetry: true }), { debug: true })
    return [r.stats.distinct, r.stats.total]
  }
  it('counts one state per orbit with the schema, as without it, whatever shape the representatives take', async () => {
    expect(await counts(twoCounters(sorted, false))).toEqual([6, 9])
    expect(await counts(twoCounters(sorted, true))).toEqual([6, 9])
    expect(await counts(twoCounters(reshaped, true))).toEqual(await counts(twoCounters(reshaped, false)))
  })

  // `symmetryFingerprint`: the representative's fingerprint without building it, here from the
  // hash parts (a record of two ints, the smaller under key a).
  const partsFingerprint = (_c: null, s: S, out: { hi: number; lo: number }): void => {
    const lo = Math.min(s.a, s.b)
    const hi = Math.max(s.a, s.b)
    setFingerprint(out, recordA((entryA(keyA.a, intA(lo)) + entryA(keyA.b, intA(hi))) | 0, 2), recordB((entryB(keyB.a, intB(lo)) + entryB(keyB.b, intB(hi))) | 0, 2))
  }
  const keyA = { a: 0, b: 0 }
  const keyB = { a: 0, b: 0 }
  for (const k of ['a', 'b'] as const) {
    partHash(k)
    keyA[k] = lanes.a
    keyB[k] = lanes.b
  }
  it('a model that gives the representative as a fingerprint counts the same orbits; debug mode checks it against the built one', async () => {
    expect(await counts({ ...twoCounters(sorted, true), symmetryFingerprint: partsFingerprint })).toEqual([6, 9])
    // A fingerprint that is not the representative's (the state's own) is caught, naming the step.
    const own = (_c: null, s: S, out: { hi: number; lo: number }): void => {
      fingerprint(s)
      out.hi = fp.hi
      out.lo = fp.lo
    }
    await expect(counts({ ...twoCounters(sorted, true), symmetryFingerprint: own })).rejects.toThrow(/action IncA: symmetryFingerprint differs/)
  })
})

describe('nothing to decide', () => {
  // Was a bug: with no properties and no deadlock check, SafetyTracker.allDecided() held before
  // the first expansion, so BFS stopped after the initial states, reporting complete with distinct 1.
  it('a model without properties is still explored completely', async () => {
    const model: Model<{ max: number; limit: number }, { readonly x: number }> = { ...counter, properties: [] }
    const r = await check(defineSpec({ name: 'no-props', model, config: { max: 3, limit: 10 } }))
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([4, 7, 4])
  })
})

describe('debug mode catches models that break the contract, naming the action', () => {
  it('a model that mutates its state', async () => {
    await expect(check(mutatingSpec, { debug: true })).rejects.toThrow(/mutating: next mutated a state.*at append \(test\/fixtures\/misbehaving\.ts:\d+\)/)
  })

  it('a model whose next lists its steps in a changing order', async () => {
    await expect(check(flippingSpec, { debug: true })).rejects.toThrow(/flipping: next is not deterministic: step 0 was (Up|Down), then (Down|Up)/)
  })

  it('a model whose action yields a different state on a second call', async () => {
    await expect(check(stampingSpec, { debug: true })).rejects.toThrow(/stamping: next is not deterministic: action Tick gave two different states/)
  })

  it('well-behaved models pass debug mode with the same counts', async () => {
    const r = await check(counterSpec, { debug: true })
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([4, 7, 4])
  })

  it('a non-plain value in a state is a model error naming the action and the path', async () => {
    const model: Model<null, { readonly x: unknown }> = {
      name: 'bad-value',
      init: () => [{ x: 0 }],
      next: (_c, s) => (s.x === 0 ? [[{ name: 'Put', what: 'map' }, { x: { inner: [1, new Map()] } }]] : []),
      properties: [always('True', () => true)],
    }
    await expect(check(defineSpec({ name: 'bad-value', model, config: null }))).rejects.toThrow(
      /action Put\(map\) produced a non-plain value: state\.x\.inner\[1\] is a JS Map/,
    )
  })

  it('a state that contains itself is a model error naming the action, not blamed on a view or symmetry the model lacks', async () => {
    const run = check(defineSpec({ name: 'cyclic', model: cyclic(false), config: null }))
    await expect(run).rejects.toThrow(/action Loop produced a state that cannot be fingerprinted: a cyclic \(or too deeply nested\) value/)
    await expect(run).rejects.not.toThrow(/view\/symmetry/)
  })
})

describe('the visited set BFS relies on', () => {
  it('agrees with a Map on random fingerprints, colliding halves included, across page growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer()), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 5000 }),
        (pairs, initial) => {
          const v = new VisitedSet(initial)
          const ref = new Map<string, number>()
          pairs.forEach(([hi, lo], i) => {
            const key = `${hi}:${lo}`
            const parent = ref.size === 0 ? NO_PARENT : i % ref.size
            const idx = v.insert(hi, lo, parent, i & 0xffff)
            const known = ref.get(key)
            if (known !== undefined) {
              expect(idx).toBe(-known - 1)
            } else {
              expect(idx).toBe(ref.size)
              ref.set(key, idx)
              expect(v.parent(idx)).toBe(parent)
              expect(v.ordinal(idx)).toBe(i & 0xffff)
            }
            expect(v.has(hi, lo)).toBe(true)
          })
          expect(v.size).toBe(ref.size)
          for (const [key, idx] of ref) {
            const [hi, lo] = key.split(':').map(Number)
            expect(v.fingerprintOf(idx)).toEqual({ hi, lo })
          }
          expect(v.has(99, 99)).toBe(false)
        },
      ),
      { numRuns: 60, seed: 3 },
    )
  })

  it('keeps every entry across two full pages (2^17 entries), within the 24 bytes per state of the design', () => {
    const v = new VisitedSet()
    const n = 1 << 17
    let wrong = 0
    for (let i = 0; i < n; i++) if (v.insert(i * 7919, i ^ 0x5bd1e995, i - 1, i & 0xffff) !== i) wrong++
    expect(wrong).toBe(0)
    for (let i = 0; i < n; i += 997) {
      expect(v.insert(i * 7919, i ^ 0x5bd1e995, 0, 0)).toBe(-i - 1)
      expect(v.parent(i)).toBe(i - 1)
    }
    expect(v.pathTo(5)).toEqual([0, 1, 2, 3, 4, 5])
    expect(v.size).toBe(n)
    expect(v.bytes() / n).toBeLessThanOrEqual(24)
  })
})

describe('model errors are ModelErrors naming what went wrong', () => {
  const base: Model<null, { readonly x: number }> = {
    name: 'base',
    init: () => [{ x: 0 }],
    next: (_c, s) => (s.x < 2 ? [[{ name: 'Inc' }, { x: s.x + 1 }]] : []),
    properties: [always('Small', (_c, s) => s.x < 10)],
  }
  const run = (m: Partial<Model<null, { readonly x: number }>>) => check(defineSpec({ name: 'e', model: { ...base, ...m }, config: null }))

  it('init that throws, or returns no state', async () => {
    // The function is named like the method, so V8 prints no "[as init]" alias (see test/core).
    const init = (): never => {
      throw new Error('no config')
    }
    await expect(run({ init })).rejects.toThrow(/model base: init threw: no config \(at (Object\.)?init \(test\/explore\/bfs\.test\.ts:\d+\)\)/)
    await expect(run({ init: () => [] })).rejects.toThrow(/init must return a non-empty array of states/)
  })

  it('next that throws, yields an action without a name, or a step without a state', async () => {
    await expect(run({ next: () => { throw new Error('kaput') } })).rejects.toThrow(/model base: next threw: kaput/)
    await expect(run({ next: () => [[{} as { name: string }, { x: 1 }]] })).rejects.toThrow(/an action has no string 'name'|action has no string 'name'/)
    await expect(run({ next: () => [[{ name: 'Gap' }, undefined as never]] })).rejects.toThrow(/action Gap yielded no state/)
  })

  it('a property that throws', async () => {
    await expect(run({ properties: [always('Fragile', () => { throw new Error('oops') })] })).rejects.toThrow(/property Fragile threw: oops/)
  })

  it('a generator next is accepted', async () => {
    const r = await run({
      *next(_c, s) {
        if (s.x < 3) yield [{ name: 'Inc' }, { x: s.x + 1 }] as const
      },
    })
    expect(r.stats.distinct).toBe(4)
  })

  it('more than 65,535 successors of one state are refused', async () => {
    await expect(run({ next: (_c, s) => (s.x === 0 ? Array.from({ length: 70_000 }, (_, i) => [{ name: 'Jump' }, { x: i + 1 }] as const) : []) })).rejects.toThrow(
      /a state has 70000 successors \(at most 65,535\)/,
    )
  })
})

describe('replay catches a model that does not reproduce its search (no debug mode)', () => {
  // During the search `Step` adds 1; from the first replay on, it adds 10 (a model reading state
  // outside the model): the replayed successor is a state the search never stored.
  let replaying = false
  const drifting: Model<null, { readonly x: number }> = {
    name: 'drifting',
    init: () => [{ x: 0 }],
    next: (_c, s) => (s.x >= 3 ? [] : [[{ name: 'Step' }, { x: s.x + (replaying ? 10 : 1) }]]),
    properties: [always('Small', (_c, s) => s.x < 3)],
  }

  it('says the model is not deterministic and names the action', async () => {
    const spec = defineSpec({ name: 'drifting', model: drifting, config: null })
    const p = prepare(spec, resolveOptions({}))
    // The search finds the violation at x = 3 (and replays it while the model still adds 1).
    const r = await check(spec)
    expect(r.properties[0]!.trace!.steps.map((s) => s.state)).toEqual([{ x: 0 }, { x: 1 }, { x: 2 }, { x: 3 }])
    // The same chain, replayed once the model has drifted: the BFS's visited set keeps no
    // fingerprint per state, so replay checks each replayed state is one the search stored.
    replaying = true
    const visited = new FingerprintSet()
    for (let x = 0, parent = -1; x <= 3; parent = x, x++) {
      p.fingerprintOf({ x }, null, fp)
      visited.insert(fp.hi, fp.lo, parent, 0)
    }
    expect(() => replayPath(p, visited, 3)).toThrow(/drifting: next is not deterministic: replaying action Step reached a different state than during the search/)
  })
})
