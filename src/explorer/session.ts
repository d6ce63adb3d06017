/**
 * What the explorer computes, without HTTP: a spec resolved once (configuration from the
 * parameters, as `check` builds it), then, for any path (`path.ts`), the state it reaches, the
 * steps enabled there with each successor's diff, and every property's value in that state.
 *
 * A request replays its path from the initial state; states along recent paths are remembered
 * (by path prefix) so that clicking one step further costs one `next`, not the whole path.
 * The memo is dropped whole when it grows past `MEMO_LIMIT`: simple, and paths are short.
 */
import { actionLabel } from '../core/action.ts'
import { ModelError } from '../core/errors.ts'
import { changedParams, checkParams } from '../core/params.ts'
import { defaultOptions, resolveOptions } from '../core/options.ts'
import type { Property, PropertyKind } from '../core/property.ts'
import type { AnySpec, Params } from '../core/spec.ts'
import type { Value } from '../core/value.ts'
import { evaluate } from '../explore/sink.ts'
import type { Prepared } from '../explore/prepare.ts'
import { guardedRequest, watchedSetup } from '../explore/step-watchdog.ts'
import { prepare } from '../explore/prepare.ts'
import { changedVariables, diffValues } from '../state/diff.ts'
import { formatValue, toPlain } from '../trace/format-value.ts'
import { formatChange } from '../trace/text.ts'
import type { Path } from './path.ts'
import { PathError, formatPath } from './path.ts'

/** One top-level variable of a state (a state that is not a record is one variable, `state`). */
export interface VariableView {
  readonly name: string
  readonly value: string
  /** Differs from the previous state on the path. */
  readonly changed: boolean
}

/**
 * A property in one state. `always`: `holds` or `violated`. `sometimes`: `reached` here or `not
 * here`. Liveness is a claim about behaviours, not states: `true` / `false` is its predicate's value
 * here (for `leadsTo`, `from`'s and `to`'s), a hint, not a verdict.
 */
export interface PropertyView {
  readonly name: string
  readonly kind: PropertyKind
  readonly status: 'holds' | 'violated' | 'reached' | 'not-here' | 'true' | 'false'
  readonly detail?: string
  /** Whether `check` checks it with this spec (the spec's `check` list; default all). */
  readonly checked: boolean
}

export interface StepView {
  readonly index: number
  readonly label: string
  /** The action record, as plain data. */
  readonly action: Value
  /** The successor's differences from the current state, one line each (`x: 1 → 2`). */
  readonly changes: readonly string[]
}

/** A state along the path. Its own path is the first `i + 1` entries of the view's `path` (entry
 * `i` in the trail): not sent per entry, which made a long path's answer quadratic in its length. */
export interface TrailEntry {
  /** The path's entry `i`: the initial state's number, then the index of the step taken. */
  readonly index: number
  /** `Init #k` for the initial state, then the action's label. */
  readonly label: string
}

/** A state and the path to it. The path is sent once: a trail entry's path is a prefix of it, a
 * step's is it followed by the step's index, so the answer grows linearly with the path. */
export interface StateView {
  /** The path in its normal form (`00.01` asked is `0.1` here): the viewer shows this one. */
  readonly path: string
  /** One entry per state along the path, the current one last. */
  readonly trail: readonly TrailEntry[]
  readonly variables: readonly VariableView[]
  /** What the last step changed (empty at an initial state). */
  readonly changes: readonly string[]
  readonly properties: readonly PropertyView[]
  readonly steps: readonly StepView[]
  /** The spec's state constraint excludes this state: `check` keeps it but does not expand it. */
  readonly outsideConstraint: boolean
  /** The model's `next` threw at this state (its steps are then none): the state is still shown. */
  readonly stepsError?: string
}

export interface InitView {
  readonly index: number
  readonly path: string
  readonly summary: string
}

export interface ExplorerInfo {
  readonly spec: string
  readonly description?: string
  readonly file?: string
  readonly model: string
  /** Every parameter with its effective value (defaults and overrides). */
  readonly params: Params
  readonly inits: readonly InitView[]
}

const MEMO_LIMIT = 20_000
const SUMMARY_LENGTH = 160

export class ExplorerSession {
  readonly prepared: Prepared
  readonly params: Params
  private readonly file: string | undefined
  private readonly inits: readonly unknown[]
  private readonly checked: ReadonlySet<string>
  /** Path prefix → the state it reaches and the label of its last step. */
  private memo = new Map<string, { readonly state: unknown; readonly label: string }>()

  /** Validates the parameters and builds the configuration and initial states now, so that a bad
   * parameter or a model whose `init` throws is refused before the server starts. */
  constructor(spec: AnySpec, overrides: Params = {}, file?: string, private readonly stepTimeoutSeconds = defaultOptions.stepTimeoutSeconds) {
    const params = checkParams(spec, overrides, undefined, watchedSetup(stepTimeoutSeconds, spec.name))
    this.prepared = prepare(spec, resolveOptions({ params }))
    this.params = { ...(spec.params ?? {}), ...this.prepared.params }
    this.file = file
    this.inits = this.prepared.initStates()
    this.checked = new Set([...this.prepared.safety, ...this.prepared.liveness].map((p) => p.name))
  }

  /** Runs `request` under the check's step limit: a model stuck in a step answers that request
   * with a model error, and the server goes on serving. */
  guarded<T>(request: () => T): T {
    return guardedRequest(this.stepTimeoutSeconds, this.prepared.model.name, request)
  }

