/**
 * The trace-shrinking policy (`CheckOptions.shrink`): DFS and simulation find long
 * counterexamples; shrink each (1-minimal, by re-executing shorter action sequences,
 * `minimize.ts`) before it is reported. BFS traces are shortest already, and lassos and
 * `sometimes` witnesses are left as found. Shrinking is bounded (see `MinimizeOptions`) and an
 * aborted signal ends it at once with the shortest trace so far; either way the property's note
 * says the trace may not be 1-minimal. The search's counts and times are not touched.
 */
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import type { AnySpec } from '../core/spec.ts'
import { minimizeTraceAsync } from './minimize.ts'

export async function shrinkTraces(spec: AnySpec, r: CheckResult, options: Pick<CheckOptions, 'strategy' | 'signal'>): Promise<CheckResult> {
  if (options.strategy === 'bfs') return r
  const signal = options.signal
  const properties: PropertyResult[] = []
  for (const p of r.properties) {
    if (p.verdict !== 'violated' || !p.trace || p.trace.loopStart !== undefined || p.kind === 'sometimes' || signal?.aborted) {
      properties.push(p)
      continue
    }
    const m = await minimizeTraceAsync(spec, p.trace, p.name, { params: r.params, signal })
    if (m.trace.steps.length >= p.trace.steps.length) {
      properties.push(p)
      continue
    }
    const note = `shrunk from ${p.trace.steps.length} to ${m.trace.steps.length} states (${m.tests} candidates re-executed${m.complete ? '' : '; stopped early, so it may not be 1-minimal'})`
    properties.push({ ...p, trace: m.trace, note: p.note ? `${p.note}; ${note}` : note })
  }
  return { ...r, properties }
}
