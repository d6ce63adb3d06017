/** A declared schema compiles a fingerprint that must equal the generic one, state for state. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check, defineSpec, ids, schema, Steps, always } from '../../src/index.ts'
import type { Model, Schema } from '../../src/index.ts'
import { compileSchemaHasher, fingerprint, fp } from '../../src/state/fingerprint.ts'
import { twoPhaseCommit } from '../../models/two-phase-commit.ts'
import twoPhaseSpec from '../../specs/two-phase-commit-rm4.ts'

const generic = (v: unknown): string => {
  fingerprint(v)
  return `${fp.hi}:${fp.lo}`
}
const compiled = (s: Schema) => {
  const h = compileSchemaHasher(s)
  return (v: unknown): string => {
    h(v)
    return `${fp.hi}:${fp.lo}`
  }
}

describe('schema-compiled fingerprints', () => {
  it('equal the generic ones on every reachable 2PC state (4 RMs)', async () => {
    const c = { rms: ids('r', 4) }
    const h = compiled(twoPhaseCommit.schema!(c))
    let frontier = [...twoPhaseCommit.init(c)]
    const seen = new Set<string>()
    let n = 0
    while (frontier.length > 0) {
      const next = []
      for (const s of frontier) {
        expect(h(s)).toBe(generic(s))
        n++
        for (const [, t] of twoPhaseCommit.next(c, s)) {
          const k = generic(t)
          if (!seen.has(k)) {
            seen.add(k)
            next.push(t)
          }
        }
      }
      frontier = next
    }
    expect(n).toBeGreaterThanOrEqual(1568)
  })

  it('equal the generic ones on random values of a schema with every kind of node', () => {
    const s = schema.record({
      e: schema.enum('a', 'bb', 'a long enum value, longer than twelve'),
      i: schema.int(-5, 5),
      b: schema.bool(),
      n: schema.nullable(schema.int(0, 3)),
      l: schema.list(schema.record({ x: schema.int(0, 9), y: schema.list(schema.enum('p', 'q')) })),
      u: schema.setOf(schema.union('type', { Ping: { to: schema.enum('n1', 'n2') }, Stop: {} })),
      any: schema.any(),
    })
    const arb = fc.record({
      e: fc.constantFrom('a', 'bb', 'a long enum value, longer than twelve'),
      i: fc.integer({ min: -5, max: 5 }).map((x) => (Object.is(x, -0) ? 0 : x)),
      b: fc.boolean(),
      n: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      l: fc.array(fc.record({ x: fc.integer({ min: 0, max: 9 }), y: fc.array(fc.constantFrom('p', 'q')) })),
      u: fc.array(fc.oneof(fc.record({ type: fc.constant('Ping'), to: fc.constantFrom('n1', 'n2') }), fc.constant({ type: 'Stop' }))),
      any: fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
    })
    const h = compiled(s)
    fc.assert(fc.property(arb, (v) => h(v) === generic(v)), { numRuns: 300 })
  })

  it('gives the same counts through the checker, with and without the schema', async () => {
    const withSchema = await check(twoPhaseSpec)
    const { schema: _s, ...plain } = twoPhaseCommit
    const without = await check(defineSpec({ ...twoPhaseSpec, model: plain as typeof twoPhaseCommit }))
    expect([withSchema.stats.distinct, withSchema.stats.total, withSchema.stats.depth]).toEqual([1568, 8258, 14])
    expect([without.stats.distinct, without.stats.total, without.stats.depth]).toEqual([1568, 8258, 14])
  })
})

describe('a state outside its schema', () => {
  type S = { readonly phase: string; readonly extra?: number }
  const model = (bad: 'enum' | 'extra'): Model<null, S, { name: 'Go' }> => ({
    name: `schema-${bad}`,
    init: () => [{ phase: 'init' }],
    next: (_c, s) => new Steps<{ name: 'Go' }, S>().add({ name: 'Go' }, s.phase === 'init' ? (bad === 'enum' ? { phase: 'gone' } : { phase: 'done', extra: 1 }) : null).list,
    properties: [always('True', () => true)],
    schema: () => schema.record({ phase: schema.enum('init', 'done') }),
  })

  it('is a model error naming the action and the path', async () => {
    await expect(check(defineSpec({ name: 'x', model: model('enum'), config: null }))).rejects.toThrow(
      /action Go produced a state outside its schema: state\.phase is "gone", not one of init, done/,
    )
  })

  it('with a field the schema does not declare, is caught in debug mode', async () => {
    await expect(check(defineSpec({ name: 'x', model: model('extra'), config: null }), { debug: true })).rejects.toThrow(
      /action Go produced a state that does not match the model's schema/,
    )
  })
})
