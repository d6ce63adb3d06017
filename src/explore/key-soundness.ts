/**
 * Under a view or symmetry the search keeps one state per key (the view's value, the orbit's
 * representative) and checks the safety properties and the spec's constraint on that state only.
 * That is sound only if every state with the same key gives the same answers: a property that
 * reads what the view drops (or that names one of the interchangeable ids) is decided by
 * whichever state the search happened to meet first, so BFS and DFS can disagree and a violation
 * can be missed. The liveness recorder checks its labels this way on every state it records
 * (`GraphRecorder.agrees`); this does the same for the safety properties (and the hidden
 * witnesses of what they are about, `antecedents.ts`) and the constraint.
 *
 * It keeps, per key, the answers of the first state met with it, and compares the answers of
 * every later state with that key. On every run it does so over the first `WINDOW` steps of the
 * search, as the determinism check samples the first states (`prepare.ts`), which costs a few
 * milliseconds; with `--debug`, over the whole search. A disagreement is a `ModelError` naming
 * the property (or the constraint), the step and both states.
 *
 * It also compares their *steps*: a view or symmetry that merges two states whose successors
 * differ (a view that drops what a guard reads; a model edited to single out one of the
 * interchangeable ids) can hide a violation the full search finds, whatever the properties read.
 * Per key it keeps a hash of the set of its first state's successor keys, and a state met again
 * with the key that is not the same state (by its own fingerprint) is expanded and its successor
 * keys compared; under symmetry renamings of each new key's first state are expanded too (all of
 * them up to STEP_IMAGES, else that many, in turn: `againstImages`). That is one bisimulation
 * step on every pair the search meets, one expansion per key and per differing state: over the
 * first STEP_WINDOW steps (and IMAGE_KEYS keys' renamings) of every run, a few tenths of a second
 * at most; over the whole search with `--debug`.
 */
import { imagesBy } from '../state/symmetry.ts'
import { diffValues } from '../state/diff.ts'
import type { Change } from '../state/diff.ts'
import type { Value } from '../core/value.ts'
import { fingerprint, listA, listB, listStartA, listStartB, listStepA, listStepB } from '../state/fingerprint.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { ModelError, StateChangedError } from '../core/errors.ts'
import type { Property } from '../core/property.ts'
import type { Prepared } from './prepare.ts'
import { evaluate, preview } from './sink.ts'
import { NO_PARENT, VisitedSet } from './visited-set.ts'

/** Steps (initial states included) over which every run compares answers. */
export const WINDOW = 20_000
/** The same for each worker thread, after the coordinator's narrow first levels had the full
 * window: property answers cost more there (decoded states miss the models' memos; paxos-ballots2
 * on two workers took about 1 CPU-s more with 20,000 steps per thread). */
export const THREAD_WINDOW = 5_000

/** States kept for the error message (their answers are kept for every key). */
const KEEP_STATES = 20_000

/** With --debug, words per key after the answers: the own (not the key's) fingerprint of the
 * key's first state, then the hash of its successors' keys (`successorHash`). */
const STEP_WORDS = 4
/** Where each pair of them starts among those words. */
const OWN = 0
const STEPS = 2

/** Steps over which every run (and each worker) compares the steps of the states it merges (the
 * answers: WINDOW), as --debug does over the whole search. */
export const STEP_WINDOW = 300

/** New keys whose first state every run compares with its renamings (`againstImages`), as --debug
 * does every key's: a model with many renamings (2PC with 6 RMs: 720) pays for each. */
const IMAGE_KEYS = 10

/** With --debug under symmetry, renamings of each new key's first state whose steps are compared
 * (all of them up to this many; its answers are compared on every renaming). */
const STEP_IMAGES = 6

/** With --debug under a view, how far the futures of two merged states are walked together
 * (`walk`): steps from the merge, and pairs of states compared per merge; and, over the run,
 * pairs compared per key the search has met, which it expands once each, after the first
 * WALK_FIRST pairs (a pair costs two expansions: unbounded, the walk made --debug 10-15x slower on
 * raft-split-vote). */
