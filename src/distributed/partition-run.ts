/**
 * A worker process's side of one distributed run: it owns the fingerprints of one partition
 * (`ownerOf`), their parent links, and its part of each level's frontier. Bundled with the spec
 * (`bundle.ts`), so every worker runs the coordinator's code.
 *
 * Per level, on the coordinator's requests (`docs/distributed.md`, "Protocol"):
 * - `expand`: expands its frontier states in rank order; a successor it owns is offered here, any
 *   other goes into the owner's batch; replies with the batches it sent per owner;
 * - `barrier`: waits until it holds every batch the senders announced (a missing one is an error,
 *   never a silent miscount), orders the level's new states by BFS key (parent's rank, ordinal),
 *   finds the first that decides each open property, replies with the sorted keys;
 * - `commit`: takes the ranks the coordinator merged, keeps the states up to its cut as the next
 *   frontier, and replies with the level's counts and coverage.
 * A state reached several times in a level keeps the smallest key: the earliest parent's, as the
 * sequential BFS does. The states themselves are plain objects or a packed model's words
 * (`part-states.ts`); everything else here is the same for both.
 */
import type { NatsConnection, Subscription } from 'nats'
import type { Action } from '../core/action.ts'
import { ModelError, UsageError, marked, option } from '../core/errors.ts'
import { resolveOptions } from '../core/options.ts'
import { isSpec } from '../core/spec.ts'
import type { Prepared } from '../explore/prepare.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { SearchSink } from '../explore/search-sink.ts'
import type { Keeper, SearchObserver, Visited } from '../explore/search-sink.ts'
import type { Coverage } from '../explore/sink.ts'
import { prepareWith } from '../parallel/spec-options.ts'
import { VisitedSet } from '../explore/visited-set.ts'
import { KeyedSleep } from '../explore/keyed-sleep.ts'
import { KeySoundness, THREAD_WINDOW } from '../explore/key-soundness.ts'
import { Float64Column, Int32Column, sleepColumns } from './columns.ts'
import { LevelEdges } from './level-edges.ts'
import type { BarrierReply, CommitReply, ExpandReply, PathReply, Pulse, Request, RunSetup, SnapshotReply } from './messages.ts'
import { Outbox } from './outbox.ts'
import type { Fired, PartStates, StateList } from './part-states.ts'
import { partStates } from './part-states.ts'
import type { WireError } from './wire.ts'
import { ORD, bytesOf, decodeBatch, frame, i32, keyOf, ownerOf, subjects } from './wire.ts'

export interface PartitionRun {
  handle(head: Request, tails: readonly Uint8Array[]): Promise<Uint8Array>
  /** Where the partition stands, for the ping reply (`Pulse`). */
  progress(): Omit<Pulse, 'rss'>
  close(): void
}

/** Sets up a run from the spec module's default export; a spec that does not load is a UsageError. */
export function createRun(nc: NatsConnection, spec: unknown, setup: RunSetup): PartitionRun {
  if (!isSpec(spec)) throw new UsageError('the bundled spec module has no spec as its default export')
  return new Partition(nc, prepareWith(spec, setup), setup)
}

const NO_OWNER = -1
/** A level's sink reads no limits (the coordinator keeps them): the defaults fill its options. */
const TASK_OPTIONS = resolveOptions()
/** The sleep set of a state that sleeps nothing (an initial state). */
const NO_SLEEP: ArrayLike<number> = new Int32Array(0)
const SENT_MASK = (1 << 16) - 1

class Partition implements PartitionRun {
  /** Plain states in the run's codec, or a packed model's words (`part-states.ts`). */
  private readonly states: PartStates
  /** What the level's sink is given as its tracker (its keeper checks nothing: the barrier does). */
  private readonly tracker: SafetyTracker
  private visited = new VisitedSet()
  private readonly parentOwner = new Int32Column()
  private readonly parentLocal = new Int32Column()
  private readonly ordinal = new Int32Column()
  private readonly sub: Subscription
  private readonly subj: ReturnType<typeof subjects>
  private readonly n: number
  private readonly me: number

