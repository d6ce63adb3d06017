/**
 * The step watchdog (src/explore/step-watchdog.ts): a model step that never returns ends the
 * search with one model error naming the state being expanded, whatever the strategy, instead of
 * hanging (an `init` that never returns too); a search that only takes long is not stopped (the watchdog times stretches of about
 * 50 ms, not the search). Worker threads: test/parallel/failure.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { ModelError } from '../../src/core/errors.ts'
import { spec } from '../cli/fixtures/bad-models.ts'
import twoPc from '../../specs/two-phase-commit.ts'

const loops = spec('next-loops')

describe('step watchdog', () => {
  it.each(['bfs', 'dfs', 'simulate'] as const)('%s: a step that never returns is a model error naming the state', async (strategy) => {
    const run = check(loops, { strategy, stepTimeoutSeconds: 1 })
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/^model bad-next-loops: a step did not return within 1 s, expanding \{"n":2,"box":\{"v":2\}\} \(an action, a property or the constraint that never returns\?\); stepTimeoutSeconds S sets the limit$/)
  })

  it.each(['bfs', 'dfs', 'simulate'] as const)('%s: an init that never returns is a model error saying so', async (strategy) => {
    await expect(check(spec('init-loops'), { strategy, stepTimeoutSeconds: 1 })).rejects.toThrow(
      new ModelError('model bad-init-loops: init did not return within 1 s (a loop that never ends?); stepTimeoutSeconds S sets the limit'),
    )
  })

  it.each([
    ['bfs', {}],
    ['bfs', { por: true }],
    ['dfs', {}],
    ['simulate', {}],
    ['bfs', { workers: 2 }],
  ] as const)('%s %o: a property that never returns on the initial state is a model error saying so', async (strategy, more) => {
    const url = new URL('../cli/fixtures/bad-models.ts', import.meta.url).href
    const run = check(spec('property-loops'), { strategy, stepTimeoutSeconds: 1, ...more, ...('workers' in more ? { specUrl: url } : {}) })
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/^model bad-property-loops: checking the initial states did not return within 1 s \(an? .*\); stepTimeoutSeconds S sets the limit$/)
  })

  it('does not stop a search that takes longer than the timeout in all', async () => {
    const t0 = performance.now()
    const r = await check(twoPc, { params: { rms: 7 }, stepTimeoutSeconds: 1 })
    expect(r.complete).toBe(true)
    expect(r.stats.distinct).toBe(296448)
    expect(performance.now() - t0, 'the search outlasted the timeout').toBeGreaterThan(1000)
  })
})