const WALK_DEPTH = 6
const WALK_PAIRS = 64
const WALK_PER_KEY = 0.5
const WALK_FIRST = 1_000

export class KeySoundness {
  private readonly props: readonly (Property<unknown, unknown> & { holds: (c: unknown, s: unknown) => boolean })[]
  /** Answer words per key: one bit per safety property, then the constraint's. */
  private readonly words: number
  /** Words kept per key: the answers, and STEP_WORDS more (compared apart). */
  private readonly stride: number
  /** The keys met, numbered in order; `byKey` holds each one's words (`stride` per key), and
   * `states` the first KEEP_STATES keys' first states (for the message). */
  private keys = new VisitedSet()
  private byKey: Int32Array
  private readonly states: unknown[] = []
  private readonly answers: Int32Array
  private steps = 0
  private off = false
  /** Where the next key's renamings whose steps are compared begin (`againstImages`). */
  private turn = 0
  /** States met whose own fingerprint could not be taken (`ownFingerprint`). */
  private unhashed = 0
  /** States the future walk has walked from (their own fingerprints). */
  private walked = new VisitedSet()
  /** Pairs the future walk has compared, and keys met. */
  private walkedPairs = 0
  private keyCount = 0
  /**
   * On a worker thread with `--debug`: each key this thread meets first, as [hi, lo, its `stride`
   * words], for the coordinator to compare across threads (`merge`). Two threads can each keep a
   * state of one key; each compares its own states, and the coordinator compares the threads'
   * first answers, so every state of a key is compared with every other, by transitivity.
   */
  firsts: number[] | undefined

  constructor(
    private readonly p: Prepared,
    private readonly all: boolean,
    private readonly window = WINDOW,
  ) {
    this.props = p.safety as KeySoundness['props']
    this.words = ((this.props.length + 1 + 31) / 32) | 0
    this.stride = this.words + STEP_WORDS
    this.byKey = new Int32Array(this.stride * 1024)
    this.answers = new Int32Array(this.stride)
  }

  /** Whether the steps are compared at this step: with --debug, or over the first STEP_WINDOW. */
  private get stepping(): boolean {
    return this.all || this.steps <= STEP_WINDOW
  }

  /** Whether this check is over (the window has passed, without `--debug`). */
  get done(): boolean {
    return this.off || (!this.all && this.steps >= this.window)
  }

  /**
   * The state `s` (plain: `plain`), reached by `via` (null: an initial state), has the key whose
   * fingerprint is (hi, lo): keeps its answers if the key is new, else compares them with the
   * answers of the state first met with it.
   */
  met(hi: number, lo: number, s: unknown, plain: unknown, via: Action | null): void {
    if (this.off) return
    if (++this.steps >= this.window && !this.all) {
      // The last step of the window: compared below, then what the window kept is dropped.
      this.off = true
      this.check(hi, lo, s, plain, via)
      return this.release()
    }
    this.check(hi, lo, s, plain, via)
  }

  private check(hi: number, lo: number, s: unknown, plain: unknown, via: Action | null): void {
    try {
      this.answer(s, plain)
    } catch {
      // A property (or the constraint) that throws is the search's to report, where it checks it
      // (a property decided early is not evaluated again there): this check stops.
      this.off = true
      return this.release()
    }
    const stepping = this.stepping
    if (stepping) this.ownFingerprint(plain)
    else this.answers.fill(0, this.words)
    const k = this.keys.insert(hi, lo, NO_PARENT, 0)
    if (k < 0) return this.compare(-k - 1, s, plain, via)
    this.keyCount = k + 1
    if (stepping) {
      if (!this.successorHash(s)) return
      if (this.all || k < IMAGE_KEYS) this.againstImages(plain, via)
      // A renaming whose `next` throws stopped the check (and dropped its table).
      if (this.off) return
    }
    this.keep(k, plain)
    if (this.firsts) {
      this.firsts.push(hi, lo)
      for (let j = 0; j < this.stride; j++) this.firsts.push(this.answers[j] as number)
    }
  }

