/**
 * Shared golden assertions for the seed specs, read from what the one pass over specs/
 * (test/golden/golden.ts) pinned rather than by checking each spec again: that pass checks every
 * spec once, holds it to its `expect` block (a complete search, its counts and depth, its
 * counterexample lengths) and writes `test/golden/snapshots/<spec>.json` (verdicts, and every
 * counterexample's length and action labels), failing when the run differs from the snapshot.
 * Here each case states, by hand, the verdicts and counterexamples the seed notes lead us to
 * expect, and is compared with that snapshot and the spec's `expect` block.
 */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import type { AnySpec } from '../../../src/index.ts'

export type Golden = {
  readonly spec: string
  /** Every checked property's verdict. */
  readonly verdicts: Readonly<Record<string, string>>
  /** For each violated invariant, the counterexample's action labels (init state excluded). */
  readonly traces: Readonly<Record<string, readonly string[]>>
}

/** The snapshot the one pass over specs/ wrote for a spec (see golden.ts there). */
export type Pinned = {
  readonly verdicts: Readonly<Record<string, string>>
  readonly counterexamples: Readonly<Record<string, { readonly length: number; readonly loopStart?: number; readonly actions: readonly string[] }>>
}

export function pinnedResult(spec: string): Pinned {
  return JSON.parse(readFileSync(new URL(`../../golden/snapshots/${spec}.json`, import.meta.url), 'utf8')) as Pinned
}

export function goldenSpecs(cases: readonly Golden[]): void {
  for (const g of cases) {
    it(g.spec, async () => {
      const spec = (await import(`../../../specs/${g.spec}.ts`)).default as AnySpec
      const e = spec.expect!
      const r = pinnedResult(g.spec)
      // The one pass compared these with a complete run's counts: each must be pinned.
      expect([typeof e.distinct, typeof e.total, typeof e.depth]).toEqual(['number', 'number', 'number'])
      expect(r.verdicts).toEqual(g.verdicts)
      const violated = Object.keys(r.verdicts).filter((p) => r.verdicts[p] === 'violated')
      expect(violated.sort()).toEqual(Object.keys(e.violated ?? {}).sort())
      for (const [name, want] of Object.entries(e.violated ?? {})) {
        if (want.length !== undefined) expect(r.counterexamples[name]?.length, name).toBe(want.length)
      }
      for (const [name, labels] of Object.entries(g.traces)) {
        expect(r.counterexamples[name]?.actions.slice(1), name).toEqual(labels)
      }
      // Invariant counterexamples are the ones without a loop (a lasso answers a liveness property).
      expect(Object.keys(g.traces).sort()).toEqual(
        Object.keys(r.counterexamples).filter((p) => r.counterexamples[p]?.loopStart === undefined).sort(),
      )
    })
  }
}
