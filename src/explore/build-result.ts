/** Turns what an explorer found into a `CheckResult`: verdicts, traces, stats, coverage. */
import type { ActionCoverage, CheckResult, PropertyResult, StopReason, Trace } from '../core/result.ts'
import type { Prepared } from './prepare.ts'
import type { SafetyTracker } from './safety-tracker.ts'

export interface Found {
  readonly tracker: SafetyTracker
  readonly traceTo: (idx: number) => Trace
  readonly stopReason: StopReason | undefined
  readonly decidedEarly: boolean
  readonly distinct: number
  readonly total: number
  readonly depth: number
  readonly seconds: number
  readonly visitedBytes: number
  readonly queuePeak: number
  readonly levels?: readonly { readonly distinct: number; readonly total: number }[]
  readonly coverage: ReadonlyMap<string, { fired: number; discovered: number }>
  readonly strategy: string
  readonly workers: number
  readonly warnings?: readonly string[]
  /** Steps skipped by partial-order reduction (`sleep-sets.ts`), when it ran. */
  readonly slept?: number
  /** Distinct states the spec's constraint cut (kept, not expanded), where the search counts them. */
  readonly cut?: number
  /** A BFS with a constraint: whether its deepest level held only states the constraint cut
   * (`Levels.deepestCut`), for `Stats.depthWithin`. */
  readonly deepestCut?: boolean
}

export function buildResult(p: Prepared, f: Found): CheckResult {
  const complete = f.stopReason === undefined
  const properties: PropertyResult[] = []
  p.safety.forEach((prop, i) => {
    if (i >= p.reported) return // a hidden witness: its verdict is folded into its invariant's
    const at = f.tracker.decidedAt[i] as number
    if (prop.kind === 'always') {
      properties.push(at >= 0 ? { name: prop.name, kind: prop.kind, verdict: 'violated', trace: f.traceTo(at) } : unbroken(p, f, i, complete))
    } else {
      properties.push(
        at >= 0
          ? { name: prop.name, kind: prop.kind, verdict: 'holds', trace: f.traceTo(at) }
          : complete
            ? { name: prop.name, kind: prop.kind, verdict: 'violated', note: 'no reachable state satisfies it (vacuous model?)' }
            : { name: prop.name, kind: prop.kind, verdict: 'unknown' },
      )
    }
  })
  if (p.deadlock) {
    const at = f.tracker.deadlockAt
    properties.push(
      at >= 0
        ? { name: 'Deadlock', kind: 'deadlock', verdict: 'violated', trace: f.traceTo(at), note: 'a state with no successor' }
        : { name: 'Deadlock', kind: 'deadlock', verdict: complete ? 'holds' : 'unknown' },
    )
  }
  for (const prop of p.liveness) {
    properties.push({ name: prop.name, kind: prop.kind, verdict: 'not-checked', note: 'liveness is checked by the liveness explorer only' })
  }
  const coverage: ActionCoverage[] = [...f.coverage.entries()].map(([name, c]) => ({ name, ...c }))
  const declared = p.coverageNames
  const n = f.distinct
  return {
    spec: p.spec.name,
    model: p.model.name,
    params: p.params,
    strategy: f.strategy,
    workers: f.workers,
    ...(p.symmetry ? { symmetry: true as const } : {}),
    complete,
    ...(f.stopReason ? { stopReason: f.stopReason } : {}),
    decidedEarly: f.decidedEarly,
    stats: {
      distinct: f.distinct,
      total: f.total,
      depth: f.depth,
      seconds: f.seconds,
      collisionProbability: (n * (n - 1)) / 2 / 2 ** 64,
      visitedBytes: f.visitedBytes,
      queuePeak: f.queuePeak,
      ...(f.levels ? { levels: f.levels } : {}),
      ...(f.slept !== undefined ? { slept: f.slept } : {}),
      ...(f.cut !== undefined ? { cut: f.cut } : {}),
      // TLC's depth: one level less where the deepest holds only cut states.
      ...(f.cut !== undefined && f.deepestCut !== undefined ? { depthWithin: f.depth - (f.deepestCut ? 1 : 0) } : {}),
    },
    properties,
    coverage,
    neverFired: declared.filter((a) => !f.coverage.has(a)),
    warnings: [...(f.warnings ?? [])],
  }
}

/** An invariant no explored state broke: it holds, or holds vacuously when the situation it is
 * about was never reached; an incomplete search decides neither, and says which it lacks. */
function unbroken(p: Prepared, f: Found, i: number, complete: boolean): PropertyResult {
  const prop = p.safety[i]
  const w = p.antecedent[i] ?? -1
  const reached = w < 0 || (f.tracker.decidedAt[w] as number) >= 0
  const base = { name: prop.name, kind: prop.kind }
  if (reached) return { ...base, verdict: complete ? 'holds' : 'unknown' }
  // (A `when` condition is said as what it is, not by the option's name: "its antecedent 'when'"
  // read as jargon to a new user.)
  const witness = prop.kind === 'always' && prop.when ? undefined : `its witness '${p.safety[w].name}'`
  return complete
    ? { ...base, verdict: 'vacuous', note: witness === undefined ? 'no state where its when condition holds was reached' : `${witness} was never reached` }
    : { ...base, verdict: 'unknown', note: witness === undefined ? 'no state where its when condition holds reached yet' : `${witness} not reached yet` }
}
