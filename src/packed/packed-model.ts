/**
 * Packed models: a protocol written against a packed layout (`layout.ts`), so that the engine
 * stores, hashes and copies a few int32 words per state instead of objects.
 *
 * The model stays a set of pure, named action functions: each reads the current state `s` through
 * field handles and, when enabled, returns a successor built copy-on-write with `edit(s)` (a
 * scratch copy the engine consumes before the next action runs), or `null`. `next` lists the
 * action instances in a fixed order with `out.add(action, argument, successor)`.
 *
 * `packedModel(def)` returns an ordinary `Model` over the *decoded* plain states, so every
 * explorer, the trace writers, the replayer, liveness and the parallel engine work on it
 * unchanged; the single-threaded BFS recognises `model.packed` and runs on the words directly
 * (`packed-bfs.ts`). Both paths fingerprint the same words (`hashWords`), so their counts, visited
 * sets and traces are the same, which the tests check against the plain BFS on every packed spec.
 */
import type { Action } from '../core/action.ts'
import { ModelError, errorMessage, userFrame } from '../core/errors.ts'
import type { FairnessOf } from '../core/fairness.ts'
import type { Model } from '../core/model.ts'
import type { Property } from '../core/property.ts'
import { antecedentWitness } from '../core/property.ts'
import { hashWords } from './hash-words.ts'
import { LayoutError, sameWords } from './layout.ts'
import type { AnyField, Layout, PlainState, Words } from './layout.ts'
import type { Fingerprint } from '../state/fingerprint.ts'

/** Where `next` reports each action instance's successor. */
export interface PackedSteps {
  /** Action number `action` (an index into the model's `actions`) with argument `arg` (e.g. an
   * RM's index; 0 when the action has none) leads to `next`, or is disabled (`null`). */
  add(action: number, arg: number, next: Words | null): void
}

/** What a packed model's author writes. `K` is whatever `compile` builds once per configuration:
 * the layout and any constants the actions need (message indices and the like). */
export interface PackedModelDef<C, K extends { readonly layout: Layout<Record<string, AnyField>> }> {
  readonly name: string
  compile(config: C): K
  init(k: K): readonly Words[]
  next(k: K, s: Words, out: PackedSteps): void
  /** Action names, indexed by the number passed to `out.add`. */
  readonly actions: readonly string[]
  /** The trace label of action `action` with argument `arg`, e.g. `{ name: 'RMPrepare', rm: 'r2' }`. */
  label(k: K, action: number, arg: number): Action
  /** Properties over packed states (`always('TCConsistent', (k, s) => ...)`). */
  readonly properties: readonly Property<K, Words>[]
  readonly fairness?: FairnessOf<C>
  validate?(config: C): string | undefined
}

/** What the engine uses: one configuration's compiled model. */
export interface PackedRuntime {
  readonly words: number
  readonly actions: readonly string[]
  /** The compiled constants (passed to the model's functions and properties as `k`). */
  readonly k: unknown
  init(): readonly Words[]
  next(s: Words, out: PackedSteps): void
  label(action: number, arg: number): Action
  /** The packed form of property `name`. */
  property(name: string): Property<unknown, Words>
  decode(s: Words): unknown
  /** Writes the packed form of a plain state into `t`; throws `LayoutError` naming the path. */
  encode(plain: unknown, t: Words): void
  /** Fingerprints a plain state as the packed engine fingerprints its words (into `fp`). */
  fingerprintPlain(plain: unknown, out?: Fingerprint): void
}

export interface PackedHook {
  compile(config: unknown): PackedRuntime
}

export type PackedModel<C, S, A extends Action = Action> = Model<C, S, A> & { readonly packed: PackedHook }

/** The engine's scratch buffers for `edit`, one per word count. */
const scratch: Words[] = []

/**
 * A copy of `s` to build a successor in: `const t = edit(s); L.f.set(t, v); return t`. The copy
 * lives in a scratch buffer that the engine reads before the next action runs, so an action takes
 * one `edit` and returns it (or `null`, or `s` itself for a step that changes nothing).
 */
export function edit(s: Words): Words {
  const n = s.length
  let t = scratch[n]
  if (t === undefined) scratch[n] = t = new Int32Array(n)
  for (let i = 0; i < n; i++) t[i] = s[i]
  return t
}

type StateOf<K> = K extends { readonly layout: Layout<infer F> } ? PlainState<F> : never

