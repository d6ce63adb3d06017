/** A declared schema compiles a fingerprint that must equal the generic one, state for state. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check, defineSpec, ids, schema, Steps, always } from '../../src/index.ts'
import type { Model, Schema } from '../../src/index.ts'
import { compileSchemaHasher, fingerprint, fp, recordFingerprintParts } from '../../src/state/fingerprint.ts'
import { twoPhaseCommit } from '../../models/two-phase-commit.ts'
import twoPhaseSpec from '../../specs/two-phase-commit-rm4.ts'
import decisionsSpec from '../../specs/three-phase-commit-decisions-final.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'

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

  it('give successors their cold fingerprints from a recorded parent, whichever parts they share, move or change', () => {
    const int = fc.integer({ min: 0, max: 9 })
    const s = schema.record({
      top: schema.record({ n: schema.int(0, 9), inner: schema.record({ l: schema.list(schema.int(0, 9)), m: schema.nullable(schema.record({ x: schema.int(0, 9) })) }) }),
      bag: schema.list(schema.record({ t: schema.enum('p', 'q'), n: schema.int(0, 9) })),
      set: schema.setOf(schema.union('type', { Ping: { n: schema.int(0, 9) }, Stop: {} })),
    })
    type Top = { n: number; inner: { l: number[]; m: { x: number } | null } }
    type Elem = { t: string; n: number }
    type Msg = { type: 'Ping'; n: number } | { type: 'Stop' }
    type S = { top: Top; bag: Elem[]; set: Msg[] }
    const top = fc.record({ n: int, inner: fc.record({ l: fc.array(int, { maxLength: 4 }), m: fc.option(fc.record({ x: int }), { nil: null }) }) })
    const elem = fc.record({ t: fc.constantFrom('p', 'q'), n: int })
    const msg = fc.oneof(fc.record({ type: fc.constant('Ping' as const), n: int }), fc.constant({ type: 'Stop' as const }))
    const state = fc.record({ top, bag: fc.array(elem, { maxLength: 6 }), set: fc.array(msg, { maxLength: 6 }) })
    const edit = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.nat(), elem, msg, top)
    const at = (l: readonly unknown[], i: number): number => (l.length === 0 ? 0 : i % l.length)
    const without = <T>(l: readonly T[], i: number): T[] => l.filter((_, k) => k !== at(l, i))
    const inserted = <T>(l: readonly T[], i: number, x: T): T[] => [...l.slice(0, i % (l.length + 1)), x, ...l.slice(i % (l.length + 1))]
    /** A successor of `p` sharing every part the edit leaves alone. */
    function apply(p: S, [op, i, e, m, t]: [number, number, Elem, Msg, Top]): S {
      switch (op) {
        case 0: return { ...p, bag: without(p.bag, i) }
        case 1: return { ...p, bag: inserted(p.bag, i, e) }
        case 2: return { ...p, bag: inserted(without(without(p.bag, i), i), i + 1, e) }
        case 3: return { ...p, set: inserted(p.set, i, m), bag: [...p.bag].reverse() }
        case 4: return { ...p, top: t }
        case 5: return { ...p, top: { ...p.top, n: t.n, inner: { ...p.top.inner, m: t.inner.m } } }
        case 6: return structuredClone(p)
        case 7: return { ...p, bag: p.bag.map((x, k) => (k === at(p.bag, i) ? { ...x } : x)) }
        default: return { top: p.top, bag: p.set as unknown as Elem[], set: p.bag as unknown as Msg[] } // lists swapped: outside the schema unless empty
      }
    }
    const h = compileSchemaHasher(s)
    const hashed = (v: unknown): string => {
      try {
        h(v)
      } catch {
        return 'outside'
      }
      return `${fp.hi}:${fp.lo}`
    }
    const cold = (v: unknown): string => (hashed(structuredClone(v)) === 'outside' ? 'outside' : generic(v))
    fc.assert(
      fc.property(state, fc.array(edit, { maxLength: 8 }), fc.array(edit, { maxLength: 8 }), (parent, edits, edits2) => {
        // Expected fingerprints first (hashing cold copies would refill the slots between kids).
        const kids = edits.map((x) => apply(parent, x))
        const expected = kids.map(cold)
        const second = kids.find((_, i) => expected[i] !== 'outside') ?? parent
        const kids2 = edits2.map((x) => apply(second, x))
        const expected2 = kids2.map(cold)
        recordFingerprintParts()
        expect(hashed(parent)).toBe(generic(parent))
        kids.forEach((k, i) => expect(hashed(k)).toBe(expected[i]))
        // A second parent among the first one's successors (sharing its parts), and its successors.
        recordFingerprintParts()
        expect(hashed(second)).toBe(generic(second))
        kids2.forEach((k, i) => expect(hashed(k)).toBe(expected2[i]))
      }),
      { numRuns: 400, seed: 7 },
    )
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

  // Left out of the hash, such a field made two states one: wrong counts, and verdicts, unless
  // --debug compared the generic fingerprint. At any depth (a message's field too), with or
  // without debug, and under symmetry.
  it('with a field the schema does not declare, is a model error naming the path', async () => {
    for (const debug of [false, true]) {
      await expect(check(defineSpec({ name: 'x', model: model('extra'), config: null }), { debug })).rejects.toThrow(
        /action Go produced a state outside its schema: state\.extra is a field the schema does not declare/,
      )
    }
  })

  // The state the action was taken from, on one thread as on the workers (which named it first),
  // said to be that: "in state {phase: init}" after a path into the bad state (state.extra) read
  // as if it were the bad state, which it is not (it has no `extra`).
  it('names the state being expanded as the one the step was taken from, by BFS, DFS and simulation', async () => {
    for (const strategy of ['bfs', 'dfs', 'simulate'] as const) {
      await expect(check(defineSpec({ name: 'x', model: model('extra'), config: null }), { strategy }), strategy).rejects.toThrow(
        /^model schema-extra: action Go produced a state outside its schema: state\.extra is a field the schema does not declare .*, taken from state \{"phase":"init"\}$/,
      )
    }
  })

  // A model that adds a field to another's state and keeps its schema would hash the two states
  // that differ only there as one (a 3PC spec with a decision history did, and lost a violation).
  it('an initial state with a field more or less than the schema is a model error, without debug', async () => {
    const extra: Model<null, S, { name: 'Go' }> = { ...model('enum'), init: () => [{ phase: 'init', extra: 0 }] }
    await expect(check(defineSpec({ name: 'x', model: extra, config: null }))).rejects.toThrow(
      /init produced a state with a field 'extra' that the model's schema does not declare/,
    )
    const fewer: Model<null, S, { name: 'Go' }> = { ...model('enum'), schema: () => schema.record({ phase: schema.enum('init'), extra: schema.int(0, 1) }) }
    await expect(check(defineSpec({ name: 'x', model: fewer, config: null }))).rejects.toThrow(/init produced a state without the field 'extra'/)
  })

  // An array's indices passed for a record's keys "0", "1": [0, 1] and { 0: 0, 1: 1 } were one
  // state (3 distinct for 6, exit 0; a helper's tour).
  it('an array where the schema declares a record or a union is a model error, not a record', async () => {
    type R = { readonly r: unknown }
    const m: Model<null, R, { name: 'Arr' | 'Rec' }> = {
      name: 'arrrec',
      init: () => [{ r: { 0: 0, 1: 0 } }],
      next: (_c, s) => new Steps<{ name: 'Arr' | 'Rec' }, R>().add({ name: 'Rec' }, { r: { 0: 0, 1: 1 } }).add({ name: 'Arr' }, Array.isArray(s.r) ? null : { r: [0, 1] }).list,
      properties: [always('True', () => true)],
      schema: () => schema.record({ r: schema.record({ 0: schema.int(0, 1), 1: schema.int(0, 1) }) }),
    }
    await expect(check(defineSpec({ name: 'x', model: m, config: null }))).rejects.toThrow(/action Arr produced a state outside its schema: state\.r is an array where the schema expects a record/)
    const u = schema.record({ m: schema.union('type', { A: { 0: schema.int(0, 1) } }) })
    expect(() => compileSchemaHasher(u)({ m: Object.assign([0], { type: 'A' }) })).toThrow()
  })

  // A record's int, enum, bool and null fields take their entries from constants and tables worked
  // out when the hasher is compiled (fingerprint.ts, emitEntry): every value of every such field,
  // at the table's size limit and either side of it, and near the 32-bit bounds.
  it('hashes every value of small int, enum, bool and nullable fields as the generic path does, and refuses the rest', () => {
    const fields = {
      t: schema.int(0, 255),
      u: schema.int(-300, -45),
      w: schema.int(2 ** 31 - 3, 2 ** 31 - 1),
      m: schema.int(-(2 ** 31), -(2 ** 31) + 1),
      big: schema.int(0, 256),
      n: schema.nullable(schema.int(-2, 2)),
      e: schema.nullable(schema.enum('a', 'b')),
      b: schema.bool(),
    }
    const s = schema.record({ top: schema.record(fields), list: schema.list(schema.record(fields)) })
    const hash = compileSchemaHasher(s)
    const base = { t: 0, u: -300, w: 2 ** 31 - 3, m: -(2 ** 31), big: 0, n: null, e: null, b: false } as Record<string, unknown>
    const values: Record<string, unknown[]> = {
      t: Array.from({ length: 256 }, (_, i) => i),
      u: Array.from({ length: 256 }, (_, i) => -300 + i),
      w: [2 ** 31 - 3, 2 ** 31 - 2, 2 ** 31 - 1],
      m: [-(2 ** 31), -(2 ** 31) + 1],
      big: [0, 1, 255, 256],
      n: [null, -2, -1, 0, 1, 2],
      e: [null, 'a', 'b'],
      b: [true, false],
    }
    for (const [k, vs] of Object.entries(values)) {
      for (const x of vs) {
        const r = { ...base, [k]: x }
        const state = { top: r, list: [base, r] }
        hash(state)
        const h = [fp.hi, fp.lo]
        fingerprint(state)
        expect(h, `${k} = ${String(x)}`).toEqual([fp.hi, fp.lo])
      }
    }
    const refused: [string, unknown][] = [['t', 256], ['t', -1], ['t', 0.5], ['t', -0], ['t', '1'], ['u', -301], ['u', -44], ['w', 2 ** 31], ['m', -(2 ** 31) - 1], ['n', 3], ['n', -0], ['e', 'c'], ['b', 0], ['b', null]]
    for (const [k, x] of refused) {
      expect(() => hash({ top: { ...base, [k]: x }, list: [] }), `${k} = ${String(x)}`).toThrow()
      expect(() => hash({ top: base, list: [{ ...base, [k]: x }] }), `${k} = ${String(x)} in a list`).toThrow()
    }
  })

  // 32-bit arithmetic cannot hash them: every value past 2^31 was refused as "not a whole number
  // in -9007199254740992..9007199254740992" (a helper's tour).
  it('an int with bounds past 32 bits takes every safe integer within them, hashed as the generic path does', () => {
    const wide = schema.record({ x: schema.int(-(2 ** 53), Number.POSITIVE_INFINITY) })
    const hash = compileSchemaHasher(wide)
    for (const x of [0, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 40, 2 ** 53 - 1, -(2 ** 53 - 1)]) {
      hash({ x })
      const compiled = [fp.hi, fp.lo]
      fingerprint({ x })
      expect(compiled, String(x)).toEqual([fp.hi, fp.lo])
    }
    expect(() => hash({ x: 2 ** 53 })).toThrow()
    expect(() => hash({ x: 0.5 })).toThrow()
  })

  it("hashes the 3PC decision history that spec adds to the model's state", () => {
    const p = prepare(decisionsSpec, resolveOptions({}))
    const s = p.initStates()[0] as { decided: Record<string, string> }
    const t = { ...s, decided: { ...s.decided, p1: 'aborted' } }
    p.fingerprintOf(s, null, fp)
    const a = [fp.hi, fp.lo]
    p.fingerprintOf(t, null, fp)
    expect([fp.hi, fp.lo]).not.toEqual(a)
  })
})
