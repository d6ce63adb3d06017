/**
 * Counterexample traces as ITF JSON (Informal Trace Format, Apalache ADR-015, the format Quint
 * and Apalache write): `{ "#meta", "vars", "loop"?, "states" }`.
 *
 * - `#meta` says what produced the trace, so `npm run replay` can re-run it: the spec (name, and
 *   its file when known), the parameters, the model, the property and its kind, the verdict.
 *   No timestamp: the same trace gives the same bytes on every run.
 * - `vars` are the state's variables: the first state's keys in the model's own order, then any
 *   key that only later states have, sorted; a state without one of them lacks it in the file
 *   (ITF expects every variable in every state; Quint's reader does not mind; the bundled models
 *   keep one set of variables). A state that is not a record is written as one variable `state`
 *   (and `#meta.stateIsValue` says so).
 * - `loop` (ITF's own field) is, for a lasso, the index of the state the last state returns to.
 * - each state is `{ "#meta": { index, action, actionValue }, ...variables }`: `action` is the
 *   label of the step that led to it (`actionLabel`), `actionValue` the action record itself,
 *   both absent on the initial state. Values are ITF values (`itf-value.ts`): `#set` where the
 *   model's schema declares a set, `null` as Quint's `None`, and so on.
 * - with `mbt: true`, Quint's model-based-testing variables too (as `quint run --mbt` writes
 *   them): `mbt::actionTaken`, the action's name (`init` on the initial state), and
 *   `mbt::nondetPicks`, a record of every parameter name that any action of the trace has, each
 *   `Some(value)` when this step's action has it and `None` otherwise.
 *
 * Reading accepts Quint's and Apalache's traces too: where a state has no `#meta.actionValue`,
 * its action is rebuilt from `mbt::actionTaken` (or `action_taken`) and the `Some` picks of
 * `mbt::nondetPicks` (or `nondet_picks`), so `view` labels each step; those variables are then
 * not part of the state. (`action_taken` and `nondet_picks` are accepted by name; we have no
 * Apalache trace to confirm that spelling.)
 *
 * Layout: one line per state, so trace files diff well.
 */
import type { Action } from '../core/action.ts'
import type { StepEvent } from '../core/event.ts'
import { STEP_KINDS } from '../core/event.ts'
import { actionLabel } from '../core/action.ts'
import { UsageError } from '../core/errors.ts'
import type { Trace, TraceStep } from '../core/result.ts'
import type { Params } from '../core/spec.ts'
import type { Value } from '../core/value.ts'
import type { Schema } from '../core/schema.ts'
import type { ItfValue } from './itf-value.ts'
import { ItfValueError, fromItfValue, toItfValue } from './itf-value.ts'

export const ITF_FORMAT_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html'

/** What a trace file records about its origin (`#meta`, besides ITF's own format fields). */
export interface TraceOrigin {
  readonly spec: string
  /** The spec file the trace came from, relative to the working directory, when known. */
  readonly specPath?: string
  readonly model: string
  readonly params: Params
  /** The property the trace is a counterexample to (`Deadlock` for deadlocks). */
  readonly property: string
  readonly propertyKind: string
  readonly verdict: string
  readonly note?: string
  /** The search was under the model's symmetry (a lasso closes up to a renaming). */
  readonly symmetry?: boolean
}

export interface ItfStateMeta {
  readonly index: number
  readonly action?: string
  readonly actionValue?: ItfValue
  /** The step's event (`{ kind, node }`; no `node` for a network fault), when the model says what
   * its steps are. */
  readonly event?: { readonly kind: StepEvent['kind']; readonly node?: string }
}

export type ItfState = { readonly '#meta': ItfStateMeta } & { readonly [v: string]: ItfValue | ItfStateMeta }

export interface ItfTrace {
  readonly '#meta': Record<string, unknown>
  readonly vars: readonly string[]
  readonly loop?: number
  readonly states: readonly ItfState[]
}

/** How to write a trace: see the header. */
export interface ItfOptions {
  /** The state's declared shape (`model.schema(config)`, see `stateSchemaOf`): which arrays are sets. */
  readonly schema?: Schema
  /** Also write `mbt::actionTaken` and `mbt::nondetPicks`, as `quint run --mbt` does. */
  readonly mbt?: boolean
}

/** The variable that holds a whole state when the state is not a record. */
const WHOLE_STATE = 'state'

