/**
 * TCP connection state machine — an action-for-action port of Kuppe's tcp.tla (tlaplus/Examples,
 * specifications/tcp/tcp.tla), the finite state machine of RFC 9293 between two peers, without
 * sequence numbers, each peer's incoming segments a sequence (`network[p]`), with the model
 * configuration MCtcp.tla gives it: one peer starts in SYN-SENT with its SYN in flight, the other
 * in LISTEN.
 *
 * Every `\E local, remote \in Peers` is a step per pair (the `local # remote` guard keeps two of
 * the four), and every disjunct of an action is a step of its own (SynSent's two receipts, Note3's
 * send and its receipt into LISTEN or CLOSED), as TLC enumerates them; `next` keeps the module's
 * order: System, Reset, User.
 *
 * MCtcp.cfg's ACTION_CONSTRAINT SingleActiveOpen (no step that is an ACTIVE_OPEN, PASSIVE_OPEN or
 * SEND) has no counterpart in a spec, whose `constraint` reads a state. TLC generates a step that
 * fails an action constraint (its generated count includes it), checks the invariants on its
 * state, and neither stores nor expands it, which is what a spec's constraint does with a state.
 * So the model takes those steps too and marks the state they reach `excluded: true`, which the
 * spec's constraint cuts: the marked states count among the states cut, not among those within
 * the constraint, and the counts within it are TLC's. The mark is the port's, not the module's.
 *
 * What it leaves out: nothing of the module's actions. The liveness property Prop (`\A p : SYN-SENT
 * ~> ESTABLISHED, LISTEN or CLOSED`) is one property per peer (`propertiesFor`). The witness
 * `Connected` is the port's.
 */
import { Steps, always, leadsTo, schema, sometimes, valuesEqual, weakFair } from '../src/index.ts'
import type { Fairness, Model, Property } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** Peers: two of them (the module assumes Cardinality(Peers) = 2). */
  readonly peers: readonly string[]
}

export const CONN_STATES = [
  'LISTEN', 'CLOSED', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'CLOSE-WAIT', 'LAST-ACK', 'TIME-WAIT',
] as const
export type ConnState = (typeof CONN_STATES)[number]
export const SEGMENTS = ['SYN', 'SYN,ACK', 'ACK', 'RST', 'FIN', 'ACKofFIN'] as const
export type Segment = (typeof SEGMENTS)[number]

// ---- state -----------------------------------------------------------------------------------

export type State = {
  readonly tcb: Readonly<Record<string, boolean>>
  readonly connstate: Readonly<Record<string, ConnState>>
  /** network[p]: the segments in flight to p, in order. */
  readonly network: Readonly<Record<string, readonly Segment[]>>
  /** The port's mark of a state reached by a step SingleActiveOpen excludes (see the header). */
  readonly excluded: boolean
}

export type Action = { readonly name: string; readonly local: string; readonly remote: string }

type Step = (s: State, local: string, remote: string) => State | null

const isPrefix = (prefix: readonly Segment[], seq: readonly Segment[]): boolean => prefix.every((m, i) => seq[i] === m)
const append = (net: State['network'], p: string, m: Segment): State['network'] => ({ ...net, [p]: [...net[p]!, m] })
const tail = (net: State['network'], p: string, from = 1): State['network'] => ({ ...net, [p]: net[p]!.slice(from) })
const setConn = (s: State, p: string, c: ConnState): State['connstate'] => ({ ...s.connstate, [p]: c })
const setTcb = (s: State, p: string, b: boolean): State['tcb'] => ({ ...s.tcb, [p]: b })

/** A step of `local` in state `from`, receiving the segment `seg` at the head of its input. */
function receive(s: State, local: string, from: ConnState, seg: Segment): boolean {
  return s.connstate[local] === from && isPrefix([seg], s.network[local]!)
}

// ---- init ------------------------------------------------------------------------------------

/** MCInit: for each peer `node`, node in SYN-SENT with its SYN on its way to the other, in LISTEN. */
export function init(c: Config): State[] {
  return c.peers.map((node) => ({
    tcb: Object.fromEntries(c.peers.map((p) => [p, true])),
    connstate: Object.fromEntries(c.peers.map((p) => [p, p === node ? 'SYN-SENT' : 'LISTEN'])) as Record<string, ConnState>,
    network: Object.fromEntries(c.peers.map((p): [string, Segment[]] => [p, p === node ? [] : ['SYN']])),
    excluded: false,
  }))
}

// ---- user commands ---------------------------------------------------------------------------

export const passiveOpen: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'CLOSED' ? null : { ...s, connstate: setConn(s, local, 'LISTEN'), tcb: setTcb(s, local, true) }
export const activeOpen: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'CLOSED'
    ? null
    : { ...s, network: append(s.network, remote, 'SYN'), connstate: setConn(s, local, 'SYN-SENT'), tcb: setTcb(s, local, true) }
