/**
 * A value the schema declares a set must be one (`unsorted-set.ts`): otherwise one set built in two
 * orders was two states, and its trace file read back as another value (replay of the unchanged
 * model said it no longer reproduced). Checked on initial states, with --debug on every state,
 * and where a trace is written.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec, schema } from '../../src/index.ts'
import type { AnySpec, Model } from '../../src/index.ts'
import { ModelError } from '../../src/core/errors.ts'
import { unsortedSet } from '../../src/state/unsorted-set.ts'
import { toItfValue } from '../../src/trace/itf-value.ts'

type S = { readonly xs: readonly string[] }
const shape = schema.record({ xs: schema.setOf(schema.enum('a', 'b')) })

// A model that builds its "set" by appending (it forgot setAdd): [b, a] and [a, a] are reachable.
const appending = (init: readonly string[] = []): Model<object, S> => ({
  name: 'appending',
  init: () => [{ xs: init }],
  next: (_c, s) =>
    s.xs.length >= 2
      ? []
      : [
          [{ name: 'AddA' }, { xs: [...s.xs, 'a'] }],
          [{ name: 'AddB' }, { xs: [...s.xs, 'b'] }],
        ],
  properties: [always('NoDup', (_c, s) => !(s.xs.length === 2 && s.xs[0] === s.xs[1]))],
  schema: () => shape,
})
const spec = (m: Model<object, S>): AnySpec => defineSpec({ name: 'appending', model: m, config: {} }) as AnySpec

describe('sets declared by the schema', () => {
  it('names the first set that is not sorted, or holds a repeat, and lets sorted ones and bags with repeats pass', () => {
    expect(unsortedSet(shape, { xs: ['a', 'b'] })).toBeUndefined()
    expect(unsortedSet(shape, { xs: ['b', 'a'] })).toBe('state.xs is declared a set (schema.setOf) but is not sorted (at [1]): build it with setOf/setAdd (src/state/data.ts)')
    expect(unsortedSet(shape, { xs: ['a', 'a'] })).toBe('state.xs is declared a set (schema.setOf) but holds "a" twice: build it with setOf/setAdd (src/state/data.ts)')
    const nested = schema.record({ n: schema.nullable(schema.union('t', { M: { bag: schema.bagOf(schema.int(0, 9)) } })) })
    expect(unsortedSet(nested, { n: { t: 'M', bag: [1, 1, 2] } })).toBeUndefined()
    expect(unsortedSet(nested, { n: { t: 'M', bag: [2, 1] } })).toMatch(/^state\.n\.bag is declared a bag \(schema\.bagOf\) but is not sorted \(at \[1\]\)/)
    expect(unsortedSet(nested, { n: null })).toBeUndefined()
  })

  it('refuses an initial state with such a set, and with --debug the step that makes one', async () => {
    await expect(check(spec(appending(['b', 'a'])))).rejects.toThrow(new ModelError('model appending: init: state.xs is declared a set (schema.setOf) but is not sorted (at [1]): build it with setOf/setAdd (src/state/data.ts)'))
    await expect(check(spec(appending()), { debug: true })).rejects.toThrow(/^model appending: AddA made a state where state\.xs is declared a set \(schema\.setOf\) but holds "a" twice/)
  })

  it('does not write one into a trace file as a set (it would read back as another value)', () => {
    expect(() => toItfValue({ xs: ['a', 'a'] }, 'state', shape)).toThrow(/state\.xs is declared a set \(schema\.setOf\) but holds "a" twice/)
    expect(toItfValue({ xs: ['a', 'b'] }, 'state', shape)).toEqual({ xs: { '#set': ['a', 'b'] } })
  })
})
