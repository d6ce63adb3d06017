/**
 * `src/net`: network and fault semantics for message-passing models (design §4).
 *
 * A model keeps its network in the state field `net` (a `Network`, plain data): messages are
 * records `{ from, to, type, ...payload }`; `messages(net)` enumerates them for trace viewers.
 * Deliveries and faults are steps the model adds to its `next`:
 *
 *   for (const d of deliveries(s.net)) out.add(d.action, onReceive(c, { ...s, net: d.net }, d.action.msg))
 *   for (const f of networkFaults(s.net, c.budget, { nodes })) out.add(f.action, { ...s, net: f.net })
 *   for (const n of crashable(s.net, c.budget, nodes)) out.add({ name: 'Crash', node: n }, crashNode(s, n))
 */
export type { Message } from './message.ts'
export { messageLabel, formatValue } from './message.ts'
export type { Network, Semantics, Spent, SetNetwork, BagNetwork, FifoNetwork } from './network.ts'
export {
  network,
  send,
  sendAll,
  deliverable,
  deliverableTo,
  anyDeliverable,
  receive,
  messages,
  inFlightAtMost,
  anyInFlight,
  contains,
  distinctInFlight,
  discardTo,
  linkUp,
  linkKey,
  fifoLinks,
  formatNetwork,
  withSent,
  bagWith,
  netWith,
} from './network.ts'
export type { Groups } from './partition.ts'
export { bipartitions, isolate, separates, canonicalGroups, groupsLabel } from './partition.ts'
export type {
  FaultBudget,
  MessageAction,
  DeliverAction,
  DropAction,
  DuplicateAction,
  PartitionAction,
  HealAction,
  CrashAction,
  RestartAction,
  NetworkFaultAction,
  NetworkFaultOptions,
} from './faults.ts'
export { deliveries, networkFaults, isUp, crashable, restartable, crash, restart } from './faults.ts'
export { networkSchema } from './schema.ts'
export type { NodeState } from './node.ts'
export { afterCrash } from './node.ts'
export type {
  ActorAction,
  ActorDefinition,
  ActorEvent,
  ActorState,
  Context,
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
export { WAIT } from './actor-types.ts'
export type { ActorModel } from './actor.ts'
export { actorModel } from './actor.ts'
export { stepAt } from './step-at.ts'