export const ACTION_TAKEN = 'mbt::actionTaken'
export const NONDET_PICKS = 'mbt::nondetPicks'
const ACTION_TAKEN_NAMES = [ACTION_TAKEN, 'action_taken']
const NONDET_PICKS_NAMES = [NONDET_PICKS, 'nondet_picks']
const MBT_VARS = new Set([...ACTION_TAKEN_NAMES, ...NONDET_PICKS_NAMES])

const isRecord = (s: unknown): s is Record<string, unknown> =>
  typeof s === 'object' && s !== null && !Array.isArray(s) && Object.getPrototypeOf(s) === Object.prototype

/** Builds the ITF object of a trace. Throws `ItfValueError` for a value ITF cannot hold. */
export function toItf(trace: Trace, origin: TraceOrigin, options: ItfOptions = {}): ItfTrace {
  const stateIsValue = !trace.steps.every((s) => isRecord(s.state))
  const vars = stateIsValue ? [WHOLE_STATE] : variablesOf(trace.steps)
  const schema = options.schema
  const varSchema = (v: string): Schema | undefined => (schema?.kind === 'record' ? schema.fields[v] : undefined)
  const picks = options.mbt ? parameterNames(trace.steps) : []
  const meta: Record<string, unknown> = {
    format: 'ITF',
    'format-description': ITF_FORMAT_DESCRIPTION,
    source: origin.specPath ?? origin.spec,
    description: `Counterexample to ${origin.property} (${origin.propertyKind}) in spec ${origin.spec}, found by Interleave`,
    spec: origin.spec,
    ...(origin.specPath !== undefined ? { specPath: origin.specPath } : {}),
    model: origin.model,
    params: sortedParams(origin.params),
    property: origin.property,
    propertyKind: origin.propertyKind,
    verdict: origin.verdict,
    ...(origin.note !== undefined ? { note: origin.note } : {}),
    ...(origin.symmetry === true ? { symmetry: true } : {}),
    ...(stateIsValue ? { stateIsValue: true } : {}),
  }
  const states = trace.steps.map((step, index): ItfState => {
    const m: ItfStateMeta = step.action
      ? {
          index,
          action: actionLabel(step.action),
          actionValue: toItfValue(step.action, `step ${index + 1} action`),
          // ITF has no null (Quint's reader refuses it): a network fault's event has no node.
          ...(step.event ? { event: step.event.node === null ? { kind: step.event.kind } : { kind: step.event.kind, node: step.event.node } } : {}),
        }
      : { index }
    const out: Record<string, ItfValue | ItfStateMeta> = { '#meta': m }
    if (stateIsValue) out[WHOLE_STATE] = toItfValue(step.state, `step ${index + 1} state`, schema)
    else {
      const rec = step.state as Record<string, unknown>
      for (const v of vars) if (v in rec) out[v] = toItfValue(rec[v], `step ${index + 1} ${v}`, varSchema(v))
    }
    if (options.mbt) {
      const a = (step.action ?? {}) as Record<string, unknown>
      // A plain `{ tag, value }` record is written exactly as Quint's variant, and null as `None`.
      const chosen = Object.fromEntries(picks.map((k) => [k, k in a ? { tag: 'Some', value: a[k] } : null]))
      out[NONDET_PICKS] = toItfValue(chosen, `step ${index + 1} action`)
      out[ACTION_TAKEN] = step.action ? step.action.name : 'init'
    }
    return out as ItfState
  })
  // The step that closes a lasso's loop is no state of it: it goes in the trace's #meta.
  const closing = trace.closing
    ? { closing: actionLabel(trace.closing), closingValue: toItfValue(trace.closing, 'the closing action'), ...(trace.closesUpTo ? { closesUpTo: trace.closesUpTo } : {}) }
    : {}
  const fair = trace.fairness ? { fairness: trace.fairness } : {}
  return {
    '#meta': { ...meta, ...closing, ...fair },
    vars: options.mbt ? [...vars, NONDET_PICKS, ACTION_TAKEN] : vars,
    ...(trace.loopStart !== undefined ? { loop: trace.loopStart } : {}),
    states,
  }
}

function variablesOf(steps: readonly TraceStep[]): string[] {
  const first = steps[0] ? Object.keys(steps[0].state as object) : []
  const seen = new Set(first)
  const later: string[] = []
  for (const s of steps.slice(1)) {
    for (const k of Object.keys(s.state as object)) {
      if (!seen.has(k)) {
        seen.add(k)
        later.push(k)
      }
    }
  }
  for (const v of [...first, ...later]) {
    if (v.startsWith('#')) throw new ItfValueError(`state variable '${v}': names starting with '#' cannot be written in ITF`)
  }
  return [...first, ...later.sort()]
}

