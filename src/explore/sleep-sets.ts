/**
 * Partial-order reduction by sleep sets (Godefroid 1996, ch. 5), on the breadth-first search: a
 * state's *sleep set* holds steps that need not be taken from it, because the state they lead to
 * is reached by another path the search takes. If `u` and `t` are independent at `r` (they
 * commute, and neither disables the other) and the search took `u` from `r` before `t`, then
 * `r·t·u = r·u·t` is reached from `r·u`, so `u` sleeps in `r·t`; and a step asleep in `r` stays
 * asleep in `r·t` while it is independent of `t`. Every state is still visited, at its BFS depth:
 * the reduction skips *steps*, never states, so the distinct count, the depth, every verdict
 * (liveness aside) and the length of every counterexample equal the full search's; only the
 * generated count (`total`) falls, with the work of the steps skipped (`stats.slept` counts
 * them): the model need not even compute their states (`Model.next`'s `asleep`). That is why it
 * needs no visibility condition and no cycle proviso, which is what sank the ample-set reduction
 * on these models (docs/partial-order-reduction.md).
 *
 * A state's sleep set is the one its *first* arrival gives it (the parent that discovered it, by
 * the step that did). Why every state is still reached at its depth, for a reviewer: the BFS
 * expands each level in the order of its states' first arrivals, and a state's steps in `next`'s
 * order, so the first arrival at every state `x` is the last step of its least shortest path
 * (comparing paths step by step by their positions in `next`'s lists; by induction on the
 * depth). Suppose a step of that path `w` is asleep where it is taken, the first being `u` at
 * `s_j`. `s_j` got its set from `w`'s step into it, so `u` came from there: either `u` was taken
 * at `s_{j-1}` before `w`'s step `a_j`, or it was asleep at `s_{j-1}` and independent of `a_j`,
 * and so on back to some `s_m` where `u` was taken before `a_{m+1}`, `u` being independent of
 * `a_{m+1} … a_j` along `w`. Moving `u` to position `m+1` gives a path to `x` of the same length
 * (independence), whose new states `s_i·u` the constraint does not cut (a step is put and kept
 * asleep only while its state there is not cut), and which is less than `w` at position `m+1`:
 * a contradiction. So `w` is taken whole and `x` is found at its depth, by the same first step
 * as in the full search: the states are discovered in the same order, so an early stop (every
 * property decided, max states) comes at the same state and every counterexample is the same,
 * step for step. What falls is `total`, with coverage's `fired` and each level's generated count. The argument needs no
 * global order of steps, only `next`'s order at each state. Under symmetry the search runs on
 * one state per orbit (the first arrival's); the same argument holds on that graph, as a path
 * moved by a renaming is a path, and each state kept is its first arrival's own target.
 * Arrivals from shallower levels play no part: a shortest path has none.
 *
 * What the model must say (`Model.footprint`): which node a step reads and writes (or -1, "may
 * depend on anything"), and whether it writes a ghost variable. Two steps commute when they are
 * of different nodes and not both ghost writers. A step is identified by its action: by the
 * object, else by its value's key (`isAsleep`), as on worker threads; a model that made a new
 * action object in each state once had no step found asleep on one thread, and a generated count
 * other than on two. `--debug` checks every commutation the reduction relies on by
 * taking both orders. Off under a view (states it merges need not have the same steps), with
 * liveness (skipped steps are edges of the behaviour graph), and outside the BFS. Worker
 * processes run the keyed rule too (the sets ride in the batches, `distributed/partition-run.ts`),
 * and every checkpoint holds its frontier's sleep sets (keyed, as below), so a resumed search
 * skips what an uninterrupted one skips. On worker threads the same rule runs with the steps named by
 * key (`keyed-sleep.ts`), equal to this one (test/parallel/sleep-sets.test.ts). Tested against the full search on every bundled spec (test/golden) and on random actor
 * models with faults, ghosts and constraints (test/explore/sleep-sets-random.test.ts).
 */
import type { Action } from '../core/action.ts'
import type { CheckOptions } from '../core/options.ts'
import { ModelError, option } from '../core/errors.ts'
import { ASLEEP } from '../core/model.ts'
import { actionLabel } from '../core/action.ts'
import type { Prepared, Step } from './prepare.ts'
import type { SearchSink } from './search-sink.ts'
import { ActionChecks, keyOf, sameKey } from './sleep-actions.ts'

/** Why the reduction is off for this search, or undefined when it runs. */
export function sleepSetsOff(p: Prepared, options: CheckOptions, engine: string): string | undefined {
  if (p.model.footprint === undefined) return `the model does not say what its steps touch (Model.footprint; the actor harness does)`
  if (options.strategy !== 'bfs') return `it runs with the BFS only, not ${option('strategy')} ${options.strategy}`
  if (engine === 'packed-bfs') return 'not on a packed model\'s words'
  if (engine !== 'bfs' && engine !== 'parallel-bfs' && engine !== 'distributed-bfs') return `not with the ${engine} engine`
  if (p.model.view !== undefined) return 'not combined with a view'
  if (p.liveness.length > 0) return 'liveness needs every step of the behaviour graph'
  return undefined
}