export const closeSynSent: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'SYN-SENT' ? null : { ...s, connstate: setConn(s, local, 'CLOSED'), tcb: setTcb(s, local, false) }
export const closeSynReceived: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'SYN-RECEIVED' ? null : { ...s, network: append(s.network, remote, 'FIN'), connstate: setConn(s, local, 'FIN-WAIT-1') }
export const send: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'LISTEN' ? null : { ...s, network: append(s.network, remote, 'SYN'), connstate: setConn(s, local, 'SYN-SENT') }
export const closeListen: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'LISTEN' ? null : { ...s, connstate: setConn(s, local, 'CLOSED'), tcb: setTcb(s, local, false) }
export const closeEstablished: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'ESTABLISHED' ? null : { ...s, network: append(s.network, remote, 'FIN'), connstate: setConn(s, local, 'FIN-WAIT-1') }
export const closeCloseWait: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'CLOSE-WAIT' ? null : { ...s, network: append(s.network, remote, 'FIN'), connstate: setConn(s, local, 'LAST-ACK') }

/** User's disjuncts, in the module's order. */
const USER: readonly [string, Step][] = [
  ['ACTIVE_OPEN', activeOpen],
  ['PASSIVE_OPEN', passiveOpen],
  ['CLOSE_SYN_SENT', closeSynSent],
  ['CLOSE_SYN_RECEIVED', closeSynReceived],
  ['CLOSE_LISTEN', closeListen],
  ['CLOSE_ESTABLISHED', closeEstablished],
  ['CLOSE_CLOSE_WAIT', closeCloseWait],
  ['SEND', send],
]

// ---- the system's transitions ----------------------------------------------------------------

/** A receipt of `seg` in state `from` that answers `reply` to the remote (if any) and moves to `to`. */
const receipt =
  (from: ConnState, seg: Segment, to: ConnState, reply?: Segment): Step =>
  (s, local, remote) => {
    if (local === remote || !receive(s, local, from, seg)) return null
    const net = tail(s.network, local)
    return { ...s, network: reply === undefined ? net : append(net, remote, reply), connstate: setConn(s, local, to) }
  }

const timeWait: Step = (s, local, remote) =>
  local === remote || s.connstate[local] !== 'TIME-WAIT' || !s.tcb[local] ? null : { ...s, connstate: setConn(s, local, 'CLOSED'), tcb: setTcb(s, local, false) }

/** Note 2: FIN-WAIT-1 receives a FIN whose ACKofFIN follows it, and goes to TIME-WAIT. */
const note2: Step = (s, local, remote) => {
  if (local === remote || s.connstate[local] !== 'FIN-WAIT-1' || !isPrefix(['FIN', 'ACKofFIN'], s.network[local]!)) return null
  return { ...s, network: append(tail(s.network, local, 2), remote, 'ACKofFIN'), connstate: setConn(s, local, 'TIME-WAIT') }
}

/** System's disjuncts, each disjunct of an action a step of its own (the name says which). */
// mutants: SynSent(SYN)'s target (a simultaneous open) survives any change: MCtcp's SingleActiveOpen
// excludes the ACTIVE_OPEN or SEND it needs, so it is never taken (the spec pins `neverTaken`); a
// spec without the action constraint would need its own bound on the network and is not TLC's.
// LastAck going to LISTEN rather than CLOSED survives too, equivalently here: LastAck finds no
// state of its own (8 steps, 0 new), each state it reaches, with either target, being reached first
// by an RST receipt (Note3 goes to LISTEN or to CLOSED), and no property reads CLOSED vs LISTEN.
const SYSTEM: readonly [string, Step][] = [
  ['SynSent(SYN)', receipt('SYN-SENT', 'SYN', 'SYN-RECEIVED', 'SYN,ACK')],
  ['SynSent(SYN,ACK)', receipt('SYN-SENT', 'SYN,ACK', 'ESTABLISHED', 'ACK')],
  ['SynReceived(RST)', receipt('SYN-RECEIVED', 'RST', 'LISTEN')],
  ['SynReceived(ACK)', receipt('SYN-RECEIVED', 'ACK', 'ESTABLISHED')],
  ['Listen', receipt('LISTEN', 'SYN', 'SYN-RECEIVED', 'SYN,ACK')],
  ['Established', receipt('ESTABLISHED', 'FIN', 'CLOSE-WAIT', 'ACKofFIN')],
  ['FinWait1(FIN)', receipt('FIN-WAIT-1', 'FIN', 'CLOSING', 'ACKofFIN')],
  ['FinWait1(ACKofFIN)', receipt('FIN-WAIT-1', 'ACKofFIN', 'FIN-WAIT-2')],
  ['FinWait2', receipt('FIN-WAIT-2', 'FIN', 'TIME-WAIT', 'ACKofFIN')],
  ['Closing', receipt('CLOSING', 'ACKofFIN', 'TIME-WAIT')],
  ['LastAck', receipt('LAST-ACK', 'ACKofFIN', 'CLOSED')],
  ['TimeWait', timeWait],
  ['Note2', note2],
]

