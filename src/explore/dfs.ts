/**
 * Depth-first search: low memory (the stack holds one path and its states' successor lists, not a
 * level), the base for nested DFS later. Same visited set, safety tracker, limits and result
 * building as the BFS (the successor sink, `search-sink.ts`): only the order differs, so a
 * complete DFS finds the same distinct and generated counts as the BFS (the generated one not
 * with a view, where the state kept per view may be another with more or fewer steps), but its
 * counterexamples are not the shortest.
 *
 * With `--max-depth D`, states are expanded only on paths of fewer than D states. A state first
 * reached deep and later reached by a shorter path is expanded again from the shorter one (its
 * depth is remembered), so the bounded search covers exactly the states within D of an initial one.
 *
 * With a `DfsRecorder` (liveness), the search tells it every node and edge,
 * and it rebuilds the BFS's liveness graph from them at the end: no second search for liveness.
 */
import type { Action } from '../core/action.ts'
import { UsageError, option } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, StopReason } from '../core/result.ts'
import type { Prepared, Step } from './prepare.ts'
import { SafetyTracker } from './safety-tracker.ts'
import { guarded, guardedInitStates } from './step-watchdog.ts'
import { SearchSink, plainStore } from './search-sink.ts'
import { VisitedSet } from './visited-set.ts'
import type { DfsRecorder } from './liveness/dfs-recorder.ts'

interface Frame {
  readonly state: unknown
  readonly steps: readonly Step[]
  readonly idx: number
  /** States on the path up to and including this one. */
  readonly depth: number
  next: number
}

const NO_STEPS: readonly Step[] = []

export async function dfs(p: Prepared, options: CheckOptions, rec?: DfsRecorder): Promise<CheckResult> {
  if (options.checkpoint !== undefined || options.resume !== undefined) {
    throw new UsageError(`${option('checkpoint')} and ${option('resume')} work with the BFS (${option('strategy')} bfs), not with ${option('strategy')} dfs`)
  }
  const bounded = Number.isFinite(options.maxDepth)
  const visited = rec ? rec.visited : new VisitedSet()
  const sink = new SearchSink<unknown, Action>(p, options, plainStore(p), visited, new SafetyTracker(p), rec)
  // Shallowest depth each state was reached at; only needed when the depth is bounded.
  const depthOf: number[] = []
  let maxDepthSeen = 0
  let stop: StopReason | undefined
  let decidedEarly = false
  let work = 0

  const stack: Frame[] = []
  /** Expands a state onto the stack (or records it as a deadlock / beyond the bound). */
  const push = (state: unknown, idx: number, depth: number): void => {
    if (depth > maxDepthSeen) maxDepthSeen = depth
    if (depth >= options.maxDepth) return
    // Its successors are taken one at a time, between its descendants': no parent key to keep.
    if (!sink.begin(idx, state, false)) return
    const steps = p.expand(state)
    sink.end(steps.length)
    // A deadlock may be the last property decided, as the BFS checks after each expansion: the
    // search stops here too (it ran on to the end when no new state followed, with the counts of
    // the whole state space where the BFS's stopped).
    if (steps.length === 0 && sink.decided()) decidedEarly = true
    stack.push({ state, steps: steps.length > 0 ? steps : NO_STEPS, idx, depth, next: 0 })
  }

  // Model code runs under the step watchdog (step-watchdog.ts): the stack in synchronous stretches
  // between yields to the event loop, a model step that never returns ends the search.
  const watched = (run: () => void): void => guarded(options.stepTimeoutSeconds, sink.modelName, () => sink.expanding(), run)
  const why = { yielding: false }
  const stretch = (): void => {
    while (stack.length > 0 && !decidedEarly) {
      const f = stack[stack.length - 1] as Frame
      if (f.next >= f.steps.length) {
        stack.pop()
        continue
      }
      const ord = f.next++
      const [a, t] = f.steps[ord] as Step
      sink.at(f.idx, f.state)
      const tidx = sink.step(a, t, ord)
      const depth = f.depth + 1
      if (tidx < 0) {
        const old = -tidx - 1
        if (bounded && (depthOf[old] as number) > depth) {
          depthOf[old] = depth
          push(t, old, depth)
        }
      } else {
        if (bounded) depthOf[tidx] = depth
        if (sink.decided()) {
          decidedEarly = true
          return
        }
        push(t, tidx, depth)
      }
      stop = sink.full()
      if (stop) return
      // Every 64 steps: a stop is served within ~64 expansions.
      if ((++work & 63) === 0) {
        stop = sink.pollNow(stack.length, maxDepthSeen)
        if (stop) return
        if (sink.limits.yieldDue()) {
          why.yielding = true
          return
        }
      }
    }
  }

  const inits = p.initStates()
  outer: for (let i = 0; i < inits.length; i++) {
    const s = inits[i]
    const idx = guardedInitStates(options.stepTimeoutSeconds, sink.modelName, () => sink.init(s, i))
    rec?.initial(idx < 0 ? -idx - 1 : idx)
    if (idx < 0) {
      // Known already, but maybe only from deeper down: then it is expanded again from here.
      const old = -idx - 1
      if (!bounded || depthOf[old] <= 1) continue
      depthOf[old] = 1
      watched(() => push(s, old, 1))
    } else {
      if (bounded) depthOf[idx] = 1
      if (sink.decided()) {
        decidedEarly = true
        break
      }
      watched(() => push(s, idx, 1))
    }
    for (;;) {
      why.yielding = false
      watched(stretch)
      if (decidedEarly || stop) break outer
      if (!why.yielding) break
      stop = await sink.limits.yieldNow()
      if (stop) break outer
    }
  }
  // Like the BFS: incomplete when some state lies exactly at the bound (its shortest depth).
  if (!stop && !decidedEarly && bounded && depthOf.some((d) => d >= options.maxDepth)) stop = 'max-depth'

  return sink.result({
    stopReason: stop,
    decidedEarly,
    depth: maxDepthSeen,
    visitedBytes: visited.bytes() + (bounded ? depthOf.length * 8 : 0),
    queuePeak: maxDepthSeen,
    strategy: 'dfs',
    // With a depth bound a state reached again by a shorter path is begun again: its cut, twice.
    ...(bounded ? { cut: undefined } : {}),
  })
}
