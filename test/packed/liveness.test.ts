/**
 * Liveness on words: the packed BFS records the liveness graph during its own search (the plain
 * interface is decoded only to label new states), and gives the verdicts, lassos and graph a
 * second search over the plain interface gives (what `--strategy dfs` still runs).
 */
import { describe, expect, it } from 'vitest'
import { alwaysEventually, check, defineSpec, eventually, ids, leadsTo, weakFair } from '../../src/index.ts'
import type { AnySpec, Fairness } from '../../src/index.ts'
import { definition } from '../../models/two-phase-commit-packed.ts'
import type { K } from '../../models/two-phase-commit-packed.ts'
import { packedModel } from '../../src/packed/index.ts'
import type { Words } from '../../src/packed/index.ts'

const decided = definition.properties.length
const live = packedModel({
  ...definition,
  name: 'two-phase-commit-packed-live',
  properties: [
    ...definition.properties,
    eventually('TMDecides', (k: K, s: Words) => k.tmState.get(s) !== 'init'),
    leadsTo('PreparedLeadsToCommit', (k: K, s: Words) => k.rmState.some(s, 'prepared'), (k: K, s: Words) => k.rmState.every(s, 'committed')),
    alwaysEventually('SomeRMDone', (k: K, s: Words) => !k.rmState.some(s, 'working')),
  ],
})
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
