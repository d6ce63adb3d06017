/**
 * The actor harness's vocabulary (src/net/actor.ts): what a model's author writes — outcomes,
 * local actions, roles, the network spec, the definition — and what the harness gives back: the
 * state, the actions, the typed events.
 */
import type { Property } from '../core/property.ts'
import type { FairnessOf } from '../core/fairness.ts'
import type { Schema } from '../core/schema.ts'
import type { Value } from '../core/value.ts'
import type { Message } from './message.ts'
import type { Network, Semantics } from './network.ts'
import type { CrashAction, DeliverAction, NetworkFaultAction, RestartAction, FaultBudget } from './faults.ts'
import type { Groups } from './partition.ts'

// ---- what the author writes ------------------------------------------------------------------

/** What a handler or local action does: the node's next local state, the messages it sends (in
 * order), and the ghost variables it writes. */
export type Outcome<L, M extends Message, G> = {
  readonly local: L
  readonly send?: readonly M[]
  /** New values of ghost variables, computed from their current ones (read nowhere else). */
  readonly ghost?: (g: G) => Partial<G>
}

/** What a role's `receive` returns for a message its node cannot take yet: the delivery is no
 * step and the message stays in flight (TLA+'s receive action not enabled). One value per thread
 * (`Symbol.for`), whichever copy of the module a model imports it from. */
export const WAIT: unique symbol = Symbol.for('interleave.net.wait') as never
export type Wait = typeof WAIT

/** A local action's parameters (`{ to: 'p1' }`): they become fields of the action. */
export type Params = Readonly<Record<string, Value>>

/** What a local action may read beyond its node's own state, each named in its `reads`. */
export type Reads = 'detector' | 'inFlight' | 'state'

/**
 * What a local action knows beyond its node. Each member is an escape from "a handler sees its
 * node": the action declares it in `reads`, and using one it did not declare throws, so what a
 * step depends on stays written down.
 */
export type Context<M extends Message, S> = {
  /** `detector`: an accurate failure detector (Chandra and Toueg's P): whether `peer` is up and
   * not cut off from this node by the partition. */
  reachable(peer: string): boolean
  /** `inFlight`: whether this very message is in flight. No node can know that: it is a device
   * that keeps a bag finite (a node does not queue a second copy of what is still on its way). */
  inFlight(m: M): boolean
  /** `inFlight`: whether some message in the network passes `test` (on a `set` network: some
   * message ever sent). The same device, for a bound such as "one exchange per link in flight". */
  anyInFlight(test: (m: M) => boolean): boolean
  /** `state`: the whole state — other nodes, the ghost variables. For what the model keeps
   * outside the nodes and steps read (a client; a round of messages abstracted into one atomic
   * read of the peers' states). */
  readonly state: S
}

export type LocalAction<C, L, M extends Message, G, S = unknown> = {
  readonly name: string
  /** `timeout`: a timer (drawn as one in traces); `local` (default): anything else the node does. */
  readonly kind?: 'local' | 'timeout'
  /** Enabled only when no message to the node can be delivered (on a `set` network, where sent
   * messages stay deliverable: only when none was ever sent to it). A function of the
   * configuration when that depends on it (paxos-net: a timer waits for silence on a `bag`
   * network only). */
  readonly whenQuiet?: boolean | ((c: C) => boolean)
  /** What the action reads beyond its node, through its `Context` (default: nothing). */
  readonly reads?: readonly Reads[]
  /**
   * The parameter naming the one peer its `detector` and `inFlight` reads are about (Raft's
   * `AppendEntries`: `'to'`, the follower it sends to). The context then answers only about that
   * peer and the messages on the link between the two nodes (either way), and throws for anything
   * else; so the step depends on the two nodes alone, not on every node, for partial-order
   * reduction (`--por`). Not with `reads: ['state']` or `whenQuiet`; a choice without that
   * parameter (a node's name) is a model error.
   */
  readonly peer?: string
  /** Its steps come after the deliveries, not before (the step order only: which states a search
   * that stops early has seen, and which counterexample of a given length it reports). */
  readonly afterDeliveries?: boolean
  /** The parameter choices, in order (default: one, with no parameters). A choice's action is
   * `{ name, node, ...params }`, one object per distinct choice (found by a key built from the
   * values); a model that shares one parameter object per choice may freeze it
   * (`Object.freeze`), and its action is then found by identity, without the key. */
  params?(c: C, node: string, local: L, ctx: Context<M, S>): readonly Params[]
  /** The step, or null when it is not enabled. */
  fire(c: C, node: string, local: L, params: Params, ctx: Context<M, S>): Outcome<L, M, G> | null
}