/** Every parameter name of the trace's actions (all but `name`), sorted. */
function parameterNames(steps: readonly TraceStep[]): string[] {
  const names = new Set<string>()
  for (const s of steps) for (const k of Object.keys(s.action ?? {})) if (k !== 'name') names.add(k)
  return [...names].sort()
}

const sortedParams = (p: Params): Params =>
  Object.fromEntries(Object.keys(p).sort().map((k) => [k, p[k] as Params[string]]))

/** The ITF JSON text: a few header lines, then one line per state. Ends with a newline. */
export function itfToJson(itf: ItfTrace): string {
  const lines = [
    `  "#meta": ${JSON.stringify(itf['#meta'])}`,
    `  "vars": ${JSON.stringify(itf.vars)}`,
    ...(itf.loop !== undefined ? [`  "loop": ${itf.loop}`] : []),
  ]
  const states = itf.states.map((s) => `    ${JSON.stringify(s)}`).join(',\n')
  return `{\n${lines.join(',\n')},\n  "states": [\n${states}\n  ]\n}\n`
}

/** The ITF JSON text of a counterexample (what `writeTraceFiles` stores as `.itf.json`). */
export const traceToItfJson = (trace: Trace, origin: TraceOrigin, options: ItfOptions = {}): string =>
  itfToJson(toItf(trace, origin, options))

// ---- reading ---------------------------------------------------------------------------------

/** A trace read back from ITF: plain values and action records, plus what produced it. */
export interface StoredTrace {
  /** Our origin fields, when the file has them (a trace from Quint or Apalache has not). */
  readonly origin: Partial<TraceOrigin>
  readonly vars: readonly string[]
  readonly trace: Trace
  /** The labels of the recorded actions (`null` for the initial state). */
  readonly labels: readonly (string | null)[]
  /** The states as written, one ITF record per state (without `#meta`), for exact comparison. */
  readonly itfStates: readonly Readonly<Record<string, ItfValue>>[]
  /** The actions as written (ITF), or `null`. */
  readonly itfActions: readonly (ItfValue | null)[]
  readonly stateIsValue: boolean
}

/** Parses ITF JSON text. Throws `UsageError` with a one-line message when it is not an ITF trace. */
export function parseItf(text: string, source = 'trace'): StoredTrace {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`${source}: not JSON (${(e as Error).message})`)
  }
  if (!isRecord(json) || !Array.isArray(json.states) || !Array.isArray(json.vars)) {
    throw new UsageError(`${source}: not an ITF trace (expected an object with "vars" and "states")`)
  }
  const vars = json.vars.map(String).filter((v: string) => !MBT_VARS.has(v))
  const rawMeta = isRecord(json['#meta']) ? json['#meta'] : {}
  const stateIsValue = rawMeta.stateIsValue === true
  const loop = json.loop
  if (loop !== undefined && (typeof loop !== 'number' || !Number.isInteger(loop) || loop < 0 || loop >= json.states.length)) {
    throw new UsageError(`${source}: "loop" must be the index of a state`)
  }
  try {
    const steps: TraceStep[] = []
    const labels: (string | null)[] = []
    const itfStates: Record<string, ItfValue>[] = []
    const itfActions: (ItfValue | null)[] = []
    json.states.forEach((raw: unknown, i: number) => {
      if (!isRecord(raw)) throw new UsageError(`${source}: state ${i} is not an object`)
      const m = isRecord(raw['#meta']) ? raw['#meta'] : {}
      const vals: Record<string, ItfValue> = {}
      for (const k of Object.keys(raw)) if (k !== '#meta' && !MBT_VARS.has(k)) vals[k] = raw[k] as ItfValue
      // A state holds only variables `vars` lists (ADR-015): a damaged file is not a model that
      // changed (replay reproduced it). (One may lack some: a model's state may gain fields, and
      // `vars` lists every state's.)
      const extra = Object.keys(vals).find((k) => !vars.includes(k))
      if (extra !== undefined) throw new UsageError(`${source}: not a valid ITF trace: state ${i} holds ${extra}, which "vars" does not list`)
      itfStates.push(vals)
      const actionValue = m.actionValue === undefined ? null : (m.actionValue as ItfValue)
      itfActions.push(actionValue)
      const action =
        actionValue !== null ? toAction(fromItfValue(actionValue, `state ${i} action`), i, source) : i > 0 ? mbtAction(raw, i) : null
      labels.push(typeof m.action === 'string' ? m.action : action ? actionLabel(action) : null)
      const plain: Record<string, Value> = {}
      for (const k of Object.keys(vals)) plain[k] = fromItfValue(vals[k], `state ${i} ${k}`)
      const event = eventOf(m.event)
      const state = stateIsValue ? plain[WHOLE_STATE] ?? null : plain
      steps.push(event && action ? { action, state, event } : { action, state })
    })
    return {
      origin: originOf(rawMeta),
      vars,
      trace: loop === undefined ? { steps } : { steps, loopStart: loop, ...loopMeta(rawMeta) },
      labels,
      itfStates,
      itfActions,
      stateIsValue,
    }
  } catch (e) {
    if (e instanceof ItfValueError) throw new UsageError(`${source}: not a valid ITF trace: ${e.message}`)
    // A value nested thousands deep runs the reader out of stack: the file's fault, said so.
    if (e instanceof RangeError && e.message === 'Maximum call stack size exceeded') throw new UsageError(`${source}: not a valid ITF trace: a value is nested too deeply to read`)
    throw e
  }
}

