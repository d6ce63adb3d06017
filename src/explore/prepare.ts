/**
 * Everything an explorer needs from a spec, resolved once: the configuration, the properties to
 * check, the state key (view / symmetry), and `expand`, which calls the model's `next` with the
 * error handling and debug-mode checks every explorer shares.
 */
import { closest } from '../core/edit-distance.ts'
import { checkSpecShape, isProperty } from '../core/spec-shape.ts'
import { isIterable } from '../core/value.ts'
import { fileSafe } from '../core/file-safe.ts'
import { schemaProblem } from '../state/schema.ts'
import { unsortedSet } from '../state/unsorted-set.ts'
import { traceShape } from '../state/trace-value.ts'
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { ModelError, StateChangedError, StateNamedError, StepThrew, UsageError, atFrame, errorMessage, marked, option } from '../core/errors.ts'
import type { Fairness } from '../core/fairness.ts'
import type { AnyModel, DebugCheck } from '../core/model.ts'
import { ASLEEP, declaredActions } from '../core/model.ts'
import { HARNESS_STEPS, fairnessName, undeclaredFairness } from '../core/fairness.ts'
import type { CheckOptions } from '../core/options.ts'
import type { Property } from '../core/property.ts'
import { isSafety } from '../core/property.ts'
import type { AnySpec, Params } from '../core/spec.ts'
import { resolveConfig } from '../core/spec.ts'
import { validateParams } from '../core/params.ts'
import { withAntecedents } from './antecedents.ts'
import { deepFreeze } from '../state/freeze.ts'
import {
  StateValueError,
  compileSchemaHasher,
  explainBadValue,
  explainSchemaMismatch,
  fingerprint,
  fp,
  recordFingerprintParts,
  rememberFingerprintParts,
} from '../state/fingerprint.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import { CanonicalCache } from './canonical-cache.ts'
import { preview, withState } from './sink.ts'
import { guardedInit, guardedSetup } from './step-watchdog.ts'
import type { Schema } from '../core/schema.ts'

export type Step = readonly [Action, unknown]

export interface Prepared {
  readonly spec: AnySpec
  readonly model: AnyModel
  /** The model's properties for this configuration (`Model.properties`, then `propertiesFor`, checked);
   * `safety` and `liveness` hold those checked. */
  readonly properties: readonly Property<unknown, unknown>[]
  readonly config: unknown
  readonly params: Params
  /** The parameters given (`--param`) that the spec's config function did not read: they changed
   * nothing (one read only under another's value, as `rival` only with `leader`). Defaults the
   * config does not read are not listed: a bundled spec's parameter may matter only with others. */
  readonly unreadParams: readonly string[]
  /** The safety properties to check, in the model's order, then the hidden witnesses of what
   * the invariants are about (`antecedents.ts`): explorers check them all alike. */
  readonly safety: readonly Property<unknown, unknown>[]
  /** How many of `safety` are reported (the checked ones); the rest are hidden witnesses. */
  readonly reported: number
  /** Per entry of `safety`: the index of the witness of the situation it is about, or -1. */
  readonly antecedent: readonly number[]
  /** The liveness properties to check, in the model's order. */
  readonly liveness: readonly Property<unknown, unknown>[]
  readonly fairness: readonly Fairness[]
  readonly deadlock: boolean
  readonly symmetry: boolean
  readonly constraint: ((state: unknown) => boolean) | undefined
  readonly debug: boolean
  /** The name a step counts under in coverage (`Model.coverageName`, else its action's name). */
  coverageName(action: Action): string
  /** Every name coverage can count for this configuration (`Model.coverageNames`, else the
   * declared actions; none declared: empty), for the names never taken. */
  readonly coverageNames: readonly string[]
  initStates(): readonly unknown[]
  /** The model's steps from `state`, checked (plain values, determinism in debug mode). */
  expand(state: unknown, asleep?: readonly unknown[]): readonly Step[]
  /** Fingerprints `state` (through the view or symmetry) into `out`; `via` names the action. */
  fingerprintOf(state: unknown, via: Action | null, out: Fingerprint): void
  /** `fingerprintOf` for a state about to be expanded: the hashes of its parts are kept, at every
   * depth, for fingerprinting its successors, which share most of them by identity. */
  fingerprintParent(state: unknown, out: Fingerprint): void
  /** For a state about to be expanded whose own fingerprint is not wanted (a view or symmetry
   * keys the states): under symmetry, its parts are kept for the successors' entries in the table
   * of canonical fingerprints (`CanonicalCache`); otherwise nothing. */
  keepParts(state: unknown): void
}