  info(): ExplorerInfo {
    const spec = this.prepared.spec
    // The description is the spec's, written for its own parameters ("3 RMs"): under others it
    // says so, rather than describe an instance the session is not showing.
    const changed = Object.entries(changedParams(spec, this.prepared.params))
    const description = spec.description === undefined || changed.length === 0
      ? spec.description
      : `${spec.description} (as the spec describes it; here with ${changed.map(([k, v]) => `${k}=${String(v)}`).join(' ')})`
    return {
      spec: spec.name,
      ...(description !== undefined ? { description } : {}),
      ...(this.file !== undefined ? { file: this.file } : {}),
      model: this.prepared.model.name,
      params: this.params,
      inits: this.inits.map((s, index) => ({ index, path: String(index), summary: formatValue(toPlain(s), SUMMARY_LENGTH) })),
    }
  }

  /** The states along `path` (the initial state first) and the labels of the steps between them.
   * Throws `PathError` for a step that does not exist, naming it. */
  private walk(path: Path): { states: unknown[]; labels: string[] } {
    if (path.length === 0) throw new PathError('the path is empty: choose an initial state first')
    const first = path[0] as number
    if (first >= this.inits.length) {
      const n = this.inits.length
      throw new PathError(`path ${formatPath(path)}: there is no initial state ${first} (the spec has ${n} initial state${n === 1 ? '' : 's'}, numbered from 0)`)
    }
    const states: unknown[] = [this.inits[first]]
    const labels: string[] = [`Init #${first}`]
    let key = String(first)
    for (let i = 1; i < path.length; i++) {
      const k = path[i] as number
      key = `${key}.${k}`
      let hit = this.memo.get(key)
      if (hit === undefined) {
        const steps = this.prepared.expand(states[i - 1])
        const step = steps[k]
        if (!step) {
          throw new PathError(
            `path ${formatPath(path)}: step ${i} has no action ${k} (${steps.length === 0 ? 'no action is enabled there' : `the state has ${steps.length} enabled, 0 to ${steps.length - 1}`})`,
          )
        }
        hit = { state: step[1], label: actionLabel(step[0]) }
        if (this.memo.size >= MEMO_LIMIT) this.memo = new Map()
        this.memo.set(key, hit)
      }
      states.push(hit.state)
      labels.push(hit.label)
    }
    return { states, labels }
  }

  stateAt(path: Path): StateView {
    const { states, labels } = this.walk(path)
    const state = states[states.length - 1]
    const plain = toPlain(state)
    const before = states.length > 1 ? toPlain(states[states.length - 2]) : undefined
    const p = this.prepared
    const trail = labels.map((label, i): TrailEntry => ({ index: path[i] as number, label }))
    // A model that throws at this state: show the state and the error, not only the error.
    let stepsError: string | undefined
    let expanded: ReturnType<typeof p.expand> = []
    try {
      expanded = p.expand(state)
    } catch (e) {
      if (!(e instanceof ModelError)) throw e
      stepsError = e.message
    }
    const steps = expanded.map(([action, next], index): StepView => ({
      index,
      label: actionLabel(action),
      action: toPlain(action),
      changes: diffValues(plain, toPlain(next)).map((c) => formatChange(c, 300)),
    }))
    return {
      path: formatPath(path),
      trail,
      variables: variablesOf(plain, before),
      changes: before === undefined ? [] : diffValues(before, plain).map((c) => formatChange(c, 300)),
      properties: p.properties.map((prop: Property<unknown, unknown>) => this.evaluate(prop, state)),
      steps,
      outsideConstraint: p.constraint ? !p.constraint(state) : false,
      ...(stepsError !== undefined ? { stepsError } : {}),
    }
  }

  private evaluate(prop: Property<unknown, unknown>, state: unknown): PropertyView {
    const c = this.prepared.config
    // As `check` reads a property (`evaluate`: a throw, or an answer that is not a boolean, is the
    // property's error, with the model named).
    const test = (f: (config: unknown, s: unknown) => boolean, part = ''): boolean => evaluate(this.prepared.model.name, `${prop.name}${part}`, f, c, state)
    const base = { name: prop.name, kind: prop.kind, checked: this.checked.has(prop.name) }
    switch (prop.kind) {
      case 'always':
        return { ...base, status: test(prop.holds) ? 'holds' : 'violated' }
      case 'sometimes':
        return { ...base, status: test(prop.holds) ? 'reached' : 'not-here' }
      case 'eventually':
      case 'alwaysEventually':
        return { ...base, status: test(prop.holds) ? 'true' : 'false', detail: 'its predicate here (liveness is judged over behaviours)' }
      case 'leadsTo': {
        const from = test(prop.from, ' (from)')
        const to = test(prop.to, ' (to)')
        return { ...base, status: !from || to ? 'true' : 'false', detail: `from ${from}, to ${to} here (liveness is judged over behaviours)` }
      }
    }
  }
}

function variablesOf(state: Value, before: Value | undefined): VariableView[] {
  const isRec = (v: Value | undefined): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isRec(state)) {
    const changed = before !== undefined && changedVariables({ state: before }, { state }).length > 0
    return [{ name: 'state', value: formatValue(state), changed }]
  }
  const changed = new Set(isRec(before) ? changedVariables(before, state) : [])
  return Object.keys(state).map((name) => ({ name, value: formatValue(state[name] as Value), changed: changed.has(name) }))
}