/** A stored `#meta.event`, or undefined when it is absent or not one (written by another tool). */
function eventOf(v: unknown): StepEvent | undefined {
  if (!isRecord(v)) return undefined
  const kind = STEP_KINDS.find((k) => k === v.kind)
  const node = v.node ?? null
  if (kind === undefined || (node !== null && typeof node !== 'string')) return undefined
  return { kind, node }
}

/** A Quint (`--mbt`) or Apalache state's action: its name and the parameters it picked. */
function mbtAction(raw: Record<string, unknown>, i: number): Action | null {
  const nameVar = ACTION_TAKEN_NAMES.find((k) => typeof raw[k] === 'string' && raw[k] !== '')
  if (nameVar === undefined) return null
  const out: Record<string, Value> = { name: raw[nameVar] as string }
  const picksVar = NONDET_PICKS_NAMES.find((k) => raw[k] !== undefined)
  const picks = picksVar === undefined ? null : fromItfValue(raw[picksVar], `state ${i} ${picksVar}`)
  if (isRecord(picks)) {
    for (const [k, v] of Object.entries(picks)) {
      // `Some(x)` is x; `None` (null) is a parameter this action did not pick.
      if (isRecord(v) && v.tag === 'Some' && 'value' in v && k !== 'name') out[k] = v.value as Value
    }
  }
  return out as unknown as Action
}

function toAction(v: Value, i: number, source: string): Action {
  if (!isRecord(v) || typeof v.name !== 'string') {
    throw new UsageError(`${source}: state ${i}: #meta.actionValue is not an action record with a name`)
  }
  return v as unknown as Action
}

function originOf(m: Record<string, unknown>): Partial<TraceOrigin> {
  const str = (k: string): string | undefined => (typeof m[k] === 'string' ? (m[k] as string) : undefined)
  const out: Record<string, unknown> = {}
  for (const k of ['spec', 'specPath', 'model', 'property', 'propertyKind', 'verdict', 'note']) {
    const v = str(k)
    if (v !== undefined) out[k] = v
  }
  if (isRecord(m.params)) {
    const params: Record<string, number | boolean | string> = {}
    for (const [k, v] of Object.entries(m.params)) {
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') params[k] = v
    }
    out.params = params
  }
  if (m.symmetry === true) out.symmetry = true
  return out as Partial<TraceOrigin>
}

/** A lasso's closing action (`#meta.closingValue`; `#meta.closesUpTo` where it leads back only up
 * to a view or symmetry) and why its loop is fair (`#meta.fairness`), where the trace records
 * them. */
function loopMeta(meta: Record<string, unknown>): { closing?: Action; closesUpTo?: 'view' | 'symmetry'; fairness?: readonly string[] } {
  const v = meta.closingValue
  const a = v === undefined ? undefined : fromItfValue(v as ItfValue, 'the closing action')
  const closing = typeof a === 'object' && a !== null && typeof (a as { name?: unknown }).name === 'string' ? (a as unknown as Action) : undefined
  const f = meta.fairness
  const fairness = Array.isArray(f) && f.every((x) => typeof x === 'string') ? (f as string[]) : undefined
  const upTo = meta.closesUpTo === 'view' || meta.closesUpTo === 'symmetry' ? meta.closesUpTo : undefined
  return { ...(closing ? { closing, ...(upTo ? { closesUpTo: upTo } : {}) } : {}), ...(fairness ? { fairness } : {}) }
}
