/**
 * EWD998 in PlusCal — an action-for-action port of Kuppe's EWD998PCal.tla (tlaplus/Examples,
 * specifications/ewd998/EWD998PCal.tla): Safra's termination detection on a ring of N nodes, each
 * node's in-buffer a bag of messages (payload messages `[type |-> "pl"]` and the one token
 * `[type |-> "tok", q, color]`), node 0 the initiator.
 *
 * Each node is one PlusCal process `node(self)` whose body is five disjuncts, kept in order:
 * send a payload message to some other node (a step per receiver `to`), receive a payload
 * message, deactivate (always enabled: a node already passive takes a step back to the same
 * state, which TLC counts as generated), pass the token on (self # 0) and initiate a new round
 * (self = 0). The `\E msg \in pendingMsgs(network, self)` of receive and of the token disjuncts
 * ranges over DOMAIN network[self], so a bag holding both kinds has two witnesses, of which the
 * guard keeps one: each is a step of its own as TLC enumerates them. So is each true disjunct of
 * InitiateToken's guard (`color[self] = "black" \/ tok.q + counter[self] # 0 \/ tok.color =
 * "black"`): TLC generates a successor per disjunct that holds, which is 199,262 of its 2,808,396
 * generated states on EWD998PCal.cfg (a port with one step there counts 2,609,134).
 *
 * Nodes are TLA+'s 0 .. N-1, so the functions over Node are lists indexed by node. A bag is a
 * sorted list with one entry per copy (`schema.bagOf`), so two bags with the same copies are one
 * value, as TLA+'s bags (functions from messages to counts) are.
 *
 * What it leaves out: the module's temporal property EWD998Spec (the refinement of EWD998's
 * Init /\ [][Next]_vars under the mapping of `token` and `pending`) is a property of steps, which
 * this checker does not state; the model checks instead, on the same mapping, the invariants
 * EWD998.cfg checks of EWD998 (TypeOK, Safra's inductive invariant Inv and
 * TerminationDetection), which the refinement carries over, and EWD998's Liveness (Termination ~>
 * terminationDetected) under the module's `\A self : WF_vars(node(self))`, which the module does not
 * check (added after a mutant that never restarts a round changed counts only; counts unchanged).
 * The ALIAS is a trace display only.
 */
import { Steps, always, compareValues, leadsTo, schema, sometimes, weakFair } from '../src/index.ts'
import type { Fairness, Model } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** N: the nodes are 0 .. N-1. */
  readonly n: number
  /** The state constraint's bound: counter[i] < maxCounter (EWD998PCal.tla's 3). */
  readonly maxCounter: number
}

/** The initiator; 0 simplifies the module's token initiation. */
const INITIATOR = 0

// ---- messages --------------------------------------------------------------------------------

export type Color = 'white' | 'black'
export type Msg = { readonly type: 'pl' } | { readonly type: 'tok'; readonly q: number; readonly color: Color }

const PL: Msg = { type: 'pl' }

const INCONCLUSIVE: readonly InconclusiveBy[] = ['nodeBlack', 'countNonZero', 'tokenBlack']

// ---- state -----------------------------------------------------------------------------------

export type State = {
  /** network[n]: the bag of messages in flight to node n, sorted, one entry per copy. */
  readonly network: readonly (readonly Msg[])[]
  readonly active: readonly boolean[]
  readonly color: readonly Color[]
  /** Messages sent less messages received, per node. */
  readonly counter: readonly number[]
}

export type Action =
  | { readonly name: 'SendMsg'; readonly self: number; readonly to: number }
  | { readonly name: 'RecvMsg'; readonly self: number }
  | { readonly name: 'Deactivate'; readonly self: number }
  | { readonly name: 'PassToken'; readonly self: number }
  | { readonly name: 'InitiateToken'; readonly self: number; readonly because: InconclusiveBy }

/** Which disjunct of "the previous round was inconclusive" holds: TLC takes each true disjunct of
 * `color[self] = "black" \/ tok.q + counter[self] # 0 \/ tok.color = "black"` as a branch of its
 * own, so a state where two hold has two InitiateToken steps to one successor. */
export type InconclusiveBy = 'nodeBlack' | 'countNonZero' | 'tokenBlack'

// ---- bags ------------------------------------------------------------------------------------

/** BagAdd(b, m): one more copy of m, keeping the bag sorted. */
function bagAdd(b: readonly Msg[], m: Msg): Msg[] {
  let i = 0
  while (i < b.length && compareValues(b[i]!, m) <= 0) i++
  return [...b.slice(0, i), m, ...b.slice(i)]
}

