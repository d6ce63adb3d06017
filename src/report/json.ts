/** The machine-readable result printed by `--json`. */
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult } from '../core/result.ts'

export function resultJson(file: string, r: CheckResult, report: ExpectationReport): unknown {
  return {
    file,
    spec: r.spec,
    model: r.model,
    params: r.params,
    strategy: r.strategy,
    workers: r.workers,
    complete: r.complete,
    stopReason: r.stopReason ?? null,
    decidedEarly: r.decidedEarly,
    stats: r.stats,
    liveness: r.liveness ?? null,
    expectation: report,
    properties: r.properties.map((p) => ({
      name: p.name,
      kind: p.kind,
      verdict: p.verdict,
      note: p.note ?? null,
      trace: p.trace
        ? { length: p.trace.steps.length, loopStart: p.trace.loopStart ?? null, steps: p.trace.steps }
        : null,
    })),
    coverage: r.coverage,
    neverFired: r.neverFired,
    warnings: r.warnings,
  }
}