  /** While steps are compared (`stepping`): the fingerprint of `plain` itself into `answers`,
   * after the answers, so that a state met again is not expanded again. A state that is not plain
   * data as a whole (a view keys it) gets a number of its own: every such state met again is
   * expanded. */
  private ownFingerprint(plain: unknown): void {
    try {
      fingerprint(plain, own)
    } catch {
      own.hi = -1
      own.lo = ++this.unhashed
    }
    this.answers[this.words + OWN] = own.hi
    this.answers[this.words + OWN + 1] = own.lo
  }

  /**
   * The hash of the set of keys of the successors of `s` (`plain`) into the last two
   * words of `answers` (0, 0 where the constraint leaves it unexpanded, as the constraint's answer
   * in `answers` says: both states then answer the constraint alike, or that is reported first). False where `next` or a key throws: the
   * search reports that where it expands a state; this check stops. Not a write into the state
   * (`StateChangedError`), thrown as it is: the state is no longer the one the search reached, and
   * its own expansion would find nothing changed (the write done), so no error at all.
   */
  private successorHash(s: unknown): boolean {
    const at = this.words + STEPS
    this.answers[at] = 0
    this.answers[at + 1] = 0
    if (this.cut(this.answers)) return true
    let keys: Int32Array
    try {
      keys = this.successorKeys(s).keys
    } catch (e) {
      if (e instanceof StateChangedError) throw e
      this.off = true
      this.release()
      return false
    }
    let a = listStartA(keys.length)
    let b = listStartB(keys.length)
    for (let i = 0; i < keys.length; i++) {
      a = listStepA(a, keys[i] as number)
      b = listStepB(b, keys[i] as number)
    }
    this.answers[at] = listA(a)
    this.answers[at + 1] = listB(b)
    return true
  }

  /** The steps of `s` with their successors' keys, and the set of those keys as sorted,
   * distinct (hi, lo) pairs. */
  private successorKeys(s: unknown): { readonly steps: readonly (readonly [Action, number, number, unknown])[]; readonly keys: Int32Array } {
    const steps = this.p.expand(s).map(([a, t]): readonly [Action, number, number, unknown] => {
      this.p.fingerprintOf(t, a, key)
      return [a, key.hi, key.lo, t]
    })
    const sorted = [...steps].sort((x, y) => x[1] - y[1] || x[2] - y[2])
    const keys: number[] = []
    for (const [, h, l] of sorted) {
      if (keys.length > 0 && keys[keys.length - 2] === h && keys[keys.length - 1] === l) continue
      keys.push(h, l)
    }
    return { steps, keys: Int32Array.from(keys) }
  }

  /** `first` and `again` (two states with one key) have different successor
   * keys; the error names a step of one whose key no step of the other reaches. `first` is
   * undefined where that state is not kept (or was met on another thread). */
  private stepsError(first: unknown, again: unknown, via: Action | null, image: boolean): ModelError {
    const p = this.p
    const { what, same } = this.naming()
    const keep = p.model.view
      ? 'a view must keep what decides the steps: two states with one view must have the same successors up to the view'
      : 'the model must treat the interchangeable ids alike: a renamed state must have the renamed steps'
    const reached = via ? ` (reached by ${actionLabel(via)})` : ''
    const head = `model ${p.model.name}: its ${what} is unsound: two states ${same} have different successors, so the search's result depends on which of them it meets first (${keep})`
    if (again === undefined) return new ModelError(`${head}: two states met on different worker threads (or processes)${first === undefined ? '' : `, one of them ${preview(first, 200)}`}`)
    if (first === undefined) return new ModelError(`${head}: state ${preview(again, 200)}${reached} and a state met earlier`)
    const name = (x: unknown): string => (x === first ? (image ? `the renaming ${preview(x, 200)}` : `state ${preview(x, 200)}`) : `state ${preview(x, 200)}${reached}`)
    const x = this.successorKeys(first)
    const y = this.successorKeys(again)
    const within = (keys: Int32Array, h: number, l: number): boolean => {
      for (let i = 0; i < keys.length; i += 2) if (keys[i] === h && keys[i + 1] === l) return true
      return false
    }
    for (const [from, to, other] of [
      [first, x, y],
      [again, y, x],
    ] as const) {
      const step = to.steps.find(([, h, l]) => !within(other.keys, h, l))
      if (step) return new ModelError(`${head}: ${actionLabel(step[0])} from ${name(from)} leads to a state whose ${what === 'view' ? 'view' : 'orbit'} no step of ${name(from === first ? again : first)} reaches${differences(first, again)}`)
    }
    return new ModelError(`${head}: ${name(first)} and ${name(again)}${differences(first, again)}`)
  }