export function packedModel<C extends object, K extends { readonly layout: Layout<Record<string, AnyField>> }>(
  def: PackedModelDef<C, K>,
): PackedModel<C, StateOf<K>, Action> {
  const runtimes = new WeakMap<object, PackedRuntime>()
  const runtime = (config: C): PackedRuntime => {
    let rt = runtimes.get(config)
    if (!rt) runtimes.set(config, (rt = compileRuntime(def, config)))
    return rt
  }
  // The plain interface: decode on the way out, encode on the way in. Slower than the words, and
  // only used where an explorer needs plain states (traces, DFS, liveness, parallel workers).
  const words = (config: C, plain: unknown): Words => {
    const rt = runtime(config)
    const t = new Int32Array(rt.words)
    rt.encode(plain, t)
    return t
  }
  const properties = def.properties.map((p) => plainProperty(p, (c: C) => runtime(c).k as K, words))
  return {
    name: def.name,
    init(c) {
      const rt = runtime(c)
      return rt.init().map((w) => rt.decode(w) as StateOf<K>)
    },
    next(c, plain) {
      const rt = runtime(c)
      const s = words(c, plain)
      const before = s.slice()
      const out: [Action, StateOf<K>][] = []
      rt.next(s, {
        add(action, arg, t) {
          // A model that writes into its input would corrupt every later action's view of it.
          if (!sameWords(s, before, s.length)) throw new Error(`action ${def.actions[action] ?? action} wrote into its input state (use edit(s))`)
          if (t !== null) out.push([rt.label(action, arg), rt.decode(t) as StateOf<K>])
        },
      })
      return out
    },
    properties,
    actions: def.actions,
    fairness: def.fairness,
    validate: def.validate,
    packed: { compile: (c) => runtime(c as C) },
    // Every explorer hashes the plain states by their words, as the packed BFS does.
    stateFingerprint(c) {
      const rt = runtime(c)
      return (plain, out) => rt.fingerprintPlain(plain, out)
    },
  }
}

function compileRuntime<C, K extends { readonly layout: Layout<Record<string, AnyField>> }>(
  def: PackedModelDef<C, K>,
  config: C,
): PackedRuntime {
  const k = def.compile(config)
  const L = k.layout
  // An antecedent's hidden witness (`Agreement:when`) is looked up by name like any property.
  const all = def.properties.flatMap((p) => [p, ...[antecedentWitness(p)].filter((w) => w !== undefined)])
  const byName = new Map(all.map((p) => [p.name, p as unknown as Property<unknown, Words>]))
  const buf = L.blank()
  return {
    words: L.words,
    actions: def.actions,
    k,
    init: () => def.init(k),
    next: (s, out) => def.next(k, s, out),
    label: (a, arg) => def.label(k, a, arg),
    property(name) {
      const p = byName.get(name)
      if (!p) throw new Error(`packed model ${def.name} has no property ${name}`)
      return p
    },
    decode: (s) => L.decode(s),
    encode: (plain, t) => L.encode(plain, t),
    fingerprintPlain(plain, out) {
      L.encode(plain, buf)
      hashWords(buf, L.words, out)
    },
  }
}

/** A packed property as a property of plain states: encode, then evaluate. */
function plainProperty<C, K>(p: Property<K, Words>, kOf: (c: C) => K, words: (c: C, plain: unknown) => Words): Property<C, unknown> {
  const lift =
    (f: (k: K, s: Words) => boolean) =>
    (c: C, plain: unknown): boolean =>
      f(kOf(c), words(c, plain))
  switch (p.kind) {
    case 'leadsTo':
      return { ...p, from: lift(p.from), to: lift(p.to) }
    case 'always':
      return {
        kind: p.kind,
        name: p.name,
        holds: lift(p.holds),
        ...(p.when ? { when: lift(p.when) } : {}),
        ...(p.witness !== undefined ? { witness: p.witness } : {}),
      }
    default:
      return { ...p, holds: lift(p.holds) }
  }
}

/** The engine's hook on a model made by `packedModel`, if it is one. */
export const packedHook = (model: object): PackedHook | undefined => (model as { packed?: PackedHook }).packed

/**
 * What a packed model's `next` threw, as the one-line ModelError every packed explorer reports:
 * a value outside its layout or another exception, with the user's function named; the engine's
 * own ModelErrors (written "model: ..." where the model's name is not at hand) get the name.
 */
export function packedModelError(modelName: string, e: unknown): ModelError {
  if (e instanceof ModelError) return new ModelError(e.message.replace(/^model:/, `model ${modelName}:`))
  const where = userFrame(e)
  const what = e instanceof LayoutError ? 'wrote a value outside its layout' : 'threw'
  return new ModelError(`model ${modelName}: next ${what}: ${errorMessage(e)}${where ? ` at ${where}` : ''}`)
}
