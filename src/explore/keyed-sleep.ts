/**
 * Sleep sets (`sleep-sets.ts`) where a state's set crosses threads: the parallel BFS's. The rule
 * is the sequential one, step for step; what differs is how a sleeping step is named. The
 * sequential frontier names it by its action object, which a worker thread does not share; here
 * it is named by its action's *key*, the two 32-bit hash lanes of the action's value (`partHash`:
 * actions are plain data), followed by its footprint where it was taken: three int32s per
 * sleeping step, which travel in a chunk's `sleep` column beside its states.
 *
 * Keys and objects agree on the actor harness's models, the only ones with a footprint: the
 * harness gives one action object per value (its deliveries are its interned messages', its
 * local actions are interned by their parameters' values, lists and records included), and
 * `Model.footprint` asks that of any model; so the parallel search skips exactly the steps the
 * sequential one skips; the parity tests compare the two, counts, `slept` and traces. (Two
 * different actions of one state with one key would be a 64-bit collision of their hashes, as
 * two states with one fingerprint are.)
 *
 * The model is told the sleeping steps it may leave uncomputed (`Model.next`'s `asleep`) as its
 * own action objects: a thread maps keys back to the actions it has met (`asleepFor`). A step
 * whose action a thread has not met yet is computed, and found asleep by its key among the
 * state's steps, which is also what happens under a constraint or `--debug`, where the
 * sequential frontier computes every step too.
 */
import type { Action } from '../core/action.ts'
import { ASLEEP } from '../core/model.ts'
import type { Prepared, Step } from './prepare.ts'
import type { CommuteChecks } from './sleep-sets.ts'
import { StepFacts, checkCommute, independent, spotChecksOf } from './sleep-sets.ts'
import type { ActionChecks } from './sleep-actions.ts'
import { actionOf, keyOf, sameKey } from './sleep-actions.ts'

/** Int32s per sleeping step: key lanes a and b, footprint. */
export const SLEEP_ENTRY = 3

/** What `KeyedSleep.expand` gives `Prepared.expand` as `asleep` where nothing may be left
 * uncomputed: nothing, but given, so that the model notes what `footprint` needs about the steps
 * (src/net). */
const NONE_ASLEEP: readonly unknown[] = Object.freeze([])

export class KeyedSleep {
  /** Steps skipped, as `SleepSetFrontier.slept`. */
  slept = 0
  /** Footprints, targets kept, steps taken (as the sequential frontier's). */
  private readonly facts: StepFacts
  // The steps of the state being expanded, and its sleep set (entries `zs[zFrom, zTo)`).
  private steps: readonly Step[] = []
  private zs: ArrayLike<number> = []
  private zFrom = 0
  private zTo = 0
  // Per step position: asleep, its action's key (keyed: 0 not yet, 1 yes).
  private sleeping = new Uint8Array(64)
  private keyA = new Int32Array(64)
  private keyB = new Int32Array(64)
  private keyed = new Uint8Array(64)
  /** Per sleep-set entry: the position of its step among the state's, or -1. */
  private at = new Int32Array(16)
  private readonly asleepList: Action[] = []

  constructor(private readonly p: Prepared) {
    this.facts = new StepFacts(p)
    const spot = spotChecksOf(p)
    this.checks = spot.pairs
    this.actions = spot.steps
  }

  /** The next state `expand`ed sleeps `zs[from, to)`. */
  sleeps(zs: ArrayLike<number>, from: number, to: number): void {
    this.zs = zs
    this.zFrom = from
    this.zTo = to
  }

  /** The next state `expand`ed is the `w`-th of a chunk whose sleep sets are `sleep`, state w's
   * from `off[w]` to `off[w + 1]`. */
  sleepsAt(sleep: Int32Array, off: Int32Array, w: number): void {
    this.sleeps(sleep, off[w] as number, off[w + 1] as number)
  }

  /** Expands `s`, whose sleep set `sleeps` gave: its steps, the sleeping ones among them known
   * (`asleep`); those whose actions this thread has met are not computed (`ASLEEP`). */
  expand(s: unknown): readonly Step[] {
    const steps = this.p.expand(s, this.asleepFor(this.zs, this.zFrom, this.zTo))
    this.begin(s, steps)
    return steps
  }

  /** What to give `Prepared.expand` as `asleep` for a state whose sleep set is `zs[from, to)`:
   * the model's own actions for the entries this thread has met (the model gives `ASLEEP` for
   * their steps, computing nothing), none where the reduction must see every step. */
  private asleepFor(zs: ArrayLike<number>, from: number, to: number): readonly unknown[] {
    if (!this.facts.lazy || from === to) return NONE_ASLEEP
    const list = this.asleepList
    list.length = 0
    for (let k = from; k < to; k += SLEEP_ENTRY) {
      const a = actionOf(zs[k] as number, zs[k + 1] as number)
      if (a !== undefined) list.push(a)
    }
    return list
  }

