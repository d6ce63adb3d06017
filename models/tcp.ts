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
 * `Connected` is the port's, and so is every property of the closing half (FinNotLost,
 * FinWait2Acked, TimeWaitAfterClose, TcbHeld, LastAckCloses, the witnesses HalfClosed and
 * SimultaneousClose: see "the closing half" below), which the module does not check at all.
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
// LastAck going to LISTEN rather than CLOSED reaches the same states (LastAck finds no state of its
// own, 8 steps, 0 new: an RST receipt reaches each first), so no invariant can tell; the port's
// LastAckCloses does: after the whole close the peer stays in LISTEN, which nothing fair leaves.
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

// ---- the closing half: properties NOT in tcp.tla ---------------------------------------------
//
// The module's Inv reads only ESTABLISHED and its Prop only SYN-SENT, so nothing it checks looks at
// the close: a FIN not acknowledged, FIN-WAIT-1 or FIN-WAIT-2 skipped, TIME-WAIT timing out to
// LISTEN or a CLOSE answered with an RST each changed only state counts (or left an action pinned
// as taken untaken), with no counterexample to say what went wrong (bench/results/mutants-ports-1.txt,
// T5, T6, T8, T11, T12). The properties below are the port's, each a rule of RFC 9293's state
// machine (the diagram at the end of tcp.tla) that the module's transitions keep; they only read
// states, so the counts stay TLC's.
//
// What they cannot say: the module has no sequence numbers, so "this ACKofFIN acknowledges that
// FIN" is not in the state; the invariants read the segments in flight instead (a peer's input is
// FIFO and a segment leaves it only by its own receipt). And a liveness property of the whole close
// ("a peer that sends a FIN eventually reaches TIME-WAIT or CLOSED") is false of the module: the
// user's CLOSE in CLOSE-WAIT is not fair (a half-closed connection may stay so, as RFC 9293 allows),
// and a peer whose FIN reaches a peer that gave up (CLOSE_SYN_SENT, which is fair) or whose input
// holds a segment its state does not receive (FIN-WAIT-1 after CLOSE_SYN_RECEIVED, with the ACK of
// its SYN,ACK at the head) waits forever: the module has neither retransmission nor timeouts but
// TIME-WAIT's. Hence one leads-to only, from the one point of the close from which the module's
// fairness must finish it.

const otherPeer = (c: Config, p: string): string => c.peers.find((q) => q !== p)!
const inState = (s: State, p: string, states: readonly ConnState[]): boolean => states.includes(s.connstate[p]!)
const someIn = (c: Config, s: State, states: readonly ConnState[]): boolean => c.peers.some((p) => inState(s, p, states))

/** The states a peer waits in for the ACK of the FIN it sent (FIN-WAIT-1 from ESTABLISHED or
 * SYN-RECEIVED, CLOSING after the other's FIN crossed it, LAST-ACK from CLOSE-WAIT). */
const AWAITING_FIN_ACK: readonly ConnState[] = ['FIN-WAIT-1', 'CLOSING', 'LAST-ACK']

/** A FIN is not lost: a peer waiting for the ACK of its FIN has the FIN in flight to the other or
 * the ACK of it in flight back. A FIN leaves the other's input only by a receipt that answers it
 * with an ACKofFIN (Established, FinWait1, FinWait2, Note2), and an ACKofFIN leaves the waiting
 * peer's input only by a receipt that takes it out of these states. */
export function finNotLost(c: Config, s: State): boolean {
  return c.peers.every((p) => !inState(s, p, AWAITING_FIN_ACK) || s.network[otherPeer(c, p)]!.includes('FIN') || s.network[p]!.includes('ACKofFIN'))
}

/** FIN-WAIT-2 only after the FIN was acknowledged: a peer in FIN-WAIT-2 has no FIN in flight to
 * the other (the ACK it received was sent on the FIN's receipt). */
export function finWait2Acked(c: Config, s: State): boolean {
  return c.peers.every((p) => s.connstate[p] !== 'FIN-WAIT-2' || !s.network[otherPeer(c, p)]!.includes('FIN'))
}

/** The synchronized states of a peer that has sent no FIN: its side of the connection is open. */
const OPEN: readonly ConnState[] = ['ESTABLISHED', 'CLOSE-WAIT']

