/**
 * The parallel BFS's frontier, driven level by level by the sequential BFS's own driver
 * (`searchLevels`): a wide level is expanded by the workers at once (`level`), a narrow one
 * state by state on this thread (`expand`), through the sequential BFS's sink over the shared
 * visited set. So depth, levels, queue peak and the stops are counted in one place for both.
 *
 * Narrow levels need no task, no codec, no thread round trip, no barrier: a level of a few states
 * costs microseconds this way against about half a millisecond through the workers, so a search
 * whose levels are all narrow (a long chain, the first and last levels of any search) runs at the
 * single-threaded rate and starts no thread. What differs from `explore/bfs.ts` there: before a
 * state is expanded the shared set is grown (or, a fixed `--memory` one, found full) as the wide
 * levels grow it; and a model error names the state it happened in, as a worker's does.
 *
 * Wide levels: the frontier (encoded chunks, `codec.ts`) is cut into slices in BFS order;
 * workers expand them, insert successors into the shared visited set (lowering each new state's
 * parent position to the smallest that reaches it) and return candidates plus the first
 * candidate deciding each property (`run-level.ts`). Closing the level (`close-level.ts`) keeps
 * the earliest parent's candidate per state, which puts the next frontier in exactly the
 * sequential BFS's order, replays the verdict events in that order and adds the level's counts
 * to the sink.
 *
 * The frontier is held decoded (narrow) or as chunks (wide), each made from the other when the
 * width crosses `inlineBelow`. Each level's start is kept for a checkpoint, written when one is
 * due and when a stop cuts the level.
 */
import type { Action } from '../core/action.ts'
import type { CheckOptions } from '../core/options.ts'
import type { Frontier, LevelEnd, Levels } from '../explore/bfs.ts'
import type { Prepared } from '../explore/prepare.ts'
import type { SearchSink, Store } from '../explore/search-sink.ts'
import { withState } from '../explore/sink.ts'
import { KeyedSleep } from '../explore/keyed-sleep.ts'
import type { Checkpointer, SearchSnapshot } from './checkpoint.ts'
import { closeLevel } from './close-level.ts'
import type { FrontierChunk } from './frontier.ts'
import { frontierBytes } from './frontier.ts'
import type { Pool } from './pool.ts'
import { acquirePool, releasePool } from './pool.ts'
import type { WorkerSetup } from './protocol.ts'
import type { ParallelRecorder } from './record-graph.ts'
import { CHUNK_SIZE, roomFor, runLevel, slice } from './run-level.ts'
import type { SharedVisited } from './shared-visited.ts'
import type { StateCodec } from './state-codec.ts'
import { workerBundle } from './worker-bundle.ts'

export interface ParallelConfig {
  readonly pool: 'threads' | 'piscina'
  /** Fewest states per task (tests use 1 to interleave workers on tiny state spaces). */
  readonly minSlice?: number
  /** Candidates per frontier chunk. */
  readonly chunkSize?: number
  /** Smallest table (slots); tests lower it to fill a small --memory budget quickly. */
  readonly minCapacity?: number
  /** Room kept per worker for one state's successors (default 65,536, the most a state may have). */
  readonly successorMargin?: number
  /** Levels narrower than this are expanded on the coordinating thread (default: two slices of
   * `minSlice`): below it a thread round trip costs more than the work. 0 sends every level out. */
  readonly inlineBelow?: number
  /** Workers run a bundle of their code and the spec (default), or load the TypeScript sources
   * through tsx (false; also whenever no bundle can be built). */
  readonly bundle?: boolean
}

export interface ParallelSetup {
  readonly p: Prepared
  readonly options: CheckOptions
  readonly config: ParallelConfig
  readonly sink: SearchSink<unknown, Action>
  /** The sink's store: `plainStore`. */
  readonly store: Store<unknown, Action>
  readonly visited: SharedVisited
  /** Fixed-size visited set (--memory): full ends the search (memory-limit), it does not grow. */
  readonly fixed: boolean
  readonly codec: StateCodec
  readonly workers: number
  /** The `WorkerSetup` but for the bundle, made when a first level is wide. */
  readonly setupBase: Omit<WorkerSetup, 'bundleUrl'>
  readonly ckpt: Checkpointer | undefined
  readonly rec: ParallelRecorder | undefined
  /** The driver's counters, as `searchLevels` updates them (read for checkpoints). */
  readonly at: Levels
}

