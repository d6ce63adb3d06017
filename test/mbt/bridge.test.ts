/** The MBT bridge itself, on the counter fixture and small hand-written implementations. */
import { describe, expect, it } from 'vitest'
import { checkImplementation, exploreImplementation, formatMbtResult, replayActions, targetFromSpec } from '../../src/mbt/index.ts'
import counterSpec from '../fixtures/counter.ts'
import type { MbtTarget } from '../../src/mbt/index.ts'
import type { Model } from '../../src/index.ts'
import { counter } from '../fixtures/counter.ts'
import type { Action, Config, State } from '../fixtures/counter.ts'

/** A mutable counter; `bug` breaks one behaviour. */
class Counter {
  value: number
  constructor(readonly bug?: 'reset-to-one' | 'throws-at-3' | 'starts-at-1' | 'wraps') {
    this.value = bug === 'starts-at-1' ? 1 : 0
  }
  inc(): void {
    if (this.bug === 'throws-at-3' && this.value === 2) throw new Error('overflow at 3')
    this.value = this.bug === 'wraps' && this.value === 4 ? 0 : this.value + 1
  }
  reset(): void {
    this.value = this.bug === 'reset-to-one' ? 1 : 0
  }
}

const target = (bug?: Counter['bug'], max = 5): MbtTarget<Config, State, Action, Counter> => ({
  model: counter,
  config: { max, limit: 100 },
  create: () => new Counter(bug),
  apply: (c, a) => (a.name === 'Inc' ? c.inc() : c.reset()),
  observeModel: (s) => s.x,
  observeImpl: (c) => c.value,
})

