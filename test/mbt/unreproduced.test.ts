/**
 * A nondeterministic implementation (or one whose `create` leaves state behind) is named as such:
 * the failing sequence is replayed once on a fresh implementation before it is reported.
 */
import { describe, expect, it } from 'vitest'
import { checkImplementation, exploreImplementation, formatMbtResult } from '../../src/mbt/index.ts'
import type { MbtTarget } from '../../src/mbt/index.ts'
import { counter } from '../fixtures/counter.ts'
import type { Action, Config, State } from '../fixtures/counter.ts'

/** A counter whose first instance ever starts at 1: the count of instances survives every create. */
const firstRunFails = (): MbtTarget<Config, State, Action, { value: number }> => {
  let created = 0
  return {
    model: counter,
    config: { max: 5, limit: 100 },
    create: () => ({ value: created++ === 0 ? 1 : 0 }),
    apply: (c, a) => void (c.value = a.name === 'Inc' ? c.value + 1 : 0),
    observeModel: (s) => s.x,
    observeImpl: (c) => c.value,
  }
}

describe('a failure that does not reproduce', () => {
  it('random mode reports the failure it saw, and that its replay passed', async () => {
    const r = await checkImplementation(firstRunFails(), { seed: 1 })
    expect(r).toMatchObject({ ok: false, mode: 'random', step: 0, expected: 0, actual: 1, nondeterministic: { replay: { ok: true } } })
    expect(formatMbtResult(r, 'counter')).toMatch(/\nnot reproducible: the same sequence on a fresh implementation passed; the implementation is nondeterministic .* or create does not reset all of its state/)
  })

  it('exhaustive mode too', async () => {
    const r = await exploreImplementation(firstRunFails(), { depth: 3 })
    expect(r).toMatchObject({ ok: false, mode: 'exhaustive', labels: [], step: 0, nondeterministic: { replay: { ok: true } } })
    expect(await exploreImplementation(firstRunFails(), { depth: 3, dedupe: 'none' })).toMatchObject({ ok: false, step: 0, nondeterministic: { replay: { ok: true } } })
  })

  it('a replay that fails otherwise is not the same failure either, and the message says how it went', async () => {
    // Every instance after the first starts at 2: the replay fails where the first run did, but
    // observes something else.
    let created = 0
    const t = { ...firstRunFails(), create: () => ({ value: created++ === 0 ? 1 : 2 }) }
    const r = await exploreImplementation(t, { depth: 3 })
    expect(r).toMatchObject({ ok: false, step: 0, actual: 1, nondeterministic: { replay: { ok: false, step: 0, actual: 2 } } })
    expect(formatMbtResult(r, 'counter')).toContain('\nnot reproducible: the same sequence on a fresh implementation failed in the initial state (implementation: 2); ')
  })

  it('a failure that reproduces carries no such note', async () => {
    const t = { ...firstRunFails(), create: () => ({ value: 1 }) }
    const r = await checkImplementation(t, { seed: 1 })
    expect(r).toMatchObject({ ok: false, step: 0 })
    expect(r).not.toHaveProperty('nondeterministic')
    expect(formatMbtResult(r, 'counter')).not.toMatch(/not reproducible/)
    expect(await exploreImplementation(t, { depth: 3 })).not.toHaveProperty('nondeterministic')
  })
})