export class ParallelFrontier implements Frontier {
  /** The largest frontier held encoded, this level's and the next together. */
  frontierPeakBytes = 0
  /** The level being expanded, decoded (narrow) or encoded (wide), and each state's index. */
  private states: unknown[] | undefined
  private chunks: FrontierChunk[] | undefined
  /** The next level, as a narrow level finds it (indices as a plain array: a typed array per
   * level costs more than the level), or as a wide level's close gives it. */
  private next: unknown[] = []
  private nextIns: number[] = []
  private wide: { chunks: FrontierChunk[]; ins: Int32Array } | undefined
  private roomUntil = -1
  /** The start of the last level opened, as a checkpoint (the frontier encoded when written). */
  private start: (() => SearchSnapshot) | undefined
  private poolHeld: Pool | undefined
  private setup: WorkerSetup | undefined
  private readonly inlineBelow: number
  /** With sleep sets (`KeyedSleep`): the narrow levels' rule, and the sets of the level's states
   * and of the next level's (state f's entries from `zOff[f]` to the next state's, or the end);
   * a wide level's chunks carry theirs. */
  private readonly sleeper: KeyedSleep | undefined
  private zBuf: number[] = []
  private zOff: number[] = []
  private nextZBuf: number[] = []
  private nextZOff: number[] = []
  /** Steps skipped by the wide levels closed so far. */
  private wideSlept = 0

  /** From the first level to expand, decoded or encoded, and its states' indices; `slept`: the
   * steps a resumed search had skipped before it. */
  constructor(
    private readonly c: ParallelSetup,
    level: { readonly states: unknown[] } | { readonly chunks: FrontierChunk[] },
    private ins: ArrayLike<number>,
    slept = 0,
  ) {
    this.wideSlept = slept
    if ('states' in level) this.states = level.states
    else this.chunks = level.chunks
    this.inlineBelow = c.config.inlineBelow ?? 2 * (c.config.minSlice ?? 64)
    this.sleeper = c.setupBase.sleep ? new KeyedSleep(c.p) : undefined
    // The initial states sleep nothing.
    if (this.sleeper && this.states) this.zOff = this.states.map(() => 0)
  }

  /** With sleep sets: the steps skipped so far; undefined without. */
  get slept(): number | undefined {
    return this.sleeper ? this.sleeper.slept + this.wideSlept : undefined
  }

  size(): number {
    return this.ins.length
  }

  nextSize(): number {
    return this.wide ? this.wide.ins.length : this.nextIns.length
  }

  open(): void {
    const { sink, at, ckpt, visited, codec, rec } = this.c
    this.next = []
    this.nextIns = []
    this.nextZBuf = []
    this.nextZOff = []
    this.wide = undefined
    if (!ckpt) return
    const { states, chunks, ins } = this
    // A narrow level's sleep sets, as they stand now (`advance` replaces these arrays).
    const z = this.sleeper && states ? { buf: this.zBuf, off: this.zOff } : undefined
    const slept = this.slept
    const levels = at.levels.length
    const counts = {
      distinct: visited.size,
      total: sink.total,
      depth: at.depth,
      queuePeak: at.queuePeak,
      coverage: [...sink.coverage].map(([n, v]) => [n, v.fired, v.discovered] as const),
      decidedAt: [...sink.tracker.decidedAt],
      deadlockAt: sink.tracker.deadlockAt,
      ...(slept !== undefined ? { slept } : {}),
      ...(this.c.p.constraint ? { cut: sink.cut } : {}),
    }
    // The liveness graph as recorded so far: every node before this level expanded.
    const mark = rec?.mark()
    this.start = () => ({
      ...(rec && mark ? { graph: () => rec.checkpoint(mark) } : {}),
      ...counts,
      levels: at.levels.slice(0, levels),
      frontier: chunks ?? toChunks(codec, states!, z),
      levelIns: Int32Array.from(ins),
      columns: (from, to) => visited.columns(from, to),
    })
  }