export function prepare(spec: AnySpec, options: CheckOptions): Prepared {
  checkSpecShape(spec)
  const model = spec.model
  const params = validateParams(spec, options.params)
  // The configuration, its validation and the declared actions run under the step watchdog: a
  // loop there hung the process, deaf to every signal but SIGKILL.
  // Which parameters given (`--param`) the config reads: tracked only when some are given.
  const read = Object.keys(params).length > 0 ? new Set<string>() : undefined
  const config = guardedSetup(options.stepTimeoutSeconds, spec.name, 'building the configuration', () => resolveConfig(spec, params, read))
  if (isThenable(config)) throw new ModelError(`spec ${spec.name}: config returned a Promise (config must be synchronous)`)
  const invalid = model.validate === undefined ? undefined : guardedSetup(options.stepTimeoutSeconds, spec.name, `model ${model.name}'s validate`, () => model.validate?.(config))
  if (invalid !== undefined && invalid !== null && invalid !== '' && (invalid as unknown) !== false) {
    if (typeof invalid !== 'string') throw new ModelError(`model ${model.name}: validate returned ${preview(invalid, 60)}, not a message (a string) or undefined`)
    throw new UsageError(`spec ${spec.name}: ${invalid}`)
  }
  // A list of names the model gives (`what`: the member), run under the watchdog and checked.
  const names = (what: 'actions' | 'coverageNames', given: string, list: () => unknown): readonly string[] => {
    const listed = guardedSetup(options.stepTimeoutSeconds, spec.name, `model ${model.name}'s ${what}`, list) as unknown
    if (!Array.isArray(listed) || !listed.every((a) => typeof a === 'string')) throw new ModelError(`model ${model.name}: ${what} ${given} ${preview(listed, 60)}, not a list of ${what === 'actions' ? 'action names' : 'names'} (strings)`)
    return listed
  }
  // The actions the model declares, once (the fairness groups are checked against them below).
  const declared = model.actions === undefined ? undefined : names('actions', typeof model.actions === 'function' ? 'returned' : 'is', () => declaredActions(model, config))
  // The names coverage counts under, where the model names steps apart from their actions (the
  // actor harness: a delivery by its message's type); `expect.neverTaken` is in these names.
  const counted = model.coverageNames === undefined ? declared : names('coverageNames', 'returned', () => model.coverageNames?.(config))

  const properties = propertiesFor(spec, model, config, options.stepTimeoutSeconds)
  const deadlock = options.deadlock ?? spec.deadlock ?? false
  // `--property Deadlock` with deadlock checking on (and no property of that name) asks for the
  // deadlock check alone: the line printed to reproduce a deadlock says so.
  const deadlockOnly = (name: string): boolean => deadlock && name === 'Deadlock' && !properties.some((p) => p.name === name)
  // `--property P` where the model has no P but has P(...)s (made by `propertiesFor`, one per
  // node: TLA+'s `\A p \in S : P(p)` checked as one property by TLC) chooses all of those.
  const family = (name: string): readonly string[] => {
    if (properties.some((p) => p.name === name)) return [name]
    const members = properties.filter((p) => p.name.startsWith(name + '(') && p.name.endsWith(')')).map((p) => p.name)
    return members.length > 0 ? members : [name]
  }
  const named = options.properties.filter((n) => !deadlockOnly(n)).flatMap(family)
  const wanted = options.properties.length > 0 ? named : (spec.check ?? []).flatMap(family)
  // Verdicts, traces, `check` and `--property` go by name: two properties of one name were merged
  // (a liveness pair reported the last one's verdict for both, "holds" for a violated one).
  const twice = properties.find((p, i) => properties.findIndex((q) => q.name === p.name) !== i)
  if (twice) throw new ModelError(`model ${model.name}: two properties are named ${twice.name}; give each its own name`)
  // Their trace files are named after them: two names a file name cannot tell apart would share one.
  const sameFile = properties.find((p, i) => properties.findIndex((q) => fileSafe(q.name) === fileSafe(p.name)) !== i)
  if (sameFile) {
    const first = properties.find((q) => fileSafe(q.name) === fileSafe(sameFile.name)) as { name: string }
    throw new ModelError(`model ${model.name}: properties ${first.name} and ${sameFile.name} would both write the trace file ${fileSafe(sameFile.name)}.itf.json; give one a name of its own there`)
  }
  const byName = new Map(properties.map((p) => [p.name, p]))
  // An empty list read as "no choice made" checked every property: a spec that means to check
  // nothing is a mistake, and one that means all leaves `check` out.
  if (spec.check !== undefined && spec.check.length === 0) {
    throw new UsageError(`spec ${spec.name}: check is an empty list, which would check no property; leave check out to check all of model ${model.name}'s properties${byName.size > 0 ? ` (${[...byName.keys()].join(', ')})` : ''}`)
  }
  for (const name of wanted) {
    if (!byName.has(name)) {
      // (Named by the spec's own `check` list, the mistake is in the spec file, not a flag.)
      const where = options.properties.length > 0 ? `unknown property '${name}' for spec ${spec.name}` : `spec ${spec.name}: its check list names '${name}', not a property of model ${model.name}`
      const near = closest(name, [...byName.keys()])
      throw new UsageError(`${where}${near.length > 0 ? `; did you mean ${near.join(', or ')}?` : ''} (known: ${[...byName.keys()].join(', ')})`)
    }
  }
  validExpectation(spec, byName, counted)
  const chosen = wanted.length > 0 || named.length < options.properties.length ? properties.filter((p) => wanted.includes(p.name)) : properties
  const symmetry = options.symmetry ?? spec.symmetry ?? false
  // Who asked: the option (`--symmetry`) or the spec's own `symmetry: true`.
  const asked = options.symmetry === true ? `${option('symmetry')} asks for symmetry` : 'symmetry requested (the spec\'s symmetry: true)'
  if (symmetry && !model.symmetry) {
    throw new UsageError(`spec ${spec.name}: ${asked} but model ${model.name} declares none (a model gives \`symmetry\`, an actor model \`symmetricNodes\`: README, "Symmetry and views")`)
  }
  // A view identifies the states itself: symmetry on top of it would be silently ignored.
  if (symmetry && model.view) {
    throw new UsageError(`spec ${spec.name}: ${asked} but model ${model.name} has a view, which keys its states instead; rename in the view (as models/raft-split-vote.ts's symmetricView does), or check without ${option('symmetry')}`)
  }
  const fairness = fairnessOf(spec, model, config, options.stepTimeoutSeconds)
  refuseUnknownFairness(spec, model, declared, fairness)
  const debug = options.debug
  const view = model.view
  const sym = symmetry ? model.symmetry : undefined
  const constraint = spec.constraint

  // A declared schema compiles the fingerprint of the state itself, and of a symmetry
  // representative (a state too: `symmetry` maps states to states); not of a view, which has a
  // shape of its own.
  let schema: Schema | undefined
  try {
    schema = !view ? model.schema?.(config) : undefined
  } catch (e) {
    throw new ModelError(`model ${model.name}: schema threw: ${errorMessage(e)}${atFrame(e)}`)
  }
  const malformed = schema === undefined ? undefined : schemaProblem(schema)
  if (malformed !== undefined) throw new ModelError(`model ${model.name}: its schema ${malformed}`)
  // The sets and bags it declares are checked on the initial states, and with --debug on every
  // state (`unsorted-set.ts`: one set in two orders would be two states).
  const declaredSets = schema
  // A model's own fingerprint (a packed model's: its words, as the packed BFS hashes them).
  const own = !view ? model.stateFingerprint?.(config) : undefined
  const ownHash = !sym ? own : undefined
  if (sym && own) schema = undefined
  const compiled = schema ? compileSchemaHasher(schema) : undefined
  // A representative the schema does not describe (a relabelling that builds another shape) is
  // hashed by the generic walk from then on: the two agree on every value the schema describes,
  // so switching mid-search keeps every fingerprint. Not when the state itself is outside the
  // schema (given `state`): that is the model's mistake, reported as without symmetry (it used to
  // switch, and no state was checked against the schema again).
  let representativeFits = true
  const hashRepresentative = (k: unknown, out?: Fingerprint, state?: unknown): void => {
    if (compiled && representativeFits) {
      try {
        return compiled(k, out)
      } catch (e) {
        if (!(e instanceof StateValueError)) throw e
        if (schema && state !== undefined && explainSchemaMismatch(schema, state)) throw e
        representativeFits = false
      }
    }
    fingerprint(k, out)
  }
  const hash = ownHash ?? (sym ? hashRepresentative : (compiled ?? fingerprint))
  // A model that hashes its representative without building it (`Model.symmetryFingerprint`):
  // the same fingerprint, one relabelled state fewer per successor. Not under a view, which
  // identifies states instead (as below).
  const symFingerprint = sym && !view && model.symmetryFingerprint ? model.symmetryFingerprint.bind(model) : undefined
  const key = view
    ? (s: unknown) => view(config, s)
    : sym
      ? (s: unknown) => sym(config, s)
      : undefined

  let expanded = 0
  let watch = options.mutationCheck
  // An action is written into trace files with its state: a value no trace can hold (a function,
  // undefined, a non-finite number, a class instance, itself) was found only once a
  // counterexample was written, after the verdict. Checked with the states the mutation check
  // samples (the first 1,000 expanded, then one in 64; none with mutationCheck off), each action
  // object once: an action first met outside the sample still fails where its trace is written.
  const checkedActions = new WeakSet<object>()
  const plainActions = (steps: readonly Step[]): void => {
    for (const [a] of steps) {
      if (checkedActions.has(a)) continue
      let bad: string | undefined
      try {
        bad = untraceable(a, 'action', [])
      } catch (e) {
        if (!(e instanceof RangeError)) throw e
        bad = 'action is nested too deeply'
      }
      if (bad !== undefined) throw new ModelError(`model ${model.name}: action ${/contains itself|too deeply/.test(bad) ? String(a.name) : actionLabel(a)} holds a value a trace cannot: ${bad}`)
      checkedActions.add(a)
    }
  }
  /** `next`, checked not to write into `state` (out of line: most expansions skip the check). */
  const nextWatched = (state: unknown, asleep: readonly unknown[] | undefined, early: boolean): readonly Step[] => {
    try {
      fingerprint(state)
    } catch {
      // Not plain data as a whole (a view or symmetry makes the key): no check for this model.
      watch = false
      return callNext(model, config, state, asleep)
    }
    const hi = fp.hi
    const lo = fp.lo
    // Early on, a copy of the state as it was: if an action writes into it, `next` runs again on
    // the copy, frozen, to name that action (the written state may no longer enable it).
    const before = early ? copyOf(state) : undefined
    const steps = callNext(model, config, state, asleep)
    unchanged(model, config, state, hi, lo, before)
    plainActions(steps)
    return steps
  }
  /** The model error for a state (`k`: its key) that failed its fingerprint with `e`: a value that
   * is not plain data, or a state outside the schema, each with its path. */
  const badValue = (k: unknown, state: unknown, via: Action | null, e: StateValueError): ModelError => {
    const where = via ? `action ${actionLabel(via)}` : 'init'
    const bad = explainBadValue(k) ?? (k === state ? undefined : explainBadValue(state))
    if (bad) return new ModelError(`model ${model.name}: ${where} produced a non-plain value: ${bad.message}`)
    const outside = schema ? explainSchemaMismatch(schema, state) : undefined
    if (outside) return new ModelError(`model ${model.name}: ${where} produced a state outside its schema: ${outside.message}`)
    return new ModelError(`model ${model.name}: ${where} produced a bad value: ${e.message}`)
  }
  /** `fingerprintOf`: the fingerprint of `state`, through the view or symmetry, into `out`. */
  const canonicalKey = (state: unknown, via: Action | null, out: Fingerprint): void => {
    if (symFingerprint) {
      try {
        symFingerprint(config, state, out)
      } catch (e) {
        if (e instanceof ModelError) throw e
        throw new ModelError(`model ${model.name}: symmetryFingerprint threw: ${errorMessage(e)}${atFrame(e)}`)
      }
      // (The representative is built inside: canonicalising may fingerprint candidates.)
      if (debug) sameFingerprint(model.name, out, (into) => hash((sym as NonNullable<typeof sym>)(config, state), into), via, ": symmetryFingerprint differs from the fingerprint of symmetry's representative")
      return
    }
    let k: unknown = state
    if (key) {
      try {
        k = key(state)
      } catch (e) {
        if (e instanceof ModelError) throw e
        throw new ModelError(`model ${model.name}: view/symmetry threw: ${errorMessage(e)}${atFrame(e)}`)
      }
    }
    try {
      if (sym) hashRepresentative(k, out, state)
      else hash(k, out)
      // (Not a model's own fingerprint, which hashes another form of the state.)
      if (debug && compiled && ownHash === undefined) sameFingerprint(model.name, out, (into) => fingerprint(k, into), via, " produced a state whose schema fingerprint differs from the generic one (a checker bug: please report)")
    } catch (e) {
      if (e instanceof ModelError) throw e
      const where = via ? `action ${actionLabel(via)}` : 'init'
      if (e instanceof StateValueError) throw badValue(k, state, via, e)
      // The hash walks the value: a value that contains itself never ends (the stack does).
      const why = e instanceof RangeError ? 'a cyclic (or too deeply nested) value' : errorMessage(e)
      throw new ModelError(`model ${model.name}: ${where} produced a ${key ? 'view/symmetry representative' : 'state'} that cannot be fingerprinted: ${why}`)
    }
  }
  // Under symmetry, a state met shortly before is found in a table of canonical fingerprints by
  // its own, cheaper one (canonical-cache.ts), where canonicalising builds the representative.
  // Not where the model hashes its representative without building it (`symmetryFingerprint`:
  // Raft, paxos-net), where the table saved 0 to 5% of the CPU; not under a view, whose keys are
  // cheap next to a state's own hash (tried: it paid on one view spec and cost on another,
  // docs/performance.md); not in debug mode, which checks every canonical fingerprint.
  // Its own compiled hasher, not `compiled`: a compiled hasher keeps the parts of the last states
  // it hashed, and this one hashes raw states where `compiled` hashes representatives.
  const canon = sym && !view && !symFingerprint && !debug ? new CanonicalCache(schema ? compileSchemaHasher(schema) : fingerprint) : undefined
  const keyOf = canon
    ? (state: unknown, via: Action | null, out: Fingerprint): void => {
        let hit = false
        try {
          hit = canon.find(state, out)
        } catch (e) {
          if (!(e instanceof StateValueError)) throw e
          // The state itself outside its schema: reported (the representative, relabelled from
          // the schema's fields alone, would hide a field it does not declare). Anything else
          // the table's hash refuses is left to the canonical path, as before, table off.
          if (schema && explainSchemaMismatch(schema, state)) throw badValue(state, state, via, e)
          canon.disable()
        }
        if (hit) return
        canonicalKey(state, via, out)
        canon.keep(out)
      }
    : canonicalKey
  // The model's own debug checks (`Model.debugCheck`), made before the first state is built on
  // this thread: on a worker thread that is its first expansion, not `init`.
  let claims: DebugCheck<unknown, Action> | undefined | null = null
  const debugChecker = (): DebugCheck<unknown, Action> | undefined => {
    if (claims === null) claims = model.debugCheck?.(config)
    return claims
  }
  const prepared: Prepared = {
    spec,
    model,
    config,
    params,
    unreadParams: read ? Object.keys(params).filter((k) => !read.has(k)) : [],
    properties,
    ...withAntecedents(model.name, properties, chosen.filter(isSafety)),
    liveness: chosen.filter((p) => !isSafety(p)),
    fairness,
    deadlock,
    symmetry,
    constraint: constraint ? (s) => allowedBy(spec.name, constraint, config, s) : undefined,
    debug,
    coverageName: model.coverageName === undefined ? (a) => a.name : coverageNameOf(model),
    coverageNames: counted ?? [],
    initStates() {
      let states: readonly unknown[] = []
      if (debug) debugChecker()
      try {
        guardedInit(options.stepTimeoutSeconds, model.name, () => {
          states = model.init(config)
        })
      } catch (e) {
        // The watchdog's own error says that init did not return.
        if (e instanceof ModelError) throw e
        throw new ModelError(`model ${model.name}: init threw: ${errorMessage(e)}${atFrame(e)}`)
      }
      if (!Array.isArray(states) || states.length === 0) {
        throw new ModelError(`model ${model.name}: init must return a non-empty array of states`)
      }
      // The compiled hash reads only the fields the schema declares: a field it leaves out (a
      // model that adds fields to another's state and keeps its schema) would go unhashed, two
      // states one. Checked on the initial states, whose fields the later ones keep.
      if (schema?.kind === 'record') for (const st of states) checkFields(model.name, schema, st)
      if (declaredSets !== undefined) {
        for (const st of states) {
          const bad = unsortedSet(declaredSets, st)
          if (bad !== undefined) throw new ModelError(`model ${model.name}: init: ${bad}`)
        }
      }
      if (debug) states.forEach(deepFreeze)
      return states
    },
    expand(state, asleep) {
      // Did `next` write into the state it was given? Checked on every state at first, then on
      // a sample (MUTATION_*), out of line: a written state silently corrupts the counts (its
      // successors share its parts, whose hashes are cached by identity).
      const watched = watch && (debug || ++expanded <= MUTATION_ALL || (expanded & MUTATION_EVERY) === 0)
      // (Made before `next`: the model reports to it what it does while building the steps.)
      const keeps = debug ? debugChecker() : undefined
      const steps = watched ? nextWatched(state, asleep, !debug && expanded <= MUTATION_ALL) : callNext(model, config, state, asleep)
      if (debug) {
        for (const [, s] of steps) deepFreeze(s)
        checkDeterminism(model, config, state, steps)
        if (keeps !== undefined) {
          for (const [a, t] of steps) {
            if (t === ASLEEP) continue
            const why = keeps.step(state, a, t)
            if (why !== undefined) throw withState(new ModelError(why), state)
          }
        }
        if (declaredSets !== undefined) {
          for (const [a, s] of steps) {
            const bad = unsortedSet(declaredSets, s)
            if (bad !== undefined) throw withState(new ModelError(`model ${model.name}: ${actionLabel(a as Action)} made a state where ${bad}`), state)
          }
        }
      }
      return steps
    },
    fingerprintOf: keyOf,
    keepParts(state) {
      canon?.parent(state)
    },
    fingerprintParent(state, out) {
      recordFingerprintParts()
      keyOf(state, null, out)
      rememberFingerprintParts()
    },
  }
  return prepared
}