  /**
   * Under symmetry (with --debug, or for the first IMAGE_KEYS keys), a new key's first state
   * against every renaming of it where the model gives them (`Model.symmetryImages`: the actor
   * harness's `symmetricNodes`): their answers, and some of their steps. The states met alone may
   * never show a property that names one of the interchangeable ids: with two clients, the mirror
   * image of each state that answered was never generated, and a counterexample of 10 states was
   * reported where the shortest has 5. `answers` are kept.
   */
  private againstImages(plain: unknown, via: Action | null): void {
    const p = this.p
    if (!p.symmetry || p.model.view !== undefined || plain === undefined) return
    let renamed: ReturnType<KeySoundness['imagesOf']>
    try {
      renamed = this.imagesOf(plain)
    } catch {
      return // a symmetry that throws is the search's to report, where it keys the state
    }
    if (renamed === undefined) return
    const { images, states } = renamed
    const mine = this.answers.slice()
    // The steps of STEP_IMAGES renamings per key, the next ones in turn from key to key, where
    // there are more (2PC with 6 RMs has 720): every renaming meets many states, at a few
    // expansions per key.
    const from = images.length <= STEP_IMAGES ? 0 : (this.turn = (this.turn + STEP_IMAGES) % images.length)
    try {
      for (let i = 0; i < images.length; i++) {
        const image = images[i]
        if (image === plain) continue
        try {
          this.answer(image, image)
        } catch {
          return // a property that throws is the search's to report, where it checks it
        }
        const bit = this.firstDifference(mine, 0)
        if (bit >= 0) throw this.error(bit, image, plain, via, true)
        if (!states || (i - from + images.length) % images.length >= STEP_IMAGES) continue
        if (!this.successorHash(image)) return
        if (!this.agrees(mine, this.words, STEPS)) throw this.stepsError(image, plain, via, true)
      }
    } finally {
      this.answers.set(mine)
    }
  }

  /** Every renaming of `plain`: the model's (`symmetryImages`), or, for a hand-written
   * `symmetry`, those of the `canonicalize` call it makes and its representative; `states`: they
   * are renamings of the state, whose steps can be compared (not a bare representative, which a
   * symmetry may give in a shape of its own: its answers alone are compared). (With the
   * representative alone, a property naming an interchangeable id was reported holding where the
   * full search violates it, --debug included.) */
  private imagesOf(plain: unknown): { readonly images: readonly unknown[]; readonly states: boolean } | undefined {
    const { model, config } = this.p
    if (model.symmetryImages !== undefined) return { images: [...model.symmetryImages(config, plain)], states: true }
    const symmetry = model.symmetry
    if (symmetry === undefined) return undefined
    const { representative, images } = imagesBy((s: unknown) => symmetry.call(model, config, s), plain)
    return images === undefined ? { images: [representative], states: false } : { images: [representative, ...images], states: true }
  }

  /** A worker thread's `firsts`: each key's answers, compared with (or kept as) this table's. */
  merge(firsts: Int32Array): void {
    if (this.off) return
    const w = this.stride
    for (let at = 0; at < firsts.length; at += 2 + w) {
      this.answers.set(firsts.subarray(at + 2, at + 2 + w))
      const k = this.keys.insert(firsts[at] as number, firsts[at + 1] as number, NO_PARENT, 0)
      if (k < 0) this.compare(-k - 1, undefined, undefined, null)
      // No state for the message: it stayed on its thread.
      else this.keep(k, undefined)
    }
  }

