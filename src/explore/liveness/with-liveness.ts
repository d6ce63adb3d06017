/**
 * Runs the liveness phase after an explorer's safety search and merges its verdicts into the
 * result, in place of the explorer's 'not-checked' entries. If the safety search stopped early
 * (a limit), the liveness verdicts are 'unknown' too: the graph would be cut by the same limit.
 */
import type { CheckOptions } from '../../core/options.ts'
import type { CheckResult, PropertyResult } from '../../core/result.ts'
import type { Prepared } from '../prepare.ts'
import { checkLiveness } from './check-liveness.ts'
import type { LivenessGraph } from './graph.ts'

/** `graph`: the liveness graph the safety search recorded, if it did (the BFS, sequential or parallel, with a recorder). */
export async function withLiveness(p: Prepared, options: CheckOptions, result: CheckResult, graph?: LivenessGraph): Promise<CheckResult> {
  if (!result.complete && options.strategy !== 'simulate') {
    return {
      ...result,
      properties: result.properties.map((r) =>
        isLive(p, r) ? { name: r.name, kind: r.kind, verdict: 'unknown', note: `the search stopped (${result.stopReason ?? 'incomplete'}): liveness is decided only on a complete graph` } : r,
      ),
    }
  }
  const live = await checkLiveness(p, options, graph)
  const byName = new Map(live.properties.map((r) => [r.name, r]))
  return {
    ...result,
    properties: result.properties.map((r) => (isLive(p, r) ? (byName.get(r.name) ?? r) : r)),
    warnings: [...result.warnings, ...live.warnings],
    ...(live.stats ? { liveness: live.stats } : {}),
  }
}

const isLive = (p: Prepared, r: PropertyResult): boolean =>
  r.kind !== 'deadlock' && p.liveness.some((l) => l.name === r.name && l.kind === r.kind)
