/**
 * Breadth-first search over packed states: the BFS oracle's algorithm (`explore/bfs.ts`), step
 * for step, on words. The frontier is one growing Int32Array per level (a level's states are
 * contiguous in the visited set, so no index is stored beside them); a state is copied into a
 * fixed buffer to be expanded, its successors are hashed straight from the model's scratch copy,
 * and only new states are checked and appended. No object is allocated per state.
 *
 * Same discovery order, fingerprints and successor ordinals as the plain BFS run through the
 * model's decoded interface, so counts, depth, verdicts and traces are identical (tested on every
 * packed spec); traces are rebuilt by replaying the plain interface (`replay-path.ts`).
 */
import { actionLabel } from '../core/action.ts'
import { ModelError } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { Property } from '../core/property.ts'
import type { CheckResult, StopReason } from '../core/result.ts'
import { buildResult } from '../explore/build-result.ts'
import { Limits } from '../explore/limits.ts'
import type { Prepared } from '../explore/prepare.ts'
import { replayPath } from '../explore/replay-path.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { FingerprintSet } from '../explore/fingerprint-set.ts'
import { NO_PARENT } from '../explore/visited-set.ts'
import { fp } from '../state/fingerprint.ts'
import { hashWords } from './hash-words.ts'
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
  return new SafetyTracker({ ...p, config: rt.k, safety: p.safety.map((q) => rt.property(q.name) as Property<unknown, unknown>) })
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
 * Receives one state's successors from the model's `next`, and inserts each as it arrives:
 * since the visited set keeps fingerprints in its slots, that is faster than reading every
 * successor's slot first and inserting after `next` returns (figures: docs/performance.md,
 * "Design measurements").
 */
class Expansion implements PackedSteps {
  parent = 0
  ordinal = 0
  total = 0
  /** The state being expanded (the model's `s`), and a copy to catch a model writing into it. */
  readonly cur: Words
  private readonly before: Words
  readonly fired: Float64Array
  readonly discovered: Float64Array
  /** Actions in the order they first fired: coverage is listed in that order, as the BFS does. */
  readonly firstFired: number[] = []

  constructor(
    private readonly rt: PackedRuntime,
    private readonly visited: FingerprintSet,
    private readonly tracker: SafetyTracker,
    public next: StateArray,
  ) {
    const w = rt.words
    this.cur = new Int32Array(w)
    this.before = new Int32Array(w)
    this.fired = new Float64Array(rt.actions.length)
    this.discovered = new Float64Array(rt.actions.length)
  }

  /** Whether the model left the expanded state as it was. Checked once per state; the plain
   * interface (`packedModel`'s `next`) checks after every action, to name the one that wrote. */
  untouched(): boolean {
    return sameWords(this.cur, this.before, this.cur.length)
  }

  begin(from: Int32Array, at: number, parent: number): void {
    const w = this.cur.length
    for (let i = 0; i < w; i++) this.cur[i] = this.before[i] = from[at + i]
    this.parent = parent
    this.ordinal = 0
  }

  /** Small enough for V8 to inline into the model's `next`, where most actions are disabled and
   * return null: only an enabled action pays for a call. */
  add(action: number, arg: number, t: Words | null): void {
    if (t !== null) this.step(action, arg, t)
  }

  private step(action: number, arg: number, t: Words): void {
    const w = this.cur.length
    if (t.length !== w) throw new ModelError(`model: action ${actionLabel(this.rt.label(action, arg))} returned ${t.length} words, the layout has ${w}`)
    const ord = this.ordinal++
    if (ord > 0xffff) throw new ModelError('model: a state has more than 65,535 successors')
    this.total++
    if (this.fired[action]++ === 0) this.firstFired.push(action)
    if (sameWords(t, this.cur, w)) return // a stuttering step: the parent is known
    hashWords(t, w)
    const idx = this.visited.insert(fp.hi, fp.lo, this.parent, ord)
    if (idx < 0) return
    this.discovered[action]++
    this.tracker.check(t, idx)
    this.next.push(t)
  }
}