/** BagRemove(b, m): one copy fewer of m (m is in b). */
function bagRemove(b: readonly Msg[], m: Msg): Msg[] {
  const i = b.findIndex((x) => compareValues(x, m) === 0)
  return [...b.slice(0, i), ...b.slice(i + 1)]
}

/** DOMAIN b: the distinct messages of a bag, in its order. */
function bagDomain(b: readonly Msg[]): Msg[] {
  return b.filter((m, i) => i === 0 || compareValues(b[i - 1]!, m) !== 0)
}

const withAt = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, j) => (j === i ? v : x))

/** passMsg(net, from, oldMsg, to, newMsg): from's in-buffer loses oldMsg, to's gains newMsg. */
function passMsg(net: State['network'], from: number, oldMsg: Msg, to: number, newMsg: Msg): Msg[][] {
  const out = net.map((b) => [...b])
  out[from] = bagRemove(out[from]!, oldMsg)
  out[to] = bagAdd(out[to]!, newMsg)
  return out
}

// ---- init ------------------------------------------------------------------------------------

/** One initial state per `active \in [Node -> BOOLEAN]`; the token black at the initiator. */
export function init(c: Config): State[] {
  const out: State[] = []
  for (let bits = 0; bits < 1 << c.n; bits++) {
    out.push({
      network: Array.from({ length: c.n }, (_, i) => (i === INITIATOR ? [{ type: 'tok', q: 0, color: 'black' } as Msg] : [])),
      active: Array.from({ length: c.n }, (_, i) => (bits & (1 << i)) !== 0),
      color: Array.from({ length: c.n }, (): Color => 'black'),
      counter: Array.from({ length: c.n }, () => 0),
    })
  }
  return out
}

// ---- actions ---------------------------------------------------------------------------------

/** An active node sends a payload message to `to`. */
export function sendMsg(_c: Config, s: State, self: number, to: number): State | null {
  if (!s.active[self] || to === self) return null
  return { ...s, network: withAt(s.network, to, bagAdd(s.network[to]!, PL)), counter: withAt(s.counter, self, s.counter[self]! + 1) }
}

/** Node self receives the payload message `msg` of its in-buffer, which reactivates it. */
export function recvMsg(_c: Config, s: State, self: number, msg: Msg): State | null {
  if (msg.type !== 'pl') return null
  return {
    network: withAt(s.network, self, bagRemove(s.network[self]!, msg)),
    active: withAt(s.active, self, true),
    color: withAt(s.color, self, 'black'),
    counter: withAt(s.counter, self, s.counter[self]! - 1),
  }
}

/** Node self terminates (a step even where it is passive already). */
export function deactivate(_c: Config, s: State, self: number): State | null {
  return { ...s, active: withAt(s.active, self, false) }
}

/** A passive node other than the initiator passes the token `tok` to self - 1. */
export function passToken(_c: Config, s: State, self: number, tok: Msg): State | null {
  if (self === INITIATOR || tok.type !== 'tok' || s.active[self]) return null
  const color: Color = s.color[self] === 'black' ? 'black' : tok.color
  return { ...s, network: passMsg(s.network, self, tok, self - 1, { type: 'tok', q: tok.q + s.counter[self]!, color }), color: withAt(s.color, self, 'white') }
}

/** The initiator starts a new round when the last one was inconclusive, `because` names the
 * disjunct of that condition this step takes. */
export function initiateToken(c: Config, s: State, self: number, tok: Msg, because: InconclusiveBy): State | null {
  if (self !== INITIATOR || tok.type !== 'tok') return null
  // mutants: `> 0` for `!== 0` (a negative sum ignored) changes the generated count only, also at
  // maxCounter=3: with node 0 and the token white the sum is negative only while a message sent
  // after its sender passed the token is still in flight; at termination (all passive, nothing in
  // flight) it is the number of node 0's messages received after the token passed, never negative,
  // so Liveness holds.
  // Ignoring node 0's own counter (`tok.q !== 0`) leaves the token at node 0 forever: Liveness.
  const holds = because === 'nodeBlack' ? s.color[self] === 'black' : because === 'countNonZero' ? tok.q + s.counter[self]! !== 0 : tok.color === 'black'
  if (!holds) return null
  return { ...s, network: passMsg(s.network, self, tok, c.n - 1, { type: 'tok', q: 0, color: 'white' }), color: withAt(s.color, self, 'white') }
}

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (let self = 0; self < c.n; self++) {
    for (let to = 0; to < c.n; to++) if (to !== self) out.add({ name: 'SendMsg', self, to }, sendMsg(c, s, self, to))
    const pending = bagDomain(s.network[self]!)
    for (const msg of pending) out.add({ name: 'RecvMsg', self }, recvMsg(c, s, self, msg))
    out.add({ name: 'Deactivate', self }, deactivate(c, s, self))
    for (const tok of pending) out.add({ name: 'PassToken', self }, passToken(c, s, self, tok))
    for (const tok of pending) {
      for (const because of INCONCLUSIVE) out.add({ name: 'InitiateToken', self, because }, initiateToken(c, s, self, tok, because))
    }
  }
  return out.list
}