/** TIME-WAIT only once both sides are closing: a peer reaches TIME-WAIT on receiving the other's
 * FIN (FinWait2, Closing after FinWait1's, Note2), which the other sent on leaving its OPEN states,
 * or by sending an RST (Note3), on whose receipt the other leaves them (for LISTEN or CLOSED), and
 * it is ESTABLISHED again only after a new handshake, which a peer in TIME-WAIT takes no part in.
 * So a peer in TIME-WAIT has the other in no OPEN state unless its RST is on its way there. (Not
 * SYN-SENT or SYN-RECEIVED: a peer reset may open a new connection, SEND from LISTEN.) */
export function timeWaitAfterClose(c: Config, s: State): boolean {
  return c.peers.every((p) => {
    const q = otherPeer(c, p)
    return s.connstate[p] !== 'TIME-WAIT' || !inState(s, q, OPEN) || s.network[q]!.includes('RST')
  })
}

/** The states that exist only on a TCB here: SYN-RECEIVED and the synchronized states. CLOSED
 * is what a peer without one is; LISTEN and SYN-SENT can lack one in the module (a receipt of an
 * RST goes to LISTEN without creating a TCB, and SEND keeps LISTEN's, or its lack). A peer leaves
 * those two for SYN-RECEIVED only on a SYN, and the one SYN here (SingleActiveOpen excludes every
 * other) is at the head of the input of the peer that starts in LISTEN, with its TCB: once that
 * peer deletes it (for CLOSED), the SYN blocks the RST receipt that alone would take it back to
 * LISTEN. So this holds at MCtcp's bounds, not of every behaviour of the module. */
const HAS_TCB: readonly ConnState[] = ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'CLOSE-WAIT', 'LAST-ACK', 'TIME-WAIT']

/** A TCB is deleted only on the way to CLOSED (TIME-WAIT's timeout, CLOSE in LISTEN or SYN-SENT):
 * a peer in a state of `HAS_TCB` has one. */
export const tcbHeld = (c: Config, s: State): boolean => c.peers.every((p) => !inState(s, p, HAS_TCB) || s.tcb[p]!)

/** The closing half's properties (not the module's: see above). */
const closingProperties: Property<Config, State>[] = [
  always('FinNotLost', finNotLost, { when: (c, s) => someIn(c, s, AWAITING_FIN_ACK) }),
  always('FinWait2Acked', finWait2Acked, { witness: 'HalfClosed' }),
  always('TimeWaitAfterClose', timeWaitAfterClose, { when: (c, s) => someIn(c, s, ['TIME-WAIT']) }),
  always('TcbHeld', tcbHeld),
  // Each closing path is taken: a FIN sent and acknowledged while the other side stays open
  // (FIN-WAIT-2 against CLOSE-WAIT), and a simultaneous close (both peers CLOSING).
  sometimes('HalfClosed', (c, s) => c.peers.some((p) => s.connstate[p] === 'FIN-WAIT-2' && s.connstate[otherPeer(c, p)] === 'CLOSE-WAIT')),
  sometimes('SimultaneousClose', (c, s) => c.peers.every((p) => s.connstate[p] === 'CLOSING')),
]

/** LastAckCloses, one per peer: a peer in LAST-ACK with the ACK of its FIN at the head of its
 * input eventually is CLOSED. LastAck is enabled until taken (only the peer's own receipts take
 * the head of its input), and its one other step, sending an RST (Note3), goes to TIME-WAIT with
 * the ACK still at the head, so no RST can be received behind it and TIME-WAIT's timeout (System,
 * weakly fair) closes it. (With another segment at the head, an RST received first takes it to
 * LISTEN, where it may stay: CLOSE_LISTEN is not fair.) Not the module's. */
export const lastAckClosesFor = (c: Config): Property<Config, State>[] =>
  c.peers.map((p) =>
    leadsTo<Config, State>(`LastAckCloses(${p})`, (_c, s) => s.connstate[p] === 'LAST-ACK' && s.network[p]![0] === 'ACKofFIN', (_c, s) => s.connstate[p] === 'CLOSED'),
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
    ...closingProperties,
  ],
  propertiesFor: (c) => [...propFor(c), ...lastAckClosesFor(c)],
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