/** An initial state's fields are the root record schema's, no more and no fewer (a ModelError
 * names the first that is not). */
function checkFields(name: string, schema: Schema & { kind: 'record' }, state: unknown): void {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return
  for (const k of Object.keys(state)) {
    if (!Object.hasOwn(schema.fields, k)) throw new ModelError(`model ${name}: init produced a state with a field '${k}' that the model's schema does not declare (a model that adds fields to another model's state must extend its schema)`)
  }
  for (const k of Object.keys(schema.fields)) {
    if (!Object.hasOwn(state, k)) throw new ModelError(`model ${name}: init produced a state without the field '${k}' that the model's schema declares`)
  }
}

/** Debug mode: a second way to compute the fingerprint just written into `out` (the generic hash
 * beside the schema's; the built representative beside `symmetryFingerprint`) must give the same
 * one; otherwise the step is named, followed by `differs`. */
function sameFingerprint(modelName: string, out: Fingerprint, again: (into: Fingerprint) => void, via: Action | null, differs: string): void {
  // Read first: canonicalising writes the hash functions' register, which a caller may pass as `out`.
  const hi = out.hi
  const lo = out.lo
  again(second)
  if (second.hi !== hi || second.lo !== lo) {
    const where = via ? `action ${actionLabel(via)}` : 'init'
    throw new ModelError(`model ${modelName}: ${where}${differs}`)
  }
}

