/**
 * Breadth-first search: the oracle every other explorer is tested against. Level by level, so the
 * first violation found is at minimal depth and its trace is a shortest counterexample; within a
 * level, states are expanded in discovery order and successors in `next` order, so the reported
 * trace is deterministic.
 *
 * `searchLevels` is the level-synchronous driver for every store: it owns the depth, the levels,
 * the queue peak and the stops, and asks its `Frontier` to expand one state at a time (or a whole
 * level at once: the parallel BFS's wide levels); the successor sink (`search-sink.ts`)
 * fingerprints, inserts and checks what the expansion gives it. `bfs` is that driver over plain
 * states; the packed BFS (`packed/packed-bfs.ts`) over words; the parallel BFS
 * (`parallel/parallel-bfs.ts`) over the shared visited set.
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
import { SleepSetFrontier } from './sleep-sets.ts'

/** The states of the level being expanded and of the next one, in a store's own form. */
export interface Frontier {
  /** States in this level, and in the next one so far. */
  size(): number
  nextSize(): number
  /** Starts an empty next level. */
  open(): void
  /** Expands this level's `f`-th state through the sink (`begin`, every `step`, `end`), adding
   * the new states to the next level; or stops the search before it (the parallel engine's
   * fixed-size visited set has no room for its successors). */
  expand(f: number): StopReason | undefined
  /** The next level becomes this one. */
  advance(): void
  /** Called as each level opens: expands the whole level at once and says how it ended, or
   * gives undefined (now or later) to be asked state by state (`expand`). The parallel
   * engine's: its wide levels run on the workers. */
  level?(): Promise<LevelEnd | undefined> | undefined
}

export interface LevelEnd {
  readonly stop: StopReason | undefined
  readonly decidedEarly: boolean
}

/** What the level driver owns between levels (`firstLevel`, or a checkpoint's, resumed). */
export interface Levels {
  stopReason: StopReason | undefined
  decidedEarly: boolean
  depth: number
  queuePeak: number
  /** Per level: new distinct states and generated states (entry 0: the initial states). */
  readonly levels: { distinct: number; total: number }[]
}

/** A search whose frontier `fr` holds the new initial states. */
export const firstLevel = <S, A>(sink: SearchSink<S, A>, fr: Frontier): Levels => ({
  stopReason: undefined,
  decidedEarly: sink.decided(),
  depth: fr.size() > 0 ? 1 : 0,
  queuePeak: 0,
  levels: [{ distinct: sink.visited.size, total: sink.total }],
})

/** The breadth-first driver: expands level after level from `at`, which it updates as it goes.
 * `pollMask`: poll the limits when the state's position in its level has no bit of it set. */
export async function searchLevels<S, A>(sink: SearchSink<S, A>, options: CheckOptions, fr: Frontier, pollMask: number, at: Levels = firstLevel(sink, fr)): Promise<Levels> {
  while (fr.size() > 0 && !at.decidedEarly && !at.stopReason) {
    if (at.depth >= options.maxDepth) {
      at.stopReason = 'max-depth'
      break
    }
    fr.open()
    const total = sink.total
    const pending = fr.level?.()
    const whole = pending ? await pending : undefined
    let stop = whole?.stop
    if (whole) at.decidedEarly = whole.decidedEarly
    // Else state by state, checking after each: every property decided, the limits.
    for (let f = 0, n = whole ? 0 : fr.size(); f < n; f++) {
      stop = fr.expand(f)
      if (stop) break
      if (sink.decided()) {
        at.decidedEarly = true
        break
      }
      // A stop is served within a few dozen expansions, however narrow the levels.
      if ((f & pollMask) === 0) {
        stop = await sink.poll(n - f + fr.nextSize(), at.depth)
        if (stop) break
      }
      stop = sink.full()
      if (stop) break
    }
    at.stopReason = stop
    at.queuePeak = Math.max(at.queuePeak, fr.nextSize())
    // One entry per expansion (every new state is in the next level); the last may find nothing
    // new (the deepest level's successors).
    at.levels.push({ distinct: fr.nextSize(), total: sink.total - total })
    fr.advance()
    if (fr.size() > 0 && !at.decidedEarly) at.depth++
  }
  return at
}

export async function bfs(p: Prepared, options: CheckOptions, rec?: SearchObserver, sleepSets = false): Promise<CheckResult> {
  const visited = rec ? rec.visited : new FingerprintSet()
  const sink = new SearchSink<unknown, Action>(p, options, plainStore(p), visited, new SafetyTracker(p), rec)
  if (sleepSets) return sleepSetBfs(p, options, sink)
  // Each level alternates state, index: no tuple per state.
  let frontier: unknown[] = []
  let next: unknown[] = []
  const inits = p.initStates()
  for (let i = 0; i < inits.length; i++) {
    const idx = sink.init(inits[i], i)
    if (idx >= 0) frontier.push(inits[i], idx)
  }
  const found = await searchLevels(
    sink,
    options,
    {
      size: () => frontier.length / 2,
      nextSize: () => next.length / 2,
      open: () => (next = []),
      expand(f) {
        const s = frontier[2 * f]
        if (!sink.begin(frontier[2 * f + 1] as number, s)) return
        const steps = p.expand(s)
        for (let i = 0; i < steps.length; i++) {
          const step = steps[i]
          const t = step[1]
          const idx = sink.step(step[0], t, i)
          if (idx >= 0) next.push(t, idx)
        }
        sink.end(steps.length)
      },
      advance: () => (frontier = next),
    },
    63,
  )
  return sink.result({ ...found, strategy: 'bfs' })
}

/** The BFS with partial-order reduction by sleep sets (`sleep-sets.ts`): the same driver and
 * sink, a frontier that keeps a sleep set per state. */
async function sleepSetBfs(p: Prepared, options: CheckOptions, sink: SearchSink<unknown, Action>): Promise<CheckResult> {
  const fr = new SleepSetFrontier(p, sink)
  const inits = p.initStates()
  for (let i = 0; i < inits.length; i++) {
    const idx = sink.init(inits[i], i)
    if (idx >= 0) fr.add(inits[i], idx)
  }
  const found = await searchLevels(sink, options, fr, 63)
  return sink.result({ ...found, strategy: 'bfs', slept: fr.slept })
}
