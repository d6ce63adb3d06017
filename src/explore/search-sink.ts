/**
 * The successor sink (issue #13, design §7 "driver × store × sink"): what every sequential
 * explorer does with a state it reaches, whatever the order. A driver (BFS levels, the DFS stack,
 * a random walk) picks the state to expand and hands each initial state to `init` and each step
 * to `step`; the sink does the rest, once: fingerprint, stuttering step, insert with the parent
 * link, coverage, safety properties, deadlock, and telling a `SearchObserver` (the liveness
 * recorder, the DOT export) every node and edge. It holds the limits and builds the result.
 *
 * A `Store` says how states are held: plain objects (`plainStore`) or int32 words (the packed
 * BFS's); the sink is the same code for both. The parallel engine runs its narrow levels through a
 * sink over its shared visited set (`parallel/parallel-frontier.ts`); its wide levels are expanded
 * by worker threads, each through this sink too, with a `Keeper` for what a worker does otherwise
 * (`parallel/candidates.ts`), and closed by `parallel/close-level.ts`, which adds to the
 * coordinator's counts. The distributed partitions expand through it with a keeper that ships
 * each successor to its owner (`Shipment`, `distributed/partition-run.ts`).
 */
import type { Action } from '../core/action.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, StopReason } from '../core/result.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import { buildResult } from './build-result.ts'
import type { Found } from './build-result.ts'
import { KeySoundness } from './key-soundness.ts'
import { Limits } from './limits.ts'
import type { Prepared } from './prepare.ts'
import { replayPath } from './replay-path.ts'
import type { ParentChain } from './replay-path.ts'
import type { SafetyTracker } from './safety-tracker.ts'
import { coverageOf, withState } from './sink.ts'
import type { Coverage } from './sink.ts'
import { NO_PARENT } from './visited-set.ts'
import type { VisitedSet } from './visited-set.ts'

/**
 * What a search that must see the whole graph is told, in discovery order (the liveness recorder,
 * the DOT export). Node ids are indices in `visited`, the set the search uses (one that gives a
 * known state's index back); nodes `begin` in index order (a BFS's), then are `cut` by the
 * constraint or `end` after their steps. `seenAgain` is told only under a view or symmetry;
 * a step to a state with the expanded state's own key (a stutter, or under a view or symmetry
 * possibly another state of its class) is told to `toSelf` when the sink knows it without a probe,
 * else to `step` with `v === u`.
 */
export interface SearchObserver {
  readonly visited: VisitedSet
  found(s: unknown, idx: number, root: boolean): void
  seenAgain(s: unknown, v: number): void
  begin(u: number): void
  cut(): void
  step(u: number, s: unknown, a: Action, ordinal: number, t: unknown, v: number): void
  toSelf(u: number, s: unknown, a: Action, ordinal: number, t: unknown): void
  end(steps: number): void
  finish(stopReason: StopReason | undefined, seconds: number): void
  /** Bytes it holds beside `visited` (the liveness graph's columns), which the memory budget
   * (`--memory`) counts with the set's; none where absent (the DOT export). */
  bytes?(): number
}

/** How a search holds its states (`S`) and names its steps (`A`). */
export interface Store<S, A> {
  /** Writes the fingerprint of `s`, reached by `via` (null: an initial state), into `out`. */
  key(s: S, via: A | null, out: Fingerprint): void
  /** For a state about to be expanded: writes its fingerprint into `out` and answers true, when
   * comparing its successors with it by fingerprint pays (they reuse its hashed parts); false when
   * not (a view or symmetry builds fresh keys). */
  parentKey(s: S, out: Fingerprint): boolean
  /** Whether the successor `t` is the expanded state `s` itself, unchanged. */
  same(t: S, s: S): boolean
  coverage(a: A, m: Map<string, Coverage>): Coverage
  /** The plain state and action, for the observer and the state constraint. */
  plain(s: S): unknown
  action(a: A): Action
}

/** The visited set a sink inserts into, on one thread (`VisitedSet`, `FingerprintSet`, the
 * parallel engine's `SharedVisited` between its wide levels). */
