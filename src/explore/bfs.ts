/**
 * Breadth-first search: the oracle every other explorer is tested against. Level by level, so the
 * first violation found is at minimal depth and its trace is a shortest counterexample; within a
 * level, states are expanded in discovery order and successors in `next` order, so the reported
 * trace is deterministic.
 *
 * Async only so that SIGINT and progress can be served: it yields to the event loop every
 * ~50 ms, which costs nothing measurable.
 *
 * With a `GraphRecorder` (liveness properties to check), the same search records the liveness
 * graph as it goes: it keeps a visited set that gives a known state's index back (the edges need
 * it), and it does not stop once the safety properties are decided (liveness needs every state).
 */
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, StopReason } from '../core/result.ts'
import { fp } from '../state/fingerprint.ts'
import { buildResult } from './build-result.ts'
import { Limits } from './limits.ts'
import type { Prepared } from './prepare.ts'
import { replayPath } from './replay-path.ts'
import { SafetyTracker } from './safety-tracker.ts'
import { coverageOf } from './sink.ts'
import type { Coverage } from './sink.ts'
import { FingerprintSet } from './fingerprint-set.ts'
import { NO_PARENT } from './visited-set.ts'
import type { GraphRecorder } from './liveness/recorder.ts'

export async function bfs(p: Prepared, options: CheckOptions, rec?: GraphRecorder): Promise<CheckResult> {
  const limits = new Limits(options)
  const visited = rec ? rec.graph.visited : new FingerprintSet()
  const tracker = new SafetyTracker(p)
  const coverage = new Map<string, Coverage>()
  let total = 0
  let depth = 0
  let queuePeak = 0
  let stop: StopReason | undefined
  let decidedEarly = false
  const plainKey = !p.symmetry && !p.model.view

  // The frontier alternates state, index: no tuple per state.
  let frontier: unknown[] = []
  const inits = p.initStates()
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i]
    total++
    p.fingerprintOf(s, null)
    const idx = visited.insert(fp.hi, fp.lo, NO_PARENT, i)
    if (idx < 0) {
      rec?.seenAgain(s, -idx - 1)
      continue
    }
    rec?.found(s, idx, true)
    tracker.check(s, idx)
    frontier.push(s, idx)
  }
  if (frontier.length > 0) depth = 1
  const levels: { distinct: number; total: number }[] = [{ distinct: visited.size, total }]
  if (!rec && tracker.allDecided()) decidedEarly = true

  while (frontier.length > 0 && !decidedEarly && !stop) {
    if (depth >= options.maxDepth) {
      stop = 'max-depth'
      break
    }
    const next: unknown[] = []
    const levelStart = { distinct: visited.size, total }
    for (let f = 0; f < frontier.length; f += 2) {
      const s = frontier[f]
      const sidx = frontier[f + 1] as number
      rec?.begin(sidx)
      if (p.constraint && !p.constraint(s)) {
        rec?.cut()
        continue
      }
      // Its successors share most of its parts: keep their hashes while fingerprinting them
      // (not through a view or symmetry, whose keys are fresh values, costly to build again).
      let shi = 0 // (0, 0) is no state's fingerprint
      let slo = 0
      if (plainKey) {
        p.fingerprintParent(s)
        shi = fp.hi
        slo = fp.lo
      }
      const steps = p.expand(s)
      if (steps.length === 0 && p.deadlock) tracker.deadlock(sidx)
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]
        const a = step[0]
        const t = step[1]
        total++
        const c = coverageOf(coverage, a.name)
        c.fired++
        // A step back to the state itself (a stuttering step) is a duplicate: no probe needed,
        // and no hashing either when the model returned the state itself.
        // (Either way the liveness graph's step is a stutter: no edge.)
        if (t === s) continue
        p.fingerprintOf(t, a)
        if (fp.lo === slo && fp.hi === shi) continue
        const idx = visited.insert(fp.hi, fp.lo, sidx, i)
        if (idx < 0) {
          if (rec) {
            rec.seenAgain(t, -idx - 1)
            rec.step(sidx, s, a, i, t, -idx - 1)
          }
          continue
        }
        c.discovered++
        if (rec) {
          rec.found(t, idx, false)
          rec.step(sidx, s, a, i, t, idx)
        }
        tracker.check(t, idx)
        next.push(t, idx)
      }
      rec?.end()
      if (!rec && tracker.allDecided()) {
        decidedEarly = true
        break
      }
      // Every 64 states: a stop is served within ~64 expansions, however narrow the levels.
      if ((f & 127) === 0) {
        stop = await limits.poll(visited.size, total, (frontier.length - f + next.length) / 2, depth)
        if (stop) break
      }
      stop = limits.full(visited.size, visited.bytes())
      if (stop) break
    }
    queuePeak = Math.max(queuePeak, next.length / 2)
    // One entry per expansion; the last may find nothing new (the deepest level's successors).
    levels.push({ distinct: visited.size - levelStart.distinct, total: total - levelStart.total })
    frontier = next
    if (frontier.length > 0 && !decidedEarly) depth++
  }

  rec?.finish(stop, limits.elapsed())
  return buildResult(p, {
    tracker,
    traceTo: (idx) => replayPath(p, visited, idx),
    stopReason: stop,
    decidedEarly,
    distinct: visited.size,
    total,
    depth,
    seconds: limits.elapsed(),
    visitedBytes: visited.bytes(),
    queuePeak,
    levels,
    coverage,
    strategy: 'bfs',
    workers: 1,
    warnings: limits.warnings(stop, visited.size),
  })
}
