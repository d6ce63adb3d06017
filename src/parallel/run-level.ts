/**
 * Runs one level's expansion tasks on the pool, in frontier order, and decides when to stop
 * handing out new ones: to grow the visited set (drain, rehash, go on), or because the level will
 * be cut (max states reached, every property decided, interrupted, out of time). Whatever stops
 * it, the slices that completed form a prefix of the frontier, so the level can be closed exactly.
 */
import { ModelError, UsageError } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { StopReason } from '../core/result.ts'
import type { FrontierChunk } from './frontier.ts'
import type { Pool } from './pool.ts'
import { WorkerDied } from './pool.ts'
import { preview } from '../explore/sink.ts'
import { stuck, watchdogMs } from '../explore/step-watchdog.ts'
import type { StateCodec } from './state-codec.ts'
import type { ExpandResult, ExpandTask, WorkerSetup } from './protocol.ts'
import type { SharedVisited } from './shared-visited.ts'

/** One completed slice: frontier positions [start, start + res.done). */
export interface SliceResult {
  readonly start: number
  readonly task: ExpandTask
  readonly res: ExpandResult
}

export interface LevelRun {
  /** Completed slices covering [0, end), sorted by position. */
  readonly slices: readonly SliceResult[]
  readonly end: number
  /** Set when the level stopped early for a reason that is not decided by the level's content. */
  readonly halted: StopReason | undefined
}

export interface LevelContext {
  /** The model's name, for messages. */
  readonly model: string
  readonly pool: Pool
  readonly visited: SharedVisited
  readonly setup: WorkerSetup
  readonly options: CheckOptions
  /** Undecided safety properties (indices), and whether a deadlock is still to be found. */
  readonly open: readonly number[]
  readonly deadlockOpen: boolean
  /** Whether deciding every open property ends the search (not with liveness to check). */
  readonly decidable: boolean
  /** Fixed-size visited set (--memory): full ends the search (memory-limit), it does not grow. */
  readonly fixed: boolean
  /** How the frontier's states are encoded (to name the state a dead worker held). */
  readonly codec: StateCodec
  /** Room kept per worker for one state's successors (tests lower it to grow small tables often). */
  readonly successorMargin?: number
  /** The search's limits and progress (`SearchSink.poll`), polled as results come in, given the
   * steps the level's slices back so far generated (the sink counts a level's when it closes). */
  readonly poll: (generated: number) => Promise<StopReason | undefined>
}

/** Most successors a state may have (ordinals are 16 bits): the margin kept free per worker. */
const MAX_SUCCESSORS = 65536
/** Grow the table when it is 80% full: after doubling it is 40% full, so ≤ 24 bytes per state. */
export const GROW_AT = 0.8
const HARD_LOAD = 0.9
export const CHUNK_SIZE = 2048

/** The smallest table that leaves room for every worker's worst-case burst between GROW_AT and HARD_LOAD. */
export function minCapacity(workers: number): number {
  let cap = 1 << 21
  while ((HARD_LOAD - GROW_AT) * cap < workers * MAX_SUCCESSORS) cap *= 2
  return cap
}

/** Slices of about `size` states, never across chunks. */
export function slice(chunks: readonly FrontierChunk[], size: number, base: Omit<ExpandTask, 'bytes' | 'winners' | 'from' | 'to' | 'pos' | 'stopAt'>): ExpandTask[] {
  const tasks: ExpandTask[] = []
  for (const c of chunks) {
    const n = c.winners.length
    const parts = Math.max(1, Math.round(n / size))
    for (let i = 0; i < parts; i++) {
      const from = Math.floor((i * n) / parts)
      const to = Math.floor(((i + 1) * n) / parts)
      // Fields spelt out: spreading `base` was a narrow level's main cost (docs/performance.md,
      // "Design measurements").
      if (to > from) {
        tasks.push({
          kind: base.kind,
          setup: base.setup,
          visited: base.visited,
          levelStart: base.levelStart,
          open: base.open,
          chunkSize: base.chunkSize,
          bytes: c.bytes,
          winners: c.winners,
          from,
          to,
          pos: c.pos + from,
          stopAt: 0,
          sleep: c.sleep,
          sleepOff: c.sleepOff,
        })
      }
    }
  }
  return tasks
}

