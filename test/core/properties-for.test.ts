/**
 * `Model.propertiesFor`: properties made for the configuration (TLA+'s `\A c \in Clients :
 * P(c) ~> Q(c)`, one property per client), checked after the model's own. A new user porting
 * SchedulingAllocator.tla had to build the model for fixed clients, so its spec took no parameters.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec, ids } from '../../src/index.ts'
import type { Model } from '../../src/index.ts'
import { minimizeTrace } from '../../src/explore/minimize.ts'
import { ModelError } from '../../src/core/errors.ts'

interface Config {
  readonly nodes: readonly string[]
}
type State = Readonly<Record<string, number>>

/** Each node counts up to 2; node n's property says it stays below its own bound. */
const model: Model<Config, State, { readonly name: 'Inc'; readonly n: string }> = {
  name: 'per-node',
  init: (c) => [Object.fromEntries(c.nodes.map((n) => [n, 0]))],
  next: (c, s) => c.nodes.filter((n) => (s[n] as number) < 2).map((n) => [{ name: 'Inc', n }, { ...s, [n]: (s[n] as number) + 1 }] as const),
  properties: [always('TotalBelow9', (c, s) => c.nodes.reduce((t, n) => t + (s[n] as number), 0) < 9)],
  propertiesFor: (c) => c.nodes.map((n, i) => always(`Below(${n})`, (_c, s: State) => (s[n] as number) < 1 + i)),
}
const spec = defineSpec({ name: 'per-node', model, params: { nodes: 2 }, config: (p) => ({ nodes: ids('n', p.nodes as number) }) })

describe('Model.propertiesFor', () => {
  it("checks the configuration's properties after the model's, as many as it makes", async () => {
    const r = await check(spec)
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['TotalBelow9', 'holds'],
      ['Below(n1)', 'violated'],
      ['Below(n2)', 'violated'],
    ])
    const three = await check(spec, { params: { nodes: 3 } })
    expect(three.properties.map((p) => p.name)).toEqual(['TotalBelow9', 'Below(n1)', 'Below(n2)', 'Below(n3)'])
    expect(three.properties[3]?.verdict).toBe('holds')
    // Chosen by name like any other, by --property or a spec's check list.
    expect((await check(spec, { properties: ['Below(n2)'] })).properties.map((p) => p.name)).toEqual(['Below(n2)'])
  })

  it('a counterexample to one of them is shrunk like any other (the minimiser finds the property by name)', async () => {
    const r = await check(spec)
    const trace = r.properties.find((p) => p.name === 'Below(n2)')?.trace
    expect(trace?.steps.length).toBe(3)
    // The minimiser looked the property up among the model's own and did not find it.
    const { trace: shrunk } = minimizeTrace(spec, trace!, 'Below(n2)')
    expect(shrunk.steps.map((s) => (s.action ? `Inc ${(s.action as unknown as { n: string }).n}` : 'init'))).toEqual(['init', 'Inc n2', 'Inc n2'])
  })

  it('a function that returns no list of properties is the model\'s one-line error', async () => {
    const bad = (propertiesFor: unknown) => defineSpec({ ...spec, name: 'bad', model: { ...model, propertiesFor } as never })
    await expect(check(bad(() => 'Below'))).rejects.toThrow(new ModelError('model per-node: propertiesFor returned "Below", not a list (propertiesFor: (config) => [always(...), ...])'))
    await expect(check(bad(() => [{ name: 'x' }]))).rejects.toThrow('model per-node: propertiesFor returned a list whose item 0 is not a property (make it with always, sometimes, eventually, alwaysEventually or leadsTo)')
    await expect(check(bad([]))).rejects.toThrow('model per-node: propertiesFor is a list, not a function')
  })
})