const EMPTY: readonly unknown[] = []

/** Two footprints that commute: no node in common (their masks, `Model.footprint`), not both
 * writing ghosts. */
export const independent = (f: number, g: number): boolean => f >= 0 && g >= 0 && (f & g) === 0

/**
 * The BFS frontier with a sleep set per state (a `Frontier` of bfs.ts, which imports this
 * module): `add` the initial states, then the driver expands level by level; `slept` counts the
 * steps skipped.
 */
export class SleepSetFrontier {
  private states: unknown[] = []
  private index: number[] = []
  /**
   * The sleep sets of this level's states, and of the next level's: each state's is the run of
   * `buf` from its `off` to the next state's (the end of `buf` for the last): each sleeping
   * step's action, then its footprint where it was taken (see `arrival`). One array per level, not one per state: the sets outlive their
   * level, and a small array per state showed up as collector time in the profiles.
   */
  private buf: unknown[] = []
  private off: number[] = []
  private nextStates: unknown[] = []
  private nextIndex: number[] = []
  private nextBuf: unknown[] = []
  private nextOff: number[] = []
  slept = 0
  private readonly facts: StepFacts
  /** The expanded state's sleeping actions, for the model, and their keys (two lanes each). */
  private asleep: unknown[] = []
  private asleepKeys: number[] = []

  constructor(
    private readonly p: Prepared,
    private readonly sink: SearchSink<unknown, Action>,
  ) {
    this.facts = new StepFacts(p)
    const spot = spotChecksOf(p)
    this.checks = spot.pairs
    this.actions = spot.steps
  }

  add(s: unknown, idx: number): void {
    this.states.push(s)
    this.index.push(idx)
    this.off.push(0)
  }

  size = (): number => this.states.length
  nextSize = (): number => this.nextStates.length

  open(): void {
    this.nextStates = []
    this.nextIndex = []
    this.nextBuf = []
    this.nextOff = []
  }

  advance(): void {
    this.states = this.nextStates
    this.index = this.nextIndex
    this.buf = this.nextBuf
    this.off = this.nextOff
  }

  expand(f: number): undefined {
    const s = this.states[f]
    const sink = this.sink
    if (!sink.begin(this.index[f] as number, s)) return
    const buf = this.buf
    const zOff = this.off[f] as number
    const zEnd = f + 1 < this.off.length ? (this.off[f + 1] as number) : buf.length
    const asleep = this.asleep
    asleep.length = 0
    for (let k = zOff; k < zEnd; k += 2) asleep.push(buf[k])
    // Their keys: a step is asleep when its action is one of them by value (a model may give a
    // step a new action object in each state; worker threads compare values too).
    const keys = this.asleepKeys
    keys.length = 0
    for (let k = 0; k < asleep.length; k++) {
      const key = keyOf(asleep[k] as Action)
      keys.push(key[0], key[1])
    }
    // The model may leave the states of sleeping steps uncomputed (`ASLEEP`: `StepFacts.lazy`).
    const facts = this.facts
    const steps = this.p.expand(s, facts.lazy ? asleep : EMPTY)
    const n = steps.length
    facts.reset(s, steps)
    this.actions.check(steps)
    this.s = s
    this.full = undefined
    for (let i = 0; i < n; i++) {
      const step = steps[i] as Step
      const a = step[0]
      const t = step[1]
      if (t === ASLEEP || (asleep.length > 0 && isAsleep(a, asleep, keys))) {
        this.slept++
        continue
      }
      const idx = sink.step(a, t, i)
      if (t === s) continue
      if (idx >= 0) {
        this.nextOff.push(this.nextBuf.length)
        this.arrival(steps, i, zOff, zEnd, this.nextBuf)
        this.nextStates.push(t)
        this.nextIndex.push(idx)
      }
      facts.taken(i)
    }
    sink.end(n)
    return undefined
  }

