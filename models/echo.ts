/**
 * The Echo algorithm — a port of Merz's Echo.tla (tlaplus/Examples, specifications/echo/Echo.tla,
 * the TLA+ its PlusCal algorithm translates to) onto the actor harness (src/net). It builds a
 * spanning tree of a connected undirected graph from one initiator: the initiator sends an "m"
 * message to each neighbour; a node's first message makes its sender the node's parent, and the
 * node sends "m" to every other neighbour; once a node has heard from every neighbour, it sends a
 * "c" (child) message to its parent, which records the sender as a child.
 *
 * The PlusCal process `node(self)` is one node of a `bag` network, its labels the node's steps:
 * n0 (the initiator multicasts; every node moves to n1) is a local action; each pass of n1's
 * loop (take some message out of inbox[self], count it, maybe adopt a parent and multicast) is
 * the delivery of that message, which `receive` answers with `WAIT` while the node is not at n1
 * or has already heard from every neighbour; n1's exit once `rcvd = Cardinality(nbrs)` is the
 * local action `n1` (a delivery reads `Deliver(m a→b)`, the exit `n1(b)`); n2 (a non-initiator
 * sends "c" to its parent) is the local action `n2`. TLA+'s `inbox[n]` is a set of records
 * `[kind, sndr]`; the bag holds each as a message sndr→n. The two are one state space, since no
 * message is ever sent twice: a node sends one message to each neighbour ("m", or "c" to its
 * parent alone), so the bag never holds two equal copies.
 *
 * The translation's `Terminating` disjunct (`\A self : pc[self] = "Done" /\ UNCHANGED vars`, a
 * stutter once every process is done) is a step TLC counts: here it is the initiator's local
 * action `Terminating`, which reads the whole state (`reads: ['state']`) and returns the node
 * unchanged. The harness has no step that belongs to no node, so it is charged to the initiator.
 *
 * State: each node's parent (null is NoNode), children, rcvd and pc, and the network. The
 * process variable `nbrs` is left out of the state: it is `neighbors(self)` in Init and never
 * assigned, so it is the configuration's `nbrs` (one value in every state: the counts are the
 * same). The two `Assert`s of the algorithm are invariants here (`FirstMessageIsM`,
 * `ParentBeforeAck`): the harness has no assertion that fails a step, and a model that throws is
 * a model error without a trace. `InboxIsASet` checks the claim that the bag is a set on every
 * state (a variant that sends a message twice, or again and again, fails it at once).
 *
 * Properties: the module's TypeOK, InitiatorNoParent, ParentIsNeighbor, ParentChild and
 * AncestorProperties (each with its situation), the two assertions, InboxIsASet, a witness
 * (DeepTree: a tree that is not a star), and the module's `Termination` under weak fairness per
 * node — which the module's Spec does not have (no `fair` process), so that property is this
 * port's claim about the fair algorithm, not the module's.
 *
 * Reference counts (TLC, tlaplus/Examples manifest, MCEcho.cfg: three nodes, fully meshed, one
 * initiator): 75 distinct / 116 generated / depth 16, equal here (specs/echo.ts).
 *
 * Buggy variant, the multicast's recipients changed (`echoModel`'s `targets`):
 * models/echo-multicast-all.ts, a node that sends "m" back to its parent too.
 */
import { always, eventually, schema, setAdd, setHas, sometimes, weakFair } from '../src/index.ts'
import type { Fairness, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { WAIT, actorModel, messages, stepAt } from '../src/net/index.ts'
import type { Wait } from '../src/net/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** Node: the nodes, in order. */
  readonly nodes: readonly string[]
  /** initiator: the root of the tree. */
  readonly initiator: string
  /** neighbors(n): R as adjacency sets; symmetric, irreflexive, connected (`validate`). */
  readonly nbrs: Readonly<Record<string, SetOf<string>>>
}

const nbrsOf = (c: Config, n: string): SetOf<string> => c.nbrs[n] as SetOf<string>

// ---- messages --------------------------------------------------------------------------------

/** [kind |-> knd, sndr |-> p] in inbox[to]: `from` is the sndr. */
export type Msg = { readonly from: string; readonly to: string; readonly type: 'm' | 'c' }