export interface Visited extends ParentChain {
  readonly size: number
  /** The new state's index, or a negative number for a known one (-1 - its index where the set
   * gives it back: every set but `FingerprintSet`). */
  insert(hi: number, lo: number, parent: number, ordinal: number): number
  bytes(): number
}

/**
 * What a search does with a new state where the sequential search's visited set decides at once.
 * There a new state's insert is final: it counts as discovered and is checked by its index, and a
 * state without steps is a deadlock by its index. A worker thread's insert only makes a
 * *candidate* (the coordinator keeps the earliest parent's when the level closes:
 * `SharedVisited.insertCandidate`), so its keeper (`parallel/candidates.ts`) numbers the
 * candidates, keeps them in chunks and checks them by number, notes the first deadlock's frontier
 * position, and leaves counting what was discovered to the coordinator. A distributed partition
 * decides nothing where it expands: its keeper (`Shipment`, `distributed/partition-run.ts`) ships
 * every successor to the partition that owns it. (`from`: the expanded state's index as the sink
 * was told it in `begin`: a frontier position in a worker, a rank in a partition.)
 */
export interface Keeper<S> {
  /** The coverage the sink counts into (the keeper numbers actions by their place in it). */
  readonly coverage: Map<string, Coverage>
  found(t: S, idx: number, from: number, ordinal: number, c: Coverage): void
  deadlock(from: number): void
}

/** The store of plain states, fingerprinted by the prepared model (its view or symmetry). */
export function plainStore(p: Prepared): Store<unknown, Action> {
  const plainKey = !p.symmetry && !p.model.view
  return {
    key: (s, via, out) => p.fingerprintOf(s, via, out),
    parentKey(s, out) {
      if (!plainKey) {
        p.keepParts(s)
        return false
      }
      p.fingerprintParent(s, out)
      return true
    },
    same: (t, s) => t === s,
    coverage: (a, m) => coverageOf(m, p.coverageName(a)),
    plain: (s) => s,
    action: (a) => a,
  }
}

export class SearchSink<S, A> {
  readonly limits: Limits
  readonly coverage: Map<string, Coverage>
  /** Steps generated (initial states included), as the result's `total`. */
  total = 0
  /** States begun that the spec's constraint cut (kept, not expanded): the result's `cut`. */
  cut = 0
  /** The state being expanded, its index, and its fingerprint when `parentKey` gave one ((0, 0)
   * is no state's fingerprint). */
  private s: S | undefined
  private cur = -1
  private shi = 0
  private slo = 0
  /** The fingerprint of the state being stepped to (the store writes it). */
  private readonly f: Fingerprint = { hi: 0, lo: 0 }
  /** Whether a known state's label must be checked against its key's (a view or symmetry). */
  private readonly keyed: boolean
  /** Under a view or symmetry: compares the answers of states with one key (`key-soundness.ts`);
   * dropped when its window has passed. */
  private sound: KeySoundness | undefined
  /** Read from `p` once: they are read per expanded state. */
  private readonly constraint: Prepared['constraint']
  private readonly deadlock: boolean
  /** A memory budget was given (`memoryMiB`): only then are the observer's bytes summed. */
  private readonly budgeted: boolean
  /** On a worker thread (see `Keeper`); undefined in a sequential search. */
  private readonly keeper: Keeper<S> | undefined

  /** `worker`: the sink of a worker thread's task or of a distributed partition's level, with its
   * keeper and the thread's or process's key check (`parallel/expand-task.ts`,
   * `distributed/partition-run.ts`). */
  constructor(
    private readonly p: Prepared,
    options: CheckOptions,
    private readonly store: Store<S, A>,
    readonly visited: Visited,
    readonly tracker: SafetyTracker,
    private readonly rec?: Omit<SearchObserver, 'visited'>,
    worker?: { readonly keeper: Keeper<S>; readonly sound: KeySoundness | undefined },
  ) {
    this.limits = new Limits(options)
    this.keyed = p.model.view !== undefined || p.symmetry
    this.sound = worker ? worker.sound : this.keyed ? new KeySoundness(p, p.debug) : undefined
    this.keeper = worker?.keeper
    this.coverage = this.keeper ? this.keeper.coverage : new Map()
    this.constraint = p.constraint
    this.deadlock = p.deadlock
    this.budgeted = options.memoryMiB !== undefined
  }

