/**
 * Model-based testing of real code: what the user supplies to run a model's actions against an
 * implementation and compare the two after every step.
 *
 * The model decides which actions are enabled (so every run is a behaviour the protocol allows);
 * the implementation is driven by `apply`; `observeModel` and `observeImpl` project both sides to
 * comparable plain values (what a client of the implementation could see). Observations are
 * compared by value (`valuesEqual`: key order and construction do not matter).
 */
import type { Action } from '../core/action.ts'
import type { Model } from '../core/model.ts'
import type { Value } from '../core/value.ts'
import { UsageError } from '../core/errors.ts'

export interface MbtTarget<C, S, A extends Action, I> {
  readonly model: Model<C, S, A>
  readonly config: C
  /** A fresh implementation in the state that corresponds to the model's initial state `init`. */
  create(init: S): I | Promise<I>
  /** Performs `action` on the implementation (the model has it enabled). May throw: a failure. */
  apply(impl: I, action: A): void | Promise<void>
  /** The observable part of a model state. */
  observeModel(state: S): Value
  /** The same observable part, read from the implementation. */
  observeImpl(impl: I): Value | Promise<Value>
  /** Releases an implementation after a run (timers, sockets, files). */
  dispose?(impl: I): void | Promise<void>
  /** How long an asynchronous call of the implementation (create, apply, observeImpl, dispose)
   * may take to settle before the run fails, naming it (default 60 s; 0: no limit). A
   * synchronous call that never returns cannot be stopped from here. */
  readonly stepTimeoutSeconds?: number
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTarget = MbtTarget<any, any, Action, any>

/**
 * Refuses a target that lacks one of its functions (`fn` names the caller). Without this a
 * missing `apply` or `observeImpl` was reported as the implementation diverging ("apply(Inc)
 * threw: target.apply is not a function"), a bug in the test passed off as one in the code.
 */
export function refuseIncompleteTarget(fn: string, target: unknown): void {
  if (typeof target !== 'object' || target === null) throw new UsageError(`${fn}: expected a target (model, config, create, apply, observeModel, observeImpl), got ${target === null ? 'null' : typeof target}`)
  const t = target as Record<string, unknown>
  if (typeof t.model !== 'object' || t.model === null || typeof (t.model as { init?: unknown }).init !== 'function') throw new UsageError(`${fn}: the target's model is not a model (it needs init and next)`)
  for (const name of ['create', 'apply', 'observeModel', 'observeImpl'] as const) {
    if (typeof t[name] !== 'function') throw new UsageError(`${fn}: the target has no ${name} function (${t[name] === undefined ? 'missing' : `a ${typeof t[name]}`})`)
  }
  if (t.dispose !== undefined && typeof t.dispose !== 'function') throw new UsageError(`${fn}: the target's dispose is not a function`)
  const limit = t.stepTimeoutSeconds
  if (limit !== undefined && !(typeof limit === 'number' && limit >= 0 && limit <= 2_147_483)) throw new UsageError(`${fn}: the target's stepTimeoutSeconds ${String(limit)}: expected a number of seconds, 0 to 2147483 (0: no limit)`)
}

/** Where and how a run went wrong. */
export interface Divergence<A extends Action = Action> {
  /** The actions applied, in order, up to and including the failing one. */
  readonly actions: readonly A[]
  /** The index of the initial state the run started from. */
  readonly init: number
  /** Steps applied when it failed (0: the initial observations already differ). */
  readonly step: number
  /** The model's observation, the implementation's, and the differences by path. */
  readonly expected?: Value
  readonly actual?: Value
  readonly differences: readonly string[]
  /** The implementation threw (in `create`, `apply` or `observeImpl`). */
  readonly error?: string
}
