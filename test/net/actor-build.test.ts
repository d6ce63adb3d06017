import { describe, expect, it } from 'vitest'
import { recordBuilder, recordConstructor, stateBuilder } from '../../src/net/actor-build.ts'
import { fingerprintHex } from '../../src/state/fingerprint.ts'

describe('actor-build: compiled constructors of states and role records', () => {
  it('makes plain objects with the keys in order, as a literal would', () => {
    const F = recordConstructor(['b', 'a', 'x y', '"q"'])
    const o = new F(1, 2, 3, 4)
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype)
    expect(Object.keys(o)).toEqual(['b', 'a', 'x y', '"q"'])
    expect(o).toStrictEqual({ b: 1, a: 2, 'x y': 3, '"q"': 4 })
    expect(JSON.stringify(o)).toBe(JSON.stringify({ b: 1, a: 2, 'x y': 3, '"q"': 4 }))
    expect(() => recordConstructor(['a', 'a'])).toThrow('distinct')
  })

  it("replaces one node's local state in a role's record", () => {
    const { make, set } = recordBuilder(['p1', 'p2', 'p3'])
    const rec = new make('x', 'y', 'z')
    const next = set(rec, 'p2', 'w')
    expect(next).toStrictEqual({ p1: 'x', p2: 'w', p3: 'z' })
    expect(rec).toStrictEqual({ p1: 'x', p2: 'y', p3: 'z' })
  })

  it('builds a state from the previous one: one role replaced, the network, the ghosts written', () => {
    const { make, build } = stateBuilder(['clients', 'servers'], ['log', 'count'])
    const s = new make({ c: 0 }, { s: 1 }, 'net0', [], 0)
    expect(Object.keys(s)).toEqual(['clients', 'servers', 'net', 'log', 'count'])
    const t = build(s, 'servers', { s: 2 }, 'net1', { count: 5 })
    expect(t).toStrictEqual({ clients: { c: 0 }, servers: { s: 2 }, net: 'net1', log: [], count: 5 })
    expect(build(s, null, null, 'net2', undefined)).toStrictEqual({ clients: { c: 0 }, servers: { s: 1 }, net: 'net2', log: [], count: 0 })
    // The same fingerprint as the literal with the same fields.
    expect(fingerprintHex(t)).toBe(fingerprintHex({ clients: { c: 0 }, servers: { s: 2 }, net: 'net1', log: [], count: 5 }))
  })
})
