/**
 * What a worker does with one task: expand a slice of the frontier, insert every successor into
 * the shared visited set, keep the candidates for the next level, check the open safety
 * properties on them and report the first candidate deciding each. One loop and one successor
 * sink (`TaskSink`) for either store (`TaskStore`): plain states (`plainTask`, here) or packed
 * words (`PackedTask`, `expand-packed.ts`). No thread in sight: `test/parallel/expand-task.test.ts`
 * runs it on both stores.
 *
 * Not the sequential `SearchSink`: a worker inserts candidates by their parent's frontier
 * position (`insertCandidate`), numbers them per task for the tracker, counts coverage by action
 * number per task (the coordinator names them and counts the winners' `discovered`:
 * `close-level.ts`) and names the state a model error happened in; tested in its hot path, those
 * would slow the sequential searches.
 */
import type { Action } from '../core/action.ts'
import { ModelError, errorMessage } from '../core/errors.ts'
import { KeySoundness, THREAD_WINDOW } from '../explore/key-soundness.ts'
import { KeyedSleep } from '../explore/keyed-sleep.ts'
import type { Prepared } from '../explore/prepare.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { plainStore } from '../explore/search-sink.ts'
import type { Store } from '../explore/search-sink.ts'
import { withState } from '../explore/sink.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import { EdgeLog } from './edge-log.ts'
import type { ExpandResult, ExpandTask, OutChunk } from './protocol.ts'
import type { SharedVisited } from './shared-visited.ts'
import type { StateCodec } from './state-codec.ts'

/** How a task's states are held (`Store`'s part), read, expanded and kept; made per task. */
export interface TaskStore<S, A> extends Pick<Store<S, A>, 'key' | 'parentKey' | 'same' | 'plain' | 'action'> {
  /** The state at `winner` in the task's chunk, ready to be expanded. */
  state(winner: number): S
  /** Runs the model's next on `s`, each step to `sink.step`, its errors naming `s`; the steps. */
  expand(s: S, sink: TaskSink<S, A>): number
  /** The task's number of `a`, in first-fired order (`sink.named` numbers a new one). */
  id(a: A, sink: TaskSink<S, A>): number
  /** Keeps candidate `t` as the `n`-th of the chunk being filled; `chunk` encodes the `n` kept. */
  keep(t: S, n: number): void
  chunk(n: number): Uint8Array
}

export function expandTask<S, A>(p: Prepared, visited: SharedVisited, store: TaskStore<S, A>, tracker: SafetyTracker, task: ExpandTask): ExpandResult {
  // Decides the open properties on the candidates, by candidate number in this task.
  tracker.checkOnly(task.open)
  // Liveness: every step is logged for the graph (none of this runs without it).
  const log = task.setup.edges ? new EdgeLog(p) : undefined
  const sleeper = task.setup.sleep ? new KeyedSleep(p) : undefined
  const sink = new TaskSink(p, store, visited, task, tracker, log, sleeper)
  // With --debug, the keys this thread meets first go to the coordinator (`KeySoundness.merge`).
  const sound = p.debug ? soundnessOf(p) : undefined
  if (sound) sound.firsts = []
  let done = 0
  for (let k = task.from; k < task.to; k++, done++) {
    if (visited.size >= task.stopAt) break
    const w = task.winners[k] as number
    const s = store.state(w)
    if (sleeper) sleeper.sleepsAt(task.sleep as Int32Array, task.sleepOff as Int32Array, w)
    if (sink.begin(task.pos + (k - task.from), s)) sink.end(store.expand(s, sink))
  }
  sink.flush()
  const { generated, names, fired, out, deadlockPos } = sink
  const keyFirsts = sound?.firsts && sound.firsts.length > 0 ? Int32Array.from(sound.firsts) : undefined
  if (sound) sound.firsts = undefined
  const result: ExpandResult = {
    kind: 'expanded',
    done,
    generated,
    names,
    fired,
    out,
    decisions: tracker.decided(),
    deadlockPos,
    ...(sleeper ? { slept: sleeper.slept } : {}),
    ...(keyFirsts ? { keyFirsts } : {}),
  }
  return log ? { ...result, edges: log.report() } : result
}

/** Per prepared spec on this thread (a worker's `Prepared` lives across its tasks): the check that
 * states merged by a view or symmetry agree on the properties and the constraint, over this
 * thread's first THREAD_WINDOW steps (`key-soundness.ts`), or all of them with `--debug`. */
