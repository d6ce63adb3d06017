/**
 * The actor harness: a message-passing model written as per-node handlers (like Stateright's
 * ActorModel), from which the harness builds the `Model` — its `next` (every delivery, local
 * action and fault the spec's budget allows, in a fixed order), its schema and its step events.
 *
 * The author writes, per role (coordinator, participants; proposers, acceptors; servers):
 * - `nodes(c)`: the role's node ids; `init(c, node)`: a node's initial local state;
 * - `receive(c, node, local, msg)`: a message delivered to the node, returning an `Outcome` (the
 *   node's next local state and the messages it sends) or null (the node ignores it);
 * - `actions`: local actions (a client request, a timer firing, a decision sent), each a function
 *   of the node's own local state only;
 * - `crash(c, local)`: the node's state after a crash (durable part kept, volatile part reset).
 *
 * A handler sees its node's local state and the message, nothing else: what it reads and writes is
 * the node, and what it sends goes on the network. That is what makes every step a typed event
 * (`actorEvent`: which node acts, on which message, with which fault), and what a partial-order
 * reduction needs to know which steps are independent (docs/partial-order-reduction.md). The
 * escapes are named, not hidden: `ghost` (variables outside every node — history such as Paxos's
 * votes, or a client's counter — written by steps and by faults (`onFault`), read by properties
 * and by actions that declare it), `whenQuiet` (a timer that fires only when no message to its
 * node can be delivered, the usual way a model says "nothing will come"), and what a local action
 * declares in `reads` and then finds in its `Context`: an accurate failure detector
 * (`reachable`), whether a message is in flight (`inFlight`, a device to keep a bag finite), and
 * the whole state (`state`: a client the model keeps outside the nodes, or a synchronous round
 * abstracted into one step). A role's `receive` may declare the same escapes (`receiveReads`),
 * for a handler whose answer depends on a setting the model keeps outside the nodes. A step that
 * uses one depends on more than its node: on faults, on the network, on everything. (The
 * context's members are methods: call them on it, `ctx.reachable(q)`, not detached.)
 *
 * State: `{ [role]: { [node]: local }, net, ...ghost }` — one record per role keyed by node id
 * (what the trace viewer draws as a group of lifelines), the network (src/net) and the ghost
 * variables.
 *
 * Step order (it fixes the BFS order, so the first counterexample): for each role and node in
 * order, its local actions in declared order (a role with `order: 'action'`: for each action,
 * every node); then deliveries (`deliveries(net)` order); then, in the same way, the local actions
 * marked `afterDeliveries`; network faults; crashes; restarts (none when the network spec says
 * `restart: false`: crash-stop). Deliveries: on a `bag` or `fifo` network a message a node
 * ignores is still consumed (a step); on a `set` network a delivery that changes nothing is not a
 * step (the message stays deliverable forever, so it would only be a stutter).
 */
import type { Model } from '../core/model.ts'
import type { Property } from '../core/property.ts'
import type { Fairness } from '../core/fairness.ts'
import type { Schema } from '../core/schema.ts'
import type { Value } from '../core/value.ts'
import { schema as S } from '../state/schema.ts'
import { mentionsIds, relabelBySchema } from '../state/schema-relabel.ts'
import { canonicalize } from '../state/symmetry.ts'
import type { Message } from './message.ts'
import type { Network, Semantics } from './network.ts'
import { anyInFlight, contains, deliverableTo, network, sendAll } from './network.ts'
import type { CrashAction, DeliverAction, FaultBudget, NetworkFaultAction, NetworkFaultOptions, RestartAction } from './faults.ts'
import { crash, crashable, deliveries, isUp, networkFaults, restart, restartable } from './faults.ts'
import type { Groups } from './partition.ts'
import { separates } from './partition.ts'
import { networkSchema } from './schema.ts'

// ---- what the author writes ------------------------------------------------------------------

/** What a handler or local action does: the node's next local state, the messages it sends (in
 * order), and the ghost variables it writes. */
