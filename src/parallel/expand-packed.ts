/**
 * Packed words as a worker's store (`expandTask`): the slice arrives as words, the model's packed
 * `next` hands each successor to the task's sink as it makes it (hashed from the words), and the
 * candidates leave as words. Nothing is decoded or allocated per state; positions, ordinals and
 * decisions are the plain store's (the parity tests run every packed spec).
 */
import type { Action } from '../core/action.ts'
import { ModelError } from '../core/errors.ts'
import type { Prepared } from '../explore/prepare.ts'
import { withState } from '../explore/sink.ts'
import { hashWords } from '../packed/hash-words.ts'
import { sameWords } from '../packed/layout.ts'
import type { Words } from '../packed/layout.ts'
import { packedModelError } from '../packed/packed-model.ts'
import type { PackedRuntime, PackedSteps } from '../packed/packed-model.ts'
import { wordsOf } from './codec.ts'
import type { SearchSink } from '../explore/search-sink.ts'
import { coverageOf } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import type { TaskStore } from './expand-task.ts'
import type { ExpandTask } from './protocol.ts'
import type { Fingerprint } from '../state/fingerprint.ts'

export class PackedTask implements TaskStore<Words, number>, PackedSteps {
  private readonly w: number
  private readonly words: Int32Array
  /** The state being expanded (the model's `s`), and a copy to catch a model writing into it. */
  private readonly cur: Words
  private readonly before: Words
  /** The candidates of the chunk being filled, back to back. */
  private readonly kept: Int32Array
  /** Per action: its coverage entry in this task, once it fires. */
  private readonly slots: Coverage[] = []
  private sink!: SearchSink<Words, number>
  private ordinal = 0
  /** The argument of the step being sunk, for its trace label. */
  private arg = 0

  constructor(
    private readonly p: Prepared,
    private readonly rt: PackedRuntime,
    task: ExpandTask,
  ) {
    const w = (this.w = rt.words)
    this.words = wordsOf(task.bytes)
    this.cur = new Int32Array(w)
    this.before = new Int32Array(w)
    this.kept = new Int32Array(task.chunkSize * w)
  }

  state(winner: number): Words {
    const { w, cur, before, words } = this
    for (let i = 0, at = winner * w; i < w; i++) cur[i] = before[i] = words[at + i]
    return cur
  }

  expand(s: Words, sink: SearchSink<Words, number>): number {
    this.sink = sink
    this.ordinal = 0
    try {
      this.rt.next(s, this)
    } catch (e) {
      throw withState(packedModelError(this.p.model.name, e), this.before, this.rt.decode)
    }
    if (!sameWords(s, this.before, this.w)) throw withState(new ModelError(`model ${this.p.model.name}: next wrote into its input state (use edit(s))`), this.before, this.rt.decode)
    return this.ordinal
  }

  /** Inlined into the model's `next` (most actions return null), as in the packed BFS. */
  add(action: number, arg: number, t: Words | null): void {
    if (t !== null) this.step(action, arg, t)
  }

  private step(action: number, arg: number, t: Words): void {
    if (t.length !== this.w) this.refuse(action, t)
    this.arg = arg
    this.sink.step(action, t, this.ordinal++)
  }

  /** Out of line, so that `step` stays small enough to inline into `next` with the model's actions. */
  private refuse(action: number, t: Words): never {
    throw new ModelError(`model ${this.p.model.name}: action ${this.rt.actions[action]} returned ${t.length} words, the layout has ${this.w}`)
  }

  key(t: Words, _via: number | null, out: Fingerprint): void {
    hashWords(t, this.w, out)
  }
  /** A stutter is told by the words (`same`): no parent key. */
  parentKey(): boolean {
    return false
  }
  same(t: Words, s: Words): boolean {
    return sameWords(t, s, this.w)
  }

  coverage(a: number, m: Map<string, Coverage>): Coverage {
    return this.slots[a] ?? (this.slots[a] = coverageOf(m, this.rt.actions[a] as string))
  }

  keep(t: Words, n: number): void {
    const w = this.w
    const d = this.kept
    for (let i = 0, at = n * w; i < w; i++) d[at++] = t[i]
  }

  chunk(n: number): Uint8Array {
    return new Uint8Array(this.kept.slice(0, n * this.w).buffer)
  }

  plain(s: Words): unknown {
    return this.rt.decode(s)
  }
  action(a: number): Action {
    return this.rt.label(a, this.arg)
  }
}