  /** The `i`-th initial state: its index if new, else negative (as `Visited.insert`). */
  init(s: S, i: number): number {
    this.total++
    const f = this.f
    this.store.key(s, null, f)
    const idx = this.visited.insert(f.hi, f.lo, NO_PARENT, i)
    if (this.sound) this.keySound(s, null)
    const rec = this.rec
    if (idx < 0) {
      if (rec && this.keyed) rec.seenAgain(this.store.plain(s), -idx - 1)
      return idx
    }
    if (rec) rec.found(this.store.plain(s), idx, true)
    this.tracker.check(s, idx)
    return idx
  }

  /** State `idx` is about to be expanded; false when the spec's constraint cuts it (kept, not
   * expanded). `parentKey`: compare its successors with it by fingerprint (see `Store`). */
  begin(idx: number, s: S, parentKey = true): boolean {
    this.at(idx, s)
    this.rec?.begin(idx)
    const constraint = this.constraint
    if (constraint && !constraint(this.store.plain(s))) {
      this.cut++
      this.rec?.cut()
      return false
    }
    const f = this.f
    if (parentKey && this.store.parentKey(s, f)) {
      this.shi = f.hi
      this.slo = f.lo
    }
    return true
  }

  /** The steps that follow are `s`'s (index `idx`), without `begin`'s bookkeeping: a DFS resumes
   * a state expanded earlier. */
  at(idx: number, s: S): void {
    this.s = s
    this.cur = idx
    this.shi = 0
    this.slo = 0
  }

  /** The expanded state had `steps` successors: none makes it a deadlock. */
  end(steps: number): void {
    if (steps === 0 && this.deadlock) {
      if (this.keeper) this.keeper.deadlock(this.cur)
      else this.tracker.deadlock(this.cur)
    }
    this.rec?.end(steps)
  }

  /**
   * The expanded state's `ordinal`-th step, by `a`, to `t`: its index if `t` is new, else
   * negative (-1 - the index where the visited set keeps it; a stuttering step gives the
   * expanded state's own). A step back to the state itself is known without a probe, and without
   * hashing when the model returned the state itself (the liveness recorder draws no edge for it).
   */
  step(a: A, t: S, ordinal: number): number {
    this.total++
    const c = this.store.coverage(a, this.coverage)
    c.fired++
    if (this.store.same(t, this.s as S)) return this.stutter(a, t, ordinal)
    const f = this.f
    try {
      this.store.key(t, a, f)
    } catch (e) {
      throw this.named(e)
    }
    if (f.lo === this.slo && f.hi === this.shi) return this.stutter(a, t, ordinal)
    const idx = this.visited.insert(f.hi, f.lo, this.cur, ordinal)
    // Kept small, so V8 inlines it (and the insert) into the driver's loop: the observer's work
    // and the key's check are out of line.
    if (this.sound) this.keySound(t, a)
    if (this.rec) this.observe(this.rec, a, t, ordinal, idx)
    if (idx >= 0) {
      const k = this.keeper
      if (k === undefined) {
        c.discovered++
        this.tracker.check(t, idx)
      } else k.found(t, idx, this.cur, ordinal, c)
    }
    return idx
  }

  /** A model error in a successor's key (a state outside the schema, a symmetry that throws),
   * naming the state being expanded, wherever the search runs (one thread, a worker, a partition). */
  private named(e: unknown): unknown {
    return withState(e, this.s as S, (x) => this.store.plain(x), true)
  }

  /** Tells the observer of step `a` to `t`, which the visited set answered with `idx`. */
  private observe(rec: Omit<SearchObserver, 'visited'>, a: A, t: S, ordinal: number, idx: number): void {
    if (idx < 0) {
      if (this.keyed) rec.seenAgain(this.store.plain(t), -idx - 1)
      rec.step(this.cur, this.s, this.store.action(a), ordinal, t, -idx - 1)
    } else {
      rec.found(this.store.plain(t), idx, false)
      rec.step(this.cur, this.s, this.store.action(a), ordinal, t, idx)
    }
  }