export async function runLevel(ctx: LevelContext, tasks: ExpandTask[]): Promise<LevelRun> {
  const { pool, visited, options } = ctx
  const slices: SliceResult[] = []
  const owed: ExpandTask[] = []
  let next = 0
  let inflight = 0
  let halted: StopReason | undefined
  let cut = false
  let growPending = false
  let failure: Error | undefined
  const decided = new Set<number>()
  let deadlockSeen = false
  let wake: (() => void) | undefined

  const stopAt = (): number =>
    Math.min(Math.floor(HARD_LOAD * visited.capacity), visited.columnCapacity) - pool.size * (ctx.successorMargin ?? MAX_SUCCESSORS)

  // No slice back from any worker for `stepTimeoutSeconds` while some are out: the oldest one out
  // holds a model step that never returns (the others finish, and a slice waiting behind it on
  // its worker is not what is timed). The run fails naming it, and closing the pool ends the
  // thread (explore/step-watchdog.ts does this on the main thread).
  const timeoutMs = watchdogMs(options.stepTimeoutSeconds)
  const out = new Set<ExpandTask>()
  let lastBack = performance.now()
  let watch: ReturnType<typeof setTimeout> | undefined
  const arm = (limit: number, ms: number): void => {
    watch = setTimeout(() => {
      const quiet = performance.now() - lastBack
      const oldest = out.values().next().value
      if (oldest === undefined || quiet < limit) return arm(limit, Math.max(1, limit - quiet))
      failure ??= stuck(ctx.model, `no worker thread returned a slice for ${options.stepTimeoutSeconds} s, the oldest out holding ${describeSlice(ctx, oldest)}`)
      wake?.()
    }, ms)
    watch.unref()
  }
  if (timeoutMs !== undefined) arm(timeoutMs, timeoutMs)
  const dispatch = (task: ExpandTask): void => {
    // Columns grow concurrently (growable SharedArrayBuffers); keep them ahead of the table's limit.
    visited.ensureColumns(Math.min(Math.floor(HARD_LOAD * visited.capacity), visited.size + (1 << 21)))
    // The table may have been replaced (grown) since the task was made: always send the current one.
    const t = { ...task, visited: visited.handles(), stopAt: stopAt() }
    inflight++
    if (out.size === 0) lastBack = performance.now()
    out.add(t)
    pool.run(t).then(
      (res) => {
        out.delete(t)
        lastBack = performance.now()
        inflight--
        if (res.kind === 'failed') {
          failure ??= res.error === 'model' ? new ModelError(res.message) : res.error === 'usage' ? new UsageError(res.message) : new Error(`worker: ${res.message}`)
        } else if (res.kind === 'expanded') {
          onResult(t, res)
        }
        wake?.()
      },
      (e: unknown) => {
        out.delete(t)
        inflight--
        failure ??= e instanceof WorkerDied ? new WorkerDied(`${e.message}, while expanding ${describeSlice(ctx, t)}`) : e instanceof Error ? e : new Error(String(e))
        wake?.()
      },
    )
  }

  // The level's steps so far, for the progress line only (`closeLevel` counts what the level kept).
  let generated = 0
  const onResult = (task: ExpandTask, res: ExpandResult): void => {
    slices.push({ start: task.pos, task, res })
    generated += res.generated
    const len = task.to - task.from
    if (res.done < len) {
      owed.push({ ...task, from: task.from + res.done, pos: task.pos + res.done })
      growPending = true
    }
    for (const d of res.decisions) decided.add(d.prop)
    if (res.deadlockPos >= 0) deadlockSeen = true
    if (visited.size >= options.maxStates) cut = true
    if (ctx.decidable && ctx.open.every((i) => decided.has(i)) && (!ctx.deadlockOpen || deadlockSeen)) cut = true
  }

  try {
    for (;;) {
      if (failure) break
      // Owed remainders first: the completed slices must stay a prefix of the frontier.
      while (!growPending && owed.length > 0 && !halted) dispatch(owed.shift()!)
      while (!growPending && !cut && !halted && next < tasks.length && inflight < 2 * pool.size) {
        if (!ctx.fixed && visited.size >= GROW_AT * visited.capacity) {
          growPending = true
          break
        }
        dispatch(tasks[next++])
      }
      if (inflight === 0) {
        if (growPending) {
          growPending = false
          // A fixed table (--memory) that is full ends the search here, incomplete.
          if (ctx.fixed) halted ??= 'memory-limit'
          else grow(ctx)
          continue
        }
        if (owed.length > 0 && !halted) continue
        break
      }
      await new Promise<void>((r) => (wake = r))
      wake = undefined
      if (!halted) halted = await ctx.poll(generated)
    }
  } finally {
    clearTimeout(watch)
  }
  if (failure) throw failure
  slices.sort((a, b) => a.start - b.start)
  let end = 0
  const prefix: SliceResult[] = []
  for (const s of slices) {
    if (s.start !== end) break
    prefix.push(s)
    end += s.res.done
  }
  return { slices: prefix, end, halted: end < totalStates(tasks) && !cut ? (halted ?? 'interrupted') : halted }
}

