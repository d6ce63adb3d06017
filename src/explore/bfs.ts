/**
 * Breadth-first search: the oracle every other explorer is tested against. Level by level, so the
 * first violation found is at minimal depth and its trace is a shortest counterexample; within a
 * level, states are expanded in discovery order and successors in `next` order, so the reported
 * trace is deterministic. A driver over the successor sink (`search-sink.ts`), which fingerprints,
 * inserts and checks what it is given; this file decides the order only.
 *
 * Async only so that SIGINT and progress can be served: it yields to the event loop every
 * ~50 ms, which costs nothing measurable.
 *
 * With a `SearchObserver` (the liveness recorder, the DOT export), the same search tells it every
 * node and edge as it goes: it keeps the observer's visited set, which gives a known state's index
 * back (the edges need it), and it does not stop once the safety properties are decided (the
 * observer needs every state).
 */
import type { Action } from '../core/action.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, StopReason } from '../core/result.ts'
import type { Prepared } from './prepare.ts'
import { SafetyTracker } from './safety-tracker.ts'
import { SearchSink, plainStore } from './search-sink.ts'
import type { SearchObserver } from './search-sink.ts'
import { FingerprintSet } from './fingerprint-set.ts'

export async function bfs(p: Prepared, options: CheckOptions, rec?: SearchObserver): Promise<CheckResult> {
  const visited = rec ? rec.visited : new FingerprintSet()
  const sink = new SearchSink<unknown, Action>(p, options, plainStore(p), visited, new SafetyTracker(p), rec)
  let depth = 0
  let queuePeak = 0
  let stop: StopReason | undefined
  let decidedEarly = false

  // The frontier alternates state, index: no tuple per state.
  let frontier: unknown[] = []
  const inits = p.initStates()
  for (let i = 0; i < inits.length; i++) {
    const idx = sink.init(inits[i], i)
    if (idx >= 0) frontier.push(inits[i], idx)
  }
  if (frontier.length > 0) depth = 1
  const levels: { distinct: number; total: number }[] = [{ distinct: visited.size, total: sink.total }]
  if (sink.decided()) decidedEarly = true

  while (frontier.length > 0 && !decidedEarly && !stop) {
    if (depth >= options.maxDepth) {
      stop = 'max-depth'
      break
    }
    const next: unknown[] = []
    const levelStart = { distinct: visited.size, total: sink.total }
    for (let f = 0; f < frontier.length; f += 2) {
      const s = frontier[f]
      if (!sink.begin(frontier[f + 1] as number, s)) continue
      const steps = p.expand(s)
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]
        const t = step[1]
        const idx = sink.step(step[0], t, i)
        if (idx >= 0) next.push(t, idx)
      }
      sink.end(steps.length)
      if (sink.decided()) {
        decidedEarly = true
        break
      }
      // Every 64 states: a stop is served within ~64 expansions, however narrow the levels.
      if ((f & 127) === 0) {
        stop = await sink.poll((frontier.length - f + next.length) / 2, depth)
        if (stop) break
      }
      stop = sink.full()
      if (stop) break
    }
    queuePeak = Math.max(queuePeak, next.length / 2)
    // One entry per expansion; the last may find nothing new (the deepest level's successors).
    levels.push({ distinct: visited.size - levelStart.distinct, total: sink.total - levelStart.total })
    frontier = next
    if (frontier.length > 0 && !decidedEarly) depth++
  }

  return sink.result({ stopReason: stop, decidedEarly, depth, queuePeak, levels, strategy: 'bfs' })
}