/** Note 3: a peer with a TCB sends a RST and goes to TIME-WAIT; one receiving a RST goes to
 * LISTEN or to CLOSED (two disjuncts, two steps). */
const RESET: readonly [string, Step][] = [
  ['Note3(send RST)', (s, local, remote) => (local === remote || !s.tcb[local] ? null : { ...s, network: append(s.network, remote, 'RST'), connstate: setConn(s, local, 'TIME-WAIT') })],
  ['Note3(RST, LISTEN)', (s, local, remote) => (local === remote || !isPrefix(['RST'], s.network[local]!) ? null : { ...s, network: tail(s.network, local), connstate: setConn(s, local, 'LISTEN') })],
  ['Note3(RST, CLOSED)', (s, local, remote) => (local === remote || !isPrefix(['RST'], s.network[local]!) ? null : { ...s, network: tail(s.network, local), connstate: setConn(s, local, 'CLOSED') })],
]

/** MCtcp's SingleActiveOpen, negated: the step from s to t is an ACTIVE_OPEN, PASSIVE_OPEN or SEND
 * of some pair of peers (an action formula of both states, so any step that is one counts). */
function isUserOpen(c: Config, s: State, t: State): boolean {
  for (const local of c.peers) {
    for (const remote of c.peers) {
      for (const f of [activeOpen, passiveOpen, send]) {
        const u = f(s, local, remote)
        if (u !== null && valuesEqual(u, t)) return true
      }
    }
  }
  return false
}

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (const group of [SYSTEM, RESET, USER]) {
    for (const local of c.peers) {
      for (const remote of c.peers) {
        for (const [name, f] of group) {
          const t = f(s, local, remote)
          out.add({ name, local, remote }, t === null ? null : isUserOpen(c, s, t) ? { ...t, excluded: true } : t)
        }
      }
    }
  }
  return out.list
}

/** MCtcp's NoRetransmission (no segment in flight twice in a row), and the port's mark of a step
 * SingleActiveOpen excludes. */
export const constraint = (c: Config, s: State): boolean =>
  !s.excluded && c.peers.every((p) => s.network[p]!.every((m, i, q) => i === 0 || q[i - 1] !== m))

// ---- properties ------------------------------------------------------------------------------

/** Peers with nothing in flight to them agree on being ESTABLISHED. */
export function inv(c: Config, s: State): boolean {
  const quiet = c.peers.filter((p) => s.network[p]!.length === 0)
  return quiet.every((l) => quiet.every((r) => (s.connstate[l] === 'ESTABLISHED') === (s.connstate[r] === 'ESTABLISHED')))
}

/** Prop, one property per peer: a peer in SYN-SENT eventually is ESTABLISHED, LISTEN or CLOSED. */
export const propFor = (c: Config): Property<Config, State>[] =>
  c.peers.map((p) =>
    leadsTo<Config, State>(`Prop(${p})`, (_c, s) => s.connstate[p] === 'SYN-SENT', (_c, s) => ['ESTABLISHED', 'LISTEN', 'CLOSED'].includes(s.connstate[p]!)),
  )

const SYSTEM_NAMES = new Set(SYSTEM.map(([n]) => n))

/** WF_vars(System) and WF_vars(\E local, remote : CLOSE_SYN_SENT(local, remote)). */
export const tcpFairness: Fairness[] = [weakFair((a) => SYSTEM_NAMES.has(a.name), 'System'), weakFair('CLOSE_SYN_SENT')]

export const tcp: Model<Config, State, Action> = {
  name: 'tcp',
  init,
  next,
  properties: [
    always('TypeOK', (c, s) => c.peers.every((p) => CONN_STATES.includes(s.connstate[p]!))),
    always('Inv', inv),
    // The port's witness (not the module's): the handshake completes, both peers ESTABLISHED. A
    // LISTEN that answers a SYN with anything but SYN,ACK otherwise changes counts only.
    sometimes('Connected', (c, s) => c.peers.every((p) => s.connstate[p] === 'ESTABLISHED')),
  ],
  propertiesFor: propFor,
  fairness: tcpFairness,
  actions: [...SYSTEM, ...RESET, ...USER].map(([n]) => n),
  validate: (c) => (c.peers.length === 2 ? undefined : `tcp.tla assumes two peers (got ${c.peers.length})`),
  schema: (c) =>
    schema.record({
      tcb: schema.mapOf(c.peers, schema.bool()),
      connstate: schema.mapOf(c.peers, schema.enum(...CONN_STATES)),
      network: schema.mapOf(c.peers, schema.list(schema.enum(...SEGMENTS))),
      excluded: schema.bool(),
    }),
}
