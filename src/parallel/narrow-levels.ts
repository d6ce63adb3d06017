/**
 * Narrow levels, expanded on the coordinating thread by the sequential BFS's own driver and sink
 * (`searchLevels`, `SearchSink`) over the shared visited set: no task, no codec, no thread round
 * trip, no barrier. A level of a few states costs microseconds this way against about half a
 * millisecond through the workers, so a search whose levels are all narrow (a long chain, the
 * first and last levels of any search) runs at the single-threaded rate. It goes on level after
 * level while they stay narrow, and hands back the first wide one (or a stop) to the parallel
 * loop.
 *
 * What differs from `explore/bfs.ts`: before a state is expanded the shared set is grown (or, a
 * fixed `--memory` one, found full) as the parallel loop grows it; a model error names the state
 * it happened in, as a worker's does; and each level's start is kept for a checkpoint.
 */
import type { Action } from '../core/action.ts'
import type { CheckOptions } from '../core/options.ts'
import { searchLevels } from '../explore/bfs.ts'
import type { Levels } from '../explore/bfs.ts'
import type { Prepared } from '../explore/prepare.ts'
import { plainStore } from '../explore/search-sink.ts'
import type { SearchSink, Store } from '../explore/search-sink.ts'
import { withState } from '../explore/sink.ts'
import { roomFor } from './run-level.ts'
import type { SharedVisited } from './shared-visited.ts'

export interface NarrowContext {
  readonly p: Prepared
  readonly sink: SearchSink<unknown, Action>
  readonly visited: SharedVisited
  readonly options: CheckOptions
  /** Fixed-size visited set (--memory): full ends the search (memory-limit), it does not grow. */
  readonly fixed: boolean
  /** Room kept free in the visited set before expanding a state (its successors at most). */
  readonly margin: number
  /** Levels at least this wide go back to the workers. */
  readonly inlineBelow: number
  /** True when a checkpoint is due: the parallel loop writes it at the next level's start. */
  readonly yieldNow: () => boolean
  /** Keep the search as it stood at the start of the last level (`NarrowState.start`), for a
   * checkpoint written when a stop cuts that level. */
  readonly keepStart: boolean
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
  /** With `keepStart`: the start of the last level expanded here. */
  start?: LevelStart
}

/** The plain store, with a model error in a successor's key naming the state expanded. */
export function namingStore(p: Prepared): Store<unknown, Action> & { expanding: unknown } {
  const plain = plainStore(p)
  const store = {
    ...plain,
    expanding: undefined as unknown,
    key(s: unknown, via: Action | null): void {
      if (via === null) return plain.key(s, via)
      try {
        plain.key(s, via)
      } catch (e) {
        throw withState(e, store.expanding)
      }
    },
  }
  return store
}

/** Expands narrow levels from `s` (updated to the level it stops at) and `at`. */
export async function narrowLevels(c: NarrowContext, store: ReturnType<typeof namingStore>, s: NarrowState, at: Levels): Promise<void> {
  const { p, sink, visited, options } = c
  let roomUntil = -1
  // Indices as a plain array while here (a typed array per level costs more than the level).
  let states = s.states
  let ins: ArrayLike<number> = s.ins
  let next: unknown[] = []
  let nextIns: number[] = []
  try {
    await searchLevels(
      sink,
      options,
      {
        size: () => states.length,
        nextSize: () => next.length,
        open() {
          next = []
          nextIns = []
          if (!c.keepStart) return
          const { tracker, coverage } = sink
          s.start = {
            states,
            ins,
            distinct: visited.size,
            total: sink.total,
            depth: at.depth,
            queuePeak: at.queuePeak,
            levels: at.levels.length,
            coverage: [...coverage].map(([n, v]) => [n, v.fired, v.discovered] as const),
            decidedAt: [...tracker.decidedAt],
            deadlockAt: tracker.deadlockAt,
          }
        },
        expand(f) {
          const st = states[f]
          if (!sink.begin(ins[f], st)) return undefined
          if (visited.size >= roomUntil && (roomUntil = roomFor(visited, c.fixed, c.margin)) < 0) return 'memory-limit'
          store.expanding = st
          let steps
          try {
            steps = p.expand(st)
          } catch (e) {
            throw withState(e, st)
          }
          for (let i = 0; i < steps.length; i++) {
            const t = steps[i][1]
            const idx = sink.step(steps[i][0], t, i)
            if (idx >= 0) {
              next.push(t)
              nextIns.push(idx)
            }
          }
          sink.end(steps.length)
          return undefined
        },
        advance() {
          states = next
          ins = nextIns
        },
      },
      63,
      at,
      () => states.length < c.inlineBelow && !c.yieldNow(),
    )
  } finally {
    s.states = states
    if (ins !== s.ins) s.ins = Int32Array.from(ins)
  }
}