  /** The keys worker threads met first, with their answers (`ExpandResult.keyFirsts`): compared
   * with this search's, so states merged across threads are compared too. */
  mergeKeys(firsts: Int32Array): void {
    this.sound?.merge(firsts)
  }

  /** Compares the answers of `t` with those of the first state met with its key (`this.f`). */
  private keySound(t: S, a: A | null): void {
    const sound = this.sound as KeySoundness
    sound.met(this.f.hi, this.f.lo, t, this.store.plain(t), a === null ? null : this.store.action(a))
    if (sound.done) this.sound = undefined
  }

  /** A step to the expanded state's own key: known, and no probe needed. */
  private stutter(a: A, t: S, ordinal: number): number {
    this.rec?.toSelf(this.cur, this.s, this.store.action(a), ordinal, t)
    return -1 - this.cur
  }

  /** Every checked property is decided (never with liveness to record: it needs every state). */
  decided(): boolean {
    return !this.rec && this.tracker.allDecided()
  }

  /** The stop the visited set calls for (max states, memory: the set's bytes and the observer's
   * beside it, the liveness graph's), checked after each expansion. */
  full(): StopReason | undefined {
    // (Without a budget nothing is compared with the bytes: not summed after every expansion.)
    return this.limits.full(this.visited.size, this.budgeted ? this.visited.bytes() : 0, this.observed())
  }

  /** `full`'s memory budget alone: after a parallel wide level, whose max-states stop the level's
   * close decides. */
  spent(): StopReason | undefined {
    return this.limits.spent(this.visited.bytes(), this.observed())
  }

  /** What the observer holds beside the visited set (`SearchObserver.bytes`), where a budget
   * counts it (else 0: summing the columns after every expansion would buy nothing). */
  private observed(): number {
    return this.budgeted ? (this.rec?.bytes?.() ?? 0) : 0
  }

  /** Serves time limit, interruption and progress (`Limits.poll`). `pending`: steps generated
   * that `total` does not count yet (a parallel level's slices back before it closes: the shared
   * visited set's size already counts their states, and a progress line with states past its
   * steps read as a bug). */
  poll(queue: number, depth: number, pending = 0): Promise<StopReason | undefined> {
    return this.limits.poll(this.visited.size, this.total + pending, queue, depth)
  }

  /** `poll` without the yield, which `limits.yieldDue` / `yieldNow` do (the BFS driver's
   * synchronous stretches, `step-watchdog.ts`). */
  pollNow(queue: number, depth: number): StopReason | undefined {
    return this.limits.pollNow(this.visited.size, this.total, queue, depth)
  }

  /** The state being expanded (for a message that names it). */
  expanding(): unknown {
    return this.s
  }

  get modelName(): string {
    return this.p.model.name
  }

  /** The result; `f` gives what only the driver knows (depth, queue peak, levels, ...; the
   * parallel engine, its distinct count: a cut level leaves states in the set it did not keep). */
  result(
    f: Pick<Found, 'stopReason' | 'decidedEarly' | 'depth' | 'queuePeak' | 'strategy'> &
      Partial<Pick<Found, 'levels' | 'traceTo' | 'visitedBytes' | 'distinct' | 'workers' | 'slept' | 'cut' | 'deepestCut'>>,
  ): CheckResult {
    const v = this.visited
    // As the budget saw it when the search stopped (finishing adds the nodes never begun).
    const observed = this.observed()
    this.rec?.finish(f.stopReason, this.limits.elapsed())
    const distinct = f.distinct ?? v.size
    return buildResult(this.p, {
      tracker: this.tracker,
      traceTo: (idx) => replayPath(this.p, v, idx),
      distinct,
      total: this.total,
      seconds: this.limits.elapsed(),
      visitedBytes: v.bytes(),
      coverage: this.coverage,
      workers: 1,
      warnings: this.limits.warnings(f.stopReason, distinct, observed),
      ...(this.constraint ? { cut: this.cut } : {}),
      ...f,
    })
  }
}
