/**
 * The hash parts (src/state/fingerprint.ts) assemble a fingerprint by hand: for a record, a list
 * and their nesting they must give exactly what `fingerprint` gives for the built value, and what
 * a schema-compiled hasher gives (the explorer uses either).
 */
import { describe, expect, it } from 'vitest'
import {
  compileSchemaHasher,
  entryA,
  entryB,
  fingerprint,
  fp,
  intA,
  intB,
  listA,
  listB,
  listStartA,
  listStartB,
  listStepA,
  listStepB,
  partLanes,
  recordA,
  recordB,
  setFingerprint,
} from '../../src/state/fingerprint.ts'
import { schema } from '../../src/state/schema.ts'


describe('hash parts', () => {
  it('a record of an int, a list and a nested record equals the fingerprint of the value', () => {
    const value = { n: 7, xs: ['a', 'b', 'c'], inner: { on: true, who: null } }
    // The list, element by element.
    let la = listStartA(3)
    let lb = listStartB(3)
    for (const x of value.xs) {
      const [ea, eb] = partLanes(x)
      la = listStepA(la, ea)
      lb = listStepB(lb, eb)
    }
    const [innerA, innerB] = partLanes(value.inner)
    const [kn, kn2] = partLanes('n')
    const [kx, kx2] = partLanes('xs')
    const [ki, ki2] = partLanes('inner')
    // Entries in any order: a record is their sum.
    const sa = (entryA(ki, innerA) + entryA(kn, intA(7)) + entryA(kx, listA(la))) | 0
    const sb = (entryB(kx2, listB(lb)) + entryB(kn2, intB(7)) + entryB(ki2, innerB)) | 0
    const out = { hi: 0, lo: 0 }
    setFingerprint(out, recordA(sa, 3), recordB(sb, 3))
    fingerprint(value)
    expect([out.hi, out.lo]).toEqual([fp.hi, fp.lo])
    const compiled = compileSchemaHasher(
      schema.record({ n: schema.int(0, 9), xs: schema.list(schema.enum('a', 'b', 'c')), inner: schema.record({ on: schema.bool(), who: schema.nullable(schema.enum('p')) }) }),
    )
    compiled(value)
    expect([out.hi, out.lo]).toEqual([fp.hi, fp.lo])
    // A different value differs.
    fingerprint({ ...value, n: 8 })
    expect([out.hi, out.lo]).not.toEqual([fp.hi, fp.lo])
  })
})