  /** The level whose successors are being gathered (its parents' depth). */
  private level = 0
  private levelStart = 0
  /** The level's new states, by index - levelStart: BFS key, state (in `states`), action name. */
  private readonly candKey = new Float64Column()
  private candAct: string[] = []
  /** This partition's part of the frontier, in rank order. */
  private frontier: StateList = []
  private ranks: number[] = []
  private locals: number[] = []
  /** Batches received this level per sender (seq numbers), and duplicates ignored. */
  private received: Set<number>[]
  private duplicates = 0
  private wrongLevel: string | undefined
  private arrived: (() => void) | undefined
  private lastArrival = 0
  /** The last barrier's order (indices into the candidates, by key). */
  private order = new Int32Array(0)
  private expandCounts: { generated: number; cut: number; fired: Map<string, Fired> } = { generated: 0, cut: 0, fired: new Map() }
  private batchBytes = 0
  private batches = 0
  private rssPeak = 0
  /** Frontier states of this level expanded so far, and the steps they generated (progress). */
  private expanded = 0
  private generatedNow = 0
  private readonly sent = new Int32Array(2 * (SENT_MASK + 1))
  /** The level's steps for the liveness graph, when liveness is checked (`level-edges.ts`). */
  private readonly edges: LevelEdges | undefined
  /**
   * With sleep sets (`--por`, `explore/keyed-sleep.ts`): the rule, each candidate's set (the one
   * its first arrival, the smallest key, gives it: a view into the batch it came in, or this
   * worker's own), each frontier state's, and the steps this level skipped. The parallel BFS's rule
   * on threads, so the run skips what the sequential `--por` search skips.
   */
  private readonly z: KeyedSleep | undefined
  /** Under a view or symmetry: the states this worker merges by key must agree on the properties
   * and the constraint (`key-soundness.ts`), over its first THREAD_WINDOW steps, or all with
   * `--debug` (then the keys it met first go to the coordinator, which compares workers). */
  private sound: KeySoundness | undefined
  private candSleep: ArrayLike<number>[] = []
  private frontierSleep: ArrayLike<number>[] = []
  private sleptBefore = 0
  /** The steps slept by the parents up to a stop's cut (`recount`). */
  private sleptCut = 0

  constructor(
    private readonly nc: NatsConnection,
    private readonly p: Prepared,
    private readonly setup: RunSetup,
  ) {
    this.states = partStates(p)
    this.tracker = this.states.tracker()
    this.n = setup.workers
    this.me = setup.index
    this.subj = subjects(setup.runId)
    this.received = Array.from({ length: this.n }, () => new Set<number>())
    this.edges = setup.liveness ? new LevelEdges(p) : undefined
    this.z = setup.sleep ? new KeyedSleep(p) : undefined
    this.sound = p.model.view !== undefined || p.symmetry ? new KeySoundness(p, p.debug, THREAD_WINDOW) : undefined
    this.sub = nc.subscribe(this.subj.batch(this.me), { callback: (err, msg) => (err ? undefined : this.onBatch(msg.data)) })
  }

  close(): void {
    this.sub.unsubscribe()
  }

  progress(): Omit<Pulse, 'rss'> {
    return { level: this.level, states: this.visited.size, expanded: this.expanded, frontier: this.frontier.length, generated: this.generatedNow }
  }

  async handle(head: Request, tails: readonly Uint8Array[]): Promise<Uint8Array> {
    try {
      switch (head.kind) {
        case 'seed':
          return frame(this.seed(tails))
        case 'expand': {
          const reply = await this.expand(head.level, head.deadlockOpen)
          return frame(reply, this.edges ? this.edges.take() : [])
        }
        case 'barrier': {
          const { reply, keys } = await this.barrier(head.level, head.expect, head.open)
          return frame(reply, [bytesOf(keys)])
        }
        case 'commit':
          return frame(this.commit(head.level, head.cut, i32(tails[0])))
        case 'path':
          return frame(this.path(head.local))
        case 'snapshot': {
          const { reply, tails: out } = this.snapshot(head.level, head.from)
          return frame(reply, out)
        }
        case 'restore':
          return frame(this.restore(head.level, tails))
        case 'end':
          this.close()
          return frame({ ok: true })
      }
    } catch (e) {
      const kind = e instanceof ModelError ? 'model' : e instanceof UsageError ? 'usage' : e instanceof LostError ? 'lost' : 'internal'
      const error: WireError = { kind, message: kind === 'internal' && e instanceof Error && e.stack ? e.stack : marked(e) }
      return frame({ error })
    }
  }

