/**
 * Narrow levels, expanded on the coordinating thread as the sequential BFS expands them, into the
 * shared visited set: no task, no codec, no thread round trip, no barrier. A level of a few states
 * costs microseconds this way against about half a millisecond through the workers, so a search
 * whose levels are all narrow (a long chain, the first and last levels of any search) runs at the
 * single-threaded rate. It goes on level after level while they stay narrow, and hands back the
 * first wide one (or a stop) to the parallel loop.
 *
 * Same order as `explore/bfs.ts` (frontier order, then `next` order), same checks after each
 * expanded parent (every property decided, then max states), same counts per level. Inserting in
 * frontier order on one thread, a state's `link` is the position of the first parent that reaches
 * it and its index follows discovery order; links become parent indices when the level ends, as
 * `closeLevel` does.
 */
import type { CheckOptions } from '../core/options.ts'
import type { StopReason } from '../core/result.ts'
import type { Limits } from '../explore/limits.ts'
import type { Prepared } from '../explore/prepare.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { coverageOf, withState } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import { fp } from '../state/fingerprint.ts'
import { roomFor } from './run-level.ts'
import type { SharedVisited } from './shared-visited.ts'
import type { ParallelRecorder } from './record-graph.ts'

export interface NarrowContext {
  readonly p: Prepared
  readonly visited: SharedVisited
  readonly tracker: SafetyTracker
  readonly coverage: Map<string, Coverage>
  readonly limits: Limits
  readonly options: CheckOptions
  /** Fixed-size visited set (--memory): full ends the search (memory-limit), it does not grow. */
  readonly fixed: boolean
  /** Room kept free in the visited set before expanding a state (its successors at most). */
  readonly margin: number
  /** Levels at least this wide go back to the workers. */
  readonly inlineBelow: number
  /** True when a checkpoint is due: the parallel loop writes it at the next level's start. */
  readonly yieldNow: () => boolean
  /** Per level: new distinct states and generated states (appended to). */
  readonly levels: { distinct: number; total: number }[]
  /** Keep the search as it stood at the start of the last level (`NarrowState.start`), for a
   * checkpoint written when a stop cuts that level. */
  readonly keepStart: boolean
  /** Liveness: the graph recorder, told every step. */
  readonly rec?: ParallelRecorder
}

/** The search at the start of a level, to checkpoint from (states decoded, indices as a list). */
export interface LevelStart {
  readonly states: readonly unknown[]
  readonly ins: ArrayLike<number>
  readonly distinct: number
  readonly total: number
  readonly depth: number
  readonly queuePeak: number
  /** Entries of `levels` then. */
  readonly levels: number
  readonly coverage: readonly (readonly [string, number, number])[]
  readonly decidedAt: readonly number[]
  readonly deadlockAt: number
}

export interface NarrowState {
  /** The level to expand next, in frontier order, and each state's visited-set index. */
  states: unknown[]
  ins: Int32Array
  total: number
  depth: number
  queuePeak: number
  stop: StopReason | undefined
  decidedEarly: boolean
  /** With `keepStart`: the start of the last level expanded here. */
  start?: LevelStart
}

export async function narrowLevels(c: NarrowContext, s: NarrowState): Promise<void> {
  const { p, visited, tracker, coverage, options, rec } = c
  let roomUntil = -1
  // Indices as a plain array while here (a typed array per level costs more than the level).
  let levelIns: ArrayLike<number> = s.ins
  try {
    while (s.states.length > 0 && s.states.length < c.inlineBelow && !s.stop && !s.decidedEarly) {
      if (s.depth >= options.maxDepth) {
        s.stop = 'max-depth'
        return
      }
      const frontier = s.states
      const levelStart = visited.size
      if (c.keepStart) {
        s.start = {
          states: frontier,
          ins: levelIns,
          distinct: levelStart,
          total: s.total,
          depth: s.depth,
          queuePeak: s.queuePeak,
          levels: c.levels.length,
          coverage: [...coverage].map(([n, v]) => [n, v.fired, v.discovered] as const),
          decidedAt: [...tracker.decidedAt],
          deadlockAt: tracker.deadlockAt,
        }
      }
      const totalStart = s.total
      const next: unknown[] = []
      for (let f = 0; f < frontier.length; f++) {
        const st = frontier[f]
        rec?.begin(levelIns[f])
        if (p.constraint && !p.constraint(st)) {
          rec?.cut()
          // The sequential BFS checks max states after a cut state too (the initial states may
          // already fill it).
          if (visited.size >= options.maxStates) {
            s.stop = 'max-states'
            break
          }
          continue
        }
        if (visited.size >= roomUntil && (roomUntil = roomFor(visited, c.fixed, c.margin)) < 0) {
          s.stop = 'memory-limit'
          break
        }
        let steps
        try {
          steps = p.expand(st)
        } catch (e) {
          throw withState(e, st)
        }
        if (steps.length === 0 && p.deadlock) tracker.deadlock(levelIns[f])
        for (let i = 0; i < steps.length; i++) {
          const [a, t] = steps[i]
          s.total++
          const cv = coverageOf(coverage, a.name)
          cv.fired++
          if (t === st) continue
          try {
            p.fingerprintOf(t, a)
          } catch (e) {
            throw withState(e, st)
          }
          const idx = visited.insertAlone(fp.hi, fp.lo, f, levelStart)
          rec?.step(st, a, i, t, idx)
          if (idx < 0) continue
          visited.setOrdinal(idx, i)
          cv.discovered++
          tracker.check(t, idx)
          next.push(t)
        }
        rec?.end()
        if (tracker.allDecided()) {
          s.decidedEarly = true
          break
        }
        if ((f & 63) === 0) {
          s.stop = await c.limits.poll(visited.size, s.total, frontier.length - f + next.length, s.depth)
          if (s.stop) break
        }
        if (visited.size >= options.maxStates) {
          s.stop = 'max-states'
          break
        }
      }
      // Indices [levelStart, size) are this level's new states, in discovery order.
      const n = visited.size - levelStart
      const ins: number[] = []
      for (let k = 0; k < n; k++) {
        const idx = levelStart + k
        visited.setParent(idx, levelIns[visited.linkOf(idx)], visited.ordinal(idx))
        ins.push(idx)
      }
      c.levels.push({ distinct: n, total: s.total - totalStart })
      s.queuePeak = Math.max(s.queuePeak, n)
      s.states = next
      levelIns = ins
      if (n > 0 && !s.decidedEarly) s.depth++
      if (c.yieldNow()) return
    }
  } finally {
    if (levelIns !== s.ins) s.ins = Int32Array.from(levelIns)
  }
}
