/**
 * Random simulation: deterministic for a seed (same result, same trace file, byte for byte), finds
 * violations with a seed that reproduces the walk on its own, never claims a property holds.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import type { Model } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { nextSeed, rng } from '../../src/explore/simulate.ts'
import { parseCheckArgs } from '../../src/cli/args.ts'
import { UsageError } from '../../src/core/errors.ts'
import graphSpec from '../parallel/fixtures/random-graph.ts'

const traceFile = (r: Awaited<ReturnType<typeof check>>): string => JSON.stringify(r.properties.map((p) => ({ name: p.name, verdict: p.verdict, trace: p.trace ?? null, note: p.note ?? null })), null, 1)

describe('simulation', () => {
  it('gives the same result and the same trace file, byte for byte, for the same seed', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit-early-commit.ts')
    const a = await check(spec, { strategy: 'simulate', seed: 7, traces: 200, maxSteps: 30 })
    const b = await check(spec, { strategy: 'simulate', seed: 7, traces: 200, maxSteps: 30 })
    expect(traceFile(a)).toBe(traceFile(b))
    expect(a.stats.distinct).toBe(b.stats.distinct)
    expect(a.stats.total).toBe(b.stats.total)
    const c = await check(spec, { strategy: 'simulate', seed: 8, traces: 200, maxSteps: 30 })
    expect(c.stats.total === a.stats.total && traceFile(c) === traceFile(a)).toBe(false)
  })

  it('finds a violation and prints the seed that reproduces its walk alone', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit-early-commit.ts')
    const r = await check(spec, { strategy: 'simulate', seed: 1, traces: 2000, maxSteps: 40 })
    const v = r.properties.find((p) => p.verdict === 'violated' && p.trace)
    expect(v).toBeDefined()
    const m = /--seed (\d+) --traces 1/.exec(v!.note ?? '')
    expect(m).not.toBeNull()
    const again = await check(spec, { strategy: 'simulate', seed: Number(m![1]), traces: 1, maxSteps: 40 })
    const w = again.properties.find((p) => p.name === v!.name)!
    expect(w.verdict).toBe('violated')
    expect(w.trace).toEqual(v!.trace)
  })

  it("replays a walk from its note's flags alone, with the run's parameters and walk length", async () => {
    // The note named the seed only: on the spec's default parameters (3 RMs here) the walk was
    // another one, and past the default 100 steps it was cut short.
    const { spec } = await loadSpecFile('specs/two-phase-commit-early-commit.ts')
    const r = await check(spec, { strategy: 'simulate', params: { rms: 4 }, seed: 7, traces: 300, maxSteps: 12 })
    const v = r.properties.find((p) => p.name === 'TCConsistent')!
    expect(v.verdict).toBe('violated')
    const flags = /reproduce with (.*)$/.exec(v.note ?? '')![1]!
    expect(flags).toContain('--param rms=4')
    expect(flags).toContain('--max-steps 12')
    const { options } = parseCheckArgs(['specs/two-phase-commit-early-commit.ts', ...flags.split(' ')])
    const again = await check(spec, { ...options, params: { rms: Number(options.params!.rms) } })
    const w = again.properties.find((p) => p.name === 'TCConsistent')!
    expect(w.verdict).toBe('violated')
    expect(w.trace).toEqual(v.trace)
  })

  it('names the walk that decided each property, though a later walk finds a dead end in its state', async () => {
    // 0 -a-> 1 -c-> 3 and 0 -b-> 3: P fails in 3, where no step leads on. A walk of 2 steps by a
    // ends in 3 without expanding it; one by b expands it and finds the dead end. On seed 2, walk 1
    // goes by a, walk 2 by b: P is walk 1's, the deadlock walk 2's (P was reported as walk 2's).
    const twoWays: Model<null, number, { readonly name: string }> = {
      name: 'two-ways',
      init: () => [0],
      next: (_c, s) => (s === 0 ? [[{ name: 'a' }, 1], [{ name: 'b' }, 3]] : s === 1 ? [[{ name: 'c' }, 3]] : []),
      properties: [always('P', (_c, s: number) => s !== 3)],
    }
    const spec = defineSpec({ name: 'two-ways', model: twoWays, config: null, deadlock: true })
    const r = await check(spec, { strategy: 'simulate', seed: 2, traces: 6, maxSteps: 2 })
    const actions = (x: (typeof r.properties)[number]) => x.trace?.steps.map((s) => s.action?.name ?? null)
    const [p, d] = [r.properties.find((x) => x.name === 'P')!, r.properties.find((x) => x.kind === 'deadlock')!]
    expect([p.note, actions(p)]).toEqual([expect.stringMatching(/^walk 1;/), [null, 'a', 'c']])
    expect([d.note, actions(d)]).toEqual([expect.stringMatching(/walk 2;/), [null, 'b']])
    // Each note's seed replays its own walk.
    for (const x of [p, d]) {
      const again = await check(spec, { strategy: 'simulate', seed: Number(/--seed (\d+)/.exec(x.note!)![1]), traces: 1, maxSteps: 2 })
      expect(again.properties.find((y) => y.name === x.name)!.trace).toEqual(x.trace)
    }
  })

  it('never claims that an invariant holds, and reports what it saw', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit.ts')
    const r = await check(spec, { strategy: 'simulate', seed: 3, traces: 50, maxSteps: 20 })
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('simulation')
    for (const p of r.properties.filter((x) => x.kind === 'always')) expect(p.verdict).toBe('unknown')
    expect(r.stats.distinct).toBeGreaterThan(1)
    expect(r.stats.distinct).toBeLessThanOrEqual(288)
    expect(r.stats.depth).toBeLessThanOrEqual(21)
    expect(r.properties.find((x) => x.kind === 'always')?.note).toBe('not decided by 50 random walks (a simulation proves nothing)')
    // One walk is one (it said "1 random walks").
    const one = await check(spec, { strategy: 'simulate', seed: 3, traces: 1, maxSteps: 20 })
    expect(one.properties.find((x) => x.kind === 'always')?.note).toBe('not decided by 1 random walk (a simulation proves nothing)')
  })

  it('walks stay within the state space (every state it sees is reachable)', async () => {
    const params = { seed: 5, nodes: 50, fanout: 2, inits: 1, bad: 0, frozen: 0 }
    const all = await check(graphSpec, { workers: 1, params, properties: ['Small'] })
    const sim = await check(graphSpec, { strategy: 'simulate', params, properties: ['Small'], traces: 500, maxSteps: 50 })
    expect(sim.stats.distinct).toBeLessThanOrEqual(all.stats.distinct)
  })

  // A seed past 32 bits ran the walks of another seed (2^32 those of 0) without a word.
  it('refuses a seed that is not a 32-bit whole number, naming the option', async () => {
    for (const seed of [2 ** 32, 2 ** 33, -1, 1.5]) {
      await expect(check(graphSpec, { strategy: 'simulate', seed, traces: 1 })).rejects.toThrow(new UsageError(`seed ${seed}: expected a whole number from 0 to 4294967295 (a 32-bit seed)`))
    }
    expect((await check(graphSpec, { strategy: 'simulate', seed: 2 ** 32 - 1, traces: 1 })).strategy).toBe('simulate')
  })

  it('derives each walk seed deterministically', () => {
    expect(nextSeed(1)).toBe(nextSeed(1))
    expect(nextSeed(1)).not.toBe(nextSeed(2))
    const r = rng(42)
    const s = rng(42)
    expect([r(), r(), r()]).toEqual([s(), s(), s()])
  })
})