const soundness = new WeakMap<Prepared, KeySoundness>()
function soundnessOf(p: Prepared): KeySoundness | undefined {
  if (p.model.view === undefined && !p.symmetry) return undefined
  let k = soundness.get(p)
  if (k === undefined) soundness.set(p, (k = new KeySoundness(p, p.debug, THREAD_WINDOW)))
  return k.done ? undefined : k
}

/** One task's successors: fingerprint, stutter skip, insert, coverage, candidates, properties. */
export class TaskSink<S, A> {
  generated = 0
  /** Actions in the order they first fired in this task, and the steps each generated. */
  readonly names: string[] = []
  readonly fired: number[] = []
  readonly out: OutChunk[] = []
  /** Frontier position of the first state without successors, or -1. */
  deadlockPos = -1
  /** The state being expanded, its frontier position and key ((0, 0): none, no state's). */
  private s: S | undefined
  private pos = 0
  private shi = 0
  private slo = 0
  /** The fingerprint of the state being stepped to (the store writes it). */
  private readonly f: Fingerprint = { hi: 0, lo: 0 }
  /** The candidates of the chunk being filled, and how many came before it in this task. */
  private n = 0
  private outBase = 0
  private readonly ins: Int32Array
  private readonly posCol: Int32Array
  private readonly ord: Uint16Array
  private readonly act: Uint16Array
  /** With sleep sets: the chunk's candidates' sets, and where each starts. */
  private sleepBuf: number[] = []
  private readonly sleepStart: Int32Array | undefined
  /** Under a view or symmetry, while its window lasts (`soundnessOf`). */
  private sound: KeySoundness | undefined

  constructor(
    private readonly p: Prepared,
    private readonly store: TaskStore<S, A>,
    private readonly visited: SharedVisited,
    private readonly task: ExpandTask,
    private readonly tracker: SafetyTracker,
    private readonly log: EdgeLog | undefined,
    readonly sleeper?: KeyedSleep,
  ) {
    const size = task.chunkSize
    this.sound = soundnessOf(p)
    this.ins = new Int32Array(size)
    this.posCol = new Int32Array(size)
    this.ord = new Uint16Array(size)
    this.act = new Uint16Array(size)
    this.sleepStart = sleeper ? new Int32Array(size + 1) : undefined
  }


  /** State `s`, at frontier position `pos`, is about to be expanded; false when the spec's
   * constraint cuts it (kept, not expanded). */
  begin(pos: number, s: S): boolean {
    this.s = s
    this.pos = pos
    if (this.p.constraint && !allowed(this.p.constraint, this.store.plain(s))) {
      this.log?.cut()
      return false
    }
    // Cache the hashes of the parent's parts: its successors share most of them.
    const f = this.f
    const keyed = this.store.parentKey(s, f)
    this.shi = keyed ? f.hi : 0
    this.slo = keyed ? f.lo : 0
    this.log?.begin()
    return true
  }

  /** The expanded state had `steps` successors. */
  end(steps: number): void {
    if (steps === 0 && this.p.deadlock && this.deadlockPos < 0) this.deadlockPos = this.pos
    this.log?.end()
  }

  /** The expanded state's `ordinal`-th step, by `a`, to `t`. */
  step(a: A, t: S, ordinal: number): void {
    const store = this.store
    const s = this.s as S
    this.generated++
    const id = store.id(a, this)
    this.fired[id]++
    // A step back to the state itself (a stuttering step) is a duplicate: the parent is known.
    if (store.same(t, s)) return
    const f = this.f
    store.key(t, a, f)
    if (f.hi === this.shi && f.lo === this.slo) {
      this.log?.toParent(store.plain(s), store.action(a), ordinal, store.plain(t))
      return
    }
    if (this.sound) this.keySound(t, a)
    const idx = this.visited.insertCandidate(f.hi, f.lo, this.pos, this.task.levelStart)
    // The plain state only where the log labels it (a packed model's is decoded from its words).
    const log = this.log
    if (log) log.step(store.action(a), ordinal, idx >= 0 || log.keyed ? store.plain(t) : undefined, idx < 0 ? this.visited.met : idx, idx >= 0)
    if (idx >= 0) this.found(t, idx, ordinal, id)
  }

