/**
 * The actor harness: a message-passing model written as per-node handlers (like Stateright's
 * ActorModel), from which the harness builds the `Model` — its `next` (every delivery, local
 * action and fault the spec's budget allows, in a fixed order), its schema and its step events.
 *
 * The author writes, per role (coordinator, participants; proposers, acceptors; servers):
 * - `nodes(c)`: the role's node ids; `init(c, node)`: a node's initial local state (`inits`,
 *   optional: its several possible ones; and `start(c, node, local)`, optional: what it does as
 *   the system starts, sends included);
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
 * `restart: false`: crash-stop, or `atomic`: a crash that restarts at once). Deliveries: on a `bag` or `fifo` network a message a node
 * ignores is still consumed (a step), unless a bag's network spec says `keepIgnored` (Stateright's
 * unordered networks: the message stays in flight); on a `set` network a delivery that changes
 * nothing is not a step (the message stays deliverable forever, so it would only be a stutter).
 * A handler's `WAIT` (the node cannot take the message yet) is no step on every network.
 * A role's `start` is each node's first step as the system starts (Stateright's `on_start`): the
 * initial state holds what it sent and wrote.
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { ModelError, StepThrew } from '../core/errors.ts'
import { HARNESS_STEPS } from '../core/fairness.ts'
import type { DebugCheck, Model } from '../core/model.ts'
import { ASLEEP } from '../core/model.ts'
import type { Schema } from '../core/schema.ts'
import type { Value } from '../core/value.ts'
import { schema as S } from '../state/schema.ts'
import { mentionsIds, relabelBySchema } from '../state/schema-relabel.ts'
import { canonicalize, renamings } from '../state/symmetry.ts'
import { compareValues, removed, sameValue } from '../state/data.ts'
import type { Message } from './message.ts'
import { formatValue, messageLabel } from './message.ts'
import type { Network } from './network.ts'
import { anyDeliverable, bagWith, linkUp, network, sameElement, sendAll } from './network.ts'
import type { CrashAction, DeliverAction, NetworkFaultAction, RestartAction } from './faults.ts'
import { allowsNetworkFaults, crash, crashesLeft, deliverAction, deliveries, isUp, networkFaults, restart } from './faults.ts'
import type { Groups } from './partition.ts'
import { networkSchema } from './schema.ts'
import type { Compare } from '../state/schema-compare.ts'
import { compileSchemaCompare } from '../state/schema-compare.ts'
import type { IgnoringRole } from './ignores-check.ts'
import { IgnoresCheck } from './ignores-check.ts'

import type {
  ActorAction,
  ActorDefinition,
  ActorEvent,
  ActorState,
  LocalAction,
  LocalStep,
  Locals,
  NetworkSpec,
  Outcome,
  Params,
  Reads,
  Role,
  Wait,
} from './actor-types.ts'
import { WAIT } from './actor-types.ts'
import { StepContext } from './actor-context.ts'
import type { BuildRecord, BuildState } from './actor-build.ts'
import { copyBuild, recordBuilder, stateBuilder } from './actor-build.ts'
import { generatedFunction } from '../state/generated-function.ts'

// ---- the model -------------------------------------------------------------------------------

const NO_PARAMS: readonly Params[] = [{}]

/** A parameter value as a key no other value has (a string's length first, so no text can pass
 * for another value or parameter), or undefined for a record or list: such a choice gets an
 * action of its own at each step (partial-order reduction then never skips it). */
const paramKey = (v: Value): string | undefined => {
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? 'n-0' : `n${v}`
    case 'string':
      return `s${v.length}.${v}`
    case 'boolean':
      return v ? 'T' : 'F'
    case 'bigint':
      return `b${v}`
    default: {
      if (v === null) return 'N'
      // Lists and records of such values, each part after its length (so no two differ only in
      // where one part ends); key order counts (two orders are two objects: less reduction, not
      // a wrong step). Anything else (a class instance) gets no key: a fresh object each time.
      let key: string
      if (Array.isArray(v)) {
        key = 'a'
        for (const x of v) {
          const k = paramKey(x as Value)
          if (k === undefined) return undefined
          key += `${k.length}.${k}`
        }
      } else {
        const proto = Object.getPrototypeOf(v)
        if (proto !== Object.prototype && proto !== null) return undefined
        key = 'o'
        for (const [f, x] of Object.entries(v as Record<string, Value>)) {
          const k = paramKey(x)
          if (k === undefined) return undefined
          key += `${f.length}.${f}${k.length}.${k}`
        }
      }
      return `${key.length}${key}`
    }
  }
}

/** Whether every variable `ghost` writes keeps the value (the same instance) it has in `s`. */
const unchanged = (s: object, ghost: object): boolean => {
  for (const k in ghost) if ((ghost as Record<string, unknown>)[k] !== (s as Record<string, unknown>)[k]) return false
  return true
}

const FAULT_NAMES = HARNESS_STEPS

/** One local step of a role's order: its node's index and the action. */
type LocalSlot<C, M extends Message, G> = {
  readonly i: number
  readonly a: LocalAction<C, unknown, M, G>
  readonly quiet: boolean
  /** The action's context: every member throws when it declared no reads (`open` false); else set
   * to the step's state and node before each use (one per action, not one per step). */
  readonly ctx: StepContext<M>
  readonly open: boolean
  /** The step's action when it has no parameters: `{ name, node }`, one per slot. */
  readonly plain: LocalStep
  /** Its actions with parameters, one per choice (`localStep`), by key, and by the parameter
   * object itself where the model shares one per choice (frozen). */
  readonly steps: Map<string, LocalStep>
  readonly byObject: WeakMap<object, LocalStep>
}