  /** The new key `k`'s answers (`answers`), and its first state while there is room for it. */
  private keep(k: number, plain: unknown): void {
    const w = this.stride
    if ((k + 1) * w > this.byKey.length) {
      const bigger = new Int32Array(this.byKey.length * 2)
      bigger.set(this.byKey)
      this.byKey = bigger
    }
    this.byKey.set(this.answers, k * w)
    if (k < KEEP_STATES) this.states.push(plain)
  }

  /** Drops what the window kept, once it has passed (a worker thread keeps this object for the
   * whole run). */
  private release(): void {
    this.states.length = 0
    this.keys = new VisitedSet(1)
    this.walked = new VisitedSet(1)
    this.byKey = new Int32Array(0)
  }

  /** The answers of `s` into `answers`. */
  private answer(s: unknown, plain: unknown): void {
    const a = this.answers
    a.fill(0, 0, this.words)
    const props = this.props
    const config = this.p.config
    for (let i = 0; i < props.length; i++) {
      const q = props[i] as KeySoundness['props'][number]
      if (evaluate(this.p.model.name, q.name, q.holds, config, s)) a[i >> 5] = (a[i >> 5] as number) | (1 << (i & 31))
    }
    const constraint = this.p.constraint
    const c = props.length
    if (constraint && constraint(plain)) a[c >> 5] = (a[c >> 5] as number) | (1 << (c & 31))
  }

  /** Key `k`'s answers against `answers`: the first that differs is an error. While steps are
   * compared (`stepping`), then its successors, unless the two are one state (`s`, `plain`: the state met again;
   * undefined: merged from a worker thread, whose successor hash is in `answers`). */
  private compare(k: number, s: unknown, plain: unknown, via: Action | null): void {
    const first = k < KEEP_STATES ? this.states[k] : undefined
    const bit = this.firstDifference(this.byKey, k * this.stride)
    if (bit >= 0) throw this.error(bit, first, plain, via)
    // (Merged from a worker without --debug, its first state's steps may be past its window.)
    if (plain === undefined ? !this.all : !this.stepping) return
    const at = k * this.stride + this.words
    if (this.agrees(this.byKey, at, OWN)) return
    if (plain !== undefined && !this.successorHash(s)) return
    if (!this.agrees(this.byKey, at, STEPS)) throw this.stepsError(first, plain, via, false)
    if (this.all && this.p.model.view !== undefined && first !== undefined && plain !== undefined) this.walk(first, plain, via)
  }