/** multicast(net, p, dest, knd): one message of kind `type` from p to each node of dest. */
const multicast = (p: string, dest: readonly string[], type: 'm' | 'c'): Msg[] => dest.map((to) => ({ from: p, to, type }))

// ---- state -----------------------------------------------------------------------------------

export type Pc = 'n0' | 'n1' | 'n2' | 'Done'

export type Node = {
  /** parent: the node's parent in the tree; null is NoNode (none yet, or the initiator). */
  readonly parent: string | null
  /** children: the neighbours that sent "c": the node's children in the tree. */
  readonly children: SetOf<string>
  /** rcvd: how many messages the node has taken from its inbox. */
  readonly rcvd: number
  /** pc: the PlusCal label the process is at. */
  readonly pc: Pc
}

type Roles = { node: Node }
/** `{ node: { a: …, b: …, c: … }, net }`: parent, children, rcvd and pc per node, and inbox. */
export type State = ActorState<Roles, Msg>
export type Action = ActorAction<Msg>
export type Echo = ActorModel<Config, Roles, Msg, object>

// ---- init ------------------------------------------------------------------------------------

/** parent = NoNode, children = {}, rcvd = 0, pc = "n0"; inbox empty. */
export const nodeInit = (): Node => ({ parent: null, children: [], rcvd: 0, pc: 'n0' })

// ---- actions ---------------------------------------------------------------------------------

type Step = Outcome<Node, Msg, object> | null

/** n0: the initiator sends "m" to all its neighbours; every node moves on to n1. */
export function n0(c: Config, self: string, x: Node): Step {
  if (x.pc !== 'n0') return null
  return { local: { ...x, pc: 'n1' }, send: self === c.initiator ? multicast(self, nbrsOf(c, self), 'm') : [] }
}

/** The recipients of a non-initiator's "m" messages on its first message, from `sndr`: the
 * correct protocol's `nbrs \ {msg.sndr}`; a buggy variant gives its own. */
export type EchoTargets = (nbrs: readonly string[], sndr: string) => readonly string[]

export const otherNeighbours: EchoTargets = (nbrs, sndr) => nbrs.filter((n) => n !== sndr)

/**
 * n1, one pass of the loop: node `self` takes `m` out of inbox[self] while it has heard from
 * fewer than all its neighbours (else `WAIT`: the loop is not entered, the message stays). The
 * count goes up; a non-initiator's first message makes its sender the parent and sends "m" to
 * `targets` (the other neighbours); a "c" makes its sender a child.
 */
export function n1(targets: EchoTargets, c: Config, self: string, x: Node, m: Msg): Step | Wait {
  if (x.pc !== 'n1' || x.rcvd >= nbrsOf(c, self).length) return WAIT
  const rcvd = x.rcvd + 1
  const first = self !== c.initiator && rcvd === 1
  const children = m.type === 'c' ? setAdd(x.children, m.from) : x.children
  return {
    local: { ...x, rcvd, children, parent: first ? m.from : x.parent },
    send: first ? multicast(self, targets(nbrsOf(c, self), m.from), 'm') : [],
  }
}

/** n1, the loop's exit: the node has heard from every neighbour and moves on to n2. */
export function n1Exit(c: Config, self: string, x: Node): Step {
  if (x.pc !== 'n1' || x.rcvd < nbrsOf(c, self).length) return null
  return { local: { ...x, pc: 'n2' } }
}

/** n2: a non-initiator acknowledges its parent with "c"; every node is then done. */
export function n2(c: Config, self: string, x: Node): Step {
  if (x.pc !== 'n2') return null
  // mutants: `||` for `&&` below is equivalent: no reachable state tells them apart (a
  // non-initiator at n2 always has a parent, the initiator never has one).
  return { local: { ...x, pc: 'Done' }, send: self !== c.initiator && x.parent !== null ? [{ from: self, to: x.parent, type: 'c' }] : [] }
}

const node = (s: State, n: string): Node => s.node[n] as Node

const allDone = (c: Config, s: State): boolean => c.nodes.every((n) => node(s, n).pc === 'Done')

/** Terminating: once every process is done, a step that changes nothing (charged to the
 * initiator: see the header). */