/** A role's compiled local steps (`compileSteps`): they push `[action, state]` pairs on `out`. */
type StepsRun<C> = (c: C, s: object, l: object, out: unknown[], asleep: readonly unknown[] | undefined) => void

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
    /** Its local steps before and after the deliveries, compiled on first use (`compileSteps`). */
    readonly run: [StepsRun<C> | undefined, StepsRun<C> | undefined]
    /** The role's record with one node's local state replaced (actor-build.ts). */
    readonly setNode: BuildRecord
    readonly newRecord: new (...locals: unknown[]) => object
  }[]
  readonly roleOf: ReadonlyMap<string, number>
  /** The only role, when there is one. */
  readonly single: Layout<C, M, G>['roles'][number] | null
  /** Whether some local action comes after the deliveries. */
  readonly late: boolean
  readonly all: readonly string[]
  readonly net: NetworkSpec
  /** `networkFaults`' options: every node, and the partitions to try. */
  readonly faults: { readonly nodes: readonly string[]; readonly partitions?: readonly Groups[] }
  /** Whether the budget allows a drop, duplicate or partition: else `networkFaults` is asked only
   * to heal a partition, which then cannot be. */
  readonly netFaults: boolean
  /** The spec's crashable nodes, each with its `Crash` action and the node's role (undefined for
   * a node of no role: `roleAt` then says so at its first crash, as it did before). One action per
   * node, shared by every state (as deliveries are per message), not one per crash step. */
  readonly crashes: readonly { readonly node: string; readonly action: CrashAction; readonly role: number | undefined }[]
  /** Every node's `Restart` action, in `all`'s order, shared likewise. */
  readonly restarts: readonly RestartAction[]
  readonly ghostKeys: readonly string[]
  /** A new state (actor-build.ts), and the constructor `init` uses. */
  readonly build: BuildState
  readonly newState: new (...fields: unknown[]) => object
  /** The bag's order on this model's messages (`compareValues`' order): compiled from the message
   * schema when there is one (state/schema-compare.ts), else `compareValues`. */
  readonly compare: Compare
  /** How many fields a state has (roles, net, ghost variables). */
  readonly keys: number
  /** Whether a role says which messages its nodes ignore for good (`Role.ignoresForever`): `build`
   * then drops them from the network (`pruning`). */
  readonly pruned: boolean
  readonly c: C
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
      if (a.peer !== undefined && ((a.reads ?? []).includes('state') || (a.whenQuiet !== undefined && a.whenQuiet !== false))) {
        throw new Error(`actor model ${def.name}: local action ${a.name} scopes its reads to one peer (peer: '${a.peer}'), which reads: ['state'] and whenQuiet read past`)
      }
      kinds.set(a.name, a.kind ?? 'local')
    }
  }

  const layouts = new WeakMap<object, Layout<C, M, G>>()
  const layoutOf = (c: C): Layout<C, M, G> => {
    const key = c as unknown as object
    let l = layouts.get(key)
    if (l === undefined) {
      // Every table of the harness is keyed by the configuration object (a WeakMap): `null` or a
      // number failed there with "Invalid value used as weak map key".
      if (typeof c !== 'object' || c === null) {
        throw new ModelError(`actor model ${def.name}: its configuration is ${c === null ? 'null' : `a ${typeof c}`}, not an object (the harness keeps what it builds per configuration object): give {} to a model without constants`)
      }
      const roles = roleNames.map((name) => {
        const role = def.roles[name] as Role<C, unknown, M, G>
        const nodes = role.nodes(c)
        const actions = role.actions ?? []
        const quiet = (a: LocalAction<C, unknown, M, G>): boolean => (typeof a.whenQuiet === 'function' ? a.whenQuiet(c) : a.whenQuiet === true)
        const contexts = new Map(actions.map((a) => [a, new StepContext<M>(def.name, { local: a.name }, a.reads ?? [], null, '', a.peer !== undefined)] as const))
        const slot = (i: number, a: LocalAction<C, unknown, M, G>): LocalSlot<C, M, G> => ({
          i,
          a,
          quiet: quiet(a),
          ctx: contexts.get(a) as StepContext<M>,
          open: a.reads !== undefined && a.reads.length > 0,
          plain: { name: a.name, node: nodes[i] as string },
          steps: new Map(),
          byObject: new WeakMap(),
        })
        const all = role.order === 'action'
          ? actions.flatMap((a) => nodes.map((_, i) => slot(i, a)))
          : nodes.flatMap((_, i) => actions.map((a) => slot(i, a)))
        const steps = [all.filter((x) => x.a.afterDeliveries !== true), all.filter((x) => x.a.afterDeliveries === true)] as const
        const reads = role.receiveReads !== undefined && role.receiveReads.length > 0 ? role.receiveReads : null
        const record = recordBuilder(nodes)
        return {
          name,
          role,
          nodes,
          steps,
          receiveReads: reads,
          context: new StepContext<M>(def.name, { receive: name }, reads ?? [], null, ''),
          setNode: record.set,
          newRecord: record.make,
          run: [undefined, undefined] as [undefined, undefined],
        }
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
      refuseNetworkSpec(def.name, net)
      const faults = { nodes: all, ...(net.partitions ? { partitions: net.partitions } : {}) }
      const netFaults = allowsNetworkFaults(net.semantics, net.budget)
      const crashes = (net.crashable ?? []).map((n) => ({ node: n, action: { name: 'Crash', node: n } as CrashAction, role: roleOf.get(n) }))
      const restarts = all.map((n): RestartAction => ({ name: 'Restart', node: n }))
      const ghostKeys = Object.keys(def.ghost?.(c) ?? {})
      const state = stateBuilder(roleNames, ghostKeys)
      // (On a set or FIFO network nothing is dropped: a set keeps every message sent, where a
      // delivery that changes nothing is no step anyway; a queue orders them.)
      const pruned = net.semantics === 'bag' && roles.some((r) => r.role.ignoresForever !== undefined)
      const compare = (net.semantics === 'bag' && def.message !== undefined ? compileSchemaCompare(def.message(c)) : undefined) ?? compareValues
      l = { roles, roleOf, single: roles.length === 1 ? (roles[0] as (typeof roles)[number]) : null, late: roles.some((r) => r.steps[1].length > 0), all, net, faults, netFaults, crashes, restarts, ghostKeys, build: state.build, newState: state.make, compare, keys: roleNames.length + 1 + ghostKeys.length, pruned, c }
      if (pruned) l = { ...l, build: pruning(c, l, state.build) }
      layouts.set(key, l)
    }
    lastLayout = { c, l }
    return l
  }
  /** The role node `n` belongs to, in layout `l` (`why`: what named the node, for the error). */
  const roleAt = (l: Layout<C, M, G>, n: string, why: string): Layout<C, M, G>['roles'][number] => {
    // One role (Raft's servers): no lookup, but the node must be one of its.
    if (l.single !== null && (l.single.nodes.length < 8 ? l.single.nodes.includes(n) : l.roleOf.has(n))) return l.single
    const ri = l.roleOf.get(n)
    if (ri === undefined) throw new Error(`actor model ${def.name}: ${why} ${n}, which is in no role`)
    return l.roles[ri] as Layout<C, M, G>['roles'][number]
  }

  // The last configuration's layout, checked before the map (`next` asks for it per state).
  let lastLayout: { readonly c: C; readonly l: Layout<C, M, G> } | undefined
  const layoutAt = (c: C): Layout<C, M, G> => (lastLayout !== undefined && lastLayout.c === c ? lastLayout.l : layoutOf(c))

  /** How many keys `s` has: a state of another model that wraps this one's and adds a field
   * (specs/three-phase-commit-decisions-final.ts) has more than the harness's states, and its
   * successors must keep that field (`looseLayout`). Counted once per expanded state. */
  const keysOf = (s: object): number => {
    let n = 0
    for (const _ in s) n++
    return n
  }
  /** Layout `l` with states built by copying the previous one (`{ ...s }`, then the fields the
   * step writes): slower than `l.build` (several hidden classes) but it keeps fields the harness
   * does not know. */
  const looseLayouts = new WeakMap<object, Layout<C, M, G>>()
  const looseLayout = (l: Layout<C, M, G>): Layout<C, M, G> => {
    let loose = looseLayouts.get(l)
    if (loose === undefined) looseLayouts.set(l, (loose = { ...l, build: l.pruned ? pruning(l.c, l, copyBuild) : copyBuild }))
    return loose
  }

  /**
   * `base` (a state builder), with the messages in flight that their receivers ignore for good
   * (`Role.ignoresForever`) dropped from the network it is given (`prunedNet`).
   */
  function pruning(c: C, l: Layout<C, M, G>, base: BuildState): BuildState {
    return (s, role, nodes, net, g) => {
      // (With `--debug`, the drops `prunedNet` reports are the state's: `debugCheck`.)
      const check = claims?.get(c as object)
      check?.begin()
      const t = base(s, role, nodes, prunedNet(c, l, s as St, role, nodes as Readonly<Record<string, unknown>> | null, net as Network<M>, false, base, g), g)
      check?.built(t)
      return t
    }
  }

  /**
   * `net` without the messages their receivers ignore for good, in the state built from `s` with
   * role `role`'s record `nodes` (null: none changed). Each is delivered first and must change
   * nothing, else a model error names it. Only messages whose receiver this step changed, or that
   * are new to the network, can have become such (`all`: every message, for an initial state):
   * the others were asked about in `s`, so each message is asked about once per receiver state.
   * A handler that declares `receiveReads` is given, for that delivery, the state the step builds
   * (`base` with the ghost writes `g`) with the message taken off the network, as a delivery
   * there would be: built only for a message the role says it ignores.
   */
  function prunedNet(c: C, l: Layout<C, M, G>, s: St, role: string | null, nodes: Readonly<Record<string, unknown>> | null, net: Network<M>, all: boolean, base: BuildState, g: object | undefined): Network<M> {
    if (net.semantics !== 'bag' || net.inFlight.length === 0) return net
    const bag = net.inFlight
    const before = all ? undefined : (s as { net?: Network<M> }).net
    const old = before !== undefined && before.semantics === 'bag' ? before.inFlight : undefined
    // No node changed and no message added: each was asked about in `s`.
    if (old === bag && role === null) return net
    // The record this step replaced, to tell whether a message's receiver changed.
    const prev = role === null || nodes === null ? undefined : ((s as unknown as Record<string, unknown>)[role] as Readonly<Record<string, unknown>>)
    // The one node it changed, where the record is the one `setOne` just built from `s`.
    const only = prev !== undefined && nodes === setRec && s === setFrom ? setAt : undefined
    let keep: M[] | undefined
    // Where `bag` is in `old` (`j`): both are sorted alike and a step keeps the order of the
    // messages it leaves, so a message of `s` is mostly found at `old[j]`, or next to it past one
    // that was consumed; `indexOf` where not (a copy, or several consumed).
    let j = 0
    for (let i = 0; i < bag.length; i++) {
      const m = bag[i] as M
      let held = false
      if (old !== undefined && j < old.length) {
        const at = old[j] === m ? j : j + 1 < old.length && old[j + 1] === m ? j + 1 : -1
        if (at >= 0) {
          j = at + 1
          // Asked about in `s`, unless this step changed its receiver (a node of another role,
          // or none, reads the same through both records).
          if (prev === undefined || (only !== undefined ? m.to !== only : (nodes as Readonly<Record<string, unknown>>)[m.to] === prev[m.to])) {
            if (keep !== undefined) keep.push(m)
            continue
          }
          held = true
        }
      }
      const ro = roleAt(l, m.to, 'a message to')
      const was = ((s as unknown as Record<string, unknown>)[ro.name] as Readonly<Record<string, unknown>>)[m.to]
      const local = role === ro.name && nodes !== null ? nodes[m.to] : was
      let fresh = old === undefined || local !== was
      if (!fresh && !held) {
        const k = (old as readonly M[]).indexOf(m)
        if (k < 0) fresh = true
        else if (k >= j) j = k + 1
      }
      if (fresh && ro.role.ignoresForever !== undefined && ro.role.ignoresForever(c, m.to, local, m)) {
        const at = ro.receiveReads === null ? s : (base(s, role, nodes, bagWith(net, removed(bag, i)), g) as St)
        const what = deliveryChanges(c, ro, m.to, local, m, s, at)
        if (what !== undefined) throw new ModelError(`actor model ${def.name}: ignoresForever says ${m.to} ignores ${messageLabel(m)} for good, but delivering it now changes ${what}`)
        claims?.get(c as object)?.dropped(m)
        keep ??= bag.slice(0, i)
      } else if (keep !== undefined) keep.push(m)
    }
    return keep === undefined ? net : bagWith(net, keep)
  }

  /** A local step's action: `{ name, node, ...p }`, one per slot and parameter choice (by value,
   * lists and records too), so that the same step is the same object in every state (what
   * partial-order reduction's sleep sets compare, src/explore/sleep-sets.ts; on worker threads
   * they compare values, src/explore/keyed-sleep.ts); without parameters, the slot's `plain` action. Built by
   * copying `p`'s fields (a literal with a spread in it takes V8's slow path). */
  const localStep = (slot: LocalSlot<C, M, G>, p: Params): LocalStep => {
    if (p === NO_PARAMS[0]) return slot.plain
    // A frozen parameter object is the model's shared instance for its choice (`LocalAction.params`):
    // its step is found by identity, without building the key.
    const shared = Object.isFrozen(p)
    if (shared) {
      const known = slot.byObject.get(p)
      if (known !== undefined) return known
    }
    let key: string | undefined = ''
    for (const k in p) {
      const v = paramKey(p[k] as Value)
      if (v === undefined) {
        key = undefined
        break
      }
      key += `${k.length}.${k}${v}`
    }
    if (key === '') return slot.plain
    let step = key === undefined ? undefined : slot.steps.get(key)
    if (step === undefined) {
      const fresh: Record<string, Value> = { name: slot.plain.name, node: slot.plain.node }
      for (const k in p) fresh[k] = p[k] as Value
      step = fresh as LocalStep
      if (key !== undefined) slot.steps.set(key, step)
    }
    if (shared && key !== undefined) slot.byObject.set(p, step)
    return step
  }

  /** What a handler threw in step `act`, named by it (`StepThrew`: "next threw in Deliver(…)").
   * A model error the harness's own context threw (an undeclared read) already says what it is. */
  const threw = (e: unknown, act: Action): unknown => (e instanceof ModelError ? e : new StepThrew(act, e))
  /** A scoped action (`peer`) whose choice lacks that parameter: its context would answer about
   * every node, and its footprint name its own node alone (--por would take it to commute with
   * steps it depends on). Refused where the choice is first used. */
  const noPeer = (a: LocalAction<C, unknown, M, G>, p: Params): ModelError =>
    new ModelError(`actor model ${def.name}: local action ${a.name} scopes its reads by peer: '${a.peer}', but its choice ${formatValue(p)} has no parameter ${a.peer} naming a node`)

  /** The state after a fault: `after`, with the ghost variables `onFault` writes. */
  const onFault = def.onFault
  const faulted = (c: C, l: Layout<C, M, G>, s: St, a: NetworkFaultAction<M> | CrashAction | RestartAction, net: Network<M>, r: string | null = null, nodes: object | null = null): St =>
    l.build(s, r, nodes, net, onFault === undefined ? undefined : onFault(c, a, s as unknown as G)) as St

  /** The state after `node` (of role `role`, whose local state was `local`) took a step with
   * outcome `o` on network `net`: `s` itself when nothing changed (the same local state, no
   * message added, every ghost variable written with the value it had), so that a `set`
   * network's stutter is recognised. */
  const send = def.send
  type RoleLayout = Layout<C, M, G>['roles'][number]
  const apply = (c: C, l: Layout<C, M, G>, s: St, role: RoleLayout, node: string, local: unknown, o: Outcome<unknown, M, G>, net: Network<M>, act: Action): St => {
    if (typeof o !== 'object' || o === null || o.local === undefined) badOutcome(def.name, act, o)
    const sends = o.send
    const after = sends === undefined || sends.length === 0 ? net : send === undefined ? sendAll(net, sends, l.compare) : send(c, net, sends)
    const sameNode = local === o.local
    const ghost = o.ghost === undefined ? undefined : o.ghost(s as unknown as G)
    if (sameNode && after === s.net && (ghost === undefined || unchanged(s, ghost))) return s
    const t = (sameNode ? l.build(s, null, null, after, ghost) : l.build(s, role.name, setOne(s, role, node, o.local), after, ghost)) as St
    if (recording) {
      if (ghost !== undefined) ghostly.push(t)
      if (sends !== undefined && forges(sends, node)) forged.push(t)
    }
    return t
  }
  /** `s`'s record of `role` with node `node`'s local state replaced by `local`, noted with `s` and
   * `node` as the last one built: `prunedNet`, building a state from it, then tests a message's
   * receiver against that one node, where comparing the two records at each receiver was a
   * keyed load per message (polymorphic with two roles: 4% of three-phase-commit's `next`). */
  let setFrom: object | undefined
  let setRec: object | undefined
  let setAt = ''
  const setOne = (s: St, role: RoleLayout, node: string, local: unknown): object => {
    const rec = role.setNode((s as unknown as Record<string, object>)[role.name] as object, node, local)
    setFrom = s
    setRec = rec
    setAt = node
    return rec
  }
  /** Whether a delivery's outcome `o` (null: ignored) in state `s`, to a node whose local state is
   * `local`, changes nothing: nothing sent, the local state and every ghost it writes equal to
   * what they were. By value, not by instance: a state decoded on a worker thread or process, or
   * read back from a checkpoint, holds copies, and a handler that returned a shared constant it
   * already held (`{ local: IDLE }`) consumed the message there and kept it on one thread (3
   * states on one thread, 5 on two). A malformed outcome changes something: `apply` reports it. */
  const changesNothing = (s: St, local: unknown, o: Outcome<unknown, M, G> | null): boolean => {
    if (o === null) return true
    if (typeof o !== 'object' || o.local === undefined || (o.send !== undefined && o.send.length > 0)) return false
    if (!sameValue(o.local as Value, local as Value)) return false
    if (o.ghost === undefined) return true
    const ghost = o.ghost(s as unknown as G) as Record<string, unknown>
    for (const k in ghost) if (!sameValue(ghost[k] as Value, (s as unknown as Record<string, unknown>)[k] as Value)) return false
    return true
  }
  /** What delivering `m` to `node` (of role `ro`, in `local`) changes: undefined when nothing
   * (`changesNothing`, ghosts compared with `s`), else sends, the node's state (unequal by value)
   * or a ghost write. `at`: the state a `receiveReads` handler is given (unread for another). */
  const deliveryChanges = (c: C, ro: RoleLayout, node: string, local: unknown, m: M, s: St, at: St): string | undefined => {
    const ctx = ro.receiveReads === null ? ro.context : ro.context.at(at, node)
    const o = ro.role.receive ? ro.role.receive(c, node, local, m, ctx) : null
    if (o === WAIT || changesNothing(s, local, o)) return undefined
    return typeof o !== 'object' || o === null || o.local === undefined ? 'something (no outcome)' : o.send !== undefined && o.send.length > 0 ? 'the network (it sends)' : compareValues(o.local as Value, local as Value) !== 0 ? `${node}'s state` : 'a ghost variable'
  }

  /**
   * `--debug`'s check of the `ignoresForever` rules (src/net/ignores-check.ts), one per run of
   * a configuration, made before the run's first state (`Model.debugCheck`): from then on
   * `prunedNet` reports each message it drops to it. A configuration checked again starts
   * afresh: an earlier run's claims, the one it stopped on included, would be "held already"
   * and go unchecked. (The last run's check stays reachable until the next; a run without
   * `--debug` after it still reports its drops to it, unread.) No rule, or no bag network:
   * nothing to check.
   */
  let claims: Map<object, IgnoresCheck<M>> | undefined
  const ruled = roleNames.filter((r) => (def.roles[r] as Role<C, unknown, M, G>).ignoresForever !== undefined)
  const debugCheck = (c: C): DebugCheck<St, ActorAction<M>> => {
    const l = layoutOf(c)
    if (!l.pruned) return { step: () => undefined }
    const roles = l.roles.filter((ro) => ro.role.ignoresForever !== undefined).map((ro): IgnoringRole<M> => ({
      name: ro.name,
      nodes: ro.nodes,
      changes: (s, n, local, m) => deliveryChanges(c, ro, n, local, m, s as St, s as St),
    }))
    const k = new IgnoresCheck<M>(def.name, roles, (s) => next(c, s as St))
    ;(claims ??= new Map()).set(c as object, k)
    return k
  }

  /** Whether a set network's delivery with outcome `o` left the state `s` as it was, by value:
   * `apply` answers `s` itself when nothing changed by identity, but a state decoded on a worker
   * thread or read back from a checkpoint holds copies, and a handler that returned a shared
   * constant the node already held would be no step on one thread and a step (a self-loop) there:
   * the same distinct states, but more generated ones. The whole state is compared only when the
   * network and the node's state are unchanged (the rare case), so the common step pays one
   * comparison of the node's state, which stops at the first difference. */
  const stutters = (s: St, local: unknown, o: Outcome<unknown, M, G>, after: St): boolean =>
    after === s ||
    (after.net === s.net && sameValue(o.local as Value, local as Value) && sameValue(after as unknown as Value, s as unknown as Value))
  /** Whether `next` was asked by partial-order reduction (given `asleep`): only then does
   * `apply` note ghost writes, for `footprint`, which is asked about that call's steps. */
  let recording = false
  /** The state and steps of the last such call, and the states its steps made with an outcome
   * that wrote ghost variables, whatever values it wrote (two such steps may not commute, even
   * where one of them left the values as they were). */
  let recordedFrom: object | undefined
  let recordedOut: readonly (readonly [unknown, unknown])[] = []
  const ghostly: object[] = []
  /** The states made by a step that sent a message in another node's name (a relay): FIFO links
   * are keyed by sender, so such a send need not commute with that node's own sends; and a
   * delivery's effect may depend on more than its receiver. Such a step depends on everything. */
  const forged: object[] = []
  const forges = (sends: readonly M[], node: string): boolean => {
    for (let k = 0; k < sends.length; k++) if ((sends[k] as M).from !== node) return true
    return false
  }

  /** The local steps of every role, those before the deliveries (0) or after them (1). */
  const localSteps = (c: C, s: St, l: Layout<C, M, G>, phase: 0 | 1, out: [ActorAction<M>, St][], asleep: readonly unknown[] | undefined): void => {
    for (const role of l.roles) {
      let run = role.run[phase]
      if (run === undefined) run = role.run[phase] = compileSteps(role, role.steps[phase]) as unknown as StepsRun<C>
      run(c, s, l, out, asleep)
    }
  }

  /**
   * A role's local steps (one phase) as one generated function: a loop over the role's nodes with
   * a block per action inside (or a loop over the nodes per action, for `order: 'action'`), each
   * block with call sites of its own for the action's `params` and `fire`. In one loop over all
   * the slots those calls see every action of the role (megamorphic: V8 neither inlines them nor
   * the outcomes they allocate); here each sees one action. The code grows with the actions, not
   * the nodes.
   */
  type Run = (c: C, s: St, l: Layout<C, M, G>, out: [ActorAction<M>, St][], asleep: readonly unknown[] | undefined) => void
  const compileSteps = (role: RoleLayout, slots: readonly LocalSlot<C, M, G>[]): Run => {
    // The phase's actions in order, and per action its slot for each node index.
    const actions: LocalAction<C, unknown, M, G>[] = []
    const byAction: LocalSlot<C, M, G>[][] = []
    for (const slot of slots) {
      let k = actions.indexOf(slot.a)
      if (k < 0) {
        k = actions.push(slot.a) - 1
        byAction.push([])
      }
      ;(byAction[k] as LocalSlot<C, M, G>[])[slot.i] = slot
    }
    const env = { byAction, actions, nodes: role.nodes, role, isUp, anyDeliverable, NO_PARAMS, localStep, apply, ASLEEP, threw, noPeer }
    const block = (k: number): string => {
      const a = actions[k] as LocalAction<C, unknown, M, G>
      const first = (byAction[k] as LocalSlot<C, M, G>[])[0] as LocalSlot<C, M, G>
      const body = `const slot = S${k}[i], ctx = ${first.open ? 'slot.ctx.at(s, n)' : 'slot.ctx'}
        const ps = ${a.params ? `A${k}.params(c, n, local, ctx)` : 'NO_PARAMS'}
        for (let j = 0; j < ps.length; j++) {
          const p = ps[j]
          let a
          if (asleep !== undefined) {
            a = localStep(slot, p)
            if (asleep.includes(a)) {
              out.push([a, ASLEEP])
              continue
            }
          }
          ${a.peer !== undefined ? `ctx.peer = p[${JSON.stringify(a.peer)}]
          if (typeof ctx.peer !== 'string') throw noPeer(A${k}, p)` : ''}
          let o
          try {
            o = A${k}.fire(c, n, local, p, ctx)
          } catch (e) {
            throw threw(e, a ?? localStep(slot, p))
          }
          ${a.peer !== undefined ? 'ctx.peer = null' : ''}
          if (o !== null) {
            const act = a ?? localStep(slot, p)
            out.push([act, apply(c, l, s, role, n, local, o, net, act)])
          }
        }`
      return first.quiet
        ? `{
        let q = quiet[i]
        if (q === undefined) quiet[i] = q = !anyDeliverable(net, n)
        if (q) {
        ${body}
        }
      }`
        : `{
        ${body}
      }`
    }
    const node = `const n = nodes[i]
      if (!isUp(net, n)) continue
      const local = locals[n]`
    const loops = role.role.order === 'action'
      ? actions.map((_, k) => `for (let i = 0; i < nodes.length; i++) {
      ${node}
      ${block(k)}
    }`).join('\n    ')
      : `for (let i = 0; i < nodes.length; i++) {
      ${node}
      ${actions.map((_, k) => block(k)).join('\n      ')}
    }`
    const src = `const { byAction, actions, nodes, role, isUp, anyDeliverable, NO_PARAMS, localStep, apply, ASLEEP, threw, noPeer } = env
${actions.map((_, k) => `const A${k} = actions[${k}], S${k} = byAction[${k}]`).join('\n')}
return function localSteps(c, s, l, out, asleep) {
    const net = s.net
    const locals = s[${JSON.stringify(role.name)}]
    ${slots.some((x) => x.quiet) ? 'const quiet = []' : ''}
    ${loops}
}`
    return generatedFunction(['env'], src)(env) as Run
  }

  /** The steps of `s`; those whose actions are `asleep` (partial-order reduction skips them)
   * with `ASLEEP` for their states, in their places (`Model.next`). */
  const next = (c: C, s: St, asleep?: readonly unknown[]): [ActorAction<M>, St][] => {
    const base = layoutAt(c)
    const l = keysOf(s) === base.keys ? base : looseLayout(base)
    const out: [ActorAction<M>, St][] = []
    const net = s.net
    const st = s as unknown as Record<string, Readonly<Record<string, unknown>>>
    recording = asleep !== undefined
    if (recording) {
      recordedFrom = s
      recordedOut = out
      ghostly.length = 0
      forged.length = 0
    }
    // The messages of the sleeping deliveries (compared by identity: a delivery's action is
    // shared per message object), so a delivery is skipped without looking its action up; and
    // whether a local step sleeps (only then are local steps' actions looked up first).
    let sleeping: M[] | undefined
    let skip: readonly unknown[] | undefined
    if (asleep !== undefined) {
      for (const x of asleep) {
        if (typeof x !== 'object' || x === null) continue
        if ((x as Action).name === 'Deliver') (sleeping ??= []).push((x as DeliverAction<M>).msg)
        else skip = asleep
      }
    }
    localSteps(c, s, l, 0, out, skip)
    const set = net.semantics === 'set'
    if (set && net.down.length === 0 && net.partition === null) {
      // Every sent message is deliverable and delivering it leaves the network as it is: the
      // steps of `deliveries(net)`, in its order, without building its list.
      for (const m of net.sent) {
        if (sleeping !== undefined && sleeping.includes(m)) {
          out.push([deliverAction(m), ASLEEP as St])
          continue
        }
        const ro = roleAt(l, m.to, 'a message to')
        const { role, context } = ro
        if (role.receive === undefined) continue
        const ctx = ro.receiveReads === null ? context : context.at(s, m.to)
        const local = (st[ro.name] as Readonly<Record<string, unknown>>)[m.to]
        // (Each call site its own, with its try: one helper's site would see every role's handler.)
        let o: Outcome<unknown, M, G> | null | Wait
        try {
          o = role.receive(c, m.to, local, m, ctx)
        } catch (e) {
          throw threw(e, deliverAction(m))
        }
        if (o === null || o === WAIT) continue
        const act = deliverAction(m)
        const after = apply(c, l, s, ro, m.to, local, o, net, act)
        if (!stutters(s, local, o, after)) out.push([act, after])
      }
    } else if (net.semantics === 'bag') {
      // The steps of `deliveries(net)` in its order (each distinct message of the sorted bag, the
      // first of its run of copies, consumed by position), without its list of `{ action, net }`;
      // with `keepIgnored`, none for a delivery that changes nothing (the message stays).
      const keep = l.net.keepIgnored === true
      const bag = net.inFlight
      for (let i = 0; i < bag.length; i++) {
        const m = bag[i] as M
        if (i > 0 && sameElement(bag[i - 1] as M, m)) continue
        if (!linkUp(net, m.from, m.to)) continue
        if (sleeping !== undefined && sleeping.includes(m)) {
          out.push([deliverAction(m), ASLEEP as St])
          continue
        }
        const to = m.to
        const ro = roleAt(l, to, 'a message to')
        const role = ro.role
        const local = (st[ro.name] as Readonly<Record<string, unknown>>)[to]
        const rest: Network<M> = bagWith(net, removed(bag, i))
        const ctx = ro.receiveReads === null ? ro.context : ro.context.at(l.build(s, null, null, rest, undefined) as St, to)
        let o: Outcome<unknown, M, G> | null | Wait = null
        try {
          if (role.receive) o = role.receive(c, to, local, m, ctx)
        } catch (e) {
          throw threw(e, deliverAction(m))
        }
        if (o === WAIT || (keep && changesNothing(s, local, o))) continue
        const act = deliverAction(m)
        out.push([act, o === null ? l.build(s, null, null, rest, undefined) as St : apply(c, l, s, ro, to, local, o, rest, act)])
      }
    } else for (const d of deliveries(net)) {
      if (sleeping !== undefined && sleeping.includes(d.action.msg)) {
        out.push([d.action, ASLEEP as St])
        continue
      }
      const to = d.action.to
      const ro = roleAt(l, to, 'a message to')
      const { role, context } = ro
      const local = (st[ro.name] as Readonly<Record<string, unknown>>)[to]
      const ctx = ro.receiveReads === null ? context : context.at(l.build(s, null, null, d.net, undefined) as St, to)
      let o: Outcome<unknown, M, G> | null | Wait = null
      try {
        if (role.receive) o = role.receive(c, to, local, d.action.msg, ctx)
      } catch (e) {
        throw threw(e, d.action)
      }
      if (o === WAIT) continue
      if (o === null) {
        if (!set) out.push([d.action, l.build(s, null, null, d.net, undefined) as St])
        continue
      }
      const after = apply(c, l, s, ro, to, local, o, d.net, d.action)
      if (set && stutters(s, local, o, after)) continue
      out.push([d.action, after])
    }
    if (l.late) localSteps(c, s, l, 1, out, skip)
    const spec = l.net
    if (l.netFaults || net.partition !== null) {
      for (const f of networkFaults(net, spec.budget, l.faults)) {
        out.push([f.action, faulted(c, l, s, f.action, f.net)])
      }
    }
    // (`crashable` and `restartable`, without their lists.)
    const crashes = l.crashes
    if (crashes.length > 0 && crashesLeft(net, spec.budget)) for (let i = 0; i < crashes.length; i++) {
      const { node: n, action: a, role } = crashes[i] as Layout<C, M, G>['crashes'][number]
      if (!isUp(net, n)) continue
      const ro = role === undefined ? roleAt(l, n, 'crashable node') : (l.roles[role] as RoleLayout)
      const locals = st[ro.name] as Readonly<Record<string, unknown>>
      const local = locals[n]
      const crashed = ro.role.crash ? ro.role.crash(c, local, n) : local
      // A crash that loses nothing, by value (a decoded or replayed state holds copies): the node
      // as it was, so that an atomic restart's is no step on every thread.
      const lost = crashed === local || compareValues(crashed as Value, local as Value) === 0 ? local : crashed
      if (spec.restart === 'atomic' && lost === local) continue
      const down = crash(net, n)
      const after = spec.restart === 'atomic' ? restart(down, n) : down
      out.push([a, lost === local ? faulted(c, l, s, a, after) : faulted(c, l, s, a, after, ro.name, setOne(s, ro, n, lost))])
    }
    if (spec.restart === false || spec.restart === 'atomic') return out
    if (net.down.length === 0) return out
    for (let i = 0; i < l.all.length; i++) {
      const n = l.all[i] as string
      if (isUp(net, n)) continue
      const a = l.restarts[i] as RestartAction
      out.push([a, faulted(c, l, s, a, restart(net, n))])
    }
    return out
  }

  /** The initial states: every node's `init` (each combination of the `inits` of nodes that
   * have several), then, role by role and node by node, its `start` (its sends go on the
   * network, its ghost writes onto the ghost variables as they are then). */
  const init = (c: C): St[] => {
    const l = layoutOf(c)
    const choices = l.roles.map(({ role, nodes }) => nodes.map((n) => initialLocals(def.name, role, c, n)))
    const out: St[] = []
    for (const locals of combinations(choices.flat())) out.push(startFrom(c, l, locals))
    return out
  }

  /** One initial state from each node's initial local state (`locals`, in the layout's order). */
  const startFrom = (c: C, l: Layout<C, M, G>, locals: readonly unknown[]): St => {
    let net = network<M>(l.net.semantics, l.all)
    const ghost = { ...(def.ghost?.(c) ?? {}) } as Record<string, unknown>
    const started = (role: Role<C, unknown, M, G>, n: string, local: unknown): unknown => {
      const o = role.start === undefined ? null : role.start(c, n, local)
      if (o === null) return local
      if (typeof o !== 'object' || o.local === undefined) badOutcome(def.name, { name: 'start', node: n } as Action, o)
      const sends = o.send
      if (sends !== undefined && sends.length > 0) net = send === undefined ? sendAll(net, sends, l.compare) : send(c, net, sends)
      if (o.ghost !== undefined) Object.assign(ghost, o.ghost(ghost as G))
      return o.local
    }
    let k = 0
    const records = l.roles.map(({ role, nodes, newRecord }) => new newRecord(...nodes.map((n) => started(role, n, locals[k++]))))
    const s = new l.newState(...records, net, ...l.ghostKeys.map((key) => ghost[key])) as St
    // What the nodes sent as they started, less what their receivers ignore for good.
    if (!l.pruned) return s
    const check = claims?.get(c as object)
    check?.begin()
    const pruned = new l.newState(...records, prunedNet(c, l, s, null, null, net, true, copyBuild, undefined), ...l.ghostKeys.map((key) => ghost[key])) as St
    check?.built(pruned)
    return pruned
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
    const missing = [
      ...(def.message === undefined ? ['message'] : []),
      ...roleNames.filter((r) => (def.roles[r] as Role<C, unknown, M, G>).schema === undefined).map((r) => `role ${r}'s schema`),
      ...(def.ghost !== undefined && def.ghostSchema === undefined ? ['ghostSchema'] : []),
    ]
    throw new Error(`actor model ${def.name}: symmetricNodes needs the state schema (message, every role's schema, and ghostSchema if there are ghosts); missing: ${missing.join(', ')}`)
  }
  /** Per configuration: the symmetric groups, their relabelling, and what is built from them
   * (`symmetry`'s canonical form; every renaming, for --debug's `symmetryImages`). */
  const bySymmetryConfig = new WeakMap<object, { canonical: (s: St) => St; images: (s: St) => St[] }>()
  const symmetryOf = (c: C): { canonical: (s: St) => St; images: (s: St) => St[] } => {
    const key = c as unknown as object
    let f = bySymmetryConfig.get(key)
    if (f === undefined) {
      // A FIFO network's queues are keyed by link ("p1→p2"): a renaming must move a queue to the
      // link of both renamed ends, where the schema's relabelling renames a key that is an id, and
      // a link's key is two. Said here, not as a relabelling that silently leaves the queues where
      // they were. A ModelError, so that the key's caller passes it on as it is (not as
      // "view/symmetry threw: ...").
      if (def.network(c).semantics === 'fifo') {
        throw new ModelError(`actor model ${def.name}: symmetricNodes cannot rename a FIFO network (its queues are keyed by link); use a bag or set network, or write symmetry by hand`)
      }
      const groups = (def.symmetricNodes as (c: C) => readonly (readonly string[])[])(c)
      const l = layoutOf(c)
      refuseSymmetricGroups(def.name, groups, l.roleOf, l.roles.map((r) => r.name))
      const symmetric = new Set(groups.flat())
      const relabel = relabelBySchema<St>(stateSchema(c) as Schema, symmetric)
      // A node's local state is its signature when it cannot name a symmetric node of any group
      // (renaming leaves it as it is): nodes of different local states are never swapped, so only
      // the renamings that order each group by signature are tried (symmetry.ts). Else every one
      // is. (A local state naming a node of another group is changed by that group's renamings:
      // used as a signature, it split orbits, a client holding its server's name counted 12
      // orbits for 9.)
      // (Each group is of one role, `refuseSymmetricGroups`; an empty one renames nothing.)
      const signed = groups.map((g) => {
        const at = g.length === 0 ? undefined : l.roleOf.get(g[0] as string)
        if (at === undefined) return undefined
        const r = l.roles[at] as Layout<C, M, G>['roles'][number]
        return r.role.schema && !mentionsIds(r.role.schema(c), symmetric) ? r.name : undefined
      })
      const signature = (x: St, id: string, g: number): Value => {
        const role = signed[g]
        return role === undefined ? 0 : ((x as unknown as Record<string, Readonly<Record<string, Value>>>)[role] as Readonly<Record<string, Value>>)[id] as Value
      }
      const all = renamings(groups)
      f = {
        canonical: signed.some((r) => r !== undefined) ? (x) => canonicalize(x, groups, relabel, signature) : (x) => canonicalize(x, groups, relabel),
        images: (x) => all.map((r) => relabel(x, r)),
      }
      bySymmetryConfig.set(key, f)
    }
    return f
  }
  const derivedSymmetry = (c: C, s: St): St => symmetryOf(c).canonical(s)
  const symmetry = def.symmetry ?? (def.symmetricNodes ? derivedSymmetry : undefined)
  /** Every renaming of a state by the symmetric groups (`Model.symmetryImages`, for --debug). */
  const symmetryImages = (c: C, s: St): St[] => symmetryOf(c).images(s)

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

  /** Per configuration: each node's index, and what makes a step depend on more than its node
   * (`footprint`): local actions that read beyond it or wait for silence, roles whose receive
   * reads beyond it. */
  type Reach = {
    readonly index: ReadonlyMap<string, number>
    readonly wide: ReadonlySet<string>
    readonly wideReceive: ReadonlySet<string>
    /** Local actions whose reads are scoped to one peer (`LocalAction.peer`): the parameter naming it. */
    readonly linked: ReadonlyMap<string, string>
  }
  const reaches = new WeakMap<object, Reach>()
  const reachOf = (c: C): Reach => {
    let r = reaches.get(c as unknown as object)
    if (r === undefined) {
      const l = layoutOf(c)
      const wide = new Set<string>()
      const wideReceive = new Set<string>()
      const linked = new Map<string, string>()
      for (const role of l.roles) {
        for (const a of role.role.actions ?? []) {
          // A scoped action has neither whenQuiet nor a 'state' read (refused when the model is made).
          if (a.peer !== undefined) linked.set(a.name, a.peer)
          else if ((a.reads?.length ?? 0) > 0 || (typeof a.whenQuiet === 'function' ? a.whenQuiet(c) : a.whenQuiet === true)) wide.add(a.name)
        }
        if (role.receiveReads !== null) for (const n of role.nodes) wideReceive.add(n)
      }
      r = { index: new Map(l.all.map((n, i) => [n, i])), wide, wideReceive, linked }
      reaches.set(c as unknown as object, r)
    }
    return r
  }
  /** `Model.footprint`: a handler or local action reads and writes its node (and sends, which the
   * network makes commute with other nodes' steps: a bag or a set adds and removes independently,
   * a FIFO link appends at its tail and delivers its head); faults spend shared budgets and
   * change what sends do, and the named escapes read beyond the node, so those are -1. */
  // The node part of an action's footprint, per configuration and action object (an action is
  // the same object in every state: deliveries per message, local steps per slot and choice).
  const nodeParts = new WeakMap<object, WeakMap<object, number>>()
  let lastFrom: object | undefined
  let lastFits = false
  let lastConfig: C | undefined
  let lastParts = new WeakMap<object, number>()
  const footprint = (c: C, a: ActorAction<M>, from: St, to: St): number => {
    if (c !== lastConfig) {
      let parts = nodeParts.get(c as unknown as object)
      if (parts === undefined) nodeParts.set(c as unknown as object, (parts = new WeakMap()))
      lastConfig = c
      lastParts = parts
    }
    const parts = lastParts
    let part = parts.get(a)
    if (part === undefined) {
      const r = reachOf(c)
      let node: string | undefined
      let peer: string | undefined
      if (a.name === 'Deliver') {
        node = (a as DeliverAction<M>).to
        if (r.wideReceive.has(node)) node = undefined
      } else if (!FAULT_NAMES.has(a.name) && !r.wide.has(a.name)) {
        node = (a as LocalStep).node
        const key = r.linked.get(a.name)
        if (key !== undefined) peer = (a as unknown as Record<string, unknown>)[key] as string
      }
      // A mask of the nodes the step touches (node i is bit i), above the ghost bit; -1 past 30 nodes.
      const bit = (n: string | undefined): number => {
        const i = n === undefined ? undefined : r.index.get(n)
        return i === undefined || i >= 30 ? -1 : 1 << i
      }
      const mine = bit(node)
      const theirs = peer === undefined ? 0 : bit(peer)
      parts.set(a, (part = mine < 0 || theirs < 0 ? -1 : (mine | theirs) << 1))
    }
    if (part < 0) return -1
    const l = layoutAt(c)
    // A state of a model that wraps this one and adds fields (`keysOf`): those fields are the
    // wrapper's, written by any step.
    if (from !== lastFrom) {
      lastFrom = from
      lastFits = keysOf(from) === l.keys
    }
    if (!lastFits) return -1
    // Whether the step wrote a ghost, or sent in another's name: known for the steps of the last
    // call partial-order reduction made; any other depends on everything.
    if (from !== recordedFrom) return -1
    for (let k = 0; k < recordedOut.length; k++) {
      if ((recordedOut[k] as readonly [unknown, unknown])[1] !== to) continue
      if (forged.length > 0 && forged.includes(to)) return -1
      return ghostly.length > 0 && ghostly.includes(to) ? part | 1 : part
    }
    return -1
  }

  // The faults the configuration allows: one it does not is no action, not "never taken".
  const actions = (c: C): string[] => {
    const { semantics, budget: b, crashable: crashes, restart: restarts } = layoutOf(c).net
    const lossy = semantics !== 'set'
    return [
      ...kinds.keys(),
      'Deliver',
      ...(lossy && (b.drop ?? 0) > 0 ? ['Drop'] : []),
      ...(lossy && (b.duplicate ?? 0) > 0 ? ['Duplicate'] : []),
      ...((b.partition ?? 0) > 0 ? ['Partition', 'Heal'] : []),
      ...((b.crash ?? 0) > 0 && (crashes?.length ?? 0) > 0 ? ['Crash', ...(restarts === false ? [] : ['Restart'])] : []),
    ]
  }
  /** A delivery's name in coverage, `Deliver <type>`: one string per type, made once (the
   * search asks for it on every step). */
  const deliveryNames = new Map<string, string>()
  const deliveryName = (type: string): string => {
    let n = deliveryNames.get(type)
    if (n === undefined) deliveryNames.set(type, (n = `Deliver ${type}`))
    return n
  }

  const model: ActorModel<C, R, M, G> = {
    name: def.name,
    init,
    next,
    properties: def.properties,
    ...(def.propertiesFor === undefined ? {} : { propertiesFor: (c: C) => def.propertiesFor!(c) }),
    actions,
    // Coverage counts deliveries by message type (`Deliver Vote`) where the model gives its
    // message schema, which lists the types (a union tagged `type`): a handler no message reaches
    // is then never taken. A model without one counts them as `Deliver`.
    ...(def.message === undefined
      ? {}
      : {
          coverageName: (a: ActorAction<M>) => (a.name === 'Deliver' ? deliveryName((a as { readonly msg: M }).msg.type) : a.name),
          coverageNames: (c: C) => {
            // (A message schema that does not list the types, `schema.any()` say, lists none.)
            const m = (def.message as (c: C) => Schema)(c)
            const types = m.kind === 'union' && m.tag === 'type' ? Object.keys(m.variants) : []
            return actions(c).flatMap((a) => (a === 'Deliver' ? types.map(deliveryName) : [a]))
          },
        }),
    event,
    footprint,
    ...(def.fairness ? { fairness: def.fairness } : {}),
    ...(symmetry ? { symmetry } : {}),
    ...(def.symmetricNodes !== undefined && def.symmetry === undefined ? { symmetryImages } : {}),
    ...(def.view ? { view: def.view } : {}),
    ...(def.validate ? { validate: def.validate } : {}),
    ...(hasSchema ? { schema: (c: C) => stateSchema(c) as Schema } : {}),
    ...(ruled.length > 0 ? { debugCheck } : {}),
  }
  return model
}

/** A network spec the harness cannot run: a fault budget that is missing or not a whole number
 * at least 0 (`--param crashes=-1` was reported as the initial state leaving the schema), or a
 * semantics it does not know. */
function refuseNetworkSpec(model: string, net: NetworkSpec): void {
  const where = `actor model ${model}: network`
  if (typeof net !== 'object' || net === null) throw new ModelError(`${where}: expected { semantics, budget, ... }, got ${net === null ? 'null' : typeof net}`)
  if (net.semantics !== 'bag' && net.semantics !== 'set' && net.semantics !== 'fifo') throw new ModelError(`${where}: semantics ${JSON.stringify(net.semantics)}: expected 'bag', 'set' or 'fifo'`)
  if (net.keepIgnored === true && net.semantics === 'fifo') throw new ModelError(`${where}: keepIgnored on a fifo network (a queue's head that is ignored would block its link for good); use a bag`)
  if (typeof net.budget !== 'object' || net.budget === null) throw new ModelError(`${where}: no fault budget (budget: { drop, duplicate, partition, crash }, each a whole number; {} for none)`)
  for (const [k, v] of Object.entries(net.budget)) {
    if (k !== 'drop' && k !== 'duplicate' && k !== 'partition' && k !== 'crash') throw new ModelError(`${where}: budget.${k}: not a fault (drop, duplicate, partition, crash)`)
    if (v !== undefined && !(Number.isSafeInteger(v) && (v as number) >= 0)) throw new ModelError(`${where}: budget.${k} ${String(v)}: a fault budget is a whole number, at least 0`)
  }
}

/** Groups of `symmetricNodes` that cannot be a symmetry: a name that is no node, a node in two
 * groups, or a group that mixes roles. A node's local state lives in its role's record, so a
 * renaming across roles builds a state the model has no shape for; these were taken as given,
 * and a writer and reader declared interchangeable merged states silently (fewer states, every
 * property "holds"), or were reported as an unsound symmetry naming a delivery, or failed inside
 * the relabelling ("offset is out of bounds"). */
function refuseSymmetricGroups(model: string, groups: readonly (readonly string[])[], roleOf: ReadonlyMap<string, number>, roleNames: readonly string[]): void {
  const where = `actor model ${model}: symmetricNodes`
  const seen = new Set<string>()
  for (const g of groups) {
    for (const n of g) {
      if (!roleOf.has(n)) throw new ModelError(`${where}: ${JSON.stringify(n)} is no node of any role`)
      if (seen.has(n)) throw new ModelError(`${where}: node ${n} is in two groups (or twice in one)`)
      seen.add(n)
    }
    const other = g.find((n) => roleOf.get(n) !== roleOf.get(g[0] as string))
    if (other !== undefined) {
      const first = g[0] as string
      const role = (n: string): string => roleNames[roleOf.get(n) as number] as string
      throw new ModelError(`${where}: group [${g.join(', ')}] mixes roles (${first}: ${role(first)}, ${other}: ${role(other)}); only nodes of one role can be interchangeable`)
    }
  }
}

/** A node's initial local states: its role's `inits`, or its one `init`. */
function initialLocals<C>(model: string, role: { init(c: C, node: string): unknown; inits?(c: C, node: string): readonly unknown[] }, c: C, node: string): readonly unknown[] {
  if (role.inits === undefined) return [role.init(c, node)]
  const all = role.inits(c, node)
  if (!Array.isArray(all) || all.length === 0) throw new ModelError(`actor model ${model}: inits(c, '${node}') must give an array of at least one initial local state, got ${Array.isArray(all) ? 'an empty one' : typeof all}`)
  return all
}

/** Every combination of one element from each list, the first list varying slowest. */
function* combinations<T>(lists: readonly (readonly T[])[]): Generator<readonly T[]> {
  const at = lists.map(() => 0)
  if (lists.some((l) => l.length === 0)) return
  for (;;) {
    yield lists.map((l, i) => l[at[i] as number] as T)
    let i = lists.length - 1
    while (i >= 0 && (at[i] = (at[i] as number) + 1) === (lists[i] as readonly T[]).length) at[i--] = 0
    if (i < 0) return
  }
}

/** A step's outcome that is not one: `fire` or `receive` returned something other than
 * `{ local, send?, ghost? }` or null (before, a TypeError from inside the harness, or "state.x is
 * undefined", naming neither the action nor what it returned). */
function badOutcome(model: string, act: Action, o: unknown): never {
  const got =
    o === undefined ? 'undefined'
    : typeof o !== 'object' || o === null ? (JSON.stringify(o) ?? String(o))
    : 'local' in o ? 'an outcome whose local is undefined'
    : `an object without local (its keys: ${Object.keys(o).join(', ') || 'none'})`
  throw new ModelError(`actor model ${model}: ${actionLabel(act)} returned ${got}, not an outcome ({ local, send?, ghost? }, or null for no step)`)
}
