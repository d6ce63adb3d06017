/**
 * Faults as bounded, nondeterministic actions. The spec chooses a budget per fault; the spent
 * counts live in the network value (`net.spent`), so the state space stays finite and the budget
 * says exactly which failures a verdict covers.
 *
 * Network faults (`Drop`, `Duplicate`, `Partition`, `Heal`) change only `net`: `networkFaults`
 * lists them all, and a model adds each as a step with `{ ...s, net }`. Node faults (`Crash`,
 * `Restart`) also change the node's own state (volatile part reset, durable part kept, see
 * `node.ts`): `crashable` / `restartable` say which nodes may, `crash` / `restart` update `net`.
 *
 * Action shapes (fields other helpers rely on: fairness, trace viewers):
 *   { name: 'Drop' | 'Duplicate', from, to, msg, label: 'Prepare c→p2' }  → `Drop(Prepare c→p2)`
 *   { name: 'Partition', groups, label: '{p1}|{c,p2}' }                   → `Partition({p1}|{c,p2})`
 *   { name: 'Heal' }
 *   { name: 'Crash' | 'Restart', node }                                    → `Crash(coordinator)`
 * and for deliveries (`deliveries` below) { name: 'Deliver', from, to, msg, label }.
 */
import { removed, setAdd, setHas, setRemove } from '../state/data.ts'
import type { Message } from './message.ts'
import { messageLabel } from './message.ts'
import type { BagNetwork, Network, Spent } from './network.ts'
import { appended, bagAdd, bagWith, deliverable, discardTo, distinctInFlight, linkUp, messagesField, netWith, receive, sameElement, spend } from './network.ts'
import type { Groups } from './partition.ts'
import { bipartitions, canonicalGroups, groupsLabel } from './partition.ts'

/** How many faults of each kind a check covers. Missing entries are 0. Restarts are unbounded
 * (each needs a crash first). */
export type FaultBudget = {
  readonly drop?: number
  readonly duplicate?: number
  readonly partition?: number
  readonly crash?: number
}

export type MessageAction<M extends Message, N extends string> = {
  readonly name: N
  readonly from: string
  readonly to: string
  readonly msg: M
  /** Preformatted `Type(payload) from→to`, what `actionLabel` prints. */
  readonly label: string
}

export type DeliverAction<M extends Message> = MessageAction<M, 'Deliver'>
export type DropAction<M extends Message> = MessageAction<M, 'Drop'>
export type DuplicateAction<M extends Message> = MessageAction<M, 'Duplicate'>
export type PartitionAction = { readonly name: 'Partition'; readonly groups: Groups; readonly label: string }
export type HealAction = { readonly name: 'Heal' }
export type CrashAction = { readonly name: 'Crash'; readonly node: string }
export type RestartAction = { readonly name: 'Restart'; readonly node: string }

export type NetworkFaultAction<M extends Message> =
  | DropAction<M>
  | DuplicateAction<M>
  | PartitionAction
  | HealAction

// An action on a message is determined by the message, so one instance per (name, message
// object) is kept: models that intern their messages then build no action and no label per step
// (labels were a visible share of a Raft run: docs/performance.md, "Design measurements").
// Actions are immutable data, so sharing them is safe.
const actionCache: Record<string, WeakMap<object, MessageAction<Message, string>>> = {}
function messageAction<M extends Message, N extends string>(name: N, msg: M): MessageAction<M, N> {
  return actionIn((actionCache[name] ??= new WeakMap()), name, msg)
}

/** `msg`'s action called `name`, from (or made into) `cache`, the table of that name. */
function actionIn<M extends Message, N extends string>(cache: WeakMap<object, MessageAction<Message, string>>, name: N, msg: M): MessageAction<M, N> {
  let a = cache.get(msg)
  if (a === undefined) {
    a = { name, from: msg.from, to: msg.to, msg, label: messageLabel(msg) }
    cache.set(msg, a)
  }
  return a as MessageAction<M, N>
}

/** The `Deliver` action of `msg` (one shared instance per message object, as `deliveries` gives).
 * Its table is looked up directly: the harness asks it for every delivery of every state. */
const delivers: WeakMap<object, MessageAction<Message, string>> = (actionCache.Deliver = new WeakMap())
export const deliverAction = <M extends Message>(msg: M): DeliverAction<M> => actionIn(delivers, 'Deliver', msg)

const left = (budget: FaultBudget, spent: Spent, k: keyof Spent): boolean => spent[k] < (budget[k] ?? 0)

/**
 * The deliveries enabled now: one `Deliver` per deliverable message, with the network after the
 * message is consumed. The model applies its receive handler for `msg` to the rest of its state
 * (and drops the step when the handler is not enabled).
 */
export function deliveries<M extends Message>(net: Network<M>): { action: DeliverAction<M>; net: Network<M> }[] {
  if (net.semantics === 'bag') return bagDeliveries(net)
  return deliverable(net).map((m) => ({ action: messageAction('Deliver', m), net: receive(net, m) }))
}

/** `deliveries` of a bag in one pass over it (the same steps in the same order): each distinct
 * message is the first of its run of equal copies (the bag is sorted), and consuming it removes
 * that copy by position, without searching for it. */
function bagDeliveries<M extends Message>(net: BagNetwork<M>): { action: DeliverAction<M>; net: Network<M> }[] {
  const bag = net.inFlight
  const out: { action: DeliverAction<M>; net: Network<M> }[] = []
  for (let i = 0; i < bag.length; i++) {
    const m = bag[i] as M
    if (i > 0 && sameElement(bag[i - 1] as M, m)) continue
    if (!linkUp(net, m.from, m.to)) continue
    out.push({ action: messageAction('Deliver', m), net: bagWith(net, removed(bag, i)) })
  }
  return out
}

