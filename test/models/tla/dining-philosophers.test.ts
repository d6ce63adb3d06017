/**
 * DiningPhilosophers.tla (models/dining-philosophers.ts): the golden suite pins specs/'s counts
 * against TLC's (NP = 5: 67 / 336 / 29). Here, cheaply: that the generated count is TLC's
 * "one step per philosopher in every state" (each philosopher is always at exactly one label,
 * and a Loop that changes nothing is still a step), at other NP too; that NobodyStarves needs
 * every philosopher's fairness (without philosopher 3's, everyone may wait for ever while 3
 * sits on a dirty fork: a stuttering lasso, as TLC reports it); and that `--property
 * NobodyStarves` chooses the whole family, as TLC checks `\A p : []<>(~hungry[p])` as one.
 */
import { describe, expect, it } from 'vitest'
import { check, defineSpec, weakFair } from '../../../src/index.ts'
import { diningPhilosophers, philosophers } from '../../../models/dining-philosophers.ts'
import type { Action } from '../../../models/dining-philosophers.ts'

const spec = (np: number, fairness?: (c: { np: number }) => ReturnType<typeof weakFair>[]) =>
  defineSpec({ name: `dining-philosophers-${np}`, model: diningPhilosophers, config: { np }, deadlock: true, ...(fairness ? { fairness } : {}) })

const verdicts = (r: Awaited<ReturnType<typeof check>>) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))

describe('Dining philosophers (Chandy–Misra)', () => {
  it.each([2, 3, 4])('NP = %i: every property holds, and generated = NP × distinct + 1', async (np) => {
    const r = await check(spec(np))
    expect(new Set(Object.values(verdicts(r)))).toEqual(new Set(['holds']))
    expect(r.stats.total).toBe(np * r.stats.distinct + 1)
  })

  it('without WF(Philosopher(3)), NobodyStarves fails for everyone: a stuttering lasso', async () => {
    const unfair = (c: { np: number }) => philosophers(c).filter((p) => p !== 3).map((p) => weakFair((a) => (a as Action).self === p, `Philosopher(${p})`))
    const r = await check(spec(5, unfair), { properties: ['NobodyStarves'] })
    expect(verdicts(r)).toEqual({
      Deadlock: 'holds',
      'NobodyStarves(1)': 'violated',
      'NobodyStarves(2)': 'violated',
      'NobodyStarves(3)': 'violated',
      'NobodyStarves(4)': 'violated',
      'NobodyStarves(5)': 'violated',
    })
    const t = r.properties.find((p) => p.name === 'NobodyStarves(3)')!.trace!
    // The last state repeats for ever (no closing step), philosopher 3 holding its left fork dirty.
    expect([t.steps.length, t.loopStart, t.closing]).toEqual([5, 4, undefined])
    const last = t.steps[4]!.state as { forks: { holder: number; clean: boolean }[] }
    expect(last.forks[2]).toEqual({ holder: 3, clean: false })
  })

  it('--property NAME chooses every NAME(...) property; an unknown name is still refused', async () => {
    const r = await check(spec(3), { properties: ['TypeOK', 'NobodyStarves'] })
    expect(Object.keys(verdicts(r))).toEqual(['TypeOK', 'Deadlock', 'NobodyStarves(1)', 'NobodyStarves(2)', 'NobodyStarves(3)'])
    await expect(check(spec(3), { properties: ['NobodyStarve'] })).rejects.toThrow(/unknown property 'NobodyStarve' for spec dining-philosophers-3; did you mean/)
  })
})
