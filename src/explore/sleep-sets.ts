/**
 * Partial-order reduction by sleep sets (Godefroid 1996, ch. 5), on the breadth-first search: a
 * state's *sleep set* holds steps that need not be taken from it, because the state they lead to
 * is reached by another path the search takes. If `u` and `t` are independent at `r` (they
 * commute, and neither disables the other) and the search took `u` from `r` before `t`, then
 * `r·t·u = r·u·t` is reached from `r·u`, so `u` sleeps in `r·t`; and a step asleep in `r` stays
 * asleep in `r·t` while it is independent of `t`. Every state is still visited, at its BFS depth:
 * the reduction skips *steps*, never states, so the distinct count, the depth, every verdict
 * (liveness aside) and the length of every counterexample equal the full search's; only the
 * generated count (`total`) falls, with the fingerprinting, probing and property checks of the
 * steps skipped (`stats.slept` counts them). That is why it needs no visibility condition and no
 * cycle proviso, which is what sank the ample-set reduction on these models
 * (docs/partial-order-reduction.md).
 *
 * Why every state is still reached at its depth (the argument, for a reviewer): take a state `x`
 * at distance `k+1` and, among the shortest paths to it whose states the constraint does not cut,
 * the one whose sequence of steps is lexicographically least in the models' step order (the
 * actor harness's order is one fixed order of steps: local steps by slot, then deliveries by
 * message, then the rest). Suppose one of its steps is asleep where it is taken, the first being
 * `u` at state `s_j`. The search reached `s_j` from `s_{j-1}` by the path's step, a same-level
 * arrival, and a state's sleep set is the *intersection* of what its same-level arrivals give it,
 * so `u` came from that arrival: `u` was taken from some earlier `s_m` of the path before its step
 * `a_{m+1}`, and is independent of `a_{m+1} … a_j` along it. Moving `u` to position `m+1` gives a
 * path of the same length to `x` (independence), whose extra states `s_i·u` the constraint does
 * not cut (a step asleep is carried on only while its target is not cut), and which is
 * lexicographically less (`u` was taken before `a_{m+1}`): a contradiction. Arrivals from
 * shallower levels play no part: a shortest path never has one.
 *
 * What the model must say (`Model.footprint`): which node a step reads and writes (or -1, "may
 * depend on anything"), and whether it writes a ghost variable. Two steps commute when they are
 * of different nodes and not both ghost writers. A step is identified by its action object (the
 * same object in two states is the same step; a fresh object is never asleep, which costs
 * reduction, not soundness). `--debug` checks every commutation the reduction relies on by
 * taking both orders. Off under symmetry or a view (the search jumps between equivalent states
 * whose steps are renamed, and the argument above needs one step order), with liveness (skipped
 * steps are edges of the behaviour graph), with several workers, and outside the BFS.
 */
import type { Action } from '../core/action.ts'
import type { CheckOptions } from '../core/options.ts'
import { ModelError } from '../core/errors.ts'
import { ASLEEP } from '../core/model.ts'
import { actionLabel } from '../core/action.ts'
import { fp } from '../state/fingerprint.ts'
import type { Frontier } from './bfs.ts'
import type { Prepared, Step } from './prepare.ts'
import type { SearchSink } from './search-sink.ts'

/** Why the reduction is off for this search, or undefined when it runs. */
export function sleepSetsOff(p: Prepared, options: CheckOptions, engine: string): string | undefined {
  if (p.model.footprint === undefined) return `the model does not say what its steps touch (Model.footprint; the actor harness does)`
  if (engine !== 'bfs') return options.strategy !== 'bfs' ? `it runs with the BFS only, not --strategy ${options.strategy}` : 'it runs on one worker thread, without checkpoints or worker processes'
  if (p.model.view !== undefined) return 'not combined with a view'
  if (p.liveness.length > 0) return 'liveness needs every step of the behaviour graph'
  return undefined
}

const EMPTY: readonly Action[] = []

/** Two footprints that commute: different nodes, not both writing ghosts. */
const independent = (f: number, g: number): boolean => f >= 0 && g >= 0 && (f ^ g) >>> 1 !== 0 && (f & g & 1) === 0

/**
 * The next level's states that have a sleep set, by fingerprint: their position in the level
 * (open addressing over Int32Arrays, emptied per level; a Map of number keys this wide boxes
 * every key it is asked for).
 */
class Pending {
  private table = new Int32Array(3 * 1024)
  private mask = 1023
  size = 0

  clear(): void {
    if (this.size > 0) this.table.fill(0)
    this.size = 0
  }

  private slot(hi: number, lo: number): number {
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask
    const t = this.table
    while (t[3 * i + 2] !== 0 && (t[3 * i] !== hi || t[3 * i + 1] !== lo)) i = (i + 1) & this.mask
    return i
  }

  /** The position kept for (hi, lo), or -1. */
  get(hi: number, lo: number): number {
    if (this.size === 0) return -1
    const i = this.slot(hi, lo)
    return (this.table[3 * i + 2] as number) - 1
  }