  /**
   * With --debug under a view: the futures of two merged states (`first`, kept under the key,
   * and `again`), walked together. They agree here — answers and successor keys — yet may differ
   * a few steps on (a view that drops a history variable a property reads later): the search
   * never generates the merged state's successors. Breadth first, up to WALK_DEPTH steps and
   * WALK_PAIRS pairs, each step of one is paired with a step of the other to the same key (the
   * same action where there is one) and the two successors compared as `compare` compares two
   * states met under one key. Every such state is reachable (the walk expands no state the
   * constraint cuts, as the search does not), so a difference is the rule `compare` applies,
   * broken by states the search did not meet: never a false alarm, whichever steps are paired.
   * What it leaves out: pairs past the bounds (WALK_DEPTH, WALK_PAIRS, and WALK_FIRST pairs and
   * WALK_PER_KEY more per key the search met so far: later merges are walked as that allows),
   * merges onto keys past the first KEEP_STATES (whose first states it does not keep), merges
   * across worker threads, states walked from before, and other pairings (a difference that shows
   * only between successors it did not pair).
   */
  private walk(first: unknown, again: unknown, via: Action | null): void {
    // Two merged states the constraint cuts (both alike: their answers agree) are not expanded by
    // the search: their futures are no states of it (walked, a property that fails only there was
    // reported as an unsound view, where the search with or without the view finds it holding).
    if (this.cut(this.answers)) return
    const saved = this.answers.slice()
    type Steps = ReturnType<KeySoundness['successorKeys']>
    try {
      // Each pair to walk from carries its states' own fingerprints (`pairIsNew`), recorded as
      // walked once every step from it has been compared: a pair left for the budget, or at the
      // last depth, is not recorded, so that a later merge reaching it sooner walks on from it.
      let level: [Steps, Steps, readonly Action[], readonly number[] | null][] = [[this.successorKeys(first), this.successorKeys(again), [], null]]
      let pairs = 0
      for (let depth = 1; depth <= WALK_DEPTH && level.length > 0; depth++) {
        const next: typeof level = []
        for (const [x, y, path, own] of level) {
          for (const [act, h, l, t] of x.steps) {
            const label = actionLabel(act)
            let u: Steps['steps'][number] | undefined
            for (const step of y.steps) {
              if (step[1] !== h || step[2] !== l) continue
              if (u === undefined || actionLabel(step[0]) === label) u = step
              if (actionLabel(step[0]) === label) break
            }
            // The successor keys agreed, so there is one; a view that throws is the search's.
            if (u === undefined) continue
            const tu = u[3]
            const along = [...path, act]
            if (pairs >= WALK_PAIRS || this.walkedPairs >= WALK_FIRST + WALK_PER_KEY * this.keyCount) return
            const fps = this.pairIsNew(t, tu)
            if (fps === null) continue
            pairs++
            this.walkedPairs++
            this.answer(t, t)
            const mine = this.answers.slice(0, this.words)
            this.answer(tu, tu)
            const bit = this.firstDifference(mine, 0)
            if (bit >= 0) throw this.walkError(this.error(bit, t, tu, null), first, again, via, along)
            // Neither is expanded by the search where the constraint leaves them (both answer it alike).
            if (this.cut(mine)) continue
            const xt = this.successorKeys(t)
            const yt = this.successorKeys(tu)
            if (!sameKeys(xt.keys, yt.keys)) throw this.walkError(this.stepsError(t, tu, null, false), first, again, via, along)
            next.push([xt, yt, along, fps])
          }
          if (own !== null) for (let k = 0; k < own.length; k += 2) this.walked.insert(own[k] as number, own[k + 1] as number, NO_PARENT, 0)
        }
        level = next
      }
    } catch (e) {
      if (e instanceof ModelError || e instanceof StateChangedError) throw e
      // A step or property that throws is the search's to report where it meets it (if it does).
    } finally {
      this.answers.set(saved)
    }
  }

  /** Whether the constraint cuts the state whose answers are `a` (the search keeps it, unexpanded). */
  private cut(a: Int32Array): boolean {
    const c = this.props.length
    return this.p.constraint !== undefined && ((a[c >> 5] as number) & (1 << (c & 31))) === 0
  }

  /** Whether the walk should compare states `a` and `b`: null where they are one state (whose
   * futures are the same) or where it has walked from both already (by their own fingerprints;
   * the futures of many merges meet, and each state's is walked once), else the two
   * fingerprints, which `walk` records once it has walked from the pair. */
  private pairIsNew(a: unknown, b: unknown): readonly number[] | null {
    this.ownFingerprint(a)
    const ah = this.answers[this.words + OWN] as number
    const al = this.answers[this.words + OWN + 1] as number
    this.ownFingerprint(b)
    const bh = this.answers[this.words + OWN] as number
    const bl = this.answers[this.words + OWN + 1] as number
    if (ah === bh && al === bl && ah !== -1) return null
    return this.walked.has(ah, al) && this.walked.has(bh, bl) ? null : [ah, al, bh, bl]
  }

  /** An error the walk found between two successors, said as where it comes from: the two merged
   * states and the steps taken from each. */
  private walkError(e: ModelError, first: unknown, again: unknown, via: Action | null, path: readonly Action[]): ModelError {
    const reached = via ? ` (reached by ${actionLabel(via)})` : ''
    const steps = path.map((a) => actionLabel(a)).join(', ')
    return new ModelError(
      `${e.message} — states the search never generates: ${path.length} step${path.length === 1 ? '' : 's'} (${steps}) on from two states it merged, state ${preview(first, 200)} and state ${preview(again, 200)}${reached}, which agree where they merge${differences(first, again)}`,
    )
  }

