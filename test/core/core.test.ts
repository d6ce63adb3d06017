/** The small constructors and readers of src/core: labels, properties, fairness, specs, options. */
import { describe, expect, it } from 'vitest'
import { actionLabel, always, alwaysEventually, check, defineSpec, eventually, leadsTo, sometimes, Steps, strongFair, weakFair } from '../../src/index.ts'
import { UsageError, errorMessage, userFrame } from '../../src/core/errors.ts'
import { defaultOptions, resolveOptions } from '../../src/core/options.ts'
import { isSafety } from '../../src/core/property.ts'
import { isSpec, resolveConfig } from '../../src/core/spec.ts'
import type { AnySpec } from '../../src/core/spec.ts'
import counterSpec from '../fixtures/counter.ts'

describe('actionLabel', () => {
  it('prints the name, then the parameters in field order', () => {
    expect(actionLabel({ name: 'TMCommit' })).toBe('TMCommit')
    expect(actionLabel({ name: 'RMPrepare', rm: 'r1' } as never)).toBe('RMPrepare(r1)')
    expect(actionLabel({ name: 'Send', from: 'a', to: 'b', n: 2, ok: true, x: null } as never)).toBe('Send(a, b, 2, true, null)')
    expect(actionLabel({ name: 'M', m: { type: 'P', ids: [1, 2] } } as never)).toBe('M({type: P, ids: [1, 2]})')
  })

  it('uses a string `label` field when an action has one', () => {
    expect(actionLabel({ name: 'Deliver', label: 'Prepare→p2', msg: { big: [1, 2, 3] } } as never)).toBe('Deliver(Prepare→p2)')
  })
})

describe('properties and fairness', () => {
  it('constructors tag the kind; only always/sometimes are safety', () => {
    const p = () => true
    const props = [always('A', p), sometimes('S', p), eventually('E', p), alwaysEventually('AE', p), leadsTo('L', p, p)]
    expect(props.map((x) => [x.name, x.kind, isSafety(x)])).toEqual([
      ['A', 'always', true],
      ['S', 'sometimes', true],
      ['E', 'eventually', false],
      ['AE', 'alwaysEventually', false],
      ['L', 'leadsTo', false],
    ])
  })

  it('fairness groups match by name, names, or predicate', () => {
    const w = weakFair('Deliver')
    expect([w.kind, w.label, w.matches({ name: 'Deliver' }), w.matches({ name: 'Drop' })]).toEqual(['weak', 'Deliver', true, false])
    const s = strongFair(['A', 'B'])
    expect([s.kind, s.label, s.matches({ name: 'B' }), s.matches({ name: 'C' })]).toEqual(['strong', 'A|B', true, false])
    const c = weakFair((a) => a.name.startsWith('TM'), 'TM steps')
    expect([c.label, c.matches({ name: 'TMCommit' }), c.matches({ name: 'RMPrepare' })]).toEqual(['TM steps', true, false])
    expect(weakFair(() => true).label).toBe('custom')
  })
})

describe('Steps', () => {
  it('keeps enabled steps in order and drops disabled ones (null)', () => {
    const out = new Steps<{ name: string }, number>().add({ name: 'A' }, 1).add({ name: 'B' }, null).add({ name: 'C' }, 0)
    expect(out.list).toEqual([
      [{ name: 'A' }, 1],
      [{ name: 'C' }, 0],
    ])
  })
})