/** The module's StateConstraint: \A i \in DOMAIN counter : counter[i] < 3. */
export const stateConstraint = (c: Config, s: State): boolean => s.counter.every((x) => x < c.maxCounter)

// ---- the refinement mapping to EWD998 ---------------------------------------------------------

/** EWD998's token: where the token message is, its q and its color. */
export function token(s: State): { pos: number; q: number; color: Color } {
  for (let i = 0; i < s.network.length; i++) {
    const t = s.network[i]!.find((m) => m.type === 'tok')
    if (t !== undefined && t.type === 'tok') return { pos: i, q: t.q, color: t.color }
  }
  throw new Error('EWD998PCal: no token in the network')
}

/** EWD998's pending: the payload messages in flight to each node. */
export const pending = (s: State): number[] => s.network.map((b) => b.filter((m) => m.type === 'pl').length)

const sum = (xs: readonly number[], from: number, to: number): number => {
  let t = 0
  for (let i = from; i <= to; i++) t += xs[i]!
  return t
}

/** EWD998's TypeOK on the mapping (one token in the whole network). */
export const typeOK = (c: Config, s: State): boolean =>
  s.network.flat().filter((m) => m.type === 'tok').length === 1 && pending(s).every((p) => p >= 0) && token(s).pos < c.n

/** EWD998's terminationDetected: a white token at node 0 that saw no messages, node 0 white and passive. */
export function terminationDetected(_c: Config, s: State): boolean {
  const t = token(s)
  return t.pos === 0 && t.color === 'white' && t.q + s.counter[0]! === 0 && s.color[0] === 'white' && !s.active[0]
}

/** EWD998's Termination: every node passive and no payload message in flight. */
export const termination = (_c: Config, s: State): boolean => s.active.every((a) => !a) && pending(s).every((p) => p === 0)

/** Safra's inductive invariant, EWD998's Inv, on the mapping. */
export function safraInv(c: Config, s: State): boolean {
  const t = token(s)
  const n = c.n
  const B = pending(s).reduce((a, b) => a + b, 0)
  if (B !== sum(s.counter, 0, n - 1)) return false
  const p1 = s.active.slice(t.pos + 1).every((a) => !a) && (t.pos === n - 1 ? t.q === 0 : t.q === sum(s.counter, t.pos + 1, n - 1))
  const p2 = sum(s.counter, 0, t.pos) + t.q > 0
  const p3 = s.color.slice(0, t.pos + 1).some((x) => x === 'black')
  const p4 = t.color === 'black'
  return p1 || p2 || p3 || p4
}

/** Spec's `\A self \in Node : WF_vars(node(self))`: each node's process is weakly fair. (A
 * passive node's Deactivate changes nothing, so it is no <<node(self)>>_vars step.) */
export const nodeFairness = (c: Config): Fairness[] =>
  Array.from({ length: c.n }, (_, i) => weakFair((a) => (a as Action).self === i, `node(${i})`))

export const ewd998PCal: Model<Config, State, Action> = {
  name: 'ewd998-pcal',
  init,
  next,
  properties: [
    always('TypeOK', typeOK),
    always('Inv', safraInv),
    always('TerminationDetection', (c, s) => termination(c, s), { when: terminationDetected }),
    // Witnesses: termination is detected somewhere, and the token goes round with a non-zero q.
    sometimes('TerminationDetected', terminationDetected),
    sometimes('TokenCountsMessages', (_c, s) => token(s).q !== 0),
    // EWD998's Liveness (Termination ~> terminationDetected), checked here under the module's own
    // fairness (the module checks no liveness: its refinement's fairness is hard to state).
    leadsTo('Liveness', termination, terminationDetected),
  ],
  fairness: nodeFairness,
  actions: ['SendMsg', 'RecvMsg', 'Deactivate', 'PassToken', 'InitiateToken'],
  validate: (c) => (!Number.isInteger(c.n) || c.n < 1 ? `n must be a whole number of nodes, at least 1 (got ${c.n})` : undefined),
  schema: (c) => {
    const msg = schema.union('type', { pl: {}, tok: { q: schema.int(-Infinity, Infinity), color: schema.enum('white', 'black') } })
    return schema.record({
      network: schema.list(schema.bagOf(msg)),
      active: schema.list(schema.bool()),
      color: schema.list(schema.enum('white', 'black')),
      counter: schema.list(schema.int(-Infinity, Infinity)),
    })
  },
}