export type Role<C, L, M extends Message, G, S = unknown> = {
  nodes(c: C): readonly string[]
  /** The node's initial local state. */
  init(c: C, node: string): L
  /** The node's possible initial local states, where it has several (TLA+'s `x \in S` in Init);
   * given, the harness uses it instead of `init`, which a role built on this one may still call.
   * The initial states are every combination of the nodes' choices, the first node's varying
   * slowest, each then started (`start`) as one state is. */
  inits?(c: C, node: string): readonly L[]
  /** The node's first step, taken as the system starts (Stateright's `on_start`, which may send):
   * its local state, its messages and its ghost writes are part of the initial state, which is
   * built role by role and node by node in order. Not a step of its own; null: nothing to do. A
   * restart does not take it again (the node goes on from what `crash` kept; Stateright's crashed
   * actors never restart). */
  start?(c: C, node: string, local: L): Outcome<L, M, G> | null
  /** A message delivered to `node`: its outcome, or null when the node ignores it (on a bag or
   * FIFO network the message is consumed all the same), or `WAIT` when the node cannot take it
   * yet (a PlusCal process still at an earlier label): no step, the message stays in flight (on a
   * FIFO link, at its head). `ctx` holds what `receiveReads` declares (its `state` is the one with
   * the message taken off the network). */
  receive?(c: C, node: string, local: L, msg: M, ctx: Context<M, S>): Outcome<L, M, G> | null | Wait
  /** What `receive` reads beyond its node and the message, as a local action's `reads` (default:
   * nothing). Every delivery to the role's nodes then depends on more than the node. */
  readonly receiveReads?: readonly Reads[]
  /**
   * Whether `node`, in local state `local`, ignores `msg` for good: its delivery changes nothing
   * but the network now and in every state the node can reach (a response of a term below the
   * node's, which terms never go back to). On a `bag` network the harness then drops such a
   * message as soon as it is one — when it is sent, or by the step that changes its receiver so
   * — rather than leaving it for a delivery that only consumes it: states that differ only in such
   * messages are one state, and no fault spends its budget on one. Exact for properties that do
   * not read those messages (a guard that counts messages in flight sees it gone at once, as it
   * would after its delivery). The claim for now is checked each time: the message is delivered
   * first, and a delivery that changes anything is a model error naming it; the "for good" is the
   * author's, which `--debug` checks along the search's paths (src/net/ignores-check.ts). It is
   * asked without the state a `receiveReads`
   * handler reads, so it must hold whatever that state becomes (the check's delivery is given
   * the state the step builds). Unused on a `set` network (where a delivery that changes nothing
   * is no step anyway) and a `fifo` one. Default: never.
   */
  ignoresForever?(c: C, node: string, local: L, msg: M): boolean
  readonly actions?: readonly LocalAction<C, L, M, G, S>[]
  /** The order of the role's local steps: `node` (default) — each node's actions in turn;
   * `action` — each action for every node in turn. (The order fixes which states a search that
   * stops early has seen, and which counterexample of a given length it reports.) */
  readonly order?: 'node' | 'action'
  /** The node's local state after a crash (default: unchanged, everything durable). Return
   * `local` itself when nothing is lost. (`node`: for a fresh volatile part that names the node's
   * peers.) */
  crash?(c: C, local: L, node: string): L
  /** The schema of a node's local state (all roles and `message` needed for a model schema). */
  schema?(c: C): Schema
}

/** The network and the faults a configuration allows. */
export type NetworkSpec = {
  readonly semantics: Semantics
  readonly budget: FaultBudget
  /** The nodes that may crash (within `budget.crash`); default none. */
  readonly crashable?: readonly string[]
  /** The partitions to try (default: every split of all nodes into two groups). */
  readonly partitions?: readonly Groups[]
  /** Whether a crashed node may restart (default true: crash-recovery); false: crash-stop;
   * `atomic`: a crash is a crash and a restart in one step — the node loses what `crash` resets
   * and is up again. That suits a `set` network, where a message to a down node would simply
   * wait, which an undelivered message already models. A crash that loses nothing (`crash`
   * returns `local` itself or an equal value) is then a stutter and is not generated; one that loses something
   * spends the crash budget. */
  readonly restart?: boolean | 'atomic'
  /** On a `bag` network: a delivery that changes nothing (the node ignores the message, or its
   * outcome sends nothing and leaves the node and the ghost variables equal, by value, to what they
   * were) is not a step, and the message stays in flight, as on Stateright's unordered networks (a
   * no-op delivery is not a transition there; Stateright asks whether the handler wrote its state
   * at all, so a handler that writes back an equal state is a step there and none here). By value
   * because a state decoded on a worker thread or process, or from a checkpoint, holds copies.
   * Default false: the message is consumed (a step). A `set` network never makes such a delivery
   * a step; a `fifo` network always consumes (refused there). A message kept this way stays
   * deliverable, so a `whenQuiet` timer for its receiver never fires. */
  readonly keepIgnored?: boolean
}