  /** Writes a checkpoint if one is due; expands a wide level on the workers; a narrow one is
   * left to `expand`, state by state (and then, unless writing, nothing is awaited: a search of
   * a million one-state levels pays for no promise per level). */
  level(): Promise<LevelEnd | undefined> | undefined {
    const { ckpt, codec } = this.c
    // Written once the driver's stretch has returned (`then`): not timed by the step watchdog.
    const written = ckpt?.due() ? Promise.resolve().then(() => this.checkpoint()) : undefined
    if (this.size() < this.inlineBelow) {
      if (!this.states) {
        const z = this.sleeper ? { buf: (this.zBuf = []), off: (this.zOff = []) } : undefined
        this.states = decode(this.chunks!, codec, z)
      }
      return written?.then(() => undefined)
    }
    const chunks = (this.chunks ??= toChunks(codec, this.states!, this.sleeper ? { buf: this.zBuf, off: this.zOff } : undefined))
    const ins = this.ins instanceof Int32Array ? this.ins : Int32Array.from(this.ins)
    return written ? written.then(() => this.expandWide(chunks, ins)) : this.expandWide(chunks, ins)
  }

  /** A narrow level's `f`-th state, through the sink. */
  expand(f: number): 'memory-limit' | undefined {
    const { p, sink, visited } = this.c
    const st = this.states![f]
    if (!sink.begin(this.ins[f], st)) return undefined
    if (visited.size >= this.roomUntil && (this.roomUntil = roomFor(visited, this.c.fixed, this.c.config.successorMargin ?? 65536)) < 0) return 'memory-limit'
    const z = this.sleeper
    if (z) z.sleeps(this.zBuf, this.zOff[f] as number, f + 1 < this.zOff.length ? (this.zOff[f + 1] as number) : this.zBuf.length)
    let steps
    try {
      steps = z ? z.expand(st) : p.expand(st)
    } catch (e) {
      throw withState(e, st)
    }
    for (let i = 0; i < steps.length; i++) {
      if (z?.asleep(i)) continue
      const t = steps[i][1]
      const idx = sink.step(steps[i][0], t, i)
      if (idx >= 0) {
        this.next.push(t)
        this.nextIns.push(idx)
        if (z) {
          this.nextZOff.push(this.nextZBuf.length)
          z.arrival(i, this.nextZBuf)
        }
      }
      if (z && t !== st) z.taken(i)
    }
    sink.end(steps.length)
    return undefined
  }

  advance(): void {
    if (this.wide) {
      this.chunks = this.wide.chunks
      this.ins = this.wide.ins
      this.states = undefined
      // The chunks carry their sleep sets; a narrow level's are no longer needed.
      this.zBuf = []
      this.zOff = []
    } else {
      this.states = this.next
      this.ins = this.nextIns
      this.chunks = undefined
      this.zBuf = this.nextZBuf
      this.zOff = this.nextZOff
    }
  }

  /** Writes the start of the last level opened: each stop leaves a checkpoint to resume from. */
  async checkpoint(): Promise<void> {
    if (this.start) await this.c.ckpt?.write(this.start())
  }

  async release(clean: boolean): Promise<void> {
    if (this.poolHeld) await releasePool(this.poolHeld, clean)
  }

