/**
 * What `check --json` prints on stdout: one JSON document for every outcome (success, violation,
 * limit, interrupt, usage error, model error, a file that cannot be written). Schema version 1,
 * documented field by field in docs/cli-json.md; a change that removes or renames a field bumps
 * `schemaVersion`.
 */
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult } from '../core/result.ts'
import type { Params } from '../core/spec.ts'
import type { DescribedError } from './error-line.ts'
import type { SpecStatus } from './status.ts'

export const SCHEMA_VERSION = 1

export interface SpecJsonInput {
  readonly file: string
  /** The spec's name, when it loaded. */
  readonly spec?: string
  readonly status: SpecStatus
  readonly error?: DescribedError
  readonly run?: {
    readonly result: CheckResult
    readonly report: ExpectationReport
    /** Defaults with the overrides applied. */
    readonly params: Params
    readonly overridden: Params
    /** Trace files written, per property. */
    readonly traceFiles: ReadonlyMap<string, readonly string[]>
    /** The command that reproduces the run, and the one per counterexample. */
    readonly reproduce: string
    readonly reproduceProperty: (name: string) => string
  }
}

export function specJson(s: SpecJsonInput): Record<string, unknown> {
  const base = { file: s.file, spec: s.spec ?? null, status: s.status, error: s.error ?? null }
  if (!s.run) return base
  const { result: r, report } = s.run
  return {
    ...base,
    model: r.model,
    params: s.run.params,
    overriddenParams: s.run.overridden,
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
      // A lasso's closing step and fairness lines are what its text trace and ITF `#meta` say
      // after the loop; without `closing` a one-state loop closed by a step (under a view or
      // symmetry) would read as stuttering.
      trace: p.trace
        ? {
            length: p.trace.steps.length,
            loopStart: p.trace.loopStart ?? null,
            closing: p.trace.closing ?? null,
            closesUpTo: p.trace.closesUpTo ?? null,
            fairness: p.trace.fairness ?? null,
            steps: p.trace.steps,
          }
        : null,
      traceFiles: s.run!.traceFiles.get(p.name) ?? [],
      reproduce: p.verdict === 'violated' ? s.run!.reproduceProperty(p.name) : null,
    })),
    coverage: r.coverage,
    neverFired: r.neverFired,
    warnings: r.warnings,
    reproduce: s.run.reproduce,
  }
}

export interface RunJsonInput {
  readonly exitCode: number
  readonly specs: readonly Record<string, unknown>[]
  /** Specs not checked because the run was interrupted first. */
  readonly notRun?: readonly string[]
  readonly interrupted?: boolean
  /** An error that ended the whole run (a usage error, a missing spec). */
  readonly error?: DescribedError
  /** `--help --json`. */
  readonly usage?: string
}

export function runJson(r: RunJsonInput): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    exitCode: r.exitCode,
    interrupted: r.interrupted ?? false,
    error: r.error ?? null,
    specs: r.specs,
    notRun: r.notRun ?? [],
    ...(r.usage !== undefined ? { usage: r.usage } : {}),
  }
  return `${JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`
}