export function terminating(c: Config, self: string, x: Node, s: State): Step {
  if (self !== c.initiator || !allDone(c, s)) return null
  return { local: x }
}

const actions: readonly LocalAction<Config, Node, Msg, object, State>[] = [
  { name: 'n0', fire: (c, self, x) => n0(c, self, x) },
  { name: 'n1', fire: (c, self, x) => n1Exit(c, self, x) },
  { name: 'n2', fire: (c, self, x) => n2(c, self, x) },
  { name: 'Terminating', reads: ['state'], fire: (c, self, x, _p, ctx) => terminating(c, self, x, ctx.state) },
]

// ---- properties ------------------------------------------------------------------------------

/** TypeOK: parent, children, rcvd and pc in their sets, rcvd at most the node's degree, and every
 * message in flight to n is an "m" or "c" from a neighbour of n. */
export function typeOK(c: Config, s: State): boolean {
  return (
    c.nodes.every((n) => {
      const x = node(s, n)
      return (
        (x.parent === null || c.nodes.includes(x.parent)) &&
        x.children.every((m) => c.nodes.includes(m)) &&
        Number.isInteger(x.rcvd) &&
        x.rcvd >= 0 &&
        x.rcvd <= nbrsOf(c, n).length &&
        ['n0', 'n1', 'n2', 'Done'].includes(x.pc)
      )
    }) && messages(s.net).every((m) => (m.type === 'm' || m.type === 'c') && c.nodes.includes(m.to) && setHas(nbrsOf(c, m.to), m.from))
  )
}

/** InitiatorNoParent: the initiator never has a parent. */
export const initiatorNoParent = (c: Config, s: State): boolean => node(s, c.initiator).parent === null

/** ParentIsNeighbor: a node's parent, if any, is one of its neighbours. */
export const parentIsNeighbor = (c: Config, s: State): boolean =>
  c.nodes.every((n) => node(s, n).parent === null || setHas(nbrsOf(c, n), node(s, n).parent as string))

/** ParentChild: n is a child of m only if m is n's parent, and once m is done, every node whose
 * parent is m is its child. */
export const parentChild = (c: Config, s: State): boolean =>
  c.nodes.every((m) =>
    c.nodes.every((n) => {
      const child = setHas(node(s, m).children, n)
      const isParent = node(s, n).parent === m
      return (!child || isParent) && (!(isParent && node(s, m).pc === 'Done') || child)
    }),
  )

/** The parent chain from n: n's parent, its parent, … (stops on a repeat: a cycle). */
function ancestors(s: State, n: string): { chain: string[]; cyclic: boolean } {
  const chain: string[] = []
  for (let p = node(s, n).parent; p !== null; p = node(s, p).parent) {
    if (p === n || chain.includes(p)) return { chain, cyclic: true }
    chain.push(p)
  }
  return { chain, cyclic: false }
}

/** AncestorProperties, once every node is done: the initiator is an ancestor of every other
 * node, and no node is its own ancestor (the transitive closure of IsParent is irreflexive). */
export const ancestorProperties = (c: Config, s: State): boolean =>
  c.nodes.every((n) => {
    const { chain, cyclic } = ancestors(s, n)
    return !cyclic && (n === c.initiator || chain.includes(c.initiator))
  })

/** The assertion at n1 (`msg.kind = "m"`): a non-initiator's first message is an "m" — no "c"
 * is on its way to a non-initiator that has not taken a message yet. */
export const firstMessageIsM = (c: Config, s: State): boolean =>
  messages(s.net).every((m) => m.type !== 'c' || m.to === c.initiator || node(s, m.to).rcvd > 0)

/** The assertion at n2 (`parent \in nbrs`): a non-initiator at n2 has a parent among its
 * neighbours. */
export const parentBeforeAck = (c: Config, s: State): boolean =>
  c.nodes.every((n) => n === c.initiator || node(s, n).pc !== 'n2' || setHas(nbrsOf(c, n), node(s, n).parent ?? ''))

/** The claim that makes the bag TLA+'s inbox (see the header): no message is in flight twice. */
export function inboxIsASet(_c: Config, s: State): boolean {
  const seen = new Set<string>()
  for (const m of messages(s.net)) {
    const key = `${m.type} ${m.from} ${m.to}`
    if (seen.has(key)) return false
    seen.add(key)
  }
  return true
}