const second: Fingerprint = { hi: 0, lo: 0 }

function callNext(model: AnyModel, config: unknown, state: unknown, asleep?: readonly unknown[]): readonly Step[] {
  let steps: readonly Step[]
  let it: unknown
  try {
    it = asleep === undefined ? model.next(config, state) : model.next(config, state, asleep)
    if (!Array.isArray(it) && !isIterable(it)) {
      // (undefined from a forgotten return, a Promise from an async next): not "next threw".
      throw withState(new ModelError(`model ${model.name}: next returned ${it instanceof Promise ? 'a Promise (next must be synchronous)' : preview(it, 60)}, not a list of [action, state] steps`), state)
    }
    steps = Array.isArray(it) ? (it as Step[]) : [...(it as Iterable<Step>)]
  } catch (caught) {
    // A step's own error, which the model named (the actor harness: `StepThrew`), or next's.
    const step = caught instanceof StepThrew ? caught : undefined
    const e = step === undefined ? caught : step.thrown
    if (e instanceof StateNamedError) throw e
    const mutation = e instanceof TypeError && /read.only|not extensible|Cannot (assign|add|delete)/i.test(e.message)
    const where = step === undefined ? '' : ` in ${actionLabel(step.action as Action)}`
    const what = mutation ? `mutated a state${where} (states are immutable)` : `threw${where}`
    // The state it threw in, whichever explorer expanded it (the workers' and the sequential ones
    // alike); not for a write into it, as for every mutation error (`StateChangedError`).
    const error = new ModelError(`model ${model.name}: next ${what}: ${errorMessage(e)}${atFrame(e)}`)
    throw mutation ? new StateChangedError(error.message) : withState(error, state)
  }
  if (steps.length > 0xffff) {
    throw withState(new ModelError(`model ${model.name}: a state has ${steps.length} successors (at most 65,535)`), state)
  }
  for (const step of steps) {
    const a = step[0] as Action | undefined
    if (!a || typeof a !== 'object' || typeof a.name !== 'string') {
      throw withState(new ModelError(`model ${model.name}: next yielded a step whose action has no string 'name'`), state)
    }
    if (step[1] === undefined || step[1] === null) {
      throw withState(new ModelError(`model ${model.name}: action ${actionLabel(a)} yielded no state (filter disabled actions out)`), state)
    }
  }
  return steps
}