  /** State `s`, whose sleep set is `zs[zFrom, zTo)`, was expanded to `steps`. */
  private begin(s: unknown, steps: readonly Step[]): void {
    const zs = this.zs
    const from = this.zFrom
    const to = this.zTo
    this.facts.reset(s, steps)
    this.actions.check(steps)
    this.s = s
    this.full = undefined
    this.steps = steps
    const n = steps.length
    if (this.sleeping.length < n) {
      this.sleeping = new Uint8Array(2 * n)
      this.keyA = new Int32Array(2 * n)
      this.keyB = new Int32Array(2 * n)
      this.keyed = new Uint8Array(2 * n)
    }
    this.sleeping.fill(0, 0, n)
    this.keyed.fill(0, 0, n)
    if (from === to) return
    const entries = (to - from) / SLEEP_ENTRY
    if (this.at.length < entries) this.at = new Int32Array(2 * entries)
    this.at.fill(-1, 0, entries)
    for (let i = 0; i < n; i++) {
      const step = steps[i] as Step
      if (step[1] === ASLEEP) {
        this.sleeping[i] = 1
        continue
      }
      this.keyAt(i)
      const ka = this.keyA[i] as number
      const kb = this.keyB[i] as number
      // As the sequential frontier's `includes` and `stepAt`: asleep when its action is in the
      // set; an entry's step is the first with its action.
      for (let e = 0, k = from; k < to; e++, k += SLEEP_ENTRY) {
        if (zs[k] !== ka || zs[k + 1] !== kb) continue
        this.sleeping[i] = 1
        if ((this.at[e] as number) < 0) this.at[e] = i
      }
    }
  }

  /** Whether step `i` is asleep (then it is skipped, and counted). */
  asleep(i: number): boolean {
    if (this.sleeping[i] === 0) return false
    this.slept++
    return true
  }

  /** Step `i` was taken, to a state other than the expanded one. Call after `arrival`. */
  taken(i: number): void {
    this.facts.taken(i)
  }

  /**
   * Appends to `out` the sleep set step `i` gives its target (`SleepSetFrontier.arrival`): the
   * steps taken before it and those asleep here, independent of it, whose targets the constraint
   * does not cut, each with its footprint here.
   */
  arrival(i: number, out: number[]): void {
    const facts = this.facts
    const fi = facts.footAt(i)
    if (fi < 0) return
    for (let d = 0; d < facts.nDone; d++) {
      const j = facts.done[d] as number
      const fj = facts.footAt(j)
      if (!independent(fj, fi)) continue
      this.checked(this.steps, j, i)
      this.keyAt(j)
      out.push(this.keyA[j] as number, this.keyB[j] as number, fj)
    }
    const zs = this.zs
    for (let e = 0, k = this.zFrom; k < this.zTo; e++, k += SLEEP_ENTRY) {
      const fk = zs[k + 2] as number
      if (!independent(fk, fi)) continue
      // Where the model computed every step, only while its state is not cut (as the sequential
      // frontier; lazily, it may not have been computed, and a pair within the first checked is
      // checked on every step computed).
      if (!facts.lazy) {
        const j = this.at[e] as number
        if (j < 0 || !facts.uncutAt(j)) continue
        this.checked(this.steps, j, i)
      } else if (this.checks.due()) this.checkCarried(zs[k] as number, zs[k + 1] as number, i)
      out.push(zs[k] as number, zs[k + 1] as number, fk)
    }
  }

  /** Step `j`'s key into `keyA[j]`, `keyB[j]`, once per expansion. */
  private keyAt(j: number): void {
    if (this.keyed[j] === 1) return
    const k = keyOf((this.steps[j] as Step)[0])
    this.keyA[j] = k[0]
    this.keyB[j] = k[1]
    this.keyed[j] = 1
  }

  /** The pairs this thread or process checks (`CommuteChecks`), and the steps (`ActionChecks`). */
  private readonly checks: CommuteChecks
  private readonly actions: ActionChecks
  /** The state being expanded, and every one of its steps computed, for a check of a step asleep
   * there (computed once per state, when needed). */
  private s: unknown
  private full: readonly Step[] | undefined

  private checked(steps: readonly Step[], j: number, i: number): void {
    if (this.checks.take()) checkCommute(this.p, steps, j, i, sameKey, this.checks.spot)
  }

  /** The sleeping step with key (ka, kb), carried into step i's target, commutes with step i:
   * both computed, from the state's steps computed whole (the model left the sleeping one out). */
  private checkCarried(ka: number, kb: number, i: number): void {
    const full = (this.full ??= this.p.expand(this.s))
    const a = (this.steps[i] as Step)[0]
    let j = -1
    let at = -1
    for (let x = 0; x < full.length; x++) {
      const k = keyOf((full[x] as Step)[0])
      if (j < 0 && k[0] === ka && k[1] === kb) j = x
      if (at < 0 && sameKey((full[x] as Step)[0], a)) at = x
    }
    if (j >= 0 && at >= 0) this.checked(full, j, at)
  }
}