  /** Whether the two step words at `at + part` of `known` (a state's own fingerprint, OWN, or its
   * successors' hash, STEPS) are those in `answers`. */
  private agrees(known: ArrayLike<number>, at: number, part: typeof OWN | typeof STEPS): boolean {
    const w = this.words + part
    return known[at + part] === this.answers[w] && known[at + part + 1] === this.answers[w + 1]
  }

  /** The first answer (bit) in which `answers` differs from the words of `known` from `at`, or -1. */
  private firstDifference(known: ArrayLike<number>, at: number): number {
    for (let j = 0; j < this.words; j++) {
      const diff = ((known[at + j] as number) ^ (this.answers[j] as number)) >>> 0
      if (diff !== 0) return 32 * j + (31 - Math.clz32(diff & -diff))
    }
    return -1
  }

  private error(bit: number, first: unknown, again: unknown, via: Action | null, image = false): ModelError {
    const p = this.p
    const { what, same } = this.naming()
    const keep = p.model.view ? 'make the view keep what it reads' : 'it must give the same answer on every renaming of a state'
    const met = (x: unknown): string => (x === undefined ? 'a state met on a worker (thread or process)' : `state ${preview(x, 200)}`)
    const states = image
      ? `${met(again)}${via ? ` (reached by ${actionLabel(via)})` : ''} and its renaming ${preview(first, 200)}`
      : `${first === undefined ? 'a state met earlier' : met(first)} and ${met(again)}${via ? ` (reached by ${actionLabel(via)})` : ''}`
    if (bit === this.props.length) {
      const read = p.model.view ? 'only what the view keeps' : 'no particular id of the symmetric ones'
      return new ModelError(`spec ${p.spec.name}: its constraint is unsound under the model's ${what}: two states ${same} disagree on it, so the states searched depend on the order of the search (make the constraint read ${read}): ${states}`)
    }
    const name = this.nameOf(bit)
    return new ModelError(`model ${p.model.name}: its ${what} is unsound for property ${name}: two states ${same} disagree on it (${keep}): ${states}${differences(first, again)}`)
  }

  /** How the messages name the key, and two states that share one. */
  private naming(): { readonly what: 'view' | 'symmetry'; readonly same: string } {
    return this.p.model.view ? { what: 'view', same: 'with the same view' } : { what: 'symmetry', same: 'in one symmetry orbit (renamings of each other)' }
  }

  /** The property answer `bit` belongs to: a checked one, or the situation (`when`) a checked one
   * is about, which a hidden witness tracks. */
  private nameOf(bit: number): string {
    const p = this.p
    if (bit < p.reported) return (p.safety[bit] as Property<unknown, unknown>).name
    const owner = p.antecedent.findIndex((w) => w === bit)
    return owner >= 0 ? `${(p.safety[owner] as Property<unknown, unknown>).name} (the situation it is about)` : (p.safety[bit] as Property<unknown, unknown>).name
  }
}

const sameKeys = (a: Int32Array, b: Int32Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** Registers: a successor's key, and a state's own fingerprint. */
const key: Fingerprint = { hi: 0, lo: 0 }
const own: Fingerprint = { hi: 0, lo: 0 }

/** `; they differ in path: a → b, ...`: where two states a message names differ (their previews
 * are cut at 200 characters, which can hide it: a network after the nodes). Empty where either
 * is not at hand. */
function differences(first: unknown, again: unknown): string {
  if (first === undefined || again === undefined) return ''
  let changes: Change[]
  try {
    changes = diffValues(first as Value, again as Value)
  } catch {
    return '' // not plain data (a view keys such states): the previews are all there is
  }
  if (changes.length === 0) return ''
  const show = (v: Value | undefined): string => (v === undefined ? '(none)' : preview(v, 80))
  const line = (c: Change): string => {
    const at = c.path || '(state)'
    return c.kind === 'set' ? `${at}: ${show(c.from)} → ${show(c.to)}` : `${at}: ${c.kind === 'add' ? '+' : '-'} ${show(c.value)}`
  }
  const more = changes.length > 4 ? ` and ${changes.length - 4} more` : ''
  return `; they differ in ${changes.slice(0, 4).map(line).join(', ')}${more}`
}