  set(hi: number, lo: number, pos: number): void {
    if ((this.size + 1) * 2 > this.mask) this.grow()
    const i = this.slot(hi, lo)
    if (this.table[3 * i + 2] === 0) this.size++
    this.table[3 * i] = hi
    this.table[3 * i + 1] = lo
    this.table[3 * i + 2] = pos + 1
  }

  private grow(): void {
    const old = this.table
    this.mask = this.mask * 2 + 1
    this.table = new Int32Array(3 * (this.mask + 1))
    this.size = 0
    for (let i = 0; i < old.length; i += 3) if (old[i + 2] !== 0) this.set(old[i] as number, old[i + 1] as number, (old[i + 2] as number) - 1)
  }
}

/**
 * The BFS frontier with a sleep set per state. `inits` are the initial states with their
 * indices; `slept()` counts the steps skipped.
 */
export class SleepSetFrontier implements Frontier {
  private states: unknown[] = []
  private index: number[] = []
  /** Per state, its sleeping steps' actions and their footprints where they were taken (see
   * `arrival`). */
  private sleep: (readonly Action[])[] = []
  private sleepFoot: (readonly number[])[] = []
  private nextStates: unknown[] = []
  private nextIndex: number[] = []
  private nextSleep: (readonly Action[])[] = []
  private nextFoot: (readonly number[])[] = []
  /** Next-level states whose sleep set is not empty: their position. A state whose set became
   * empty stays in it (intersecting with anything leaves it empty). */
  private pending = new Pending()
  slept = 0
  private readonly footprint: (a: Action, s: unknown, t: unknown) => number
  private readonly constraint: ((s: unknown) => boolean) | undefined
  /** Under symmetry a second arrival at an orbit may be another state of it, whose steps are
   * named differently: it empties the orbit's sleep set instead of intersecting it. */
  private readonly merge: boolean
  /** Whether the model is told which steps sleep (`expand`). */
  private readonly lazy: boolean
  // Per expansion, by step position: footprint (-2: not yet), target not cut (0 no, 1 yes, -1 not yet).
  private foot = new Int32Array(64)
  private uncut = new Int8Array(64)
  private done = new Int32Array(64)

  constructor(
    private readonly p: Prepared,
    private readonly sink: SearchSink<unknown, Action>,
  ) {
    const fpOf = p.model.footprint as NonNullable<Prepared['model']['footprint']>
    const config = p.config
    this.footprint = (a, s, t) => fpOf(config, a, s, t)
    this.constraint = p.constraint
    this.merge = p.symmetry
    this.lazy = p.constraint === undefined && !p.debug
  }

  add(s: unknown, idx: number): void {
    this.states.push(s)
    this.index.push(idx)
    this.sleep.push(EMPTY)
    this.sleepFoot.push(EMPTY_FOOT)
  }

  size = (): number => this.states.length
  nextSize = (): number => this.nextStates.length

  open(): void {
    this.nextStates = []
    this.nextIndex = []
    this.nextSleep = []
    this.nextFoot = []
    this.pending.clear()
  }

  advance(): void {
    this.states = this.nextStates
    this.index = this.nextIndex
    this.sleep = this.nextSleep
    this.sleepFoot = this.nextFoot
  }

  expand(f: number): undefined {
    const s = this.states[f]
    const sink = this.sink
    if (!sink.begin(this.index[f] as number, s)) return
    const z = this.sleep[f] as readonly Action[]
    const zf = this.sleepFoot[f] as readonly number[]
    // The model may leave the states of sleeping steps uncomputed (`ASLEEP`); not under a
    // constraint (whether a sleeping step's state is cut decides whether it sleeps on) nor
    // --debug (which takes both orders of each pair the reduction relies on).
    const steps = this.p.expand(s, this.lazy && z.length > 0 ? z : undefined)
    const n = steps.length
    if (this.foot.length < n) {
      this.foot = new Int32Array(n * 2)
      this.uncut = new Int8Array(n * 2)
      this.done = new Int32Array(n * 2)
    }
    this.foot.fill(-2, 0, n)
    this.uncut.fill(-1, 0, n)
    const done = this.done
    let nDone = 0
    for (let i = 0; i < n; i++) {
      const step = steps[i] as Step
      const a = step[0]
      const t = step[1]
      if (t === ASLEEP || (t !== s && z.length > 0 && z.includes(a))) {
        this.slept++
        continue
      }
      const idx = sink.step(a, t, i)
      if (t === s) continue
      const hi = fp.hi
      const lo = fp.lo
      let at = idx >= 0 ? -1 : this.pending.get(hi, lo)
      if (at >= 0 && (this.nextSleep[at] as readonly Action[]).length === 0) at = -1
      if (idx >= 0 || at >= 0) {
        const zt = at >= 0 && this.merge ? NONE : this.arrival(s, steps, i, done, nDone, z, zf)
        if (idx >= 0) {
          if (zt.a.length > 0) this.pending.set(hi, lo, this.nextStates.length)
          this.nextStates.push(t)
          this.nextIndex.push(idx)
          this.nextSleep.push(zt.a)
          this.nextFoot.push(zt.f)
        } else if (zt.a.length === 0) {
          this.nextSleep[at] = EMPTY
          this.nextFoot[at] = EMPTY_FOOT
        } else {
          // The intersection: what every same-level arrival lets sleep.
          const was = this.nextSleep[at] as readonly Action[]
          const wasF = this.nextFoot[at] as readonly number[]
          const a2: Action[] = []
          const f2: number[] = []
          for (let k = 0; k < was.length; k++) {
            if (zt.a.includes(was[k] as Action)) {
              a2.push(was[k] as Action)
              f2.push(wasF[k] as number)
            }
          }
          this.nextSleep[at] = a2.length > 0 ? a2 : EMPTY
          this.nextFoot[at] = f2.length > 0 ? f2 : EMPTY_FOOT
        }
      }
      if (this.uncutAt(steps, i)) done[nDone++] = i
    }
    sink.end(n)
    return undefined
  }

