/** Results of two explorers, without what legitimately differs (timings, worker count, memory,
 * and where a run's checkpoint is or which it resumed from). */
import type { CheckResult } from '../../src/index.ts'

export function comparable(r: CheckResult): unknown {
  const { seconds: _s, visitedBytes: _v, frontierBytes: _f, checkpoint: _c, resumedFrom: _r, ...stats } = r.stats
  const { workers: _w, liveness, ...rest } = r
  const live = liveness ? { states: liveness.states, edges: liveness.edges } : undefined
  return JSON.parse(JSON.stringify({ ...rest, stats, ...(live ? { liveness: live } : {}) }))
}