export type Outcome<L, M extends Message, G> = {
  readonly local: L
  readonly send?: readonly M[]
  /** New values of ghost variables, computed from their current ones (read nowhere else). */
  readonly ghost?: (g: G) => Partial<G>
}

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
   * messages stay deliverable: only when none was ever sent to it). */
  readonly whenQuiet?: boolean
  /** What the action reads beyond its node, through its `Context` (default: nothing). */
  readonly reads?: readonly Reads[]
  /** Its steps come after the deliveries, not before (the step order only: which states a search
   * that stops early has seen, and which counterexample of a given length it reports). */
  readonly afterDeliveries?: boolean
  /** The parameter choices, in order (default: one, with no parameters). */
  params?(c: C, node: string, local: L, ctx: Context<M, S>): readonly Params[]
  /** The step, or null when it is not enabled. */
  fire(c: C, node: string, local: L, params: Params, ctx: Context<M, S>): Outcome<L, M, G> | null
}

export type Role<C, L, M extends Message, G, S = unknown> = {
  nodes(c: C): readonly string[]
  init(c: C, node: string): L
  /** A message delivered to `node`: its outcome, or null when the node ignores it. `ctx` holds
   * what `receiveReads` declares (its `state` is the one with the message taken off the network). */
  receive?(c: C, node: string, local: L, msg: M, ctx: Context<M, S>): Outcome<L, M, G> | null
  /** What `receive` reads beyond its node and the message, as a local action's `reads` (default:
   * nothing). Every delivery to the role's nodes then depends on more than the node. */
  readonly receiveReads?: readonly Reads[]
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
  /** Whether a crashed node may restart (default true: crash-recovery); false: crash-stop. */
  readonly restart?: boolean
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
  /** Initial ghost (history) variables; default none. */
  readonly ghost?: (c: C) => G
  readonly ghostSchema?: (c: C) => { readonly [K in keyof G]: Schema }
  /** New values of ghost variables after a network fault, crash or restart (default: unchanged),
   * for history that faults write (such as "since the last fault"). */
  readonly onFault?: (c: C, fault: NetworkFaultAction<M> | CrashAction | RestartAction, g: G) => Partial<G>
  readonly properties: readonly Property<C, ActorState<R, M, G>>[]
  readonly fairness?: readonly Fairness[]
  readonly symmetry?: (c: C, s: ActorState<R, M, G>) => ActorState<R, M, G>
  /** Groups of interchangeable nodes (e.g. the participants): the harness derives the symmetry
   * (exact canonical relabelling, src/state/symmetry.ts) from the state schema, which it needs.
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

// ---- the model -------------------------------------------------------------------------------

const NO_PARAMS: readonly Params[] = [{}]

/** Who reads, for the error: a local action (`reads`) or a role's receive handler (`receiveReads`). */
type Reader = { readonly local: string } | { readonly receive: string }

const undeclared = (model: string, who: Reader, what: Reads): string => {
  const [name, key] = 'local' in who ? [`local action ${who.local}`, 'reads'] : [`the receive handler of role ${who.receive}`, 'receiveReads']
  return `actor model ${model}: ${name} reads ${what === 'detector' ? 'the failure detector' : what === 'inFlight' ? 'the network' : 'the whole state'} without declaring ${key}: ['${what}']`
}

/** A step's `Context`: what its local action (or receive handler) declared, and an error for the rest. */
class StepContext<M extends Message> implements Context<M, unknown> {
  constructor(
    private readonly model: string,
    private readonly who: Reader,
    private readonly reads: readonly Reads[],
    private s: { readonly net: Network<M> } | null,
    private node: string,
  ) {}

  /** This context, for node `node` in state `s`: one per local action, set before each of its
   * steps, not built per step (valid during the step's `params` and `fire` calls only). */
  at(s: { readonly net: Network<M> }, node: string): this {
    this.s = s
    this.node = node
    return this
  }

  private need(what: Reads): { readonly net: Network<M> } {
    if (!this.reads.includes(what) || this.s === null) throw new Error(undeclared(this.model, this.who, what))
    return this.s
  }

  reachable(peer: string): boolean {
    const net = this.need('detector').net
    return isUp(net, peer) && !separates(net.partition, this.node, peer)
  }

  inFlight(m: M): boolean {
    return contains(this.need('inFlight').net, m)
  }

  anyInFlight(test: (m: M) => boolean): boolean {
    return anyInFlight(this.need('inFlight').net, test)
  }

  get state(): unknown {
    return this.need('state')
  }
}

const FAULT_NAMES = new Set(['Deliver', 'Drop', 'Duplicate', 'Partition', 'Heal', 'Crash', 'Restart'])

/** One local step of a role's order: its node's index and the action. */
type LocalSlot<C, M extends Message, G> = {
  readonly i: number
  readonly a: LocalAction<C, unknown, M, G>
  /** The action's context: every member throws when it declared no reads (`open` false); else set
   * to the step's state and node before each use. */
  readonly ctx: StepContext<M>
  readonly open: boolean
  /** The step's action when it has no parameters: `{ name, node }`, one per slot. */
  readonly plain: LocalStep
}

/** Everything `next` needs about one configuration, computed once. */
type Layout<C, M extends Message, G> = {
  readonly roles: readonly {
    readonly name: string
    readonly role: Role<C, unknown, M, G>
    readonly nodes: readonly string[]
    /** The role's local steps in order, (node index, action) pairs: those before the deliveries,
     * and those after (`afterDeliveries`). */
    readonly steps: readonly [before: readonly LocalSlot<C, M, G>[], after: readonly LocalSlot<C, M, G>[]]
    /** What its receive handler declared it reads (null: nothing; its context then throws). */
    readonly receiveReads: readonly Reads[] | null
    /** Its receive handler's context, set before each delivery when it reads something. */
    readonly context: StepContext<M>
  }[]
  readonly roleOf: ReadonlyMap<string, number>
  /** Whether some local action comes after the deliveries. */
  readonly late: boolean
  readonly all: readonly string[]
  readonly net: NetworkSpec
  /** `networkFaults`' options: the nodes partitions split, or the partitions to try. */
  readonly faultOptions: NetworkFaultOptions
  readonly ghostKeys: readonly string[]
  /** A new state: `s` with role `r`'s record replaced by `nodes` (none when `r` is null), the
   * network `net`, and the ghost variables `g` holds (none when null). */
  readonly build: (s: object, r: string | null, nodes: unknown, net: Network<M>, g: object | null) => Record<string, unknown>
}

/** `Layout.build`. (An object literal of the fields in order, generated, gives every state one
 * hidden class where this gives several, and reading a state's fields is then faster; but V8 then
 * allocates the states in the old generation once most of them survive, and `next` was slower
 * overall: raft-two-terms, bench/per-state.ts.) */
function build(s: object, r: string | null, nodes: unknown, net: Network<Message>, g: object | null): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s }
  if (r !== null) out[r] = nodes
  out.net = net
  if (g !== null) Object.assign(out, g)
  return out
}

