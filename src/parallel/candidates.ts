/**
 * A worker's part of the search sink (`Keeper`, explore/search-sink.ts): what a worker thread does
 * with the successors of its task where the sequential search decides at once. The sink
 * fingerprints, skips stutters, inserts, counts coverage, checks keys and tells the edge log, as
 * everywhere; this is the visited set it inserts into and the keeper of what it finds.
 *
 * A worker's insert makes a *candidate* (`SharedVisited.insertCandidate`: the earliest parent, by
 * frontier position, wins when the level closes), so a new state is numbered per task, kept in a
 * chunk with its columns (index, parent position, ordinal, action number, and with sleep sets its
 * set) and checked by that number; the coordinator keeps the winners and counts what they
 * discovered (`close-level.ts`). A known state's index is the one the set met (`met`), which the
 * liveness graph needs for its edges.
 */
import type { Keeper, Visited } from '../explore/search-sink.ts'
import type { KeyedSleep } from '../explore/keyed-sleep.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { withState } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import type { ExpandTask, OutChunk } from './protocol.ts'
import type { SharedVisited } from './shared-visited.ts'

/** How candidates are kept: `keep` the `n`-th of the chunk being filled, `chunk` encodes the `n`
 * kept; `plain` shows a state in a message. */
export interface CandidateStore<S> {
  keep(t: S, n: number): void
  chunk(n: number): Uint8Array
  plain(s: S): unknown
}

export class Candidates<S> implements Visited, Keeper<S> {
  /** The task's coverage, counted by the sink; an action's number is its place here (first fired). */
  readonly coverage = new Map<string, Coverage>()
  readonly out: OutChunk[] = []
  /** Frontier position of the first state without successors, or -1. */
  deadlockPos = -1
  /** The candidates of the chunk being filled, and how many came before it in this task. */
  private n = 0
  private outBase = 0
  private readonly ins: Int32Array
  private readonly posCol: Int32Array
  private readonly ord: Uint16Array
  private readonly act: Uint16Array
  /** Action numbers of the coverage entries met so far (rebuilt when a new action finds one). */
  private readonly ids = new Map<Coverage, number>()
  /** With sleep sets: the chunk's candidates' sets, and where each starts. */
  private sleepBuf: number[] = []
  private readonly sleepStart: Int32Array | undefined

  constructor(
    private readonly shared: SharedVisited,
    private readonly task: ExpandTask,
    private readonly store: CandidateStore<S>,
    private readonly tracker: SafetyTracker,
    private readonly sleeper?: KeyedSleep,
  ) {
    const size = task.chunkSize
    this.ins = new Int32Array(size)
    this.posCol = new Int32Array(size)
    this.ord = new Uint16Array(size)
    this.act = new Uint16Array(size)
    this.sleepStart = sleeper ? new Int32Array(size + 1) : undefined
  }

  // ---- the visited set the sink inserts into --------------------------------------------------

  get size(): number {
    return this.shared.size
  }

  bytes(): number {
    return this.shared.bytes()
  }

  pathTo(idx: number): number[] {
    return this.shared.pathTo(idx)
  }

  ordinal(idx: number): number {
    return this.shared.ordinal(idx)
  }

  /** A successor of the state at frontier position `pos`: its index if it is, for now, the
   * earliest parent's candidate, else -1 - the index of the state met. */
  insert(hi: number, lo: number, pos: number): number {
    const v = this.shared
    const idx = v.insertCandidate(hi, lo, pos, this.task.levelStart)
    return idx >= 0 ? idx : -1 - v.met
  }

  // ---- the keeper ---------------------------------------------------------------------------

  found(t: S, idx: number, pos: number, ordinal: number, c: Coverage): void {
    const n = this.n++
    this.store.keep(t, n)
    this.ins[n] = idx
    this.posCol[n] = pos
    this.ord[n] = ordinal
    this.act[n] = this.ids.get(c) ?? this.number(c)
    if (this.sleeper) {
      ;(this.sleepStart as Int32Array)[n] = this.sleepBuf.length
      this.sleeper.arrival(ordinal, this.sleepBuf)
    }
    try {
      this.tracker.check(t, this.outBase + n)
    } catch (e) {
      throw this.inState(e, t)
    }
    if (this.n === this.task.chunkSize) this.flush()
  }

  deadlock(pos: number): void {
    if (this.deadlockPos < 0) this.deadlockPos = pos
  }

  /** The number of the action `c` counts (its place in `coverage`), the first time it finds one. */
  private number(c: Coverage): number {
    let i = 0
    for (const x of this.coverage.values()) this.ids.set(x, i++)
    return this.ids.get(c) as number
  }

  /** Out of line: a closure in `found` would cost it a context per call. */
  private inState(e: unknown, s: S): unknown {
    return withState(e, s, (x) => this.store.plain(x))
  }

  /** The chunk being filled goes out (when full, and at the task's end). */
  flush(): void {
    const n = this.n
    if (n === 0) return
    let sleep: { sleep: Int32Array; sleepOff: Int32Array } | undefined
    if (this.sleepStart) {
      this.sleepStart[n] = this.sleepBuf.length
      sleep = { sleep: Int32Array.from(this.sleepBuf), sleepOff: this.sleepStart.slice(0, n + 1) }
      this.sleepBuf = []
    }
    this.out.push({
      bytes: this.store.chunk(n),
      n,
      ins: this.ins.slice(0, n),
      pos: this.posCol.slice(0, n),
      ord: this.ord.slice(0, n),
      act: this.act.slice(0, n),
      ...sleep,
    })
    this.outBase += n
    this.n = 0
  }

  /** The task's actions in first-fired order, and the steps each generated. */
  fired(): { names: string[]; fired: number[] } {
    return { names: [...this.coverage.keys()], fired: [...this.coverage.values()].map((c) => c.fired) }
  }
}
