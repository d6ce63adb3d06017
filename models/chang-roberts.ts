/**
 * Chang and Roberts's leader election on a unidirectional ring — a port of Merz's
 * ChangRoberts.tla (tlaplus/Examples, specifications/chang_roberts/ChangRoberts.tla; E. Chang,
 * R. Roberts, CACM 22(5), 1979) onto the actor harness (src/net). Each node has a distinct id;
 * some nodes are initiators and send their id to their successor. A node that has lost forwards
 * every id; a candidate that receives a smaller id loses and forwards it, one that receives a
 * larger id swallows it, and one that receives its own id has won: the initiator with the
 * smallest id is elected.
 *
 * The PlusCal process `node(self)` is one node of a `bag` network, its variables the node's local
 * state, its labels the node's steps: n0 (an initiator sends its id; every node moves to n1) is a
 * local action, and each pass of n1's loop (take some id out of msgs[self], decide) is the
 * delivery of that id, which `receive` answers with `WAIT` while the node is still at n0 (n1 not
 * enabled: the id stays in flight). TLA+'s `msgs[n]` is a set of ids, from which n1 removes the
 * one it takes; the bag holds each id in flight to n as a message pred(n)→n. The two are one
 * state space, since the bag never holds two copies of an id: an id enters the network once (its
 * owner's n0), and each n1 takes one copy out and puts at most one back. So the state is TLA+'s
 * variables and nothing else — no history, no view — and `initiator \in [Node -> BOOLEAN]` is
 * the role's `inits` (2^N initial states). Nodes are named p1..pN (TLA+'s 1..N; `Id` is the
 * configuration's `id`), so that a trace's `n0(p1)` reads as label n0 of node 1; an n1 step
 * reads `Deliver(Id(3) p3→p1)`: node 1 takes id 3 out of msgs[1].
 *
 * Properties: TypeOK and Correctness (invariants; Correctness is about a state where someone has
 * won, and is reported vacuous if none is reached), and Liveness ((\E n : state[n] = "cand") =>
 * <>(\E n : state[n] = "won")) under the module's fairness, `\A self \in Node :
 * WF_vars(node(self))` (`nodeFairness`). Left out: the module's `Termination` (every pc "Done":
 * the loop never ends, so it is false of every behaviour; MCChangRoberts.cfg does not check it)
 * and the translation's `Terminating` disjunct (a stutter once every pc is "Done", which no state
 * reaches); TLC's deadlock check, which MCChangRoberts.cfg turns off (a spec's `deadlock` is off by
 * default): every run ends with every id swallowed and no step left.
 *
 * Reference counts (TLC, tlaplus/Examples manifest, MCChangRoberts.cfg: N = 3, Id[i] = i):
 * 137 distinct / 227 generated / depth 10, equal here (specs/chang-roberts.ts).
 *
 * Buggy variants, each one rule of `Rules` changed (models/chang-roberts-*.ts): a candidate that
 * forwards a larger id, a candidate that declares itself won on any id it swallows, and a relay
 * that forwards only ids below its own.
 */
import { always, eventually, schema, weakFair } from '../src/index.ts'
import type { Fairness, Schema } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { WAIT, actorModel, messages, stepAt } from '../src/net/index.ts'
import type { Wait } from '../src/net/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** Node: the ring in order; nodes[i]'s successor is nodes[i + 1], the last one's the first
   * (`succ`). */
  readonly nodes: readonly string[]
  /** Id[n]: the identity of node n, distinct natural numbers. */
  readonly id: Readonly<Record<string, number>>
}

/** succ(n): the next node along the ring. */
export const succ = (c: Config, n: string): string => c.nodes[(c.nodes.indexOf(n) + 1) % c.nodes.length] as string

const idOf = (c: Config, n: string): number => c.id[n] as number

// ---- messages --------------------------------------------------------------------------------

/** An id in msgs[to]; `from` is always the node before `to` on the ring. */
export type Msg = { readonly from: string; readonly to: string; readonly type: 'Id'; readonly id: number }

