/**
 * Breadth-first search over packed states: the BFS oracle's driver (`explore/bfs.ts`'s
 * `searchLevels`) and successor sink (`explore/search-sink.ts`), with words as the store. The
 * frontier is one growing Int32Array per level (a level's states are contiguous in the visited
 * set, so no index is stored beside them); a state is copied into a fixed buffer to be expanded,
 * its successors are hashed straight from the model's scratch copy, and only new states are
 * checked and appended. No object is allocated per state.
 *
 * Same discovery order, fingerprints and successor ordinals as the plain BFS run through the
 * model's decoded interface, so counts, depth, verdicts and traces are identical (tested on every
 * packed spec); traces are rebuilt by replaying the plain interface (`replay-path.ts`).
 */
import { actionLabel } from '../core/action.ts'
import type { Action } from '../core/action.ts'
import { ModelError } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { Property } from '../core/property.ts'
import type { CheckResult } from '../core/result.ts'
import { searchLevels } from '../explore/bfs.ts'
import type { Prepared } from '../explore/prepare.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { SearchSink } from '../explore/search-sink.ts'
import { guardedInitStates } from '../explore/step-watchdog.ts'
import type { SearchObserver, Store } from '../explore/search-sink.ts'
import { coverageOf } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import { FingerprintSet } from '../explore/fingerprint-set.ts'
import { hashWords } from './hash-words.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import { sameWords } from './layout.ts'
import type { Words } from './layout.ts'
import { packedHook, packedModelError } from './packed-model.ts'
import type { PackedRuntime, PackedSteps } from './packed-model.ts'

/** Whether `p` can run on words: a packed model checked as itself (no view, symmetry, state
 * constraint or debug mode, which all need plain states). */
export function packedRuntimeOf(p: Prepared): PackedRuntime | undefined {
  const hook = packedHook(p.model)
  if (!hook || p.symmetry || p.model.view || p.constraint || p.debug) return undefined
  return hook.compile(p.config)
}

/** A tracker that evaluates the packed form of each property, over words, with the compiled `k`. */
export function packedTracker(p: Prepared, rt: PackedRuntime): SafetyTracker {
  return new SafetyTracker({ ...p, config: rt.k, safety: p.safety.map((q) => rt.property(q.name) as Property<unknown, unknown>) }, (w) => rt.decode(w as Words))
}

/** A growing array of packed states. */
class StateArray {
  data: Int32Array
  length = 0
  constructor(
    private readonly w: number,
    capacity = 1024,
  ) {
    this.data = new Int32Array(capacity * w)
  }
  push(s: Words): void {
    const w = this.w
    let at = this.length * w
    if (at + w > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    const d = this.data
    for (let i = 0; i < w; i++) d[at++] = s[i]
    this.length++
  }
  bytes(): number {
    return this.data.byteLength
  }
}

/**
 * The words as the successor sink's store (hashed as they are: no view or symmetry here), and
 * what receives one state's successors from the model's `next`, sinking each as it arrives: since
 * the visited set keeps fingerprints in its slots, that is faster than reading every successor's
 * slot first and inserting after `next` returns (figures: docs/performance.md, "Design
 * measurements").
 */
class Expansion implements PackedSteps, Store<Words, number> {
  ordinal = 0
  next = new StateArray(0)
  sink!: SearchSink<Words, number>
  /** The state being expanded (the model's `s`), and a copy to catch a model writing into it. */
  readonly cur: Words
  readonly before: Words
  /** The argument of the step being sunk, for its trace label. */
  private arg = 0
  private readonly slots: Coverage[] = []

  constructor(private readonly rt: PackedRuntime) {
    this.cur = new Int32Array(rt.words)
    this.before = new Int32Array(rt.words)
  }

  begin(from: Int32Array, at: number, parent: number): void {
    const w = this.cur.length
    for (let i = 0; i < w; i++) this.cur[i] = this.before[i] = from[at + i]
    this.sink.begin(parent, this.cur)
    this.ordinal = 0
  }

  /** Small enough for V8 to inline into the model's `next`, where most actions are disabled and
   * return null: only an enabled action pays for a call. */
  add(action: number, arg: number, t: Words | null): void {
    if (t !== null) this.step(action, arg, t)
  }