  /**
   * Appends to `out` the sleep set step `i` gives its target: the steps taken before it and those
   * asleep here (`buf` from `zOff` to `zEnd`), independent of it, whose targets the constraint
   * does not cut. A step's footprint is that of the state where it was taken: it sleeps on only
   * past steps of other nodes, so its node's local state, its message and so what it does stay as
   * they were there (which is why the model need not compute a sleeping step's state).
   */
  private arrival(steps: readonly Step[], i: number, zOff: number, zEnd: number, out: unknown[]): void {
    const facts = this.facts
    const fi = facts.footAt(i)
    if (fi < 0) return
    for (let d = 0; d < facts.nDone; d++) {
      const j = facts.done[d] as number
      const fj = facts.footAt(j)
      if (independent(fj, fi)) {
        this.checked(steps, j, i)
        out.push((steps[j] as Step)[0], fj)
      }
    }
    const buf = this.buf
    for (let k = zOff; k < zEnd; k += 2) {
      const fk = buf[k + 1] as number
      if (!independent(fk, fi)) continue
      const u = buf[k] as Action
      // Under a constraint (the model computed every step), only while its state is not cut.
      // Lazily (the model may not have computed it), a pair within the first checked is checked
      // on every step computed: a footprint's lie about a step asleep from an earlier state went
      // unseen (a helper's tour: a wrong verdict from the third state on).
      if (!facts.lazy) {
        const j = stepAt(steps, u)
        if (j < 0 || !facts.uncutAt(j)) continue
        this.checked(steps, j, i)
      } else if (this.checks.due()) {
        const full = (this.full ??= this.p.expand(this.s))
        const j = stepAt(full, u)
        const at = stepAt(full, (steps[i] as Step)[0])
        if (j >= 0 && at >= 0) this.checked(full, j, at)
      }
      out.push(u, fk)
    }
  }

  /** The pairs this search checks (`CommuteChecks`), and the steps (`ActionChecks`). */
  private readonly checks: CommuteChecks
  private readonly actions: ActionChecks
  /** The state being expanded, and every one of its steps computed, for a check of a step asleep
   * there (computed once per state, when needed). */
  private s: unknown
  private full: readonly Step[] | undefined

  private checked(steps: readonly Step[], j: number, i: number): void {
    if (this.checks.take()) checkCommute(this.p, steps, j, i, (a, b) => a === b, this.checks.spot)
  }
}

/**
 * What the sleep-set rule asks of the steps of the state being expanded, each found once: a
 * step's footprint there, whether the constraint keeps its target, and the steps taken so far
 * whose targets it keeps (those the later steps' targets may sleep). Both frontiers' (this
 * file's, and `keyed-sleep.ts`'s on worker threads).
 */
export class StepFacts {
  /** Whether the model may leave sleeping steps uncomputed: not under a constraint (whether a
   * sleeping step's state is cut decides whether it sleeps on) nor --debug (which takes both
   * orders of each pair the reduction relies on). */
  readonly lazy: boolean
  private readonly footprint: (a: Action, s: unknown, t: unknown) => number
  private readonly constraint: ((s: unknown) => boolean) | undefined
  private s: unknown
  private steps: readonly Step[] = []
  // By step position: footprint (-2: not yet), target not cut (0 no, 1 yes, -1 not yet).
  private foot = new Int32Array(64)
  private uncut = new Int8Array(64)
  /** The steps taken so far whose targets are not cut, in order: `done[0, nDone)`. */
  done = new Int32Array(64)
  nDone = 0

  constructor(p: Prepared) {
    const fpOf = p.model.footprint as NonNullable<Prepared['model']['footprint']>
    const config = p.config
    this.footprint = (a, s, t) => fpOf(config, a, s, t)
    this.constraint = p.constraint
    this.lazy = p.constraint === undefined && !p.debug
  }

  /** State `s` was expanded to `steps`. */
  reset(s: unknown, steps: readonly Step[]): void {
    this.s = s
    this.steps = steps
    this.nDone = 0
    const n = steps.length
    if (this.foot.length < n) {
      this.foot = new Int32Array(n * 2)
      this.uncut = new Int8Array(n * 2)
      this.done = new Int32Array(n * 2)
    }
    this.foot.fill(-2, 0, n)
    this.uncut.fill(-1, 0, n)
  }

  footAt(j: number): number {
    let f = this.foot[j] as number
    if (f === -2) {
      const step = this.steps[j] as Step
      this.foot[j] = f = this.footprint(step[0], this.s, step[1])
    }
    return f
  }

  uncutAt(j: number): boolean {
    const constraint = this.constraint
    if (constraint === undefined) return true
    let u = this.uncut[j] as number
    if (u === -1) this.uncut[j] = u = constraint((this.steps[j] as Step)[1]) ? 1 : 0
    return u === 1
  }

  /** Step `j` was taken, to a state other than the expanded one (after its target's set). */
  taken(j: number): void {
    if (this.uncutAt(j)) this.done[this.nDone++] = j
  }
}

/**
 * How many of the pairs the reduction relies on a search checks without --debug: those of its
 * first states, where a footprint that lies about every step of a kind shows at once. A lie
 * went unnoticed before, and the reduced search lost states and gave a wrong verdict (a new user's
 * footprint of 0 for every step: MutualExclusion "held" on 62 of 137 states). A lie about a step
 * met only deep in the search needs --debug, which checks every pair.
 */
