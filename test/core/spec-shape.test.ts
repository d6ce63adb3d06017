/**
 * A spec or model missing a required member (possible where types are not checked: tsx strips
 * them, JavaScript has none) is one line naming the member, not "internal error: Cannot read
 * properties of undefined" from inside the search.
 */
import { List, Map as IMap, Seq } from 'immutable'
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec, schema } from '../../src/index.ts'
import { ModelError, UsageError } from '../../src/core/errors.ts'

const good = {
  name: 'm',
  init: () => [0],
  next: () => [],
  properties: [always('True', () => true)],
}
const specOf = (model: Record<string, unknown>) => defineSpec({ name: 's', model: model as never, config: null })

describe('the shape of a spec and its model', () => {
  it('a complete one checks', async () => {
    expect((await check(specOf(good))).stats.distinct).toBe(1)
    // Unbounded: an infinite int bound and an infinite parameter default are legitimate.
    const unbounded = { ...good, init: () => [{ n: 0 }], schema: () => schema.record({ n: schema.int(0, Number.POSITIVE_INFINITY) }) }
    expect((await check({ ...specOf(unbounded), params: { limit: Number.POSITIVE_INFINITY } } as never)).stats.distinct).toBe(1)
  })

  it.each([
    [{ ...good, properties: undefined }, /^model m: properties is missing, not a list/],
    [{ ...good, properties: {} }, /^model m: properties is an object, not a list/],
    [{ ...good, properties: [() => true] }, /^model m: properties\[0\] is not a property \(make it with always, sometimes/],
    [{ ...good, next: undefined }, /^model m: next is missing, not a function$/],
    [{ ...good, init: [0] }, /^model m: init is a list, not a function$/],
    [{ ...good, schema: { kind: 'record' } }, /^model m: schema is an object, not a function$/],
    [{ ...good, name: undefined }, /^spec s: its model has no name$/],
  ])('names what is wrong: %#', async (model, message) => {
    const run = check(specOf(model))
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(message)
  })

  it.each([
    [{ check: 'True' }, /^spec s: check is the string "True", not a list of property names \(check: \['True'\]\)$/],
    [{ expect: { violated: ['True'] } }, /^spec s: expect\.violated is a list, not an object of property names/],
    [{ config: async () => null }, /^spec s: config returned a Promise \(config must be synchronous\)$/],
    [{ config: () => { throw new Error('no config') } }, /^spec s: building the configuration failed: no config$/],
  ])('names a spec member of the wrong kind: %#', async (fields, message) => {
    const run = check({ ...specOf(good), ...fields } as never)
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(message)
  })

  it.each([
    [{ n: { v: 3 } }, /^spec s: params\.n is an object where a number, a boolean or a string is expected$/],
    [{ n: null }, /^spec s: params\.n is null where a number, a boolean or a string is expected$/],
    [{ n: [2] }, /^spec s: params\.n is a list where a number, a boolean or a string is expected$/],
    [{ n: Number.NaN }, /^spec s: params\.n is the number NaN where a number, a boolean or a string is expected$/],
  ])("a parameter's default of the wrong kind is a usage error, as a bad params value is: %#", async (params, message) => {
    const run = check({ ...specOf(good), params } as never)
    await expect(run).rejects.toThrow(UsageError)
    await expect(run).rejects.toThrow(message)
  })

  // Found as a user: a spec run through tsx is not type-checked, so `expect: { distinctStates: 4 }`
  // (or `symetry: true`) was dropped without a word, and a run that pinned nothing passed (exit 0).
  it.each([
    [{ expect: { distinctStates: 4 } }, /^spec s: expect has no member 'distinctStates'; did you mean distinct\? \(known: distinct, total, depth, withinConstraint, depthWithinConstraint, violated, neverTaken, source\)$/],
    [{ expect: { violated: { True: { lenght: 3 } } } }, /^spec s: expect\.violated\.True has no member 'lenght'; did you mean length\? \(known: length\)$/],
    [{ expect: { violated: { True: 3 } } }, /^spec s: expect\.violated\.True is the number 3, not an object \(\{ length: 4 \}, or \{\} for any length\)$/],
    [{ symetry: true }, /^spec s has no member 'symetry'; did you mean symmetry\? \(known: name, description, model, params, config, check, deadlock, fairness, symmetry, constraint, expect\)$/],
    [{ expected: { distinct: 1 } }, /^spec s has no member 'expected'; did you mean expect\? /],
  ])('refuses a member it does not know, which would be ignored: %#', async (fields, message) => {
    const run = check({ ...specOf(good), ...fields } as never)
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(message)
  })

  it('a spec without a config says so, not that the model failed on an undefined configuration', async () => {
    const { config: _, ...noConfig } = specOf({ ...good, validate: (c: { procs: unknown }) => (c.procs ? undefined : 'no procs') })
    const run = check(noConfig as never)
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/^spec s has no config \(defineSpec\(\{ name, model, config, \.\.\. \}\): the configuration, or \(params\) => configuration; config: null for a model that takes none\)$/)
  })

  it.each([
    [{ actions: 'Inc' }, /^model m: actions is "Inc", not a list of action names \(strings\)$/],
    [{ actions: () => undefined }, /^model m: actions returned undefined, not a list of action names \(strings\)$/],
    [{ actions: [1, null] }, /^model m: actions is \[1,null\], not a list of action names \(strings\)$/],
    [{ actions: () => { throw new Error('no actions') } }, /^spec s: model m's actions failed: no actions$/],
    [{ validate: () => { throw new Error('no check') } }, /^spec s: model m's validate failed: no check$/],
    [{ validate: () => 42 }, /^model m: validate returned 42, not a message \(a string\) or undefined$/],
    [{ schema: () => ({ x: 'int' }) }, /^model m: its schema at state is an object without a kind, not a schema/],
    [{ schema: () => schema.record({ x: schema.int(0, Number.NaN) }) }, /^model m: its schema at state\.x: an int's bounds are whole numbers \(or ±Infinity\), not 0 and NaN$/],
    [{ schema: () => schema.record({ x: schema.enum('a', 'a') }) }, /^model m: its schema at state\.x: an enum lists 'a' twice$/],
    [{ schema: () => schema.record({ x: schema.list('x' as never) }) }, /^model m: its schema at state\.x\[\] is the string "x", not a schema|^model m: its schema at state\.x\[\] is a string, not a schema/],
  ])('names a model member that gives the wrong kind of value: %#', async (fields, message) => {
    const run = check(specOf({ ...good, ...fields }))
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(message)
  })

  it('a spec without a model, or without a name', async () => {
    await expect(check({ kind: 'interleave.spec', name: 's', config: null } as never)).rejects.toThrow(/^spec s: its model is missing/)
    await expect(check({ kind: 'interleave.spec', model: good, config: null } as never)).rejects.toThrow(/^a spec has no name/)
  })
})

describe('an action a trace cannot hold', () => {
  // Actions are written into trace files: found only once a counterexample was written, after the
  // verdict, such an action was an error without a trace file.
  const withAction = (action: () => object) =>
    specOf({ ...good, init: () => [0], next: (_c: unknown, s: number) => (s < 3 ? [[action(), s + 1]] : []), properties: [always('Small', (_c: unknown, s: number) => s < 2)] })

  it.each([
    [() => ({ name: 'Inc', f: () => 1 }), /^model m: action Inc\(.*\) holds a value a trace cannot: action\.f is a function$/],
    [() => ({ name: 'Inc', p: undefined }), /^model m: action Inc\(undefined\) holds a value a trace cannot: action\.p is undefined$/],
    [() => ({ name: 'Inc', at: new Date(0) }), /^model m: action Inc\(.*\) holds a value a trace cannot: action\.at is an instance of Date$/],
    [() => ({ name: 'Inc', n: Number.POSITIVE_INFINITY }), /^model m: action Inc\(.*\) holds a value a trace cannot: action\.n is Infinity$/],
    [() => ({ name: 'Inc', m: new Map([[undefined, 1]]) }), /^model m: action Inc\(.*\) holds a value a trace cannot: action\.m key is undefined$/],
    [() => ({ name: 'Inc', xs: List([() => 1]) }), /^model m: action Inc\(.*\) holds a value a trace cannot: action\.xs\[0\] is a function$/],
    [() => ({ name: 'Inc', s: Seq([1]) }), /^model m: action Inc\(.*\) holds a value a trace cannot: action\.s is an Immutable\.js Seq/],
    [
      () => {
        let deep: unknown[] = []
        for (let i = 0; i < 50_000; i++) deep = [deep]
        return { name: 'Inc', deep }
      },
      /^model m: action Inc holds a value a trace cannot: action is nested too deeply$/,
    ],
    [
      () => {
        const a: Record<string, unknown> = { name: 'Inc' }
        a.me = a
        return a
      },
      /^model m: action Inc holds a value a trace cannot: action\.me contains itself$/,
    ],
  ])('is a model error before the verdict: %#', async (action, message) => {
    const run = check(withAction(action))
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(message)
  })

  it('but not one the trace writer takes (-0, a Map, an Immutable.js List), nor with the mutation check off', async () => {
    expect((await check(withAction(() => ({ name: 'Inc', z: -0, m: new Map([['k', 1]]), xs: List([1, IMap({ a: 2 })]) })))).properties[0]?.verdict).toBe('violated')
    expect((await check(withAction(() => ({ name: 'Inc', p: undefined })), { mutationCheck: false, workers: 1 })).stats.distinct).toBe(3)
  })
})

describe('a spec that cannot be read', () => {
  it('a member whose getter throws is the spec\'s error, not the checker\'s', async () => {
    const spec = { kind: 'interleave.spec', name: 's', config: null, get model(): never { throw new Error('model getter boom') } }
    await expect(check(spec as never)).rejects.toThrow(new ModelError("a spec's members cannot be read: model getter boom"))
  })
})

describe('property names', () => {
  it('two that a file name cannot tell apart are refused: their trace files would be one', async () => {
    const model = { ...good, properties: [always('A/B', () => true), always('A_B', () => true)] }
    await expect(check(specOf(model))).rejects.toThrow(new ModelError('model m: properties A/B and A_B would both write the trace file A_B.itf.json; give one a name of its own there'))
  })
})
