import type { FairnessOf } from './fairness.ts'
import type { AnyModel, Model } from './model.ts'
import type { Action } from './action.ts'

export type ParamValue = number | boolean | string
export type Params = Readonly<Record<string, ParamValue>>

/**
 * What a spec expects when checked with its default parameters. Counts are pinned from a real
 * run (and, for faithful ports, equal to the published counts: say so in `source`).
 * A spec without `violated` expects every checked property to hold.
 */
export interface Expectation {
  readonly distinct?: number
  readonly total?: number
  readonly depth?: number
  /**
   * With a `constraint`: the distinct states within it (`distinct` less the states it cut,
   * `Stats.cut`), which is TLC's distinct count for a CONSTRAINT: TLC never stores a state that
   * fails it, this checker keeps it unexpanded. A faithful port pins TLC's figure here.
   */
  readonly withinConstraint?: number
  /** With a `constraint`: the BFS levels that hold a state within it (`Stats.depthWithin`), TLC's
   * depth for a CONSTRAINT (`depth`, or one less where the deepest level holds only cut states). */
  readonly depthWithinConstraint?: number
  /** Properties expected to be violated, with the expected counterexample length (states). */
  readonly violated?: Readonly<Record<string, { readonly length?: number }>>
  /**
   * The model's actions this configuration never takes (p2's retry timer when it has one attempt,
   * a coordinator's recovery when it cannot crash), compared with the complete search's as the
   * counts are: with `distinct` pinned, leaving it out pins none, so an edit that disables an
   * action fails the expectation. An action a spec does not list here is reported as "never
   * taken", a common sign of a broken guard.
   */
  readonly neverTaken?: readonly string[]
  /** Where the counts come from, e.g. "TLC on TwoPhase.tla, tlaplus/Examples manifest". */
  readonly source?: string
}

export interface SpecDef<C, S, A extends Action> {
  /** Unique name, used on the command line and for `traces/<name>/`. */
  readonly name: string
  readonly description?: string
  readonly model: Model<C, S, A>
  /** Parameters the user may override with `--param key=value`; values fix each one's type. */
  readonly params?: Params
  /** The finite instance: a value, or built from the (possibly overridden) parameters. */
  readonly config: C | ((params: Params) => C)
  /** Names of the properties to check; default: all of the model's. */
  readonly check?: readonly string[]
  /** Report states with no successor as deadlocks (TLC's default); off by default here. */
  readonly deadlock?: boolean
  /** Fairness assumptions for liveness, or a function of the configuration that gives them;
   * default: the model's. */
  readonly fairness?: FairnessOf<C>
  /** Explore one representative per symmetry orbit (requires `model.symmetry`). */
  readonly symmetry?: boolean
  /** A state constraint: states failing it are not expanded, as TLC's CONSTRAINT does. Unlike
   * TLC, which never stores them, they are kept in the visited set, so `distinct` (and `depth`,
   * where the last level holds only such states) count them; `total` is TLC's. */
  readonly constraint?: (config: C, state: S) => boolean
  readonly expect?: Expectation
}

export interface Spec<C = unknown, S = unknown, A extends Action = Action> extends SpecDef<C, S, A> {
  readonly kind: 'interleave.spec'
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = Spec<any, any, Action> & { readonly model: AnyModel }

/** A spec as loaded from a module: the module's URL lets worker threads re-import it (functions do
 * not cross threads), and its file names it in reports. */
export interface LoadedSpec {
  readonly spec: AnySpec
  readonly url: string
  readonly file: string
}

export function defineSpec<C, S, A extends Action>(def: SpecDef<C, S, A>): Spec<C, S, A> {
  return { ...def, kind: 'interleave.spec' }
}

export function isSpec(x: unknown): x is AnySpec {
  if (typeof x !== 'object' || x === null) return false
  try {
    return (x as { kind?: unknown }).kind === 'interleave.spec'
  } catch {
    // A proxy or a getter that throws: not a spec we can read.
    return false
  }
}

/** The spec's configuration for the given parameter overrides (already validated). `read`, when
 * given, collects the parameters the config function read (every one when it spread them; none
 * when `config` is not a function). */
export function resolveConfig<C>(spec: Spec<C, unknown, Action>, overrides: Params = {}, read?: Set<string>): C {
  const params = { ...(spec.params ?? {}), ...overrides }
  if (typeof spec.config !== 'function') return spec.config
  return (spec.config as (p: Params) => C)(read ? reading(params, read) : params)
}

/** `params` as a plain object whose every key is a getter noting in `read` that it was read (a
 * spread reads them all). Not a Proxy: a config may keep the object, even
 * put it into a state, where an exotic object would not survive a structured clone. */
function reading(params: Params, read: Set<string>): Params {
  const out = {}
  for (const k of Object.keys(params)) {
    Object.defineProperty(out, k, {
      enumerable: true,
      get() {
        read.add(k)
        return params[k]
      },
    })
  }
  return out as Params
}