/** What in `v` (at `path`) a trace file cannot hold, by the rule the trace writer uses
 * (`state/trace-value.ts`), or a value containing itself (which the writer would never finish);
 * undefined if none. `within`: the objects on the path, for cycles. */
function untraceable(v: unknown, path: string, within: object[]): string | undefined {
  const shape = traceShape(v)
  if (shape.kind === 'bad') return `${path} ${shape.why}`
  if (shape.kind === 'leaf') return undefined
  const o = v as object
  if (within.includes(o)) return `${path} contains itself`
  within.push(o)
  try {
    const each = (xs: Iterable<unknown>, at: (i: number) => string): string | undefined => {
      let i = 0
      for (const x of xs) {
        const bad = untraceable(x, at(i++), within)
        if (bad !== undefined) return bad
      }
      return undefined
    }
    switch (shape.kind) {
      case 'array':
      case 'list':
        return each(shape.items, (i) => `${path}[${i}]`)
      case 'set':
        return each(shape.items, () => `${path}{}`)
      case 'map':
        for (const [k, x] of shape.entries) {
          const bad = untraceable(k, `${path} key`, within) ?? untraceable(x, `${path}.${String(k)}`, within)
          if (bad !== undefined) return bad
        }
        return undefined
      case 'record':
        for (const k in shape.fields) {
          const bad = untraceable(shape.fields[k], `${path}.${k}`, within)
          if (bad !== undefined) return bad
        }
        return undefined
    }
  } finally {
    within.pop()
  }
}