  /**
   * Whether this worker already sent this fingerprint to its owner: in an earlier level (the owner
   * knows it: the successor is old) or earlier in this level (with a smaller key: this worker
   * expands in key order). Either way the owner would drop it, so it is not sent again. A
   * direct-mapped cache of recent sends (lossy: a miss only costs a resend), 512 KiB.
   */
  private sentBefore(hi: number, lo: number): boolean {
    const c = this.sent
    const r = ((lo ^ Math.imul(hi, 0x9e3779b1)) & SENT_MASK) << 1
    if (c[r] === hi && c[r + 1] === lo) return true
    c[r] = hi
    c[r + 1] = lo
    return false
  }

  /** The initial states this partition owns, in the coordinator's (deduplicated, `init`) order. */
  private seed(tails: readonly Uint8Array[]): { n: number } {
    const states = this.states.decode(tails[0])
    const hi = i32(tails[1])
    const lo = i32(tails[2])
    const ord = i32(tails[3])
    const rank = i32(tails[4])
    for (let i = 0; i < states.length; i++) {
      const idx = this.visited.insert(hi[i], lo[i], 0, 0)
      if (idx !== i) throw new Error(`seed: initial state ${i} got index ${idx}`)
      this.parentOwner.set(idx, NO_OWNER)
      this.parentLocal.set(idx, -1)
      this.ordinal.set(idx, ord[i])
      this.ranks.push(rank[i])
      this.locals.push(idx)
    }
    this.frontier = states
    this.frontierSleep = Array.from({ length: states.length }, () => NO_SLEEP)
    this.beginLevel(1)
    return { n: states.length }
  }

  /** The partition at the start of this level, states from `from` on (`Request` 'snapshot'). */
  private snapshot(level: number, from: number): { reply: SnapshotReply; tails: Uint8Array[] } {
    if (level !== this.level) throw new Error(`snapshot of level ${level} while at level ${this.level}`)
    const to = this.levelStart
    const hi = new Int32Array(Math.max(0, to - from))
    const lo = new Int32Array(hi.length)
    for (let i = from; i < to; i++) {
      const f = this.visited.fingerprintOf(i)
      hi[i - from] = f.hi
      lo[i - from] = f.lo
    }
    const col = (c: Int32Column): Uint8Array => bytesOf(c.data.slice(from, Math.max(from, to)))
    const tails = [
      bytesOf(hi),
      bytesOf(lo),
      col(this.parentOwner),
      col(this.parentLocal),
      col(this.ordinal),
      this.states.encode(this.frontier),
      bytesOf(Int32Array.from(this.ranks)),
      bytesOf(Int32Array.from(this.locals)),
      // With sleep sets: the frontier's, as offsets and entries (`PartSnapshot`).
      ...(this.z ? sleepColumns(this.frontierSleep).map(bytesOf) : []),
    ]
    return { reply: { levelStart: to, frontier: this.frontier.length }, tails }
  }

