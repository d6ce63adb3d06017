/**
 * `expandTask` for packed models: the frontier slice arrives as words, each state is expanded by
 * the model's packed `next`, successors are fingerprinted from the words and inserted into the
 * shared visited set, and the candidates leave as words. Nothing is decoded or allocated per
 * state. Same protocol, positions, ordinals and decisions as `expandTask`, so the coordinator
 * closes levels identically (the parity tests run every bundled spec, packed ones included).
 */
import { ModelError } from '../core/errors.ts'
import type { Prepared } from '../explore/prepare.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { withState } from '../explore/sink.ts'
import { hashWords } from '../packed/hash-words.ts'
import { sameWords } from '../packed/layout.ts'
import type { Words } from '../packed/layout.ts'
import { packedTracker } from '../packed/packed-bfs.ts'
import { packedModelError } from '../packed/packed-model.ts'
import type { PackedRuntime, PackedSteps } from '../packed/packed-model.ts'
import { fp } from '../state/fingerprint.ts'
import { wordsOf } from './codec.ts'
import type { ExpandResult, ExpandTask, OutChunk } from './protocol.ts'
import type { SharedVisited } from './shared-visited.ts'

export function expandPackedTask(p: Prepared, rt: PackedRuntime, visited: SharedVisited, task: ExpandTask): ExpandResult {
  const W = rt.words
  const words = wordsOf(task.bytes)
  const cur = new Int32Array(W)
  const x = new Collector(p, rt, visited, task, cur)
  const before = new Int32Array(W)
  let deadlockPos = -1
  let done = 0
  for (let k = task.from; k < task.to; k++, done++) {
    if (visited.size >= task.stopAt) break
    const at = task.winners[k] * W
    for (let i = 0; i < W; i++) cur[i] = before[i] = words[at + i]
    const pos = task.pos + (k - task.from)
    x.begin(pos)
    try {
      rt.next(cur, x)
    } catch (e) {
      throw inState(packedModelError(p.model.name, e), rt, before)
    }
    if (!sameWords(cur, before, W)) throw inState(new ModelError(`model ${p.model.name}: next wrote into its input state (use edit(s))`), rt, before)
    if (x.ordinal === 0 && p.deadlock && deadlockPos < 0) deadlockPos = pos
  }
  x.flush()
  // Report the actions that fired, in first-fired order, as `expandTask` does (coverage lists the
  // others as never fired), renumbering the candidates' action ids to match.
  const names: string[] = []
  const fired: number[] = []
  const id = new Uint16Array(rt.actions.length)
  for (const a of x.firstFired) {
    id[a] = names.length
    names.push(rt.actions[a])
    fired.push(x.fired[a])
  }
  for (const o of x.out) for (let i = 0; i < o.n; i++) o.act[i] = id[o.act[i]]
  return {
    kind: 'expanded',
    done,
    generated: x.generated,
    names,
    fired,
    out: x.out,
    decisions: x.tracker.decided(),
    deadlockPos,
  }
}

/** Receives successors, inserts them, keeps the candidates in chunks of words. */
class Collector implements PackedSteps {
  generated = 0
  ordinal = 0
  readonly fired: Float64Array
  /** Actions in the order they first fired in this task (the order coverage is listed in). */
  readonly firstFired: number[] = []
  readonly out: OutChunk[] = []
  /** Decides the open properties on the candidates (words, with the compiled `k`), by candidate
   * number in this task. */
  readonly tracker: SafetyTracker
  private pos = 0
  private outBase = 0
  private n = 0
  private words: Int32Array
  private ins: Int32Array
  private posCol: Int32Array
  private ord: Uint16Array
  private act: Uint16Array
  private readonly w: number

  constructor(
    private readonly p: Prepared,
    private readonly rt: PackedRuntime,
    private readonly visited: SharedVisited,
    private readonly task: ExpandTask,
    /** The state being expanded. */
    private readonly cur: Words,
  ) {
    this.w = rt.words
    this.fired = new Float64Array(rt.actions.length)
    this.tracker = packedTracker(p, rt)
    this.tracker.checkOnly(task.open)
    const size = task.chunkSize
    this.words = new Int32Array(size * this.w)
    this.ins = new Int32Array(size)
    this.posCol = new Int32Array(size)
    this.ord = new Uint16Array(size)
    this.act = new Uint16Array(size)
  }

  begin(pos: number): void {
    this.pos = pos
    this.ordinal = 0
  }

  /** Inlined into the model's `next` (most actions return null), as in the packed BFS. */
  add(action: number, _arg: number, t: Words | null): void {
    if (t !== null) this.step(action, t)
  }

  private step(action: number, t: Words): void {
    const w = this.w
    if (t.length !== w) throw new ModelError(`model ${this.p.model.name}: action ${this.rt.actions[action]} returned ${t.length} words, the layout has ${w}`)
    const ord = this.ordinal++
    this.generated++
    if (this.fired[action]++ === 0) this.firstFired.push(action)
    if (sameWords(t, this.cur, w)) return // a stuttering step: the parent is known
    hashWords(t, w)
    const idx = this.visited.insertCandidate(fp.hi, fp.lo, this.pos, this.task.levelStart)
    if (idx < 0) return
    const n = this.n++
    const d = this.words
    for (let i = 0, at = n * w; i < w; i++) d[at++] = t[i]
    this.ins[n] = idx
    this.posCol[n] = this.pos
    this.ord[n] = ord
    this.act[n] = action
    try {
      this.tracker.check(t, this.outBase + n)
    } catch (e) {
      throw inState(e, this.rt, t)
    }
    if (this.n === this.task.chunkSize) this.flush()
  }

  flush(): void {
    const n = this.n
    if (n === 0) return
    this.out.push({
      bytes: new Uint8Array(this.words.slice(0, n * this.w).buffer),
      n,
      ins: this.ins.slice(0, n),
      pos: this.posCol.slice(0, n),
      ord: this.ord.slice(0, n),
      act: this.act.slice(0, n),
    })
    this.outBase += n
    this.n = 0
  }
}

/** Names the state being worked on, decoded, as `expandTask` does for plain states. */
const inState = (e: unknown, rt: PackedRuntime, s: Words): unknown => withState(e, s, rt.decode)