/** "one of 12 states, the first {…}": what a dead worker was working on. */
function describeSlice(ctx: LevelContext, t: ExpandTask): string {
  const n = t.to - t.from
  try {
    const first = ctx.codec.decode(t.bytes)[t.winners[t.from]]
    return n === 1 ? `state ${preview(first)}` : `one of ${n} states, the first ${preview(first)}`
  } catch {
    return `${n} states`
  }
}

const totalStates = (tasks: readonly ExpandTask[]): number => tasks.reduce((n, t) => n + t.to - t.from, 0)

function grow(ctx: LevelContext): void {
  growVisited(ctx.visited, ctx.pool.size * (ctx.successorMargin ?? MAX_SUCCESSORS))
}

/** Doubles the table (and makes room in the columns for `margin` more states), or says why it
 * cannot. Only a growable table gets here: a full fixed one (--memory) stops the search instead. */
export function growVisited(v: SharedVisited, margin: number): void {
  const columnsFull = !v.ensureColumns(v.size + margin + 1)
  if (columnsFull || v.capacity * 2 > 2 ** 30) {
    throw new UsageError(
      `the visited set is full at ${v.size.toLocaleString('en-US')} states (${columnsFull ? '2^28 - 1 states' : '2^30 slots'} is the most one visited set holds)`,
    )
  }
  v.rehash(v.capacity * 2)
}

/**
 * Before a single-threaded insert burst of at most `margin` states: columns committed ahead, and
 * the table grown while it is past `GROW_AT` or would pass `HARD_LOAD`. Returns the size below
 * which the next burst needs no such check, or -1 when a fixed table (--memory) is full.
 */
export function roomFor(v: SharedVisited, fixed: boolean, margin: number): number {
  const limit = (): number => Math.min(Math.floor(HARD_LOAD * v.capacity), v.columnCapacity) - margin
  for (;;) {
    if (v.size + margin >= v.columnCapacity) v.ensureColumns(Math.min(Math.floor(HARD_LOAD * v.capacity), v.size + margin + (1 << 21)))
    if (fixed) return v.size >= limit() ? -1 : limit()
    if (v.size < GROW_AT * v.capacity && v.size < limit()) return Math.min(Math.ceil(GROW_AT * v.capacity), limit())
    growVisited(v, margin)
  }
}