  /** A checkpoint's partition (`snapshot` tails from 0), in place of `seed`: a fresh worker. */
  private restore(level: number, tails: readonly Uint8Array[]): { n: number } {
    if (this.visited.size > 0) throw new Error('restore: the partition is not empty')
    const [hi, lo, po, pl, ord] = tails.slice(0, 5).map(i32)
    this.visited = new VisitedSet(hi.length)
    for (let i = 0; i < hi.length; i++) {
      const idx = this.visited.insert(hi[i], lo[i], 0, 0)
      if (idx !== i) throw new UsageError(`${option('resume')}: the checkpoint's partition ${this.me} holds a fingerprint twice (state ${i}); refusing to resume from it`)
      this.parentOwner.set(i, po[i])
      this.parentLocal.set(i, pl[i])
      this.ordinal.set(i, ord[i])
    }
    this.frontier = this.states.decode(tails[5])
    this.ranks = Array.from(i32(tails[6]))
    this.locals = Array.from(i32(tails[7]))
    if (this.frontier.length !== this.ranks.length || this.locals.length !== this.ranks.length) {
      throw new UsageError(`${option('resume')}: the checkpoint's partition ${this.me} has ${this.frontier.length} frontier states for ${this.ranks.length} ranks; refusing to resume from it`)
    }
    // With sleep sets, the checkpoint's for the frontier (a run resumes only as it was written:
    // the checkpoint's identity says whether it had them).
    this.frontierSleep = Array.from({ length: this.frontier.length }, () => NO_SLEEP)
    if (this.z && tails.length >= 10) {
      const off = i32(tails[8])
      const sleep = i32(tails[9])
      if (off.length !== this.frontier.length + 1) throw new UsageError(`${option('resume')}: the checkpoint's partition ${this.me} has ${off.length - 1} sleep sets for ${this.frontier.length} frontier states; refusing to resume from it`)
      for (let f = 0; f < this.frontier.length; f++) if (off[f + 1] > off[f]) this.frontierSleep[f] = sleep.slice(off[f], off[f + 1])
    }
    this.beginLevel(level)
    return { n: hi.length }
  }

  private beginLevel(level: number): void {
    this.level = level
    this.expanded = 0
    this.generatedNow = 0
    this.levelStart = this.visited.size
    this.states.clearCands()
    this.candAct = []
    this.candSleep = []
    this.sleptBefore = this.z?.slept ?? 0
    this.received = Array.from({ length: this.n }, () => new Set<number>())
    this.duplicates = 0
  }

  /** A successor of `level`'s frontier reaches this partition. */
  private offer(hi: number, lo: number, key: number, pOwner: number, pLocal: number, act: string, state: unknown, sleep: readonly number[]): void {
    const j = this.claim(hi, lo, key)
    if (j >= 0) this.keep(j, key, pOwner, pLocal, act, state, this.z && sleep.length > 0 ? Int32Array.from(sleep) : NO_SLEEP)
  }

  /** The candidate index this successor takes, or -1: its state is known from an earlier level,
   * or was found this level through an earlier parent (a smaller key). */
  private claim(hi: number, lo: number, key: number): number {
    const idx = this.visited.insert(hi, lo, 0, 0)
    if (idx >= 0) return idx - this.levelStart
    const j = -idx - 1 - this.levelStart
    return j < 0 || this.candKey.get(j) <= key ? -1 : j
  }

  private keep(j: number, key: number, pOwner: number, pLocal: number, act: string, state: unknown, sleep: ArrayLike<number>): void {
    const at = this.levelStart + j
    if (this.z) this.candSleep[j] = sleep
    this.candKey.set(j, key)
    this.states.setCand(j, state)
    this.candAct[j] = act
    this.parentOwner.set(at, pOwner)
    this.parentLocal.set(at, pLocal)
    this.ordinal.set(at, key % ORD)
  }

  private onBatch(data: Uint8Array): void {
    const b = decodeBatch(data)
    if (b.level !== this.level) {
      this.wrongLevel ??= `a batch of level ${b.level} from worker ${b.sender} arrived during level ${this.level}`
      return
    }
    const got = this.received[b.sender]
    if (got.has(b.seq)) {
      this.duplicates++
      return
    }
    got.add(b.seq)
    const states = this.states.received(b.states, b.n)
    // A state is read from the batch (a view) only when it is kept: about half are not.
    for (let i = 0; i < b.n; i++) {
      const j = this.claim(b.hi[i], b.lo[i], b.key[i])
      if (j < 0) continue
      // A kept set is copied out of the batch (a view would keep the whole message alive).
      const from = b.sleepOff?.[i] ?? 0
      const to = b.sleepOff?.[i + 1] ?? 0
      this.keep(j, b.key[i], b.sender, b.parent[i], b.names[b.act[i]], states.at(i), b.sleep && to > from ? b.sleep.slice(from, to) : NO_SLEEP)
    }
    this.lastArrival = performance.now()
    this.arrived?.()
  }