const someParent = (c: Config, s: State): boolean => c.nodes.some((n) => node(s, n).parent !== null)
const someChild = (c: Config, s: State): boolean => c.nodes.some((n) => node(s, n).children.length > 0)
const someAtN2 = (c: Config, s: State): boolean => c.nodes.some((n) => n !== c.initiator && node(s, n).pc === 'n2')
const cInFlight = (_c: Config, s: State): boolean => messages(s.net).some((m) => m.type === 'c')
/** A tree deeper than one level: some node's parent is not the initiator. */
const deepTree = (c: Config, s: State): boolean =>
  allDone(c, s) && c.nodes.some((n) => node(s, n).parent !== null && node(s, n).parent !== c.initiator)

/** `\A self \in Node : WF_vars(node(self))` (a `fair process`, which Echo.tla does not declare):
 * each node's labels and every delivery to it. The initiator's group holds Terminating too. */
export const nodeFairness = (c: Config): Fairness[] =>
  c.nodes.map((n) => weakFair(stepAt(n), `node(${n})`))

// ---- the model -------------------------------------------------------------------------------

/** R's assumptions: the initiator a node; R irreflexive, symmetric, and connected. */
export function validate(c: Config): string | undefined {
  if (c.nodes.length < 1) return 'at least one node is needed'
  if (!c.nodes.includes(c.initiator)) return `the initiator ${c.initiator} is not a node`
  for (const n of c.nodes) {
    const ns = c.nbrs[n]
    if (ns === undefined) return `node ${n} has no neighbour set`
    if (ns.includes(n)) return `R must be irreflexive: ${n} is its own neighbour`
    for (const m of ns) if (!c.nodes.includes(m) || !setHas(nbrsOf(c, m), n)) return `R must be symmetric over the nodes: ${n}–${m}`
  }
  const seen = new Set([c.initiator])
  for (const n of seen) for (const m of nbrsOf(c, n)) seen.add(m)
  return seen.size === c.nodes.length ? undefined : 'R must be connected'
}

/** The model with `targets` as a new non-initiator's "m" recipients (`otherNeighbours`: the
 * module's). */
export function echoModel(name: string, targets: EchoTargets): Echo {
  const role: Role<Config, Node, Msg, object, State> = {
    nodes: (c) => c.nodes,
    init: nodeInit,
    receive: (c, self, x, m) => n1(targets, c, self, x, m),
    actions,
    schema: (c) =>
      schema.record({
        parent: schema.nullable(schema.enum(...c.nodes)),
        children: schema.setOf(schema.enum(...c.nodes)),
        rcvd: schema.int(0, c.nodes.length),
        pc: schema.enum('n0', 'n1', 'n2', 'Done'),
      }),
  }
  return actorModel<Config, Roles, Msg, object>({
    name,
    roles: { node: role },
    network: () => ({ semantics: 'bag', budget: {} }),
    message: (c) => {
      const n = schema.enum(...c.nodes)
      return schema.union('type', { m: { from: n, to: n }, c: { from: n, to: n } })
    },
    properties: [
      always('TypeOK', typeOK),
      // Its situation: the initiator has taken a message (a non-initiator would adopt its sender).
      always('InitiatorNoParent', initiatorNoParent, { when: (c, s) => node(s, c.initiator).rcvd > 0 }),
      always('ParentIsNeighbor', parentIsNeighbor, { when: someParent }),
      always('ParentChild', parentChild, { when: someChild }),
      always('AncestorProperties', ancestorProperties, { when: allDone }),
      always('FirstMessageIsM', firstMessageIsM, { when: cInFlight }),
      always('ParentBeforeAck', parentBeforeAck, { when: someAtN2 }),
      // Like TypeOK, a claim about the representation, with no situation of its own.
      always('InboxIsASet', inboxIsASet),
      sometimes('DeepTree', deepTree),
      eventually('Termination', allDone),
    ],
    fairness: nodeFairness,
    validate,
  })
}

export const echo: Echo = echoModel('echo', otherNeighbours)