  private async expandWide(frontier: FrontierChunk[], levelIns: Int32Array): Promise<LevelEnd> {
    const c = this.c
    const { p, sink, visited, options, workers, rec, config } = c
    const { tracker } = sink
    const width = levelIns.length
    const levelStart = visited.size
    if (!this.poolHeld || !this.setup) {
      const bundleUrl = config.bundle === false ? undefined : await workerBundle(c.setupBase.specUrl)
      this.setup = { ...c.setupBase, ...(bundleUrl ? { bundleUrl } : {}) }
      this.poolHeld = acquirePool(config.pool, workers)
    }
    const setup = this.setup
    const open = p.safety.map((_, i) => i).filter((i) => tracker.decidedAt[i] === -1)
    const deadlockOpen = p.deadlock && tracker.deadlockAt === -1
    const size = Math.max(config.minSlice ?? 64, Math.min(1024, Math.ceil(width / (4 * workers))))
    const tasks = slice(frontier, size, { kind: 'expand', setup, visited: visited.handles(), levelStart, open, chunkSize: config.chunkSize ?? CHUNK_SIZE })
    const run = await runLevel(
      {
        model: p.model.name,
        pool: this.poolHeld,
        visited,
        setup,
        options,
        open,
        deadlockOpen,
        decidable: p.liveness.length === 0 && (open.length > 0 || deadlockOpen),
        fixed: c.fixed,
        codec: c.codec,
        ...(config.successorMargin ? { successorMargin: config.successorMargin } : {}),
        poll: (generated) => sink.poll(width, c.at.depth, generated),
      },
      tasks,
    )
    // Under a view or symmetry with --debug: the keys each thread met first, compared across threads.
    for (const sl of run.slices) if (sl.res.keyFirsts) sink.mergeKeys(sl.res.keyFirsts)
    rec?.level(run.slices, levelIns)
    const closed = closeLevel({ p, visited, tracker, codec: c.codec, coverage: sink.coverage, levelIns, width, levelStart, maxStates: options.maxStates }, run)
    if (rec && !closed.stop) rec.closed(closed.nextIns, levelStart)
    sink.total += closed.generated
    sink.cut += closed.cut
    this.wideSlept += closed.slept
    this.frontierPeakBytes = Math.max(this.frontierPeakBytes, frontierBytes(frontier) + frontierBytes(closed.next))
    this.wide = { chunks: closed.next, ins: closed.nextIns }
    // A stop asked for while the level's last tasks ran: the level is whole, so the search stops
    // after it, incomplete. So does a memory budget the level's liveness graph spent (the workers
    // fill only the shared set, checked as they go; the graph grows here, a level at a time).
    return { stop: closed.stop ?? (closed.decidedEarly ? undefined : (run.halted ?? (rec ? sink.spent() : undefined))), decidedEarly: closed.decidedEarly }
  }
}

/** A narrow level's sleep sets: state f's entries are `buf` from `off[f]` to `off[f + 1]` (or the end). */
interface NarrowSleep {
  readonly buf: number[]
  readonly off: number[]
}

/** States in frontier order as encoded chunks, every state a winner; with their sleep sets. */
function toChunks(codec: StateCodec, states: readonly unknown[], z?: NarrowSleep): FrontierChunk[] {
  const frontier: FrontierChunk[] = []
  for (let i = 0; i < states.length; i += CHUNK_SIZE) {
    const part = states.slice(i, i + CHUNK_SIZE)
    const chunk = { bytes: codec.encode(part), winners: Int32Array.from(part.keys()), pos: i }
    if (!z) {
      frontier.push(chunk)
      continue
    }
    const at = (f: number): number => (f < z.off.length ? (z.off[f] as number) : z.buf.length)
    const base = at(i)
    const sleepOff = Int32Array.from({ length: part.length + 1 }, (_, k) => at(i + k) - base)
    frontier.push({ ...chunk, sleep: Int32Array.from(z.buf.slice(base, at(i + part.length))), sleepOff })
  }
  return frontier
}

/** The frontier's states, decoded, in frontier order; their sleep sets appended to `z`. */
function decode(frontier: readonly FrontierChunk[], codec: StateCodec, z?: NarrowSleep): unknown[] {
  const out: unknown[] = []
  for (const c of frontier) {
    const all = c.bytes.byteLength > 0 ? codec.decode(c.bytes) : []
    for (let k = 0; k < c.winners.length; k++) {
      const w = c.winners[k] as number
      out.push(all[w])
      if (!z) continue
      z.off.push(z.buf.length)
      if (!c.sleep || !c.sleepOff) continue
      for (let e = c.sleepOff[w] as number; e < (c.sleepOff[w + 1] as number); e++) z.buf.push(c.sleep[e] as number)
    }
  }
  return out
}