  private async expand(level: number, deadlockOpen: boolean): Promise<ExpandReply> {
    if (level !== this.level) throw new Error(`expand of level ${level} while at level ${this.level}`)
    const out = Array.from({ length: this.n }, () => new Outbox(this.setup.batchStates, this.states.batch()))
    const sent = new Array<number>(this.n).fill(0)
    let lastYield = performance.now()
    const faults = this.me === 0 ? this.setup.faults : undefined
    const flush = (o: number): void => {
      for (const bytes of out[o].take(level, this.me, sent[o])) {
        const first = sent[o] === 0
        if (!(first && faults?.dropAtLevel === level)) this.nc.publish(this.subj.batch(o), bytes)
        if (first && faults?.duplicateAtLevel === level) this.nc.publish(this.subj.batch(o), bytes)
        this.batchBytes += bytes.byteLength
        this.batches++
        sent[o]++
      }
    }
    const z = this.z
    const sleep: number[] = []
    // Each successor goes to its owner: offered here, or into the owner's batch, unless this
    // worker sent that fingerprint before (the owner would drop it).
    const ship = new Shipment(this.visited, deadlockOpen, (hi, lo, key, local, name, t, ordinal) => {
      const o = ownerOf(hi, this.n)
      if (o !== this.me && this.sentBefore(hi, lo)) return
      if (z) {
        sleep.length = 0
        z.arrival(ordinal, sleep)
      }
      if (o === this.me) this.offer(hi, lo, key, this.me, local, name, t, sleep)
      else if (out[o].add(hi, lo, key, local, name, t, z ? sleep : undefined, 0, sleep.length)) flush(o)
    })
    if (this.sound?.done) this.sound = undefined
    const sound = this.sound
    if (sound && this.p.debug) sound.firsts = []
    const edges = this.edges ? new EdgeSteps(this.edges, ship) : undefined
    const sink = this.sinkOf(ship, edges, sound)
    for (let f = 0; f < this.frontier.length; f++) {
      const s = this.frontier.at(f)
      ship.at(this.ranks[f], this.locals[f])
      if (edges && this.edges?.keyed) edges.parentIs(s, this.visited.fingerprintOf(this.locals[f]))
      if (!sink.begin(this.ranks[f], s)) continue
      this.sleepsAt(f)
      sink.end(this.states.expand(this.frontier, f, this.ranks[f], sink, z))
      // Serve incoming batches and pings while expanding.
      if (performance.now() - lastYield > 5) {
        this.expanded = f + 1
        this.generatedNow = sink.total
        await new Promise((r) => setImmediate(r))
        lastYield = performance.now()
      }
    }
    for (let o = 0; o < this.n; o++) if (out[o].size() > 0) flush(o)
    this.expanded = this.frontier.length
    this.generatedNow = sink.total
    this.expandCounts = { generated: sink.total, cut: sink.cut, fired: ship.fired() }
    const keyFirsts = sound?.firsts
    if (sound) sound.firsts = undefined
    return { sent, deadlockRank: ship.deadlockRank, deadlockLocal: ship.deadlockLocal, ...(keyFirsts && keyFirsts.length > 0 ? { keyFirsts } : {}) }
  }

  /** The search sink a level's frontier is expanded through (`explore/search-sink.ts`), the one
   * every search uses, with this partition's shipment as its visited set and keeper. */
  private sinkOf(ship: Shipment, edges: EdgeSteps | undefined, sound: KeySoundness | undefined): SearchSink<unknown, unknown> {
    return new SearchSink<unknown, unknown>(this.p, TASK_OPTIONS, this.states, ship, this.tracker, edges, { keeper: ship, sound })
  }

