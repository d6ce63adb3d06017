/**
 * `Model.stateFingerprint` (the packed model's words' hash, or any model's own): every explorer
 * keys the states by it. A model that also declares a schema (for the thread codec, ITF, its
 * declared sets) is checked the same with `--debug`.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import type { AnySpec, Model } from '../../src/index.ts'
import { fingerprint } from '../../src/state/fingerprint.ts'

type S = { readonly n: number }
// A counter 0..3 whose own fingerprint hashes another form of the state (as a packed model's
// words are), with a schema beside it.
const counter: Model<Record<string, never>, S> = {
  name: 'own-fingerprint',
  init: () => [{ n: 0 }],
  next: (_c, s) => (s.n < 3 ? [[{ name: 'Inc' }, { n: s.n + 1 }]] : []),
  properties: [always('Small', (_c, s: S) => s.n <= 3)],
  schema: () => ({ kind: 'record', fields: { n: { kind: 'int', min: 0, max: 3 } } }),
  stateFingerprint: () => (s, out) => fingerprint([s.n, 'own'], out),
}
const spec = defineSpec({ name: 'own-fingerprint', model: counter, config: {} }) as unknown as AnySpec

describe('Model.stateFingerprint', () => {
  it('keys the states with a schema beside it, with --debug as without', async () => {
    const plain = await check(spec)
    expect(plain.stats.distinct).toBe(4)
    const debugged = await check(spec, { debug: true })
    expect(debugged.stats.distinct).toBe(4)
  })
})