/** Options for `networkFaults`. */
export type NetworkFaultOptions = {
  /** The nodes partitions split; required when the budget allows partitions. */
  readonly nodes?: readonly string[]
  /** The partitions to try (default: every split of `nodes` into two groups). */
  readonly partitions?: readonly Groups[]
}

/** Whether `networkFaults` can give a drop, a duplicate or a partition on a network of
 * `semantics` under `budget` (else, at most `Heal`, which needs a partition in force): a caller
 * asking per state can skip it. A `set` network has no drop or duplicate. */
export const allowsNetworkFaults = (semantics: Network<Message>['semantics'], budget: FaultBudget): boolean =>
  (semantics !== 'set' && ((budget.drop ?? 0) > 0 || (budget.duplicate ?? 0) > 0)) || (budget.partition ?? 0) > 0

/**
 * Every network fault enabled under `budget`, in a fixed order: drops (each distinct message in
 * flight), duplicates (likewise), then a partition (when none is in force; one per candidate),
 * then `Heal` (when partitioned). A `set` network has no drop or duplicate: they are implicit.
 */
export function networkFaults<M extends Message>(
  net: Network<M>,
  budget: FaultBudget,
  opts: NetworkFaultOptions = {},
): { action: NetworkFaultAction<M>; net: Network<M> }[] {
  const out: { action: NetworkFaultAction<M>; net: Network<M> }[] = []
  const drops = left(budget, net.spent, 'drop')
  const dups = left(budget, net.spent, 'duplicate')
  if (net.semantics !== 'set' && (drops || dups)) {
    const candidates = distinctInFlight(net)
    if (drops) {
      for (const m of candidates) {
        const rest = receive(net, m)
        out.push({ action: messageAction('Drop', m), net: netWith(rest, messagesField(rest), rest.partition, rest.down, spend(net.spent, 'drop')) })
      }
    }
    if (dups) {
      for (const m of candidates) out.push({ action: messageAction('Duplicate', m), net: duplicate(net, m) })
    }
  }
  if (net.partition === null && left(budget, net.spent, 'partition')) {
    const spent = spend(net.spent, 'partition')
    for (const action of partitionActions(opts)) {
      out.push({ action, net: netWith(net, messagesField(net), action.groups, net.down, spent) })
    }
  }
  if (net.partition !== null) out.push({ action: { name: 'Heal' }, net: netWith(net, messagesField(net), null) })
  return out
}

/** The `Partition` actions of `opts`' candidates (`partitions`, else every split of `nodes`),
 * canonical and labelled, made once per candidate list (or node list) and shared by every state:
 * the groups, their sort and their label were a tenth of eventual-consistency's `next`. Keyed by
 * the list's identity (the actor harness passes one per configuration); a caller that builds a
 * fresh list for each state pays what it paid before, and an entry per list, dropped with it. A
 * list written after its first use would keep its old actions: candidate lists are configuration,
 * never written. */
function partitionActions(opts: NetworkFaultOptions): readonly PartitionAction[] {
  const key: readonly unknown[] = opts.partitions ?? opts.nodes ?? NO_NODES
  let actions = partitionCache.get(key)
  if (actions === undefined) {
    const candidates = opts.partitions ?? bipartitions(opts.nodes ?? [])
    actions = candidates.map((g): PartitionAction => {
      const groups = canonicalGroups(g)
      return { name: 'Partition', groups, label: groupsLabel(groups) }
    })
    partitionCache.set(key, actions)
  }
  return actions
}
const partitionCache = new WeakMap<readonly unknown[], readonly PartitionAction[]>()
const NO_NODES: readonly string[] = []

/** One more copy of `m` (bag: anywhere; fifo: at the back of its link's queue). */
function duplicate<M extends Message>(net: Network<M>, m: M): Network<M> {
  const spent = spend(net.spent, 'duplicate')
  switch (net.semantics) {
    case 'set':
      return net
    case 'bag':
      return netWith(net, bagAdd(net.inFlight, m), net.partition, net.down, spent)
    case 'fifo':
      return netWith(net, appended(net.queues, m), net.partition, net.down, spent)
  }
}

// ---- crash and restart -----------------------------------------------------------------------

export const isUp = (net: Network<Message>, node: string): boolean => !setHas(net.down, node)

/** Whether `budget` has a crash left after those `net` has spent. */
export const crashesLeft = (net: Network<Message>, budget: FaultBudget): boolean => left(budget, net.spent, 'crash')

/** The nodes of `nodes` that may crash now: up, with crash budget left. */
export const crashable = (net: Network<Message>, budget: FaultBudget, nodes: readonly string[]): string[] =>
  crashesLeft(net, budget) ? nodes.filter((n) => isUp(net, n)) : []

/** The nodes of `nodes` that are down (and so may restart). */
export const restartable = (net: Network<Message>, nodes: readonly string[]): string[] =>
  nodes.filter((n) => !isUp(net, n))

/**
 * `node` crashes: it is marked down, messages in flight to it are lost (bag/fifo), one crash is
 * spent. The model resets the node's volatile state in the same step.
 */
export function crash<M extends Message>(net: Network<M>, node: string): Network<M> {
  const n = discardTo(net, node)
  return netWith(n, messagesField(n), n.partition, setAdd(n.down, node), spend(n.spent, 'crash'))
}

/** `node` restarts: marked up again. The model gives it its durable state and fresh volatile state. */
export function restart<M extends Message>(net: Network<M>, node: string): Network<M> {
  return netWith(net, messagesField(net), net.partition, setRemove(net.down, node))
}