  /** A candidate, `t` at visited-set index `idx`: out of line, so that `step` stays small enough
   * to inline into the store's expansion. */
  private found(t: S, idx: number, ordinal: number, id: number): void {
    const store = this.store
    const n = this.n++
    store.keep(t, n)
    this.ins[n] = idx
    this.posCol[n] = this.pos
    this.ord[n] = ordinal
    this.act[n] = id
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

  /** Compares the answers of `t` with those of the first state met with its key on this thread. */
  private keySound(t: S, a: A): void {
    const sound = this.sound as KeySoundness
    sound.met(this.f.hi, this.f.lo, t, this.store.plain(t), this.store.action(a))
    if (sound.done) this.sound = undefined
  }

  /** Action `name` fired for the first time in this task: its number. */
  named(name: string): number {
    this.fired.push(0)
    return this.names.push(name) - 1
  }

  /** Out of line: a closure in `step` would cost it a context per call. */
  private inState(e: unknown, s: S): unknown {
    return withState(e, s, (x) => this.store.plain(x))
  }

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
}

/** The plain store, with a model error in a successor's key naming the state being expanded: the
 * parallel BFS's, on its narrow levels (the frontier sets `expanding`) and in its workers. */
export type NamingStore = Store<unknown, Action> & { expanding: unknown }
export function namingStore(p: Prepared): NamingStore {
  const plain = plainStore(p)
  const store = {
    ...plain,
    expanding: undefined as unknown,
    key(s: unknown, via: Action | null, out: Fingerprint): void {
      if (via === null) return plain.key(s, via, out)
      try {
        plain.key(s, via, out)
      } catch (e) {
        throw withState(e, store.expanding)
      }
    },
  }
  return store
}

/** Plain states (`namingStore`), decoded from the task's chunk by the thread codec and encoded
 * back by it. Successors are compared with their parent's key where that pays (no view or
 * symmetry: they reuse its hashed parts, as in `plainStore`) and where the edge log needs it (it
 * tells a step to another state with that key from a stutter); under symmetry without an edge
 * log the parent's key would be one more canonical fingerprint per state, about a third more
 * than its successors' on paxos-net, to spare the inserts of the few successors in its orbit. */
export function plainTask(p: Prepared, codec: StateCodec, task: ExpandTask): TaskStore<unknown, Action> {
  const states = codec.decode(task.bytes)
  const ids = new Map<string, number>()
  let kept: unknown[] = []
  const store = namingStore(p)
  const parentKeyed = task.setup.edges === true || (!p.symmetry && p.model.view === undefined)
  return Object.assign(store, {
    state: (winner: number) => states[winner],
    parentKey(s: unknown, out: Fingerprint): boolean {
      store.expanding = s
      if (!parentKeyed) {
        try {
          p.keepParts(s)
        } catch (e) {
          throw withState(e, s)
        }
        return false
      }
      try {
        p.fingerprintParent(s, out)
      } catch (e) {
        throw withState(e, s)
      }
      return true
    },
    expand(s: unknown, sink: TaskSink<unknown, Action>): number {
      const z = sink.sleeper
      let steps
      try {
        steps = z ? z.expand(s) : p.expand(s)
      } catch (e) {
        throw withState(e, s)
      }
      if (z === undefined) {
        for (let i = 0; i < steps.length; i++) sink.step(steps[i][0], steps[i][1], i)
        return steps.length
      }
      // As the sequential sleep-set frontier: skip the sleeping steps; a step taken (not a
      // stutter) joins those the later steps' targets may sleep, after its own target's set.
      for (let i = 0; i < steps.length; i++) {
        if (z.asleep(i)) continue
        const t = steps[i][1]
        sink.step(steps[i][0], t, i)
        if (t !== s) z.taken(i)
      }
      return steps.length
    },
    id(a: Action, sink: TaskSink<unknown, Action>): number {
      let id = ids.get(a.name)
      if (id === undefined) ids.set(a.name, (id = sink.named(a.name)))
      return id
    },
    keep: (t: unknown) => void kept.push(t),
    chunk(): Uint8Array {
      const bytes = codec.encode(kept)
      kept = []
      return bytes
    },
  })
}

function allowed(constraint: (s: unknown) => boolean, s: unknown): boolean {
  try {
    return constraint(s)
  } catch (e) {
    throw withState(new ModelError(`the spec's constraint threw: ${errorMessage(e)}`), s)
  }
}
