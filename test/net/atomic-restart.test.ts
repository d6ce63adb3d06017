import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { afterCrash } from '../../src/net/index.ts'
import spec, { FRESH } from './fixtures/atomic-restart.ts'
import type { L } from './fixtures/atomic-restart.ts'

const specUrl = new URL('./fixtures/atomic-restart.ts', import.meta.url).href

describe("restart: 'atomic', a crash that loses nothing", () => {
  it('afterCrash keeps the node when its volatile part equals the fresh one by value (a decoded copy)', () => {
    const n: L = { durable: { c: 1 }, volatile: { got: 0 } }
    expect(afterCrash(n, FRESH)).toBe(n)
    expect(afterCrash({ durable: { c: 1 }, volatile: { got: 1 } }, FRESH)).toEqual({ durable: { c: 1 }, volatile: FRESH })
  })

  it('is no step on worker threads either (decoded states): the same counts level by level and per action', async () => {
    const one = await check(spec, { workers: 1, specUrl })
    const two = await check(spec, { workers: 2, specUrl })
    expect(one.stats.distinct).toBe(two.stats.distinct)
    expect(two.stats.total).toBe(one.stats.total)
    expect(two.stats.levels).toEqual(one.stats.levels)
    expect(two.coverage).toEqual(one.coverage)
  })
})
