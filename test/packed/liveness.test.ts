/**
 * Liveness on words: the packed BFS records the liveness graph during its own search (the plain
 * interface is decoded only to label new states), and gives the verdicts, lassos and graph that the
 * DFS over the plain interface records; so does the parallel BFS on a packed model, whose workers
 * expand words and report their steps (it used to leave the graph to a second search).
 */
import { describe, expect, it } from 'vitest'
import { check, defineSpec, ids, weakFair } from '../../src/index.ts'
import type { AnySpec, Fairness } from '../../src/index.ts'
import { definition } from '../../models/two-phase-commit-packed.ts'
import liveSpec, { live } from './fixtures/live-packed.ts'

const decided = definition.properties.length
const spec = (rms: number, fairness: readonly Fairness[]): AnySpec =>
  defineSpec({ name: 'live', model: live, params: { rms }, config: (p) => ({ rms: ids('r', p.rms as number) }), fairness }) as AnySpec

describe('packed BFS with liveness', () => {
  const fairnesses: [string, Fairness[]][] = [
    ['no fairness', []],
    ['weak fairness of the TM and the RMs preparing', [weakFair('TMRcvPrepared'), weakFair('TMCommit'), weakFair('RMPrepare')]],
  ]
  for (const [what, fairness] of fairnesses) {
    it(`gives the second search's verdicts, lassos and graph, ${what}`, async () => {
      const s = spec(3, fairness)
      const onWords = await check(s)
      const twoPass = await check(s, { strategy: 'dfs' })
      expect(onWords.stats.frontierBytes).toBeGreaterThan(0) // it ran on words
      expect(onWords.stats.distinct).toBe(twoPass.stats.distinct)
      expect(onWords.properties.slice(decided)).toEqual(twoPass.properties.slice(decided))
      expect(onWords.properties.slice(decided).some((p) => p.verdict === 'violated')).toBe(true)
      expect(onWords.liveness?.states).toBe(twoPass.liveness?.states)
      expect(onWords.liveness?.edges).toBe(twoPass.liveness?.edges)
    })
  }
})

describe('packed model on worker threads with liveness', () => {
  it('records the graph during the parallel search: the sequential verdicts, lassos and graph', async () => {
    const specUrl = new URL('./fixtures/live-packed.ts', import.meta.url).href
    const one = await check(liveSpec)
    const two = await check(liveSpec, { workers: 2, specUrl })
    expect(two.workers).toBe(2)
    expect(one.properties.slice(decided).some((p) => p.verdict === 'violated')).toBe(true)
    expect(two.properties).toEqual(one.properties)
    expect([two.liveness?.states, two.liveness?.edges]).toEqual([one.liveness?.states, one.liveness?.edges])
  })
})
