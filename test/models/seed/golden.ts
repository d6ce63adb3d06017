/** Shared golden-test runner for the seed specs. */
import { expect, it } from 'vitest'
import { actionLabel, check } from '../../../src/index.ts'
import type { AnySpec } from '../../../src/index.ts'

export type Golden = {
  readonly spec: string
  /** Every checked property's verdict. */
  readonly verdicts: Readonly<Record<string, string>>
  /** For each violated invariant, the counterexample's action labels (init state excluded). */
  readonly traces: Readonly<Record<string, readonly string[]>>
}

export function goldenSpecs(cases: readonly Golden[]): void {
  for (const g of cases) {
    it(g.spec, async () => {
      const spec = (await import(`../../../specs/${g.spec}.ts`)).default as AnySpec
      const r = await check(spec)
      const e = spec.expect!
      expect(r.complete).toBe(true)
      expect({ distinct: r.stats.distinct, total: r.stats.total, depth: r.stats.depth }).toEqual({
        distinct: e.distinct,
        total: e.total,
        depth: e.depth,
      })
      expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual(g.verdicts)
      const violated = r.properties.filter((p) => p.verdict === 'violated').map((p) => p.name)
      expect(violated.sort()).toEqual(Object.keys(e.violated ?? {}).sort())
      for (const p of r.properties) {
        const want = e.violated?.[p.name]?.length
        if (want !== undefined) expect(p.trace?.steps.length, p.name).toBe(want)
        const labels = g.traces[p.name]
        if (labels) expect(p.trace!.steps.slice(1).map((s) => actionLabel(s.action!)), p.name).toEqual(labels)
      }
      expect(Object.keys(g.traces).sort()).toEqual(
        r.properties.filter((p) => p.kind === 'always' && p.verdict === 'violated').map((p) => p.name).sort(),
      )
    })
  }
}