  private step(action: number, arg: number, t: Words): void {
    const ord = this.ordinal++
    if (t.length !== this.cur.length || ord > 0xffff) this.refuse(action, arg, t)
    this.arg = arg
    if (this.sink.step(action, t, ord) >= 0) this.next.push(t)
  }

  /** Out of line, so that `step` stays small enough to inline the sink's work into `next`. */
  private refuse(action: number, arg: number, t: Words): never {
    const w = this.cur.length
    if (t.length !== w) throw new ModelError(`model: action ${actionLabel(this.rt.label(action, arg))} returned ${t.length} words, the layout has ${w}`)
    throw new ModelError('model: a state has more than 65,535 successors')
  }

  key(s: Words, _via: number | null, out: Fingerprint): void {
    hashWords(s, this.cur.length, out)
  }
  parentKey(): boolean {
    return false
  }
  same(t: Words, s: Words): boolean {
    return sameWords(t, s, this.cur.length)
  }
  coverage(a: number, m: Map<string, Coverage>): Coverage {
    return this.slots[a] ?? (this.slots[a] = coverageOf(m, this.rt.actions[a]))
  }
  plain(s: Words): unknown {
    return this.rt.decode(s)
  }
  action(a: number): Action {
    return this.rt.label(a, this.arg)
  }
}

export async function packedBfs(p: Prepared, options: CheckOptions, rt: PackedRuntime, rec?: SearchObserver): Promise<CheckResult> {
  const x = new Expansion(rt)
  const sink = new SearchSink<Words, number>(p, options, x, rec ? rec.visited : new FingerprintSet(), packedTracker(p, rt), rec)
  x.sink = sink
  const W = rt.words
  let frontierPeakBytes = 0
  // A level's states are contiguous in the visited set: the first one's index gives the others'.
  let levelFirst = 0
  let frontier = new StateArray(W)
  const inits = guard(p, () => rt.init())
  guardedInitStates(options.stepTimeoutSeconds, p.model.name, () => {
    for (let i = 0; i < inits.length; i++) {
      const s = inits[i]
      if (s.length !== W) throw new ModelError(`model ${p.model.name}: init returned a state of ${s.length} words, the layout has ${W}`)
      if (sink.init(s, i) >= 0) frontier.push(s)
    }
  })
  const found = await searchLevels(
    sink,
    options,
    {
      size: () => frontier.length,
      nextSize: () => x.next.length,
      open: () => (x.next = new StateArray(W, Math.max(1024, frontier.length))),
      expand(f) {
        const data = frontier.data
        x.begin(data, f * W, levelFirst + f)
        expandWords(p, rt, x.cur, x.before, x)
        sink.end(x.ordinal)
      },
      advance() {
        frontierPeakBytes = Math.max(frontierPeakBytes, frontier.bytes() + x.next.bytes())
        levelFirst += frontier.length
        frontier = x.next
      },
    },
    127,
  )
  const result = sink.result({ ...found, strategy: 'bfs' })
  return { ...result, stats: { ...result.stats, frontierBytes: frontierPeakBytes } }
}

/**
 * The packed model's `next` on `cur`, a copy of `before` (the state being expanded), its errors as
 * one-line ModelErrors. Whether the model wrote into its input is checked once per state; one that
 * did is named by its action: the plain interface, which checks the input after every action,
 * replays `before`. (The packed BFS and the partitions of a distributed run.)
 */
export function expandWords(p: Prepared, rt: PackedRuntime, cur: Int32Array, before: Int32Array, out: PackedSteps): void {
  try {
    rt.next(cur, out)
  } catch (e) {
    throw packedModelError(p.model.name, e)
  }
  if (!sameWords(cur, before, cur.length)) throw wroteInput(p, rt, before)
}

/** The error for a model that wrote into the state it expanded (`before`, as it was), naming the
 * action where the plain interface does. Out of `expandWords`: a closure there made every call
 * allocate a context for the variables it captures (98 MB over packed 2PC-8's expansions). */
function wroteInput(p: Prepared, rt: PackedRuntime, before: Int32Array): ModelError {
  guard(p, () => p.model.next(p.config, rt.decode(before)))
  return new ModelError(`model ${p.model.name}: next wrote into its input state (use edit(s))`)
}

/** Runs model code (off the hot path), turning what it throws into a one-line ModelError. */
function guard<T>(p: Prepared, f: () => T): T {
  try {
    return f()
  } catch (e) {
    throw packedModelError(p.model.name, e)
  }
}