/** An actor model: a `Model` whose `next` the harness generates, plus its step events. */
export type ActorModel<C, R extends Locals, M extends Message, G extends object> = Omit<Model<C, ActorState<R, M, G>, ActorAction<M>>, 'next'> & {
  next(c: C, s: ActorState<R, M, G>): [ActorAction<M>, ActorState<R, M, G>][]
  /** The typed event of one of this model's actions. */
  event(action: ActorAction<M>): ActorEvent<M>
}

export function actorModel<C, R extends Locals, M extends Message, G extends object = Record<never, never>>(
  def: ActorDefinition<C, R, M, G>,
): ActorModel<C, R, M, G> {
  type St = ActorState<R, M, G>
  const roleNames = Object.keys(def.roles)
  if (roleNames.includes('net')) throw new Error(`actor model ${def.name}: a role may not be called 'net' (the network's field)`)
  const kinds = new Map<string, 'local' | 'timeout'>()
  for (const r of roleNames) {
    for (const a of (def.roles[r] as Role<C, unknown, M, G>).actions ?? []) {
      if (FAULT_NAMES.has(a.name)) throw new Error(`actor model ${def.name}: local action ${a.name} has the name of a harness step`)
      kinds.set(a.name, a.kind ?? 'local')
    }
  }

  /** A local action's context (see `LocalSlot`): one per action. */
  const contextOf = (a: LocalAction<C, unknown, M, G>): StepContext<M> => new StepContext<M>(def.name, { local: a.name }, a.reads ?? [], null, '')

  const layouts = new WeakMap<object, Layout<C, M, G>>()
  const layoutOf = (c: C): Layout<C, M, G> => {
    const key = c as unknown as object
    let l = layouts.get(key)
    if (l === undefined) {
      const roles = roleNames.map((name) => {
        const role = def.roles[name] as Role<C, unknown, M, G>
        const nodes = role.nodes(c)
        const actions = role.actions ?? []
        const contexts = new Map(actions.map((a) => [a, contextOf(a)] as const))
        const slot = (i: number, a: LocalAction<C, unknown, M, G>): LocalSlot<C, M, G> => ({
          i,
          a,
          ctx: contexts.get(a) as StepContext<M>,
          open: a.reads !== undefined && a.reads.length > 0,
          plain: { name: a.name, node: nodes[i] as string },
        })
        const all = role.order === 'action'
          ? actions.flatMap((a) => nodes.map((_, i) => slot(i, a)))
          : nodes.flatMap((_, i) => actions.map((a) => slot(i, a)))
        const steps = [all.filter((x) => x.a.afterDeliveries !== true), all.filter((x) => x.a.afterDeliveries === true)] as const
        const reads = role.receiveReads !== undefined && role.receiveReads.length > 0 ? role.receiveReads : null
        return { name, role, nodes, steps, receiveReads: reads, context: new StepContext<M>(def.name, { receive: name }, reads ?? [], null, '') }
      })
      const roleOf = new Map<string, number>()
      roles.forEach((r, i) => {
        for (const n of r.nodes) {
          if (roleOf.has(n)) throw new Error(`actor model ${def.name}: node ${n} is in two roles`)
          roleOf.set(n, i)
        }
      })
      const all = roles.flatMap((r) => r.nodes)
      const net = def.network(c)
      const faultOptions = { nodes: all, ...(net.partitions ? { partitions: net.partitions } : {}) }
      const ghostKeys = Object.keys(def.ghost?.(c) ?? {})
      l = { roles, roleOf, late: roles.some((r) => r.steps[1].length > 0), all, net, faultOptions, ghostKeys, build }
      layouts.set(key, l)
    }
    return l
  }

  /** A local step's action: `{ name, node, ...p }`, built by copying `p`'s fields (a literal with
   * a spread in it takes V8's slow path); without parameters, the slot's one shared action. */
  const localStep = (slot: LocalSlot<C, M, G>, p: Params): LocalStep => {
    if (p === NO_PARAMS[0]) return slot.plain
    let step: Record<string, Value> | undefined
    for (const k in p) {
      step ??= { name: slot.plain.name, node: slot.plain.node }
      step[k] = p[k] as Value
    }
    return (step as LocalStep | undefined) ?? slot.plain
  }

  /** The state after a fault: `after`, with the ghost variables `onFault` writes. */
  const onFault = def.onFault
  const faulted = (c: C, l: Layout<C, M, G>, s: St, a: NetworkFaultAction<M> | CrashAction | RestartAction, net: Network<M>, r: string | null = null, nodes: unknown = null): St =>
    l.build(s, r, nodes, net, onFault === undefined ? null : onFault(c, a, s as unknown as G)) as St

  /** The state after `node` (of role `r`) took a step with outcome `o` on network `net`. */
  const apply = (l: Layout<C, M, G>, s: St, r: string, node: string, o: Outcome<unknown, M, G>, net: Network<M>): St => {
    const nodes = (s as unknown as Record<string, Readonly<Record<string, unknown>>>)[r] as Readonly<Record<string, unknown>>
    const sends = o.send
    const after = sends !== undefined && sends.length > 0 ? sendAll(net, sends) : net
    const sameNode = nodes[node] === o.local
    if (sameNode && after === s.net && o.ghost === undefined) return s
    let role: Record<string, unknown> | null = null
    if (!sameNode) {
      // Spread, then assign: `{ ...nodes, [node]: … }` takes V8's slow path (state/data.ts `assoc`).
      role = { ...nodes }
      role[node] = o.local
    }
    return l.build(s, role === null ? null : r, role, after, o.ghost === undefined ? null : o.ghost(s as unknown as G)) as St
  }

  /** The local steps of every role, those before the deliveries (0) or after them (1). */
  const localSteps = (c: C, s: St, l: Layout<C, M, G>, phase: 0 | 1, out: [ActorAction<M>, St][]): void => {
    const net = s.net
    const st = s as unknown as Record<string, Readonly<Record<string, unknown>>>
    for (const { name: r, nodes, steps } of l.roles) {
      const locals = st[r] as Readonly<Record<string, unknown>>
      // Whether each node of the role is quiet (nothing for it deliverable), computed on demand.
      let quiet: (boolean | undefined)[] | undefined
      for (const slot of steps[phase]) {
        const { i, a, ctx: context, open } = slot
        const n = nodes[i] as string
        if (!isUp(net, n)) continue
        if (a.whenQuiet === true) {
          quiet ??= []
          let q = quiet[i]
          if (q === undefined) quiet[i] = q = deliverableTo(net, n).length === 0
          if (!q) continue
        }
        const local = locals[n]
        const ctx = open ? context.at(s, n) : context
        for (const p of a.params ? a.params(c, n, local, ctx) : NO_PARAMS) {
          const o = a.fire(c, n, local, p, ctx)
          if (o !== null) out.push([localStep(slot, p), apply(l, s, r, n, o, net)])
        }
      }
    }
  }

  const next = (c: C, s: St): [ActorAction<M>, St][] => {
    const l = layoutOf(c)
    const out: [ActorAction<M>, St][] = []
    const net = s.net
    const st = s as unknown as Record<string, Readonly<Record<string, unknown>>>
    localSteps(c, s, l, 0, out)
    const set = net.semantics === 'set'
    for (const d of deliveries(net)) {
      const to = d.action.to
      const ri = l.roleOf.get(to)
      if (ri === undefined) throw new Error(`actor model ${def.name}: a message to ${to}, which is in no role`)
      const { name: r, role, receiveReads, context } = l.roles[ri] as Layout<C, M, G>['roles'][number]
      const local = (st[r] as Readonly<Record<string, unknown>>)[to]
      const ctx = receiveReads === null ? context : context.at(l.build(s, null, null, d.net, null) as { readonly net: Network<M> }, to)
      const o = role.receive ? role.receive(c, to, local, d.action.msg, ctx) : null
      if (o === null) {
        if (!set) out.push([d.action, l.build(s, null, null, d.net, null) as St])
        continue
      }
      const after = apply(l, s, r, to, o, d.net)
      if (set && after === s) continue
      out.push([d.action, after])
    }
    if (l.late) localSteps(c, s, l, 1, out)
    const spec = l.net
    for (const f of networkFaults(net, spec.budget, l.faultOptions)) {
      out.push([f.action, faulted(c, l, s, f.action, f.net)])
    }
    for (const n of crashable(net, spec.budget, spec.crashable ?? [])) {
      const ri = l.roleOf.get(n)
      if (ri === undefined) throw new Error(`actor model ${def.name}: crashable node ${n} is in no role`)
      const { name: r, role } = l.roles[ri] as Layout<C, M, G>['roles'][number]
      const locals = st[r] as Readonly<Record<string, unknown>>
      const local = locals[n]
      const lost = role.crash ? role.crash(c, local, n) : local
      let nodes: Record<string, unknown> | null = null
      if (lost !== local) {
        nodes = { ...locals }
        nodes[n] = lost
      }
      const a: CrashAction = { name: 'Crash', node: n }
      out.push([a, faulted(c, l, s, a, crash(net, n), nodes === null ? null : r, nodes)])
    }
    if (spec.restart === false) return out
    for (const n of restartable(net, l.all)) {
      const a: RestartAction = { name: 'Restart', node: n }
      out.push([a, faulted(c, l, s, a, restart(net, n))])
    }
    return out
  }

  const init = (c: C): St[] => {
    const l = layoutOf(c)
    const s: Record<string, unknown> = {}
    for (const { name, role, nodes } of l.roles) {
      const locals: Record<string, unknown> = {}
      for (const n of nodes) locals[n] = role.init(c, n)
      s[name] = locals
    }
    s.net = network<M>(l.net.semantics)
    Object.assign(s, def.ghost?.(c) ?? {})
    return [l.build(s, null, null, s.net as Network<M>, null) as St]
  }

  const stateSchema = (c: C): Schema | undefined => {
    if (def.message === undefined) return undefined
    const l = layoutOf(c)
    const fields: Record<string, Schema> = {}
    for (const { name, role, nodes } of l.roles) {
      if (role.schema === undefined) return undefined
      fields[name] = S.mapOf(nodes, role.schema(c))
    }
    fields.net = networkSchema(l.net.semantics, def.message(c), l.all, l.net.budget)
    if (l.ghostKeys.length > 0) {
      if (def.ghostSchema === undefined) return undefined
      Object.assign(fields, def.ghostSchema(c))
    }
    return S.record(fields)
  }
  const hasSchema = def.message !== undefined
    && (def.ghost === undefined || def.ghostSchema !== undefined)
    && roleNames.every((r) => (def.roles[r] as Role<C, unknown, M, G>).schema !== undefined)

  if (def.symmetricNodes !== undefined && def.symmetry !== undefined) {
    throw new Error(`actor model ${def.name}: give either symmetry or symmetricNodes, not both`)
  }
  if (def.symmetricNodes !== undefined && !hasSchema) {
    throw new Error(`actor model ${def.name}: symmetricNodes needs the state schema (message, every role's schema, and ghostSchema if there are ghosts)`)
  }
  const canonical = new WeakMap<object, (s: St) => St>()
  const derivedSymmetry = (c: C, s: St): St => {
    const key = c as unknown as object
    let f = canonical.get(key)
    if (f === undefined) {
      const groups = (def.symmetricNodes as (c: C) => readonly (readonly string[])[])(c)
      const relabel = relabelBySchema<St>(stateSchema(c) as Schema, new Set(groups.flat()))
      // A node's local state is its signature when it cannot name a node of its group (renaming
      // leaves it as it is): nodes of different local states are never swapped, so only the
      // renamings that order each group by signature are tried (symmetry.ts). Else every one is.
      const l = layoutOf(c)
      const signed = groups.map((g) => {
        const roles = new Set(g.map((n) => l.roleOf.get(n)))
        if (roles.size !== 1) return undefined
        const r = l.roles[[...roles][0] as number] as Layout<C, M, G>['roles'][number]
        return r.role.schema && !mentionsIds(r.role.schema(c), new Set(g)) ? r.name : undefined
      })
      const signature = (x: St, id: string, g: number): Value => {
        const role = signed[g]
        return role === undefined ? 0 : ((x as unknown as Record<string, Readonly<Record<string, Value>>>)[role] as Readonly<Record<string, Value>>)[id] as Value
      }
      f = signed.some((r) => r !== undefined) ? (x) => canonicalize(x, groups, relabel, signature) : (x) => canonicalize(x, groups, relabel)
      canonical.set(key, f)
    }
    return f(s)
  }
  const symmetry = def.symmetry ?? (def.symmetricNodes ? derivedSymmetry : undefined)

  const event = (a: ActorAction<M>): ActorEvent<M> => {
    switch (a.name) {
      case 'Deliver': {
        const d = a as DeliverAction<M>
        return { kind: 'deliver', node: d.to, msg: d.msg }
      }
      case 'Drop':
      case 'Duplicate':
        return { kind: a.name === 'Drop' ? 'drop' : 'duplicate', node: null, msg: (a as unknown as DeliverAction<M>).msg }
      case 'Partition':
        return { kind: 'partition', node: null, groups: (a as { groups: Groups }).groups }
      case 'Heal':
        return { kind: 'heal', node: null }
      case 'Crash':
      case 'Restart':
        return { kind: a.name === 'Crash' ? 'crash' : 'restart', node: (a as CrashAction).node }
      default:
        return { kind: kinds.get(a.name) ?? 'local', node: (a as LocalStep).node, action: a.name }
    }
  }

  const model: ActorModel<C, R, M, G> = {
    name: def.name,
    init,
    next,
    properties: def.properties,
    actions: [...kinds.keys(), ...FAULT_NAMES],
    event,
    ...(def.fairness ? { fairness: def.fairness } : {}),
    ...(symmetry ? { symmetry } : {}),
    ...(def.view ? { view: def.view } : {}),
    ...(def.validate ? { validate: def.validate } : {}),
    ...(hasSchema ? { schema: (c: C) => stateSchema(c) as Schema } : {}),
  }
  return model
}