/** A deep copy of a state (undefined where it cannot be copied: it holds a function). Plain
 * arrays and records are copied by hand, five to ten times faster than `structuredClone`
 * (about 20 µs for a Raft state), which copies anything else. */
function copyOf(state: unknown): unknown {
  const plain = plainCopy(state)
  if (plain !== NOT_PLAIN) return plain
  try {
    return structuredClone(state)
  } catch {
    return undefined
  }
}

const NOT_PLAIN = Symbol('not plain')
function plainCopy(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return typeof v === 'function' || typeof v === 'symbol' ? NOT_PLAIN : v
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length)
    for (let i = 0; i < v.length; i++) if ((out[i] = plainCopy(v[i])) === NOT_PLAIN) return NOT_PLAIN
    return out
  }
  const proto = Object.getPrototypeOf(v) as unknown
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN
  const out: Record<string, unknown> = {}
  for (const k in v) if ((out[k] = plainCopy((v as Record<string, unknown>)[k])) === NOT_PLAIN) return NOT_PLAIN
  return out
}

/** The mutation check runs on each of the first MUTATION_ALL states a `Prepared` expands (each
 * worker's count is its own), then on one in MUTATION_EVERY + 1. A model whose actions write into
 * their input does so on most states where they are enabled, so the sample catches it early; one
 * that writes only on a rare state may slip through the sample (`--debug` freezes every state). */
const MUTATION_ALL = 1_000
const MUTATION_EVERY = 63

/**
 * Throws if `state` no longer has the fingerprint (hi, lo) it had before `next`. The fingerprint
 * after is taken cold: the part cache answers by identity, which a write in place keeps. Then the
 * state's parts are remembered again, as the explorer had them. The culprit is found by calling
 * `next` again on a deep-frozen copy: the write then throws where it happens.
 */