  private async barrier(level: number, expect: readonly number[], open: readonly number[]): Promise<{ reply: BarrierReply; keys: Float64Array }> {
    if (level !== this.level) throw new Error(`barrier of level ${level} while at level ${this.level}`)
    this.lastArrival = performance.now()
    for (;;) {
      if (this.wrongLevel) throw new LostError(this.wrongLevel)
      const missing = expect.map((e, s) => (s === this.me ? 0 : e - this.received[s].size)).findIndex((m) => m > 0)
      if (missing < 0) break
      if (performance.now() - this.lastArrival > this.setup.lostAfterMs) {
        throw new LostError(
          `worker ${this.me} got ${this.received[missing].size} of the ${expect[missing]} batches worker ${missing} sent in level ${level} (none arrived for ${this.setup.lostAfterMs / 1000} s): batches were lost`,
        )
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, 200)
        this.arrived = () => {
          clearTimeout(t)
          r()
        }
      })
      this.arrived = undefined
    }
    const m = this.visited.size - this.levelStart
    const keyCol = this.candKey.data
    const order = new Int32Array(m)
    for (let j = 0; j < m; j++) order[j] = j
    order.sort((a, b) => keyCol[a] - keyCol[b])
    const keys = new Float64Array(m)
    for (let j = 0; j < m; j++) keys[j] = keyCol[order[j]]
    this.order = order
    // The first state (in BFS order) that decides each open property.
    const tracker = this.states.tracker()
    tracker.checkOnly(open)
    const decisions: BarrierReply['decisions'][number][] = []
    if (open.length > 0) {
      for (let r = 0; r < m && decisions.length < open.length; r++) {
        const before = decisions.length
        tracker.check(this.states.cand(order[r]), r)
        const now = tracker.decided()
        if (now.length > before) {
          for (const d of now) if (!decisions.some((x) => x.prop === d.prop)) decisions.push({ prop: d.prop, key: keys[d.cand], local: this.levelStart + order[d.cand] })
        }
      }
    }
    return { reply: { n: m, decisions, duplicates: this.duplicates }, keys }
  }

  private commit(level: number, cut: number, ranks: Int32Array): CommitReply {
    if (level !== this.level) throw new Error(`commit of level ${level} while at level ${this.level}`)
    const { generated, cut: cutStates, fired } = cut >= 0 ? this.recount(cut) : this.expandCounts
    const rk: number[] = []
    const locals: number[] = []
    const discovered = new Map<string, number>()
    for (let r = 0; r < ranks.length; r++) {
      if (ranks[r] < 0) break
      const j = this.order[r]
      rk.push(ranks[r])
      locals.push(this.levelStart + j)
      const a = this.candAct[j]
      discovered.set(a, (discovered.get(a) ?? 0) + 1)
    }
    const states = this.visited.size
    const slept = this.z ? (cut >= 0 ? this.sleptCut : this.z.slept - this.sleptBefore) : undefined
    if (this.z) this.frontierSleep = Array.from({ length: rk.length }, (_, r) => this.candSleep[this.order[r] as number] ?? NO_SLEEP)
    this.frontier = this.states.frontierOf(this.order, rk.length)
    this.ranks = rk
    this.locals = locals
    this.beginLevel(level + 1)
    this.rssPeak = Math.max(this.rssPeak, process.memoryUsage.rss())
    return {
      generated,
      ...(slept !== undefined ? { slept } : {}),
      ...(this.p.constraint ? { cut: cutStates } : {}),
      fired: [...fired].map(([name, c]) => ({ name, count: c.fired, first: c.first })),
      discovered: [...discovered],
      states,
      visitedBytes: this.visited.bytes() + 3 * 4 * this.parentLocal.data.length,
      batchBytes: this.batchBytes,
      batches: this.batches,
      rss: this.rssPeak,
      cpuSeconds: cpuSeconds(),
    }
  }

  /** Generated steps and fired actions of the parents up to rank `cut` (a level cut by a stop). */
  private recount(cut: number): { generated: number; cut: number; fired: Map<string, Fired> } {
    const ship = new Shipment(this.visited, false, () => {})
    const sink = this.sinkOf(ship, undefined, undefined)
    const z = this.z
    const before = z?.slept ?? 0
    for (let f = 0; f < this.frontier.length && this.ranks[f] <= cut; f++) {
      ship.at(this.ranks[f], this.locals[f])
      if (!sink.begin(this.ranks[f], this.frontier.at(f))) continue
      this.sleepsAt(f)
      this.states.expand(this.frontier, f, this.ranks[f], sink, z)
    }
    this.sleptCut = z ? z.slept - before : 0
    return { generated: sink.total, cut: sink.cut, fired: ship.fired() }
  }

  /** With sleep sets: frontier state `f` is expanded next, with its set. */
  private sleepsAt(f: number): void {
    const set = this.frontierSleep[f] as ArrayLike<number>
    this.z?.sleeps(set, 0, set.length)
  }

  private path(local: number): PathReply {
    const { hi, lo } = this.visited.fingerprintOf(local)
    return { parentOwner: this.parentOwner.get(local), parentLocal: this.parentLocal.get(local), ordinal: this.ordinal.get(local), hi, lo }
  }
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** Batches announced at a barrier that never came: the run cannot be trusted. */
class LostError extends Error {}

