/**
 * The table of canonical fingerprints under symmetry (src/explore/canonical-cache.ts): a state
 * met again is canonicalised by a lookup, with the fingerprint canonicalising gives; the searches
 * that use it find what they found without it (the golden and parity tests pin every symmetric
 * spec's counts; here, the canonicalisations it spares are counted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CanonicalCache } from '../../src/explore/canonical-cache.ts'
import { KeySoundness } from '../../src/explore/key-soundness.ts'
import { check, defineSpec } from '../../src/index.ts'
import type { AnyModel, AnySpec } from '../../src/index.ts'
import { cyclic } from '../fixtures/misbehaving.ts'
import { StateValueError, fingerprint } from '../../src/state/fingerprint.ts'
import paxosBallots from '../../specs/paxos-ballots2.ts'
import twoPcSymmetry from '../../specs/two-phase-commit-symmetry.ts'

describe('CanonicalCache', () => {
  it('answers a state met before with the canonical fingerprint it was told, and nothing else', () => {
    const cache = new CanonicalCache(fingerprint)
    const out = { hi: 0, lo: 0 }
    expect(cache.find({ x: 1 }, out)).toBe(false)
    cache.keep({ hi: 7, lo: 9 })
    expect(cache.find({ x: 1 }, out)).toBe(true)
    expect(out).toEqual({ hi: 7, lo: 9 })
    expect(cache.find({ x: 2 }, out)).toBe(false)
    // Only the state `find` missed is kept: a second `keep` writes nothing.
    cache.keep({ hi: 1, lo: 2 })
    cache.keep({ hi: 3, lo: 4 })
    expect(cache.find({ x: 2 }, out)).toBe(true)
    expect(out).toEqual({ hi: 1, lo: 2 })
  })

  it('turns itself off at a state its hash cannot walk (a cyclic value), leaving it to the canonical path', () => {
    let refuse = false
    const cache = new CanonicalCache((s, out) => {
      if (refuse) throw new RangeError('Maximum call stack size exceeded')
      fingerprint(s, out)
    })
    const out = { hi: 0, lo: 0 }
    expect(cache.find({ x: 1 }, out)).toBe(false)
    cache.keep({ hi: 7, lo: 9 })
    refuse = true
    expect(cache.find({ x: 1 }, out)).toBe(false)
    refuse = false
    expect(cache.find({ x: 1 }, out)).toBe(false)
  })

  // The representative, relabelled from the schema's fields alone, would not show a field the
  // schema does not declare: the state's own hash is where it shows, and it is the caller's to
  // report (review: with the cache turned off, such states were hashed without it, silently).
  it('throws a state outside the schema to the caller, and stays on', () => {
    let refuse = false
    const cache = new CanonicalCache((s, out) => {
      if (refuse) throw new StateValueError('state', 'does not match the schema')
      fingerprint(s, out)
    })
    const out = { hi: 0, lo: 0 }
    expect(cache.find({ x: 1 }, out)).toBe(false)
    cache.keep({ hi: 7, lo: 9 })
    refuse = true
    expect(() => cache.find({ x: 1 }, out)).toThrow(StateValueError)
    refuse = false
    expect(cache.find({ x: 1 }, out)).toBe(true)
    expect(out).toEqual({ hi: 7, lo: 9 })
  })
})

/**
 * How deep the stack is in `KeySoundness`'s methods: each is wrapped while this file runs (and
 * restored after it: test files share their modules). It used to be read off `new Error().stack`
 * on every call, which vitest maps through the sources' source maps: 10 of this file's 11 s.
 */
let inKeySoundness = 0
const unwrapped = new Map<string, unknown>()
beforeAll(() => {
  const proto = KeySoundness.prototype as unknown as Record<string, unknown>
  for (const k of Object.getOwnPropertyNames(proto)) {
    const f = Object.getOwnPropertyDescriptor(proto, k)?.value as unknown
    if (k === 'constructor' || typeof f !== 'function') continue
    unwrapped.set(k, f)
    proto[k] = function (this: unknown, ...args: unknown[]): unknown {
      inKeySoundness++
      try {
        return (f as (...a: unknown[]) => unknown).apply(this, args)
      } finally {
        inKeySoundness--
      }
    }
  }
})
afterAll(() => {
  const proto = KeySoundness.prototype as unknown as Record<string, unknown>
  for (const [k, f] of unwrapped) proto[k] = f
})

/** The spec with its model's `symmetry` counted: the search's calls, not those of the check that
 * a symmetry keeps the steps (key-soundness.ts, which canonicalises the successors of the states
 * it compares: about 400 more over the first steps of every run, every step's with debug). */
function counted(spec: AnySpec): { spec: AnySpec; calls: () => number } {
  let n = 0
  const model = spec.model as AnyModel & { symmetry: NonNullable<AnyModel['symmetry']> }
  const symmetry = model.symmetry.bind(model)
  const m: AnyModel = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as object, model, {
    symmetry: (c: unknown, s: unknown) => {
      if (inKeySoundness === 0) n++
      return symmetry(c, s)
    },
  })
  return { spec: defineSpec({ ...spec, model: m } as never) as AnySpec, calls: () => n }
}

describe('a symmetric search with the table', () => {
  it('still names the action whose state cannot be fingerprinted (a cyclic value)', async () => {
    await expect(check(defineSpec({ name: 'cyclic-symmetric', model: cyclic(true), config: null, symmetry: true }))).rejects.toThrow(
      /action Loop produced a view\/symmetry representative that cannot be fingerprinted: a cyclic \(or too deeply nested\) value/,
    )
  })

  // Canonicalisations when written: 23,323 for 127,002 steps on paxos-ballots2, 842 for 2,048 on
  // two-phase-commit-symmetry (some steps are stutters, never fingerprinted).
  it.each([
    ['paxos-ballots2 (Paxos.tla, acceptors and values)', paxosBallots, 0.3],
    ['two-phase-commit-symmetry', twoPcSymmetry, 0.6],
  ])('%s: the pinned counts and verdicts, with most successors not canonicalised', async (_name, spec, share) => {
    const { spec: s, calls } = counted(spec)
    const r = await check(s, { workers: 1 })
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([spec.expect?.distinct, spec.expect?.total, spec.expect?.depth])
    expect(r.properties.every((p) => p.verdict === 'holds')).toBe(true)
    // Without the table each successor that is not a stutter is canonicalised once.
    expect(calls()).toBeLessThan(share * r.stats.total)
    expect(calls()).toBeGreaterThanOrEqual(r.stats.distinct)
  })

  it('is off in debug mode, which canonicalises every state: the table spares most canonicalisations', async () => {
    const off = counted(twoPcSymmetry)
    const r = await check(off.spec, { workers: 1, debug: true })
    const on = counted(twoPcSymmetry)
    const q = await check(on.spec, { workers: 1 })
    expect([r.stats.distinct, r.stats.total]).toEqual([q.stats.distinct, q.stats.total])
    // 842 against 1,426 when written.
    expect(on.calls()).toBeLessThan(0.7 * off.calls())
  })
})