describe('specs and options', () => {
  it('defineSpec tags the spec; resolveConfig builds the config from defaults and overrides', () => {
    expect(isSpec(counterSpec)).toBe(true)
    expect(isSpec({ name: 'x' })).toBe(false)
    expect(isSpec(null)).toBe(false)
    expect(resolveConfig(counterSpec as AnySpec)).toEqual({ max: 3, limit: 10 })
    expect(resolveConfig(counterSpec as AnySpec, { max: 7 })).toEqual({ max: 7, limit: 10 })
    const fixed = defineSpec({ name: 'fixed', model: counterSpec.model, config: { max: 1, limit: 1 } })
    expect(resolveConfig(fixed as AnySpec, {})).toEqual({ max: 1, limit: 1 })
  })

  it("a spec's expect must name the model's properties and pin counts a search can give", async () => {
    const withExpect = (expect: object): AnySpec => ({ ...(counterSpec as AnySpec), expect }) as AnySpec
    await expect(check(withExpect({ violated: { Nope: { length: 4 } } }))).rejects.toThrow(
      new UsageError("spec counter: expect.violated names 'Nope', not a property of model counter (known: Below, Reached)"),
    )
    await expect(check(withExpect({ violated: { Below: { length: 0 } } }))).rejects.toThrow(/^spec counter: expect\.violated\.Below\.length 0: expected a whole number of states, at least 1$/)
    await expect(check(withExpect({ distinct: -3 }))).rejects.toThrow(/^spec counter: expect\.distinct -3: expected a whole number, at least 0$/)
    await expect(check(withExpect({ depth: 1.5 }))).rejects.toThrow(/^spec counter: expect\.depth 1\.5: /)
    // So is the count within a constraint: a string, a fraction or a negative number was compared
    // as given and failed the run with "expected 2, got 2" (exit 1), not refused.
    const constrained = (expect: object): AnySpec => ({ ...withExpect(expect), constraint: (_c: unknown, s: { x: number }) => s.x < 2 }) as AnySpec
    await expect(check(constrained({ withinConstraint: '2' }))).rejects.toThrow(/^spec counter: expect\.withinConstraint '2' \(a string\): expected a whole number, at least 0$/)
    await expect(check(constrained({ withinConstraint: -1 }))).rejects.toThrow(/^spec counter: expect\.withinConstraint -1: expected a whole number, at least 0$/)
    await expect(check(constrained({ withinConstraint: 2.5 }))).rejects.toThrow(/^spec counter: expect\.withinConstraint 2\.5: /)
    await expect(check(constrained({ withinConstraint: 2 }))).resolves.toBeDefined()
    // A `sometimes` never reached has no counterexample: a length for it compared nothing.
    await expect(check(withExpect({ violated: { Reached: { length: 3 } } }))).rejects.toThrow(
      new UsageError('spec counter: expect.violated.Reached.length: Reached is a sometimes, whose violation (no reachable state satisfies it) has no counterexample; write violated: { Reached: {} }'),
    )
    // A property of the model the spec does not check stays a mismatch of the run ("not checked"),
    // and `Deadlock`, the deadlock check's verdict, is a name it may expect violated.
    await expect(check(withExpect({ distinct: 4 }))).resolves.toBeDefined()
    await expect(check(withExpect({ violated: { Deadlock: { length: 2 } } }), { deadlock: true })).resolves.toBeDefined()
  })

  it('resolveOptions fills defaults and ignores undefined entries', () => {
    expect(resolveOptions()).toEqual(defaultOptions)
    const o = resolveOptions({ maxStates: 10, deadlock: undefined, seed: undefined })
    expect(o.maxStates).toBe(10)
    expect(o.seed).toBe(defaultOptions.seed)
    expect(o.strategy).toBe('bfs')
  })

  it('check validates and coerces --param values against the spec defaults', async () => {
    const r = await check(counterSpec, { params: { max: '5' } })
    expect(r.stats.distinct).toBe(6)
    expect(r.params).toEqual({ max: 5 })
    await expect(check(counterSpec, { params: { nope: 1 } })).rejects.toThrow(/params nope: spec counter has no parameter 'nope' \(known: max, limit\)/)
    await expect(check(counterSpec, { params: { max: 'x' } })).rejects.toThrow(/params max=x: expected a number/)
    await expect(check(counterSpec, { params: { max: 'x' } })).rejects.toBeInstanceOf(UsageError)
  })

  it('check refuses unknown property names and unavailable strategies', async () => {
    await expect(check(counterSpec, { properties: ['Nope'] })).rejects.toThrow(/unknown property 'Nope' for spec counter \(known: Below, Reached\)/)
    // A near miss is named.
    await expect(check(counterSpec, { properties: ['Belwo'] })).rejects.toThrow(/^unknown property 'Belwo' for spec counter; did you mean Below\? \(known: Below, Reached\)$/)
    // Named by the spec's own check list: the mistake is in the spec file.
    await expect(check({ ...counterSpec, check: ['Reached', 'Belwo'] })).rejects.toThrow(/^spec counter: its check list names 'Belwo', not a property of model counter; did you mean Below\? \(known: Below, Reached\)$/)
    // An empty list checked every property: a spec that checks nothing is a mistake.
    await expect(check({ ...counterSpec, check: [] })).rejects.toThrow(
      new UsageError("spec counter: check is an empty list, which would check no property; leave check out to check all of model counter's properties (Below, Reached)"),
    )
    await expect(check(counterSpec, { strategy: 'no-such' as never })).rejects.toThrow(/^strategy no-such is not available/)
    // A misspelt action among those expected never taken was only a set mismatch after the run.
    await expect(check({ ...counterSpec, expect: { neverTaken: ['Rest'] } })).rejects.toThrow(
      new UsageError("spec counter: expect.neverTaken names 'Rest', not an action of model counter (its actions: Inc, Reset)"),
    )
  })
})

