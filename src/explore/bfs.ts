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
import { LevelStates } from './level-states.ts'
import type { LevelCodec } from './level-states.ts'
import { guarded, guardedInitStates } from './step-watchdog.ts'

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
  /** The deepest level expanded held only states the spec's constraint cut: TLC, which never
   * stores them, counts one level fewer (`Stats.depthWithin`). */
  deepestCut?: boolean
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
 * `pollMask`: poll the limits when the state's position in its level has no bit of it set.
 *
 * It runs in synchronous stretches, across levels, until a yield to the event loop is due (about
 * every 50 ms), a level must be awaited (the parallel engine's wide levels, a checkpoint being
 * written) or the search ends; each stretch under the step watchdog (`step-watchdog.ts`: a model
 * that never returns ends the search with a model error naming the state). */
export async function searchLevels<S, A>(sink: SearchSink<S, A>, options: CheckOptions, fr: Frontier, pollMask: number, at: Levels = firstLevel(sink, fr)): Promise<Levels> {
  // The level being expanded: opened or not, its width (0: expanded whole), the next state, the
  // generated count at its start, and what stops it.
  let opened = false
  let n = 0
  let f = 0
  let total = 0
  let cutAtOpen = 0
  let stop: StopReason | undefined
  // Why the last stretch returned: a level to await, or a yield due (else the search is over).
  const why: { pending: Promise<LevelEnd | undefined> | undefined; yielding: boolean } = { pending: undefined, yielding: false }
  const close = (): void => {
    at.stopReason = stop
    at.queuePeak = Math.max(at.queuePeak, fr.nextSize())
    // One entry per expansion (every new state is in the next level); the last may find nothing
    // new (the deepest level's successors).
    at.levels.push({ distinct: fr.nextSize(), total: sink.total - total })
    at.deepestCut = fr.size() > 0 && sink.cut - cutAtOpen === fr.size()
    fr.advance()
    if (fr.size() > 0 && !at.decidedEarly) at.depth++
    opened = false
  }
  const stretch = (): void => {
    for (;;) {
      if (!opened) {
        if (fr.size() === 0 || at.decidedEarly || at.stopReason) return
        if (at.depth >= options.maxDepth) {
          at.stopReason = 'max-depth'
          return
        }
        fr.open()
        total = sink.total
        cutAtOpen = sink.cut
        f = 0
        n = 0
        stop = undefined
        opened = true
        const whole = fr.level?.()
        if (whole) {
          why.pending = whole
          return
        }
        n = fr.size()
      }
      // State by state, checking after each: every property decided, the limits.
      while (f < n && !stop && !at.decidedEarly) {
        stop = fr.expand(f)
        if (stop) break
        if (sink.decided()) {
          at.decidedEarly = true
          break
        }
        // A stop is served within a few dozen expansions, however narrow the levels.
        const polled = (f & pollMask) === 0
        f++
        if (polled) {
          stop = sink.pollNow(n - f + 1 + fr.nextSize(), at.depth)
          if (stop) break
        }
        stop = sink.full()
        if (stop) break
        if (polled && sink.limits.yieldDue()) {
          why.yielding = true
          return
        }
      }
      close()
    }
  }
  for (;;) {
    why.pending = undefined
    why.yielding = false
    guarded(options.stepTimeoutSeconds, sink.modelName, () => sink.expanding(), stretch)
    // (Set by the stretch: read again, not narrowed from the assignment above.)
    const pending = why.pending as Promise<LevelEnd | undefined> | undefined
    if (pending) {
      const whole = await pending
      // Expanded whole (the parallel engine's wide level), or to be expanded state by state.
      if (whole) {
        stop = whole.stop
        at.decidedEarly = whole.decidedEarly
      } else n = fr.size()
    } else if (why.yielding) stop = await sink.limits.yieldNow()
    else return at
  }
}

/**
 * `encoded`: a codec for the model's states (its schema's compiled form), and when to use it: a
 * level opened while `when()` holds keeps its states encoded (`level-states.ts`); without it,
 * every state is an object.
 */
export async function bfs(
  p: Prepared,
  options: CheckOptions,
  rec?: SearchObserver,
  sleepSets = false,
  encoded?: { readonly codec: LevelCodec; readonly when: () => boolean },
): Promise<CheckResult> {
  const visited = rec ? rec.visited : new FingerprintSet()
  const sink = new SearchSink<unknown, Action>(p, options, plainStore(p), visited, new SafetyTracker(p), rec)
  if (sleepSets) return sleepSetBfs(p, options, sink)
  const level = (): LevelStates => new LevelStates(encoded?.when() ? encoded.codec : undefined)
  let frontier = level()
  let next = level()
  const inits = p.initStates()
  guardedInitStates(options.stepTimeoutSeconds, sink.modelName, () => {
    for (let i = 0; i < inits.length; i++) {
      const idx = sink.init(inits[i], i)
      if (idx >= 0) frontier.push(inits[i], idx)
    }
  })
  const found = await searchLevels(
    sink,
    options,
    {
      size: () => frontier.size,
      nextSize: () => next.size,
      open: () => (next = level()),
      expand(f) {
        const s = frontier.state(f)
        if (!sink.begin(frontier.index(f), s)) return
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
  guardedInitStates(options.stepTimeoutSeconds, sink.modelName, () => {
    for (let i = 0; i < inits.length; i++) {
      const idx = sink.init(inits[i], i)
      if (idx >= 0) fr.add(inits[i], idx)
    }
  })
  const found = await searchLevels(sink, options, fr, 63)
  return sink.result({ ...found, strategy: 'bfs', slept: fr.slept })
}