describe('MBT bridge', () => {
  it('passes on a correct implementation', async () => {
    expect((await checkImplementation(target(), { seed: 1 })).ok).toBe(true)
    expect(await exploreImplementation(target(), { depth: 10 })).toMatchObject({ ok: true, runs: 11 })
  })

  it('refuses options that mean nothing, and observations that are not plain data, in one line each', async () => {
    await expect(checkImplementation(target(), { numRuns: 0 })).rejects.toThrow(/^checkImplementation: numRuns 0: expected a whole number, at least 1$/)
    await expect(checkImplementation(target(), { maxSteps: 2.5 })).rejects.toThrow(/^checkImplementation: maxSteps 2.5: /)
    await expect(exploreImplementation(target(), { depth: -1 })).rejects.toThrow(/^exploreImplementation: depth -1: expected a whole number, at least 0$/)
    await expect(exploreImplementation(target(), {} as { depth: number })).rejects.toThrow(/^exploreImplementation: depth is required/)
    // A billion steps a run ran the process out of memory; a fraction of a seed and an unknown
    // dedupe mode ran as something else.
    await expect(checkImplementation(target(), { maxSteps: 1e9 })).rejects.toThrow(/^checkImplementation: maxSteps 1000000000: at most 1,000,000 steps a run$/)
    await expect(checkImplementation(target(), { seed: 1.5 })).rejects.toThrow(/^checkImplementation: seed 1.5: expected a whole number$/)
    await expect(exploreImplementation(target(), { depth: 2, dedupe: 'bogus' as never })).rejects.toThrow(/^exploreImplementation: dedupe bogus: expected 'model-state' or 'none'$/)
    const set = { ...target(), observeImpl: (c: Counter) => new Set([c.value]) as never }
    await expect(checkImplementation(set, { seed: 1 })).rejects.toThrow(/^model-based testing: observeImpl: its observation is a JS Set .*; observations are compared as plain data/)
    const undef = { ...target(), observeImpl: () => undefined as never }
    await expect(exploreImplementation(undef, { depth: 2 })).rejects.toThrow(/^model-based testing: observeImpl: its observation is undefined; /)
    // A cycle overflowed the stack; a missing function was reported as the implementation diverging.
    const cyclic = { ...target(), observeImpl: (c: Counter) => { const o: Record<string, unknown> = { x: c.value }; o.self = o; return o as never } }
    await expect(checkImplementation(cyclic, { seed: 1 })).rejects.toThrow(/^model-based testing: observeImpl: its observation holds itself \(a cycle\) or is nested too deeply to compare; /)
    const noApply = { ...target(), apply: undefined as never }
    await expect(checkImplementation(noApply, { seed: 1 })).rejects.toThrow(/^checkImplementation: the target has no apply function \(missing\)$/)
    await expect(exploreImplementation({ ...target(), observeImpl: 'value' as never }, { depth: 2 })).rejects.toThrow(/^exploreImplementation: the target has no observeImpl function \(a string\)$/)
    await expect(replayActions({ ...target(), model: undefined as never }, [])).rejects.toThrow(/^replayActions: the target's model is not a model/)
    // A model with no initial state: random mode said its observation was undefined.
    const none = { ...target(), model: { ...counter, name: 'empty', init: () => [] } }
    await expect(checkImplementation(none, { seed: 1 })).rejects.toThrow(/^checkImplementation: model empty: init returned no state, so there is no behaviour to run$/)
  })

  it('prints a bigint observed where the model has a number as a bigint, not as the same digits', async () => {
    const big = { ...target(), observeImpl: (c: Counter) => BigInt(c.value) as never }
    const r = await checkImplementation(big, { seed: 1 })
    expect(r).toMatchObject({ ok: false, step: 0, differences: ['(state): 0 → 0n'] })
  })

  it('reports a wrong observation at the step where it happens, shrunk', async () => {
    const r = await checkImplementation(target('reset-to-one'), { seed: 1 })
    expect(r).toMatchObject({ ok: false, labels: ['Inc', 'Reset'], step: 2, expected: 0, actual: 1, differences: ['(state): 0 → 1'] })
  })

  it('reports an implementation that throws, naming the action', async () => {
    const r = await checkImplementation(target('throws-at-3'), { seed: 1 })
    expect(r).toMatchObject({ ok: false, labels: ['Inc', 'Inc', 'Inc'], error: 'apply(Inc) threw: overflow at 3' })
  })

  // It escaped as a bare "Error: boom", naming neither dispose nor the run (a helper's tour).
  it('reports a dispose that throws as the run\'s failure, naming dispose', async () => {
    const t = { ...target(), dispose: (): void => { throw new Error('boom') } }
    expect(await checkImplementation(t, { seed: 1 })).toMatchObject({ ok: false, error: 'dispose threw: boom' })
    expect(await exploreImplementation(t, { depth: 2 })).toMatchObject({ ok: false, error: 'dispose threw: boom' })
  })

  // An apply whose promise never settled left the process to exit silently (code 13), or a test to
  // its timeout (a helper's tour).
  it('fails a run whose asynchronous call never settles, naming it, after stepTimeoutSeconds', async () => {
    const hangs = { ...target(), apply: (c: Counter, a: Action): Promise<void> => (a.name === 'Reset' ? new Promise<void>(() => {}) : Promise.resolve(c.inc())), stepTimeoutSeconds: 0.05 }
    const r = await exploreImplementation(hangs, { depth: 2 })
    expect(r).toMatchObject({ ok: false, labels: ['Inc', 'Reset'], error: 'apply(Reset) did not settle within 0.05 s (an implementation call that never returns?)' })
    await expect(checkImplementation({ ...target(), stepTimeoutSeconds: -1 }, { seed: 1 })).rejects.toThrow(/stepTimeoutSeconds -1: expected a number of seconds/)
  })

  // Step goes to x + 1 or x + 2 under one label: the reported sequence ["Step"] replayed the first
  // and passed, though the implementation fails the second (a helper's tour).
  it('replayActions refuses a label that names steps to different states', async () => {
    const twoWays: Model<null, number, { name: 'Step' }> = {
      name: 'two-ways',
      init: () => [0],
      next: (_c, x) => (x < 2 ? [[{ name: 'Step' }, x + 1] as const, [{ name: 'Step' }, x + 2] as const] : []),
      properties: [],
    }
    const t: MbtTarget<null, number, { name: 'Step' }, { x: number }> = { model: twoWays, config: null, create: () => ({ x: 0 }), apply: (i) => void (i.x += 2), observeModel: (x) => x, observeImpl: (i) => i.x }
    expect((await checkImplementation(t, { seed: 1 })).ok).toBe(false)
    await expect(replayActions(t, ['Step'])).rejects.toThrow(/^step 1: Step names enabled steps of the model that lead to different states; labels cannot say which/)
  })

  it('refuses a path without its seed, or one that is not a path, in one line', async () => {
    await expect(checkImplementation(target(), { path: '0:0:1' })).rejects.toThrow(/^checkImplementation: path 0:0:1: give the seed it was reported with too$/)
    await expect(checkImplementation(target(), { seed: 1, path: 'xyz' })).rejects.toThrow(/^checkImplementation: path xyz: expected the reported path/)
    const failed = await checkImplementation(target('reset-to-one'), { seed: 1 })
    if (failed.ok) throw new Error('expected a failure')
    expect(await checkImplementation(target('reset-to-one'), { seed: failed.seed, path: failed.path })).toMatchObject({ ok: false, labels: failed.labels })
  })

  it('reports a wrong initial state at step 0', async () => {
    const r = await exploreImplementation(target('starts-at-1'), { depth: 3 })
    expect(r).toMatchObject({ ok: false, labels: [], step: 0, expected: 0, actual: 1 })
  })

  it('needs long enough behaviours: a bug 5 steps deep is missed with maxSteps 4, found with 5', async () => {
    // `wraps` goes 4 → 0 instead of 4 → 5: only the fifth Inc in a row shows it.
    expect((await checkImplementation(target('wraps'), { seed: 3, maxSteps: 4, numRuns: 300 })).ok).toBe(true)
    const r = await checkImplementation(target('wraps'), { seed: 3, maxSteps: 12, numRuns: 300 })
    expect(r).toMatchObject({ ok: false, labels: ['Inc', 'Inc', 'Inc', 'Inc', 'Inc'], maxSteps: 12 })
    // The reproduce line carries maxSteps (the seed and path need the same behaviours), and it replays.
    expect(formatMbtResult(r, 'counter')).toMatch(/reproduce: checkImplementation\(target, \{ seed: 3, path: '[^']+', maxSteps: 12 \}\)/)
    if (r.ok) throw new Error('unreachable')
    expect(await checkImplementation(target('wraps'), { seed: 3, path: r.path, maxSteps: 12 })).toMatchObject({ ok: false, labels: r.labels })
    expect((await exploreImplementation(target('wraps'), { depth: 4 })).ok).toBe(true)
    expect((await exploreImplementation(target('wraps'), { depth: 5 })).ok).toBe(false)
  })

  // Inc misbehaves from 3 up: 2 steps from the last of three initial states (0, 1, 2), 4 from the
  // first. fast-check shrank the initial state first, toward 0: with seed 2 the walk moved to
  // initial state 0 and was reported 4 steps long.
  it('random mode reports a bug nearest another initial state as short as exhaustive mode does', async () => {
    type A = { readonly name: 'Inc' } | { readonly name: 'Dec' }
    const starts: Model<null, number, A> = {
      name: 'three-starts',
      init: () => [0, 1, 2],
      next: (_c, x) => [[{ name: 'Inc' }, x + 1] as const, [{ name: 'Dec' }, x - 1] as const],
      properties: [],
    }
    const t: MbtTarget<null, number, A, { x: number }> = {
      model: starts,
      config: null,
      create: (x) => ({ x }),
      apply: (i, a) => void (i.x += a.name === 'Dec' ? -1 : i.x >= 3 ? 2 : 1),
      observeModel: (x) => x,
      observeImpl: (i) => i.x,
    }
    const shortest = await exploreImplementation(t, { depth: 4 })
    expect(shortest).toMatchObject({ ok: false, init: 2, labels: ['Inc', 'Inc'] })
    for (const seed of [1, 2, 3, 4, 5]) expect(await checkImplementation(t, { seed })).toMatchObject({ ok: false, init: 2, labels: ['Inc', 'Inc'], step: 2 })
    // The reproduce line replays it from that initial state, and so do the seed and path.
    const r = await checkImplementation(t, { seed: 2 })
    if (r.ok) throw new Error('expected a failure')
    expect(formatMbtResult(r, 'three-starts')).toContain(`replayActions(target, ["Inc","Inc"], 2)`)
    expect(await replayActions(t, r.labels, r.init)).toMatchObject({ ok: false, step: 2 })
    expect(await checkImplementation(t, { seed: 2, path: r.path })).toMatchObject({ ok: false, init: 2, labels: ['Inc', 'Inc'] })
  })

  it('replayActions refuses an initial state the model does not have (it replayed from another one)', async () => {
    await expect(replayActions(target(), [], 5)).rejects.toThrow(/^replayActions: initial state 5: the model has 1 \(0 to 0\)$/)
    await expect(replayActions(target(), [], -1)).rejects.toThrow(/^replayActions: initial state -1: /)
    await expect(replayActions(target(), [], 0)).resolves.toMatchObject({ ok: true })
  })

  it('replayActions refuses a sequence the model does not allow', async () => {
    await expect(replayActions(target(), ['Reset'])).rejects.toThrow(/step 1: Reset is not enabled in the model \(enabled: Inc\)/)
  })

  it('exhaustive mode refuses to run more sequences than allowed', async () => {
    await expect(exploreImplementation(target(undefined, 50), { depth: 40, dedupe: 'none', maxRuns: 500 })).rejects.toThrow(/more than 500 sequences/)
  })

  it('exhaustive mode refuses too many transitions by model state too, and names a model that throws', async () => {
    await expect(exploreImplementation(target(undefined, 50), { depth: 40, maxRuns: 20 })).rejects.toThrow(/more than 20 sequences within depth 40/)
    // A divergence among the first maxRuns sequences is reported, not refused.
    expect(await exploreImplementation(target('starts-at-1', 50), { depth: 40, maxRuns: 20 })).toMatchObject({ ok: false, step: 0 })
    expect(await exploreImplementation(target('wraps', 50), { depth: 40, maxRuns: 30 })).toMatchObject({ ok: false, labels: ['Inc', 'Inc', 'Inc', 'Inc', 'Inc'] })
    // The transitions are found by the checker's BFS: a model that throws is a model error, named.
    const t = target()
    const next = (c: Config, s: State) => {
      if (s.x === 2) throw new Error('boom')
      return t.model.next(c, s)
    }
    await expect(exploreImplementation({ ...t, model: { ...t.model, next } }, { depth: 5 })).rejects.toThrow(/^model counter: next threw: boom/)
  })

  it('exhaustive mode deduplicates by model state, not by the model\'s view', async () => {
    // x counts to 3 and y flips; the view forgets y, and the implementation is wrong only at y = 1, x = 2.
    type S = { readonly x: number; readonly y: number }
    const model: Model<null, S> = {
      name: 'flip-counter',
      init: () => [{ x: 0, y: 0 }],
      next: (_c, s) => [...(s.x < 3 ? [[{ name: 'Inc' }, { x: s.x + 1, y: s.y }] as const] : []), [{ name: 'Flip' }, { x: s.x, y: 1 - s.y }] as const],
      view: (_c, s) => s.x,
      properties: [],
    }
    const impl = { x: 0, y: 0 }
    const r = await exploreImplementation(
      {
        model,
        config: null,
        create: () => ({ ...impl }),
        apply: (c: typeof impl, a) => {
          if (a.name === 'Inc') c.x += c.y === 1 && c.x === 2 ? 2 : 1
          else c.y = 1 - c.y
        },
        observeModel: (s) => s,
        observeImpl: (c) => ({ ...c }),
      },
      { depth: 6 },
    )
    expect(r).toMatchObject({ ok: false, labels: ['Inc', 'Inc', 'Flip', 'Inc'] })
  })

  it('drives asynchronous implementations', async () => {
    const tick = () => new Promise<void>((r) => setImmediate(r))
    const asyncTarget = (bug?: Counter['bug']): MbtTarget<Config, State, Action, Counter> => ({
      ...target(bug),
      create: async () => (await tick(), new Counter(bug)),
      apply: async (c, a) => {
        await tick()
        if (a.name === 'Inc') c.inc()
        else c.reset()
      },
      observeImpl: async (c) => (await tick(), c.value),
    })
    expect((await checkImplementation(asyncTarget(), { seed: 2, numRuns: 30 })).ok).toBe(true)
    expect(await checkImplementation(asyncTarget('reset-to-one'), { seed: 2, numRuns: 30 })).toMatchObject({ ok: false, labels: ['Inc', 'Reset'] })
  })

  it('targetFromSpec takes the configuration from the spec and its parameters', async () => {
    const binding = { create: () => new Counter('wraps'), apply: target().apply, observeModel: (s: State) => s.x, observeImpl: (c: Counter) => c.value }
    // The spec's default max is 3: the wrap at 4 is out of reach; with max = 6 it is found.
    expect((await exploreImplementation(targetFromSpec(counterSpec, binding), { depth: 10 })).ok).toBe(true)
    expect((await exploreImplementation(targetFromSpec(counterSpec, binding, { max: 6 }), { depth: 10 })).ok).toBe(false)
    expect(() => targetFromSpec(counterSpec, binding, { nope: 1 })).toThrow(/has no parameter 'nope'/)
  })

  it('targetFromSpec gives a binding written as a function the configuration it resolved', async () => {
    const seen: unknown[] = []
    const bound = (c: unknown) => {
      seen.push(c)
      return { create: () => new Counter('wraps'), apply: target().apply, observeModel: (s: State) => s.x, observeImpl: (k: Counter) => k.value }
    }
    const t = targetFromSpec(counterSpec, bound, { max: 6 })
    expect(seen).toEqual([t.config])
    expect((await exploreImplementation(t, { depth: 10 })).ok).toBe(false)
  })
})