/**
 * The search sink's visited set and keeper in a partition (`Keeper`, explore/search-sink.ts). A
 * partition decides nothing about a successor where it expands it: every step that is not a
 * stutter goes to the owner of its fingerprint (`ship`: offered here, or into that owner's batch),
 * which inserts it and keeps the earliest parent's (`Partition.offer`, `onBatch`). So every insert
 * here answers "not known here" (0), and the sink hands each such successor to `found`.
 */
class Shipment implements Visited, Keeper<unknown> {
  readonly coverage = new Map<string, Coverage>()
  /** The fingerprint of the step being sunk (for `found` and the edge log). */
  hi = 0
  lo = 0
  /** The parent being expanded. */
  private rank = 0
  private local = 0
  deadlockRank = -1
  deadlockLocal = -1

  constructor(
    private readonly visited: VisitedSet,
    private readonly deadlockOpen: boolean,
    private readonly ship: (hi: number, lo: number, key: number, local: number, name: string, t: unknown, ordinal: number) => void,
  ) {}

  /** The frontier's state of rank `rank`, at `local` in this partition, is expanded next. */
  at(rank: number, local: number): void {
    this.rank = rank
    this.local = local
  }

  get size(): number {
    return this.visited.size
  }
  bytes(): number {
    return this.visited.bytes()
  }
  pathTo(): number[] {
    throw new Error('a partition ships its successors: paths are rebuilt by the coordinator')
  }
  ordinal(): number {
    throw new Error('a partition ships its successors: paths are rebuilt by the coordinator')
  }
  insert(hi: number, lo: number): number {
    this.hi = hi
    this.lo = lo
    return 0
  }

  found(t: unknown, _idx: number, _from: number, ordinal: number, c: Coverage): void {
    // The partition's store makes its coverage entries `Fired` (`PartStates.coverage`).
    this.ship(this.hi, this.lo, keyOf(this.rank, ordinal), this.local, (c as Fired).name, t, ordinal)
  }

  deadlock(): void {
    if (this.deadlockOpen && this.deadlockRank < 0) {
      this.deadlockRank = this.rank
      this.deadlockLocal = this.local
    }
  }

  /** The level's actions, in first-fired order, with their counts and first keys. */
  fired(): Map<string, Fired> {
    return this.coverage as Map<string, Fired>
  }
}

/** The liveness edge log (`LevelEdges`) as the partition's sink observer: each step that is not a
 * stutter, by its key, with its parent (under a view or symmetry) and its successor's fingerprint
 * (the shipment's). */
class EdgeSteps implements Omit<SearchObserver, 'visited'> {
  private rank = 0
  private parent: unknown
  private phi = 0
  private plo = 0
  /** The successor of the step being told, as a plain state (`found` comes first). */
  private t: unknown

  constructor(
    private readonly edges: LevelEdges,
    private readonly ship: Shipment,
  ) {}

  /** Under a view or symmetry: the parent and its key, to tell a step to its key from a stutter. */
  parentIs(s: unknown, key: { hi: number; lo: number }): void {
    this.parent = s
    this.phi = key.hi
    this.plo = key.lo
  }
  found(s: unknown): void {
    this.t = s
  }
  /** Never told: every insert answers "not known here". */
  seenAgain(): void {}
  begin(rank: number): void {
    this.rank = rank
  }
  cut(): void {
    this.edges.cut(this.rank)
  }
  step(_u: number, _s: unknown, a: Action, ordinal: number): void {
    this.edges.step(keyOf(this.rank, ordinal), this.parent, this.phi, this.plo, a, this.t, this.ship.hi, this.ship.lo)
  }
  /** A stutter (under a view or symmetry a step to the parent's key comes to `step`: the store
   * gives no parent key then). */
  toSelf(): void {}
  end(): void {}
  finish(): void {}
}
