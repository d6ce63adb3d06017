/** The register as a sequential specification (src/properties/register.ts). */
import { describe, expect, it } from 'vitest'
import { READ, WRITE_OK, readOk, register, registerOpSchema, write } from '../../src/properties/register.ts'
import { explainSchemaMismatch } from '../../src/state/fingerprint.ts'

describe('register', () => {
  it('a read returns the value; a write replaces it', () => {
    const r = register('A')
    const [s1, r1] = r.invoke(r.init, READ)
    const [s2, r2] = r.invoke(s1, write('B'))
    const [, r3] = r.invoke(s2, READ)
    expect([r1, r2, r3]).toEqual([readOk('A'), WRITE_OK, readOk('B')])
  })

  it('its operations fit their schema, and a value outside it does not', () => {
    const s = registerOpSchema(['A', 'B'])
    expect(explainSchemaMismatch(s, write('B'))).toBeUndefined()
    expect(explainSchemaMismatch(s, READ)).toBeUndefined()
    expect(explainSchemaMismatch(s, write('C'))).toBeDefined()
  })
})
