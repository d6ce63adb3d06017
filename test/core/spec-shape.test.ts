/**
 * A spec or model missing a required member (possible where types are not checked: tsx strips
 * them, JavaScript has none) is one line naming the member, not "internal error: Cannot read
 * properties of undefined" from inside the search.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import { ModelError } from '../../src/core/errors.ts'

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

  it('a spec without a model, or without a name', async () => {
    await expect(check({ kind: 'interleave.spec', name: 's', config: null } as never)).rejects.toThrow(/^spec s: its model is missing/)
    await expect(check({ kind: 'interleave.spec', model: good, config: null } as never)).rejects.toThrow(/^a spec has no name/)
  })
})