/** The roles' local state types, by role name. */
export type Locals = Record<string, unknown>

/** The model's state: one record per role, keyed by node id, the network, the ghost variables. */
export type ActorState<R extends Locals, M extends Message, G extends object = Record<never, never>> = {
  readonly [K in keyof R]: Readonly<Record<string, R[K]>>
} & { readonly net: Network<M> } & Readonly<G>

/** A local action as a step: `{ name, node, ...params }`. */
export type LocalStep = { readonly name: string; readonly node: string } & Params

export type ActorAction<M extends Message> =
  | LocalStep
  | DeliverAction<M>
  | NetworkFaultAction<M>
  | CrashAction
  | RestartAction

export type ActorDefinition<C, R extends Locals, M extends Message, G extends object> = {
  readonly name: string
  /** Roles in order (the state's field order and the step order). */
  readonly roles: { readonly [K in keyof R]: Role<C, R[K], M, G, ActorState<R, M, G>> }
  readonly network: (c: C) => NetworkSpec
  /** The schema of a message (a `schema.union('type', …)` over `from`, `to` and the payload). */
  readonly message?: (c: C) => Schema
  /** How a step's sends go on the network (default: src/net's `sendAll`). A model with a finite,
   * interned message universe may give a faster equal (insertion into a `set` network's sorted
   * `sent` by precomputed rank, models/paxos-net-tables.ts): it must return what `sendAll`
   * returns, and the network itself when nothing is added. */
  readonly send?: (c: C, net: Network<M>, ms: readonly M[]) => Network<M>
  /** Initial ghost (history) variables; default none. */
  readonly ghost?: (c: C) => G
  readonly ghostSchema?: (c: C) => { readonly [K in keyof G]: Schema }
  /** New values of ghost variables after a network fault, crash or restart (default: unchanged),
   * for history that faults write (such as "since the last fault"). */
  readonly onFault?: (c: C, fault: NetworkFaultAction<M> | CrashAction | RestartAction, g: G) => Partial<G>
  readonly properties: readonly Property<C, ActorState<R, M, G>>[]
  /** More properties made for the configuration (`Model.propertiesFor`): one per node, say. */
  propertiesFor?(config: C): readonly Property<C, ActorState<R, M, G>>[]
  readonly fairness?: FairnessOf<C>
  readonly symmetry?: (c: C, s: ActorState<R, M, G>) => ActorState<R, M, G>
  /** Groups of interchangeable nodes (e.g. the participants): the harness derives the symmetry
   * (exact canonical relabelling, src/state/symmetry.ts) from the state schema, which it needs.
   * Each group holds nodes of one role, and a node is in one group at most (else refused).
   * The claim that the nodes of a group are interchangeable is the author's: no rule may depend on
   * a node's name. A spec turns it on with `symmetry: true`. */
  readonly symmetricNodes?: (c: C) => readonly (readonly string[])[]
  readonly view?: (c: C, s: ActorState<R, M, G>) => Value
  readonly validate?: (c: C) => string | undefined
}

// ---- events ----------------------------------------------------------------------------------

/** What a step of an actor model is, read from its action alone. */
export type ActorEvent<M extends Message = Message> =
  | { readonly kind: 'local' | 'timeout'; readonly node: string; readonly action: string }
  | { readonly kind: 'deliver'; readonly node: string; readonly msg: M }
  | { readonly kind: 'drop' | 'duplicate'; readonly node: null; readonly msg: M }
  | { readonly kind: 'crash' | 'restart'; readonly node: string }
  | { readonly kind: 'partition'; readonly node: null; readonly groups: Groups }
  | { readonly kind: 'heal'; readonly node: null }
