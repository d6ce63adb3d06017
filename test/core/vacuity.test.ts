/**
 * Vacuity: an invariant whose antecedent (`when`) or named witness is never reached in a complete
 * search is reported 'vacuous', not 'holds'; reached, it holds; broken, it is violated; a search cut
 * short decides neither. Every explorer agrees, since the antecedent is compiled into a hidden
 * witness they all check alike (fixture: test/fixtures/vacuity.ts, 4 states at max = 3).
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec, ids } from '../../src/index.ts'
import type { AnySpec, CheckResult } from '../../src/index.ts'
import type { Params } from '../../src/core/spec.ts'
import { compareExpectation } from '../../src/core/expect.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { bfs } from '../../src/explore/bfs.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { packedModel } from '../../src/packed/index.ts'
import { definition } from '../../models/two-phase-commit-packed.ts'
import type { K } from '../../models/two-phase-commit-packed.ts'
import type { Words } from '../../src/packed/layout.ts'
import spec from '../fixtures/vacuity.ts'

const specUrl = new URL('../fixtures/vacuity.ts', import.meta.url).href
const verdicts = (r: CheckResult) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))
const notes = (r: CheckResult) => Object.fromEntries(r.properties.map((p) => [p.name, p.note]))

describe('vacuity', () => {
  it('an antecedent never reached in a complete search: vacuous, with the reason', async () => {
    const r = await check(spec, { params: { trigger: 5 } })
    expect(r.complete).toBe(true)
    expect(verdicts(r)).toEqual({ Bounded: 'vacuous', BoundedLinked: 'vacuous', Triggered: 'violated' })
    expect(notes(r)).toMatchObject({
      Bounded: 'no state where its when condition holds was reached',
      BoundedLinked: "its witness 'Triggered' was never reached",
    })
    // The hidden witness is not reported, and the counts are the state space's.
    expect(r.properties.map((p) => p.name)).toEqual(['Bounded', 'BoundedLinked', 'Triggered'])
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([4, 7, 4])
  })

  it('an antecedent reached: holds; broken: violated, with the shortest counterexample', async () => {
    expect(verdicts(await check(spec))).toEqual({ Bounded: 'holds', BoundedLinked: 'holds', Triggered: 'holds' })
    const broken = await check(spec, { params: { limit: 1 } })
    expect(verdicts(broken)).toEqual({ Bounded: 'violated', BoundedLinked: 'violated', Triggered: 'holds' })
    expect(broken.properties[0]!.trace!.steps.length).toBe(3)
  })

  it('an incomplete search claims no vacuity: unknown, "not reached yet"', async () => {
    const r = await check(spec, { params: { trigger: 5 }, maxStates: 2 })
    expect(r.complete).toBe(false)
    expect(verdicts(r)).toEqual({ Bounded: 'unknown', BoundedLinked: 'unknown', Triggered: 'unknown' })
    expect(notes(r)).toMatchObject({ Bounded: 'no state where its when condition holds reached yet', BoundedLinked: "its witness 'Triggered' not reached yet" })
    const sim = await check(spec, { params: { trigger: 5 }, strategy: 'simulate', traces: 3, seed: 1 })
    expect(sim.properties.filter((p) => p.kind === 'always').map((p) => p.verdict)).toEqual(['unknown', 'unknown'])
  })

  it('a linked witness the run does not check is tracked hidden', async () => {
    for (const trigger of [2, 5]) {
      const r = await check(spec, { params: { trigger }, properties: ['BoundedLinked'] })
      expect(verdicts(r)).toEqual({ BoundedLinked: trigger === 2 ? 'holds' : 'vacuous' })
    }
  })

  it('DFS and the parallel BFS give the same verdicts as the BFS', async () => {
    const runs: Params[] = [{ trigger: 5 }, { trigger: 2 }, { limit: 1 }]
    for (const params of runs) {
      const want = verdicts(await check(spec, { params }))
      expect(verdicts(await check(spec, { params, strategy: 'dfs' })), JSON.stringify(params)).toEqual(want)
      expect(verdicts(await check(spec, { params, workers: 2, specUrl })), JSON.stringify(params)).toEqual(want)
    }
  })

  it('a packed model: the words BFS and the plain BFS agree', async () => {
    const committed = (k: K, s: Words): boolean => k.tmState.get(s) === 'committed'
    const model = packedModel({
      ...definition,
      name: 'vacuity-packed',
      properties: [
        always<K, Words>('Reached', () => true, { when: committed }),
        always<K, Words>('Unreachable', () => true, { when: (k, s) => committed(k, s) && k.rmState.every(s, 'working') }),
      ],
    })
    const s = defineSpec({ name: 'vp', model, params: { rms: 2 }, config: (p) => ({ rms: ids('r', p.rms as number) }) }) as AnySpec
    const packed = await check(s, { workers: 1 })
    const o = resolveOptions({ workers: 1 })
    const plain = await bfs(prepare(s, o), o)
    expect(verdicts(packed)).toEqual({ Reached: 'holds', Unreachable: 'vacuous' })
    expect(verdicts(plain)).toEqual(verdicts(packed))
  })

  it('a spec that expects the invariant to hold fails its expectation, saying why', async () => {
    const r = await check(spec, { params: { trigger: 5 } })
    const rep = compareExpectation({}, r, { compareCounts: false })
    expect(rep.ok).toBe(false)
    expect(rep.mismatches).toContainEqual({ what: 'Bounded verdict', expected: 'holds', actual: "vacuous (Bounded held vacuously: no state where its when condition holds was reached)" })
  })

  it('a witness name that is not a sometimes is a model error', () => {
    const bad = defineSpec({ ...spec, model: { ...spec.model, properties: [always('A', () => true, { witness: 'Nope' })] } }) as AnySpec
    expect(() => prepare(bad, resolveOptions({}))).toThrow(/A names witness 'Nope', which is not a 'sometimes' property/)
  })
})