function unchanged(model: AnyModel, config: unknown, state: unknown, hi: number, lo: number, before: unknown): void {
  fingerprint(0)
  rememberFingerprintParts()
  recordFingerprintParts()
  fingerprint(state)
  rememberFingerprintParts()
  if (fp.hi === hi && fp.lo === lo) return
  // The state as it was when a copy was taken (the action that wrote into it is enabled there),
  // then the written one.
  for (const copy of [before, copyOf(state)]) {
    if (copy === undefined) continue
    deepFreeze(copy)
    try {
      callNext(model, config, copy)
    } catch (e) {
      // It names the action and the write; the state in hand is the written one, so no state.
      throw e instanceof ModelError ? new StateChangedError(marked(e)) : e
    }
  }
  throw new StateChangedError(
    `model ${model.name}: next changed the state it was given (states are immutable: return new objects, e.g. { ...s, x: 1 }); run with ${option('debug')} to find the action`,
  )
}

/** Debug mode: `next` called twice must yield the same actions and states. */
function checkDeterminism(model: AnyModel, config: unknown, state: unknown, steps: readonly Step[]): void {
  const again = callNext(model, config, state)
  const n = Math.max(steps.length, again.length)
  for (let i = 0; i < n; i++) {
    const a = steps[i]
    const b = again[i]
    const la = a ? actionLabel(a[0]) : '(none)'
    const lb = b ? actionLabel(b[0]) : '(none)'
    if (la !== lb) {
      throw new ModelError(`model ${model.name}: next is not deterministic: step ${i} was ${la}, then ${lb} on a second call`)
    }
    // (Before the search validates the successor: a value that is not plain data is the
    // action's, named as without --debug, not an internal error.)
    try {
      fingerprint(a![1])
    } catch (e) {
      if (e instanceof StateValueError) throw new ModelError(`model ${model.name}: action ${la} produced a non-plain value: ${(explainBadValue(a![1]) ?? e).message}`)
      throw e
    }
    const h = fp.hi
    const l = fp.lo
    fingerprint(b![1])
    if (fp.hi !== h || fp.lo !== l) {
      throw new ModelError(`model ${model.name}: next is not deterministic: action ${la} gave two different states on two calls`)
    }
  }
}

/** A spec's `expect` names properties of its model and pins counts that a search can give: a
 * misspelt property or a negative count is an error in the spec, not a run that "does not meet"
 * it. */
function validExpectation(spec: AnySpec, byName: ReadonlyMap<string, { readonly kind: string }>, declared: readonly string[] | undefined): void {
  const e = spec.expect
  if (e === undefined) return
  // A misspelt action there was only a set mismatch at the end of the run ("expected Bogus, ...").
  const unknown = declared === undefined ? undefined : (e.neverTaken ?? []).find((a) => !declared.includes(a) && !HARNESS_STEPS.has(a))
  if (unknown !== undefined) throw new UsageError(`spec ${spec.name}: expect.neverTaken names '${unknown}', not an action of model ${spec.model.name} (its actions: ${declared?.join(', ')})`)
  for (const name of Object.keys(e.violated ?? {})) {
    // `Deadlock` is the deadlock check's verdict (build-result.ts), a property of no model.
    if (!byName.has(name) && name !== 'Deadlock') throw new UsageError(`spec ${spec.name}: expect.violated names '${name}', not a property of model ${spec.model.name} (known: ${[...byName.keys()].join(', ')})`)
    const length = e.violated?.[name]?.length
    if (length !== undefined && !(Number.isInteger(length) && length >= 1)) throw new UsageError(`spec ${spec.name}: expect.violated.${name}.length ${String(length)}: expected a whole number of states, at least 1`)
    // A `sometimes` is violated by the whole graph (no state satisfies it), not by a path: there is
    // no counterexample whose length could be compared, and a length given was silently ignored.
    if (length !== undefined && byName.get(name)?.kind === 'sometimes') {
      throw new UsageError(`spec ${spec.name}: expect.violated.${name}.length: ${name} is a sometimes, whose violation (no reachable state satisfies it) has no counterexample; write violated: { ${name}: {} }`)
    }
  }
  // Every pinned count, the one within a constraint too: compared as given, a string or a fraction
  // failed the run ("expected 2, got 2") instead of being refused here.
  for (const k of ['distinct', 'total', 'depth', 'withinConstraint', 'depthWithinConstraint'] as const) {
    const v = e[k]
    // (A string shows quoted: `expect.distinct 4: expected a whole number` read as a contradiction.)
    const shown = typeof v === 'string' ? `'${v}' (a string)` : String(v)
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new UsageError(`spec ${spec.name}: expect.${k} ${shown}: expected a whole number, at least 0`)
  }
}

/** The model's properties, then those it makes for `config` (`Model.propertiesFor`, run under the
 * watchdog and checked as the spec's shape checks the list, `spec-shape.ts`). */
function propertiesFor(spec: AnySpec, model: AnyModel, config: unknown, seconds: number): readonly Property<unknown, unknown>[] {
  if (model.propertiesFor === undefined) return model.properties
  const listed = guardedSetup(seconds, spec.name, `model ${model.name}'s propertiesFor`, () => model.propertiesFor?.(config)) as unknown
  if (!Array.isArray(listed)) throw new ModelError(`model ${model.name}: propertiesFor returned ${preview(listed, 60)}, not a list (propertiesFor: (config) => [always(...), ...])`)
  listed.forEach((p: unknown, i: number) => {
    if (!isProperty(p)) throw new ModelError(`model ${model.name}: propertiesFor returned a list whose item ${i} is not a property (make it with always, sometimes, eventually, alwaysEventually or leadsTo)`)
  })
  return [...model.properties, ...(listed as readonly Property<unknown, unknown>[])]
}