/** `msgs[succ(self)] := @ \cup {id}`: the id goes to the next node. */
const toSucc = (c: Config, self: string, id: number): Msg => ({ from: self, to: succ(c, self), type: 'Id', id })

// ---- state -----------------------------------------------------------------------------------

export type Node = {
  /** initiator: whether the node starts an election (fixed in Init, never changed). */
  readonly initiator: boolean
  /** state: a candidate; lost (a non-initiator from the start); won (elected). */
  readonly state: 'cand' | 'lost' | 'won'
  /** pc: the PlusCal label the process is at (n1 is the loop, never left). */
  readonly pc: 'n0' | 'n1'
}

type Roles = { node: Node }
/** `{ node: { p1: …, p2: …, p3: … }, net }`: TLA+'s initiator, state and pc per node, and msgs. */
export type State = ActorState<Roles, Msg>
export type Action = ActorAction<Msg>
export type ChangRoberts = ActorModel<Config, Roles, Msg, object>

// ---- init ------------------------------------------------------------------------------------

/** `initiator \in BOOLEAN`, `state = IF initiator THEN "cand" ELSE "lost"`, pc = "n0". */
export const nodeInits = (): readonly Node[] => [
  { initiator: false, state: 'lost', pc: 'n0' },
  { initiator: true, state: 'cand', pc: 'n0' },
]

// ---- handlers --------------------------------------------------------------------------------

type Step = Outcome<Node, Msg, object> | null

/** n0: an initiator sends its own id to its successor; every node moves on to n1. */
export function n0(c: Config, self: string, x: Node): Step {
  if (x.pc !== 'n0') return null
  return { local: { ...x, pc: 'n1' }, send: x.initiator ? [toSucc(c, self, idOf(c, self))] : [] }
}

/**
 * The comparisons n1 makes, each a function of the id received and the node's own id: the
 * correct protocol is `correctRules`; each buggy variant changes one.
 */
export type Rules = {
  /** Whether a node that has lost forwards `id` (always: it is a relay). */
  readonly relays: (id: number, own: number) => boolean
  /** Whether a candidate loses to `id` and forwards it (a smaller id). */
  readonly losesTo: (id: number, own: number) => boolean
  /** Whether a candidate that does not lose to `id` forwards it all the same (never). */
  readonly forwardsAbove: (id: number, own: number) => boolean
  /** Whether a candidate that keeps `id` has won (its own id came back round). */
  readonly wins: (id: number, own: number) => boolean
}

export const correctRules: Rules = {
  relays: () => true,
  losesTo: (id, own) => id < own,
  forwardsAbove: () => false,
  wins: (id, own) => id === own,
}

/**
 * n1: node `self` takes `m`'s id out of msgs[self]. A node still at n0 cannot (`WAIT`: the id
 * stays in flight). A node that has lost forwards it; a candidate given a smaller id records its
 * loss and forwards it; otherwise the id goes no further, and if it is the node's own, the node
 * has won. (A winner takes the candidate's branch, as in the module: being the smallest
 * initiator, it never meets a smaller id there.)
 */
export function n1(r: Rules, c: Config, self: string, x: Node, m: Msg): Step | Wait {
  if (x.pc !== 'n1') return WAIT
  const own = idOf(c, self)
  const forward = [toSucc(c, self, m.id)]
  if (x.state === 'lost') return r.relays(m.id, own) ? { local: x, send: forward } : { local: x }
  if (r.losesTo(m.id, own)) return { local: { ...x, state: 'lost' }, send: forward }
  const state = r.wins(m.id, own) ? 'won' : x.state
  return { local: state === x.state ? x : { ...x, state }, send: r.forwardsAbove(m.id, own) ? forward : [] }
}

const actions: readonly LocalAction<Config, Node, Msg, object>[] = [{ name: 'n0', fire: (c, self, x) => n0(c, self, x) }]

