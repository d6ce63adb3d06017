import type { Action } from './action.ts'
import type { FairnessOf } from './fairness.ts'
import type { Property } from './property.ts'
import type { Value } from './value.ts'
import type { Schema } from './schema.ts'
import type { StepEvent } from './event.ts'

/** A 64-bit fingerprint as two 32-bit halves: what fingerprint calls write into (an out
 * parameter, so nothing is allocated per state), `symmetryFingerprint`'s included. */
export type Fingerprint = { hi: number; lo: number }

/**
 * The model contract (design §3). A protocol is pure functions over immutable plain data:
 *
 * - `init(config)` returns the initial states, in a deterministic order;
 * - `next(config, state)` returns every enabled step as `[action, nextState]`, in a deterministic
 *   order, without mutating `state`. (`asleep`, given only by partial-order reduction, holds
 *   the actions, by identity, of steps it will skip: `next` may leave their states uncomputed,
 *   giving `ASLEEP` instead, only where it would give a step with that action, once, so the
 *   steps keep their places; the actor harness does. A model may ignore it.)
 *   A step that leaves the state unchanged is still a step (TLC counts it as generated).
 *   Iterating a JS Map/Set in insertion order is deterministic; iterating something whose order
 *   depends on history that is not part of the state is not.
 * - `properties`: named safety and liveness properties (see `property.ts`).
 *
 * Optional:
 * - `fairness`: default fairness assumptions for liveness (a spec may replace them);
 * - `symmetry(config, state)`: a canonical representative of the state's orbit under
 *   interchangeable node ids. Must be idempotent and map equivalent states to one representative;
 * - `symmetryFingerprint(config, state, out)`: with `symmetry`, writes into `out` the fingerprint
 *   of `symmetry(config, state)` (what `fingerprint` in src/state/fingerprint.ts gives), computed
 *   without building the representative (the hash parts there say how records and lists
 *   combine). The engine uses it instead of `symmetry` + hash; debug mode checks the two agree.
 * - `view(config, state)`: the value that identifies a state (like TLC's VIEW), e.g. to abstract
 *   ever-growing counters. Two states with equal views are treated as one.
 * - `validate(config)`: returns a message when a configuration is out of the model's range.
 * - `schema(config)`: the state's shape, for a compiled fingerprint and validation;
 * - `actions`: the action names, in `next`'s order, for coverage reports.
 */
export interface Model<C, S, A extends Action = Action> {
  readonly name: string
  init(config: C): readonly S[]
  next(config: C, state: S, asleep?: readonly unknown[]): Iterable<readonly [A, S]>
  readonly properties: readonly Property<C, S>[]
  /** More properties, made for the configuration, checked after `properties`: TLA+'s `\A c \in
   * Clients : P(c) ~> Q(c)` is one property per client, as many as the configuration has. */
  propertiesFor?(config: C): readonly Property<C, S>[]
  readonly fairness?: FairnessOf<C>
  symmetry?(config: C, state: S): S
  symmetryFingerprint?(config: C, state: S, out: Fingerprint): void
  /** Every renaming of `state` under the symmetry (itself included), for `--debug`'s check that the
   * properties answer alike on an orbit, states the search never meets included. The actor
   * harness gives it with `symmetricNodes`. */
  symmetryImages?(config: C, state: S): Iterable<S>
  view?(config: C, state: S): Value
  validate?(config: C): string | undefined
  /** The state's shape over finite domains (`src/state/schema.ts`): compiles a faster
   * fingerprint, equal to the generic one, and validates every state against it. */
  schema?(config: C): Schema
  /** The names of the model's actions, so coverage can list those that never fired; a function
   * when they depend on the configuration (a fault the budget does not allow is not an action). */
  readonly actions?: readonly string[] | ((config: C) => readonly string[])
  /** The name a step counts under in coverage (steps taken and new states per name, and the
   * names never taken): its action's name where this is absent. The actor harness names a
   * delivery by the type of the message it delivers (`Deliver Vote`), so a handler that no
   * message ever reaches shows as never taken. */
  coverageName?(action: A): string
  /** Every name `coverageName` can give in this configuration, for the names never taken
   * (`actions` where this is absent). */
  readonly coverageNames?: (config: C) => readonly string[]
  /** What an action is as a step (node, delivery or fault): stored with trace steps for the
   * viewer. The actor harness (src/net/actor.ts) provides it. */
  event?(action: A): StepEvent
  /** What one step touches, for partial-order reduction by sleep sets (src/explore/sleep-sets.ts):
   * -1 when the step may depend on anything; else `nodes << 1 | ghost`, where `nodes` is a bit mask
   * of the nodes whose local state (or whose link's messages) the step reads or writes (node i is
   * bit i, at most 30 nodes: usually one, two for a step scoped to a peer) and `ghost` is 1 when it
   * writes a ghost variable (its outcome writes one, whatever the values). The claim is that two
   * steps with no node in common, not both writing ghosts,
   * commute and neither disables the other, from any state; the network semantics must make that
   * true of their sends and receipts (src/net's do). The same action object in two states must
   * be the same step, and so must equal action values (on worker threads steps are named by their
   * values, src/explore/keyed-sleep.ts); one state may not have two steps with one action (checked
   * on the first 1,000 states, src/explore/sleep-actions.ts); and one object per action value
   * keeps one thread's reduction equal to several threads' (a new object each state is never
   * asleep on one thread). The actor harness provides it; the first 300 commutations the
   * reduction relies on are checked by taking both orders, every one with `--debug`. */
  footprint?(config: C, action: A, from: S, to: S): number
  /** The fingerprint every explorer gives this model's states, in place of the schema's or the
   * generic one: for a model whose own search hashes another form of its states, so that every
   * search agrees with it state for state (a packed model's words, src/packed/packed-model.ts).
   * Not under a view, which keys the states instead. */
  stateFingerprint?(config: C): (state: S, out?: Fingerprint) => void
  /** Checks of the model's own claims that are too dear for every run: with `--debug`, the
   * engine asks for one per run and thread, before the first state it builds there (`init`, or
   * a worker's first expansion), then gives it every step the search takes (`to` not yet
   * canonical); a string it returns is a model error, reported in the step's state. The actor
   * harness checks `ignoresForever` with it (src/net/ignores-check.ts). */
  debugCheck?(config: C): DebugCheck<S, A>
}

/** What `Model.debugCheck` gives. (A method, not a function type, so that a model's check of
 * its own actions is a check of any model's, as `footprint` is.) */
export interface DebugCheck<S, A> {
  /** Undefined for a step that keeps the model's claims, else why it does not. */
  step(from: S, action: A, to: S): string | undefined
}

/** The state `next` gives for a step it was told is asleep (see `next`), computing nothing. */
export const ASLEEP: object = Object.freeze({ asleep: true })

/** Any model, for code that handles models generically (the explorers, the CLI). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any, any, Action>

/** The action names `model` declares for `config` (none when it declares none). */
export const declaredActions = (model: AnyModel, config: unknown): readonly string[] =>
  typeof model.actions === 'function' ? model.actions(config) : (model.actions ?? [])

/**
 * Collects the successors of one state: `out.add(action, actionFn(...))` with the action function's
 * result, which is `null` when the action is not enabled. Keeps `next` readable as a fixed list of
 * action instances, like TLA+'s `Next` disjunction.
 */
export class Steps<A extends Action, S> {
  readonly list: [A, S][] = []
  add(action: A, next: S | null): this {
    if (next !== null) this.list.push([action, next])
    return this
  }
}