/** The spec's constraint on `s`: a throw, or an answer that is not a boolean (a forgotten
 * `return`), is the spec's error, named as such (not an error of the checker's). */
function allowedBy<C>(spec: string, constraint: (config: C, s: unknown) => boolean, config: C, s: unknown): boolean {
  let r: unknown
  try {
    r = constraint(config, s)
  } catch (e) {
    throw withState(new ModelError(`spec ${spec}: constraint threw: ${errorMessage(e)}${atFrame(e)}`), s)
  }
  if (typeof r !== 'boolean') throw withState(new ModelError(`spec ${spec}: constraint returned ${preview(r, 60)}, not a boolean`), s)
  return r
}

/**
 * The spec's (else the model's) fairness groups, given as a list or by a function of the
 * configuration (called once, guarded as the configuration is), each checked to be one
 * (`weakFair`/`strongFair`: a plain string failed inside the liveness check as a checker bug) and
 * its predicate guarded: a predicate that throws, or answers no boolean, is a model error naming
 * the group.
 */
function fairnessOf(spec: AnySpec, model: AnyModel, config: unknown, stepTimeoutSeconds: number): readonly Fairness[] {
  const whose = spec.fairness !== undefined ? `spec ${spec.name}` : `model ${model.name}`
  const declared: unknown = spec.fairness ?? model.fairness ?? []
  const fromConfig = typeof declared === 'function'
  const given: unknown = fromConfig ? guardedSetup(stepTimeoutSeconds, spec.name, spec.fairness !== undefined ? 'fairness' : `model ${model.name}'s fairness`, () => (declared as (c: unknown) => unknown)(config)) : declared
  if (isThenable(given)) throw new ModelError(`${whose}: fairness returned a Promise (it must be synchronous)`)
  // A function that returns no list is a bug in the model's code; a value that is none, in the spec.
  if (fromConfig && !Array.isArray(given)) throw new ModelError(`${whose}: fairness returned ${preview(given, 60)}, not a list of weakFair(...) or strongFair(...) groups`)
  if (!Array.isArray(given)) throw new UsageError(`${whose}: fairness must be a list of weakFair(...) or strongFair(...) groups (or a function of the configuration that returns one), got ${preview(given, 60)}`)
  return given.map((f: unknown, i) => {
    const g = f as Partial<Fairness> | null
    if (typeof g !== 'object' || g === null || (g.kind !== 'weak' && g.kind !== 'strong') || typeof g.matches !== 'function' || typeof g.label !== 'string') {
      throw new UsageError(`${whose}: fairness[${i}] is ${preview(f, 60)}, not a fairness group (write weakFair('Action') or strongFair(...))`)
    }
    const name = fairnessName(g as Fairness)
    const matches = g.matches
    return {
      ...(g as Fairness),
      text: g.text ?? String(matches),
      matches: (a: Action): boolean => {
        let r: unknown
        try {
          r = matches(a)
        } catch (e) {
          throw new ModelError(`${whose}: fairness ${name} threw on action ${actionLabel(a)}: ${errorMessage(e)}`)
        }
        if (typeof r !== 'boolean') throw new ModelError(`${whose}: fairness ${name} returned ${preview(r, 60)} on action ${actionLabel(a)}, not a boolean`)
        return r
      },
    }
  })
}

/**
 * A fairness group that names an action the model does not declare (`Model.actions`) and the
 * harness does not take either is a misspelling: it never applies, so a liveness check would
 * blame the model with a lasso (a behaviour where "the fair action" is never enabled). Refused
 * before the search; a harness step this configuration never takes is
 * only warned about after it (`liveness/warnings.ts`).
 */
function refuseUnknownFairness(spec: AnySpec, model: AnyModel, declared: readonly string[] | undefined, fairness: readonly Fairness[]): void {
  // Whatever is checked this run: a spec with a misspelt group is wrong before it has a liveness
  // property to check (and was accepted until it had one). (`declared`: the model's actions, if
  // it lists them.)
  if (declared === undefined) return
  const [unknown] = undeclaredFairness(fairness, declared, HARNESS_STEPS)
  if (unknown !== undefined) throw new UsageError(`spec ${spec.name}: fairness ${unknown}, not an action of model ${model.name} (its actions: ${declared.join(', ')})`)
}

/** `Model.coverageName`, checked: what it throws or a name that is no string is a model error. */
function coverageNameOf(model: AnyModel): (a: Action) => string {
  const named = model.coverageName as (a: Action) => unknown
  return (a) => {
    let n: unknown
    try {
      n = named.call(model, a)
    } catch (e) {
      throw new ModelError(`model ${model.name}: coverageName threw on action ${actionLabel(a)}: ${errorMessage(e)}`)
    }
    if (typeof n !== 'string') throw new ModelError(`model ${model.name}: coverageName returned ${preview(n, 60)} on action ${actionLabel(a)}, not a name (a string)`)
    return n
  }
}

const isThenable = (x: unknown): boolean => typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function'