describe('userFrame', () => {
  it('finds the first frame outside the checker and node_modules', () => {
    function userCode(): never {
      throw new Error('boom')
    }
    let err: unknown
    try {
      userCode()
    } catch (e) {
      err = e
    }
    expect(userFrame(err)).toMatch(/^userCode \(test\/core\/core\.test\.ts:\d+\)$/)
    expect(userFrame('not an error')).toBeUndefined()
  })

  const stack = (first: string) => {
    const e = new Error('x')
    e.stack = `Error: x\n    ${first}\n    at prepare (${process.cwd()}/src/explore/prepare.ts:10:1)`
    return e
  }

  it('parses plain, anonymous and file:// frames', () => {
    expect(userFrame(stack(`at rmPrepare (${process.cwd()}/models/two-phase-commit.ts:57:9)`))).toBe('rmPrepare (models/two-phase-commit.ts:57)')
    expect(userFrame(stack(`at file://${process.cwd()}/models/x.ts:3:1`))).toBe('<anonymous> (models/x.ts:3)')
  })

  // BUG (core, reported to the lead): V8 prints a method whose function has another name as
  // "at Object.initBoom [as init] (file:line:col)" (e.g. `init: initBoom` in a model literal), and
  // async frames as "at async fn (...)". userFrame's regex accepts neither, skips the frame and
  // names the caller's frame instead (seen under vitest: "at run (...)" instead of initBoom).
  it('parses "[as alias]" method frames', () => {
    expect(userFrame(stack(`at Object.initBoom [as init] (${process.cwd()}/models/foo.ts:3:38)`))).toMatch(/initBoom.* \(models\/foo\.ts:3\)$/)
  })

  it('parses async frames', () => {
    expect(userFrame(stack(`at async loadConfig (${process.cwd()}/models/foo.ts:7:5)`))).toMatch(/loadConfig \(models\/foo\.ts:7\)$/)
  })
})

describe('errorMessage', () => {
  it('says what a stack overflow usually means (an instance too large, a recursion that never ends)', () => {
    let overflow: unknown
    const deep = (n: number): number => deep(n + 1) + 1
    try {
      deep(0)
    } catch (e) {
      overflow = e
    }
    expect(errorMessage(overflow)).toBe('Maximum call stack size exceeded (the stack ran out: a recursion that does not end, or an instance too large for the model, such as a parameter in the millions)')
    expect(errorMessage(new RangeError('Invalid array length'))).toBe('Invalid array length')
    expect(errorMessage('text')).toBe('text')
  })
})