  /**
   * The sleep set step `i` gives its target: the steps taken before it and those asleep here,
   * independent of it, whose targets the constraint does not cut. A step's footprint is that of
   * the state where it was taken: it sleeps on only past steps of other nodes, so its node's
   * local state, its message and so what it does stay as they were there (which is why the
   * model need not compute a sleeping step's state).
   */
  private arrival(s: unknown, steps: readonly Step[], i: number, done: Int32Array, nDone: number, z: readonly Action[], zf: readonly number[]): Sleeping {
    const fi = this.footAt(s, steps, i)
    if (fi < 0) return NONE
    let a: Action[] | undefined
    let f: number[] | undefined
    for (let d = 0; d < nDone; d++) {
      const j = done[d] as number
      const fj = this.footAt(s, steps, j)
      if (independent(fj, fi)) {
        this.checked(s, steps, j, i)
        ;(a ??= []).push((steps[j] as Step)[0])
        ;(f ??= []).push(fj)
      }
    }
    for (let k = 0; k < z.length; k++) {
      const fk = zf[k] as number
      if (!independent(fk, fi)) continue
      const u = z[k] as Action
      // Under a constraint (the model computed every step), only while its state is not cut.
      if (this.constraint !== undefined || this.p.debug) {
        const j = stepAt(steps, u)
        if (j < 0 || !this.uncutAt(steps, j)) continue
        this.checked(s, steps, j, i)
      }
      ;(a ??= []).push(u)
      ;(f ??= []).push(fk)
    }
    return a === undefined ? NONE : { a, f: f as number[] }
  }

  private footAt(s: unknown, steps: readonly Step[], j: number): number {
    let f = this.foot[j] as number
    if (f === -2) {
      const step = steps[j] as Step
      this.foot[j] = f = this.footprint(step[0], s, step[1])
    }
    return f
  }

  private uncutAt(steps: readonly Step[], j: number): boolean {
    const constraint = this.constraint
    if (constraint === undefined) return true
    let u = this.uncut[j] as number
    if (u === -1) this.uncut[j] = u = constraint((steps[j] as Step)[1]) ? 1 : 0
    return u === 1
  }

  /** Under --debug: steps `j` and `i` of `s`, called independent, commute (each is enabled
   * after the other, and both orders reach one state). */
  private checked(s: unknown, steps: readonly Step[], j: number, i: number): void {
    if (!this.p.debug) return
    const [aj, tj] = steps[j] as Step
    const [ai, ti] = steps[i] as Step
    const after = (t: unknown, a: Action): unknown => {
      const found = this.p.expand(t).find((x) => x[0] === a)
      if (found === undefined) {
        throw new ModelError(`partial-order reduction: ${actionLabel(a)} is not enabled after ${actionLabel(a === ai ? aj : ai)}, but the model's footprint calls them independent`)
      }
      return found[1]
    }
    const one = after(tj, ai)
    const two = after(ti, aj)
    this.p.fingerprintOf(one, null)
    const hi = fp.hi
    const lo = fp.lo
    this.p.fingerprintOf(two, null)
    if (fp.hi !== hi || fp.lo !== lo) {
      throw new ModelError(`partial-order reduction: ${actionLabel(aj)} and ${actionLabel(ai)} do not commute, but the model's footprint calls them independent`)
    }
  }
}

const EMPTY_FOOT: readonly number[] = []

/** A sleep set being built: actions and their footprints. */
type Sleeping = { readonly a: readonly Action[]; readonly f: readonly number[] }
const NONE: Sleeping = { a: EMPTY, f: EMPTY_FOOT }

/** The position of action `a` (by identity) among `steps`, or -1. */
function stepAt(steps: readonly Step[], a: Action): number {
  for (let j = 0; j < steps.length; j++) if ((steps[j] as Step)[0] === a) return j
  return -1
}