export async function packedBfs(p: Prepared, options: CheckOptions, rt: PackedRuntime): Promise<CheckResult> {
  const limits = new Limits(options)
  const visited = new FingerprintSet()
  const tracker = packedTracker(p, rt)
  const W = rt.words
  let depth = 0
  let queuePeak = 0
  let frontierPeakBytes = 0
  let stop: StopReason | undefined
  let decidedEarly = false

  let frontier = new StateArray(W)
  const x = new Expansion(rt, visited, tracker, frontier)
  const inits = guard(p, () => rt.init())
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i]
    if (s.length !== W) throw new ModelError(`model ${p.model.name}: init returned a state of ${s.length} words, the layout has ${W}`)
    x.total++
    hashWords(s, W)
    const idx = visited.insert(fp.hi, fp.lo, NO_PARENT, i)
    if (idx < 0) continue
    tracker.check(s, idx)
    frontier.push(s)
  }
  if (frontier.length > 0) depth = 1
  let levelFirst = 0
  const levels: { distinct: number; total: number }[] = [{ distinct: visited.size, total: x.total }]
  if (tracker.allDecided()) decidedEarly = true

  while (frontier.length > 0 && !decidedEarly && !stop) {
    if (depth >= options.maxDepth) {
      stop = 'max-depth'
      break
    }
    const next = new StateArray(W, Math.max(1024, frontier.length))
    x.next = next
    const levelStart = { distinct: visited.size, total: x.total }
    const data = frontier.data
    for (let f = 0; f < frontier.length; f++) {
      const sidx = levelFirst + f
      x.begin(data, f * W, sidx)
      try {
        rt.next(x.cur, x)
      } catch (e) {
        throw packedModelError(p.model.name, e)
      }
      if (!x.untouched()) {
        // Name the culprit: the plain interface checks the input after every action.
        const plain = rt.decode(data.subarray(f * W, f * W + W))
        guard(p, () => p.model.next(p.config, plain))
        throw new ModelError(`model ${p.model.name}: next wrote into its input state (use edit(s))`)
      }
      if (x.ordinal === 0 && p.deadlock) tracker.deadlock(sidx)
      if (tracker.allDecided()) {
        decidedEarly = true
        break
      }
      if ((f & 127) === 0) {
        stop = await limits.poll(visited.size, x.total, frontier.length - f + next.length, depth)
        if (stop) break
      }
      stop = limits.full(visited.size, visited.bytes())
      if (stop) break
    }
    queuePeak = Math.max(queuePeak, next.length)
    frontierPeakBytes = Math.max(frontierPeakBytes, frontier.bytes() + next.bytes())
    levels.push({ distinct: visited.size - levelStart.distinct, total: x.total - levelStart.total })
    levelFirst += frontier.length
    frontier = next
    if (frontier.length > 0 && !decidedEarly) depth++
  }

  const coverage = new Map<string, { fired: number; discovered: number }>()
  for (const i of x.firstFired) coverage.set(rt.actions[i], { fired: x.fired[i], discovered: x.discovered[i] })
  const result = buildResult(p, {
    tracker,
    traceTo: (idx) => replayPath(p, visited, idx),
    stopReason: stop,
    decidedEarly,
    distinct: visited.size,
    total: x.total,
    depth,
    seconds: limits.elapsed(),
    visitedBytes: visited.bytes(),
    queuePeak,
    levels,
    coverage,
    strategy: 'bfs',
    workers: 1,
    warnings: limits.warnings(stop, visited.size),
  })
  return { ...result, stats: { ...result.stats, frontierBytes: frontierPeakBytes } }
}

/** Runs model code (off the hot path), turning what it throws into a one-line ModelError. */
function guard<T>(p: Prepared, f: () => T): T {
  try {
    return f()
  } catch (e) {
    throw packedModelError(p.model.name, e)
  }
}