export const SPOT_CHECKS = 300

/** Which pairs a search (or one thread or process of it) takes both orders of: every one with
 * --debug, else the first `SPOT_CHECKS`. Both frontiers' (this file's and `keyed-sleep.ts`'s). */
export class CommuteChecks {
  private left = SPOT_CHECKS
  /** A spot check (without --debug): its error says so. */
  readonly spot: boolean

  constructor(debug: boolean) {
    this.spot = !debug
  }

  /** The pairs still to check without --debug. */
  get remaining(): number {
    return this.left
  }

  /** Whether the next pair the reduction relies on is to be checked (`take` checks it). */
  due(): boolean {
    return !this.spot || this.left > 0
  }

  /** Whether to check the next pair the reduction relies on. */
  take(): boolean {
    if (!this.spot) return true
    if (this.left <= 0) return false
    this.left--
    return true
  }
}

/**
 * The spot checks of one search on this thread or process: both budgets, per prepared spec. A
 * worker thread's `Prepared` lives across the tasks of its run, and each task makes its own
 * frontier (`parallel/expand-task.ts`); made per frontier, the budgets were spent again in every
 * task: paxos-net with 2 attempts, symmetry and `--por` on 2 workers spent 14% of the workers'
 * CPU in the checks of 300 pairs per slice of each level.
 */
const spotChecks = new WeakMap<Prepared, { readonly pairs: CommuteChecks; readonly steps: ActionChecks }>()
export function spotChecksOf(p: Prepared): { readonly pairs: CommuteChecks; readonly steps: ActionChecks } {
  let c = spotChecks.get(p)
  if (c === undefined) spotChecks.set(p, (c = { pairs: new CommuteChecks(p.debug), steps: new ActionChecks(p.debug) }))
  return c
}

/** Whose independence a failed check blames, said without guessing who wrote it: a new user on the
 * actor harness took "the model's footprint" for something they had written. */
const FOOTPRINT = "the model's footprint (`Model.footprint`, which the actor harness derives from what each step declares it reads: `reads`, `peer`, `receiveReads`)"

/** Under --debug (and for the first `SPOT_CHECKS` pairs: `spot`): steps `j` and `i` of a state,
 * called independent, commute (each is enabled after the other, and both orders reach one state);
 * `same` tells the same step in another state (by label where it does not: a fault's action may be
 * a new object in each state, and "not enabled" would be false). */
export function checkCommute(p: Prepared, steps: readonly Step[], j: number, i: number, same: (a: Action, b: Action) => boolean, spot = false): void {
  const [aj, tj] = steps[j] as Step
  const [ai, ti] = steps[i] as Step
  const hint = spot ? ` (found by the spot check of the first ${SPOT_CHECKS} pairs of a ${option('por')} search; ${option('debug')} checks all)` : ''
  const after = (t: unknown, a: Action): unknown => {
    const next = p.expand(t)
    const label = actionLabel(a)
    const found = next.find((x) => same(x[0], a)) ?? next.find((x) => actionLabel(x[0]) === label)
    if (found === undefined) {
      throw new ModelError(`partial-order reduction: ${label} is not enabled after ${actionLabel(a === ai ? aj : ai)}, but ${FOOTPRINT} calls them independent${hint}`)
    }
    return found[1]
  }
  const one = after(tj, ai)
  const two = after(ti, aj)
  const f = { hi: 0, lo: 0 }
  p.fingerprintOf(one, null, f)
  const hi = f.hi
  const lo = f.lo
  p.fingerprintOf(two, null, f)
  if (f.hi !== hi || f.lo !== lo) {
    throw new ModelError(`partial-order reduction: ${actionLabel(aj)} and ${actionLabel(ai)} do not commute, but ${FOOTPRINT} calls them independent${hint}`)
  }
}

/** The position of action `a` among `steps` (by identity, else by value), or -1. */
function stepAt(steps: readonly Step[], a: Action): number {
  for (let j = 0; j < steps.length; j++) if ((steps[j] as Step)[0] === a) return j
  for (let j = 0; j < steps.length; j++) if (sameKey((steps[j] as Step)[0], a)) return j
  return -1
}

/** Whether action `a` is asleep: one of `asleep` by identity, or by value (`keys`, two lanes per
 * entry). The actor harness keeps one object per step, so it is mostly found by identity; a model
 * that makes a new action object in each state is found by value, as on worker threads. */
function isAsleep(a: Action, asleep: readonly unknown[], keys: readonly number[]): boolean {
  if (asleep.includes(a)) return true
  const [ka, kb] = keyOf(a)
  for (let k = 0; k < keys.length; k += 2) if (keys[k] === ka && keys[k + 1] === kb) return true
  return false
}