// ---- properties ------------------------------------------------------------------------------

const node = (s: State, n: string): Node => s.node[n] as Node

/** TypeOK: pc, state and initiator in their sets, and every id in flight is some node's Id. */
export function typeOK(c: Config, s: State): boolean {
  const ids = c.nodes.map((n) => idOf(c, n))
  return (
    c.nodes.every((n) => {
      const x = node(s, n)
      return ['n0', 'n1'].includes(x.pc) && ['cand', 'lost', 'won'].includes(x.state) && typeof x.initiator === 'boolean'
    }) && messages(s.net).every((m) => c.nodes.includes(m.to) && ids.includes(m.id))
  )
}

/** Correctness: a node that has won is an initiator, every other node knows it lost, and no
 * other initiator has a smaller id. */
export function correctness(c: Config, s: State): boolean {
  return c.nodes.every(
    (n) =>
      node(s, n).state !== 'won' ||
      (node(s, n).initiator &&
        c.nodes.every((m) => m === n || (node(s, m).state === 'lost' && (!node(s, m).initiator || idOf(c, m) > idOf(c, n))))),
  )
}

const someWon = (c: Config, s: State): boolean => c.nodes.some((n) => node(s, n).state === 'won')

/**
 * Liveness == (\E n : state[n] = "cand") => <>(\E n : state[n] = "won"), the premise read in the
 * initial state, where the candidates are the initiators. `initiator` never changes, so "no
 * initiator" holds in every state of a behaviour or in none, and the formula is `eventually` of
 * "no initiator, or someone won".
 */
export const noInitiatorOrWon = (c: Config, s: State): boolean => c.nodes.every((n) => !node(s, n).initiator) || someWon(c, s)

/** `\A self \in Node : WF_vars(node(self))`: each node's process — its n0 and every delivery to
 * it (n1) — is weakly fair. */
export const nodeFairness = (c: Config): Fairness[] =>
  c.nodes.map((n) => weakFair(stepAt(n), `node(${n})`))

// ---- the model -------------------------------------------------------------------------------

export function validate(c: Config): string | undefined {
  if (c.nodes.length < 1) return 'at least one node is needed'
  const ids = c.nodes.map((n) => c.id[n])
  if (!ids.every((i) => Number.isInteger(i) && (i as number) >= 0)) return `every node needs a natural number as its id (got ${JSON.stringify(c.id)})`
  return new Set(ids).size === ids.length ? undefined : `ids must be distinct (got ${JSON.stringify(c.id)})`
}

const idSchema = (c: Config): Schema => {
  const ids = c.nodes.map((n) => idOf(c, n))
  return schema.int(Math.min(...ids), Math.max(...ids))
}

/** The model with `rules` for n1's comparisons (`correctRules`: the module's). */
export function changRobertsModel(name: string, rules: Rules): ChangRoberts {
  const role: Role<Config, Node, Msg, object> = {
    nodes: (c) => c.nodes,
    init: () => nodeInits()[0] as Node, // (the harness calls `inits`; `init` is the role's one default)
    inits: nodeInits,
    receive: (c, self, x, m) => n1(rules, c, self, x, m),
    actions,
    schema: () => schema.record({ initiator: schema.bool(), state: schema.enum('cand', 'lost', 'won'), pc: schema.enum('n0', 'n1') }),
  }
  return actorModel<Config, Roles, Msg, object>({
    name,
    roles: { node: role },
    network: () => ({ semantics: 'bag', budget: {} }),
    message: (c) => {
      const n = schema.enum(...c.nodes)
      return schema.union('type', { Id: { from: n, to: n, id: idSchema(c) } })
    },
    properties: [
      always('TypeOK', typeOK),
      always('Correctness', correctness, { when: someWon }),
      eventually('Liveness', noInitiatorOrWon),
    ],
    fairness: nodeFairness,
    validate,
  })
}

export const changRoberts: ChangRoberts = changRobertsModel('chang-roberts', correctRules)
