/**
 * Basic Paxos as message passing, with proposers that retry forever — the seed's "活锁问题"
 * (distributed-systems-notes.zh.md: two proposers prepare ever higher ids one after the other and
 * neither gets its Accept through) on a network, so that the livelock's trace has acceptor
 * lifelines and the Prepare/Promise messages crossing. `models/paxos-duelling-proposers.ts` is
 * the same story with each request and its reply as one step (no network).
 *
 * The protocol is `models/paxos-net.ts`'s (Prepare/Promise, Accept/Accepted; an acceptor ignores
 * a request it may not answer, and the proposer times out instead of hearing a rejection), with
 * three differences, each needed for a livelock to be a cycle the checker can find:
 * - ids are unbounded: attempt r of proposer i (of k) uses n = (r - 1)·k + i + 1, as in paxos-net,
 *   but with no `maxAttempts` (a proposer that runs out of attempts makes any run end, and a run
 *   that ends is not the livelock). paxos-net's message universe (paxos-net-tables.ts, its schema
 *   and its hand-written symmetry) is finite by design, so this is a small model of its own rather
 *   than an option of paxos-net. Its state schema (`messageSchema` and the roles' below) has
 *   unbounded ids: it gives the codec between worker threads (a view is fingerprinted generically).
 * - the network is a `bag` (consumed on delivery, no loss, no duplication): a message a node
 *   ignores is still consumed (the harness's bag semantics), so the abandoned requests and replies
 *   of an old round leave the network once delivered, and weak fairness on deliveries delivers
 *   them. On a `set` network nothing ever leaves, so no state repeats.
 * - the retry timer waits for its round trip: `Timeout` is enabled only when nothing of the
 *   proposer's current round is in flight (no reply to it, no request of its own; the harness's
 *   `whenQuiet` plus `reads: ['inFlight']` on its own requests). That is the partial-synchrony
 *   assumption Paxos' liveness rests on (a timeout longer than a round trip): with a timer that may
 *   fire at any time, even a single proposer can retry forever, and the seed's fix (one
 *   distinguished proposer) would not hold. The proposer cannot see the network; the guard stands
 *   for the timer's length, not for knowledge.
 *
 * The fix the seed gives (选主: one distinguished proposer, as Multi-Paxos' leader) is the
 * configuration `retrying: [leader]`: only the leader keeps proposing (a rival may have made one
 * attempt before it knew the leader), or `proposing: [leader]`: only the leader proposes at all.
 *
 * View (like TLC's VIEW, as in paxos-duelling-proposers): ids grow forever in the livelock, so
 * states never repeat exactly. The view renumbers every id relative to the lowest current id of a
 * proposing proposer, shifted down by a multiple of k so each id keeps its owner; ids below it
 * (an acceptor's old promise or accepted proposal, an accepted proposal a Promise reports) keep
 * only their order. Why states with equal views behave alike (a bisimulation): the protocol only
 * compares ids (n > minProposal, n >= minProposal, m.n = the proposer's n, the highest reported
 * accepted id) and takes the next id of its own, n + k, which the shift commutes with; the
 * renumbering is an order isomorphism on the ids a state holds, and ids at or above the floor are
 * translated by a multiple of k. Every message in flight carries its proposer's current id (a
 * proposer times out only once its round has left the network), so message ids are never below
 * the floor. The view is the state itself until every proposing proposer has started (a first id
 * is absolute). With it the explored graph is finite and the livelock a genuine cycle.
 *
 * "Nothing is chosen" in a lasso without learning: a proposer stays on its id until its round has
 * left the network, so if a majority accepted (n, v) its proposer receives their Accepted and
 * learns (weak fairness on deliveries). Hence the property checked is "eventually a proposer
 * learns", as in paxos-duelling-proposers; safety (Agreement over the votes, P2, …) is checked on
 * paxos-net.
 *
 * Reference counts: none published; the specs pin measured counts.
 */
import { always, compareValues, eventually, mapFrom, schema, setAdd, setOf, sometimes } from '../src/index.ts'
import type { Schema, SetOf, Value } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Context, LocalAction, Outcome, Params, Role } from '../src/net/index.ts'
import { actorModel } from '../src/net/index.ts'
import { ballotRenumbering } from './ballot-view.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly proposers: readonly string[]
  readonly acceptors: readonly string[]
  /** The proposers that propose: all of them (duelling), or only a distinguished leader. */
  readonly proposing: readonly string[]
  /** The proposers that retry when a round fails (the others make one attempt and give up): all
   * proposing ones (duelling), or only the leader (a rival that proposed once before it knew the
   * leader, then defers). */
  readonly retrying: readonly string[]
  /** The value each proposer wants chosen. */
  readonly values: Readonly<Record<string, string>>
}

// ---- messages --------------------------------------------------------------------------------

/** `acceptedN = 0, acceptedV = null`: nothing accepted yet. */
export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Prepare'; readonly n: number }
  | { readonly from: string; readonly to: string; readonly type: 'Promise'; readonly n: number; readonly acceptedN: number; readonly acceptedV: string | null }
  | { readonly from: string; readonly to: string; readonly type: 'Accept'; readonly n: number; readonly v: string }
  | { readonly from: string; readonly to: string; readonly type: 'Accepted'; readonly n: number; readonly v: string }

// ---- state -----------------------------------------------------------------------------------

export type Proposer = {
  readonly phase: 'idle' | 'preparing' | 'accepting' | 'learnt'
  /** The current proposal id (0 before the first attempt). */
  readonly n: number
  /** Acceptors that promised n (forgotten once phase 2 starts). */
  readonly promised: SetOf<string>
  /** The highest accepted proposal those promises reported (null: none). */
  readonly highest: { readonly n: number; readonly v: string } | null
  /** The value proposed in phase 2, then learnt (null before). */
  readonly value: string | null
  /** Acceptors that accepted (n, value). */
  readonly accepted: SetOf<string>
}

/** The seed's acceptor variables. */
export type Acceptor = {
  readonly minProposal: number
  readonly acceptedN: number
  readonly acceptedV: string | null
}

type Roles = { proposers: Proposer; acceptors: Acceptor }
/** `{ proposers: { p1: …, p2: … }, acceptors: { a1: …, … }, net }` */
export type State = ActorState<Roles, Msg>
/** `Prepare` and `Timeout` carry the id they start (a label only); then the harness's deliveries. */
export type Action = ActorAction<Msg>

/** The shapes of a message, a proposer and an acceptor: the harness builds the state's schema from
 * them (src/net/actor.ts). Ids have no bound in the configuration: the livelock raises them
 * forever (the view, not a bound, makes the graph finite). So an id is any whole number hashed as
 * one (an int32); an id past it would only send its states through the generic codec. */
const id = schema.int(0, 2 ** 31 - 1)
const valueSchema = (c: Config): Schema => schema.enum(...new Set(Object.values(c.values)))

export function messageSchema(c: Config): Schema {
  const P = schema.enum(...c.proposers)
  const A = schema.enum(...c.acceptors)
  const V = valueSchema(c)
  return schema.union('type', {
    Prepare: { from: P, to: A, n: id },
    Promise: { from: A, to: P, n: id, acceptedN: id, acceptedV: schema.nullable(V) },
    Accept: { from: P, to: A, n: id, v: V },
    Accepted: { from: A, to: P, n: id, v: V },
  })
}

const proposerSchema = (c: Config): Schema => {
  const A = schema.enum(...c.acceptors)
  const V = valueSchema(c)
  return schema.record({
    phase: schema.enum('idle', 'preparing', 'accepting', 'learnt'),
    n: id,
    promised: schema.setOf(A),
    highest: schema.nullable(schema.record({ n: id, v: V })),
    value: schema.nullable(V),
    accepted: schema.setOf(A),
  })
}

const acceptorSchema = (c: Config): Schema => schema.record({ minProposal: id, acceptedN: id, acceptedV: schema.nullable(valueSchema(c)) })

const IDLE: Proposer = { phase: 'idle', n: 0, promised: [], highest: null, value: null, accepted: [] }
const EMPTY: Acceptor = { minProposal: 0, acceptedN: 0, acceptedV: null }

// ---- init ------------------------------------------------------------------------------------

// Every proposer starts IDLE, every acceptor EMPTY, the network empty (the roles' `init` below).

// ---- proposer actions ------------------------------------------------------------------------

const majority = (c: Config): number => Math.floor(c.acceptors.length / 2) + 1

/** The first id of proposer p; each retry adds k (ids stay unique per proposer and increase). */
export const firstId = (c: Config, p: string): number => c.proposers.indexOf(p) + 1
// mutants: a retry id of `x.n + 1` (no longer unique per proposer) is equivalent for safety here:
// promises are strict, so an acceptor promises an id once and one proposer alone can gather a
// majority for it (Agreement holds at three acceptors with both proposers retrying, 1.7 M
// states); the ballot view's "id modulo k names its owner" no longer holds (counts only).
const nextId = (c: Config, p: string, x: Proposer): number => (x.n === 0 ? firstId(c, p) : x.n + c.proposers.length)

type Step<L> = Outcome<L, Msg, Record<never, never>>

/** Phase 1a: p takes id n and sends Prepare(n) to every acceptor. */
const attempt = (c: Config, p: string, n: number): Step<Proposer> => ({
  local: { ...IDLE, phase: 'preparing', n },
  send: c.acceptors.map((a): Msg => ({ from: p, to: a, type: 'Prepare', n })),
})

/** Proposer p (a proposing one) starts: its first Prepare. */
export function prepare(c: Config, p: string, x: Proposer): Step<Proposer> | null {
  // mutants: redundant (deleting it, or `&&`, survives): the Prepare action's `params` offer it
  // only to a proposing proposer that is idle.
  if (!c.proposing.includes(p) || x.phase !== 'idle') return null
  return attempt(c, p, firstId(c, p))
}

/** p's requests of its current round (Prepare(n), and Accept(n, value) once it proposes). */
const requests = (c: Config, p: string, x: Proposer): Msg[] => {
  const out: Msg[] = c.acceptors.map((a): Msg => ({ from: p, to: a, type: 'Prepare', n: x.n }))
  if (x.value !== null) for (const a of c.acceptors) out.push({ from: p, to: a, type: 'Accept', n: x.n, v: x.value })
  return out
}

// mutants: `x.phase !== 'idle'` (the timer also fires after p learnt) is safe: by P2 every later
// proposal carries the chosen value, so p learns it again (safety is paxos-net's, where the same
// change changes counts only). But a learnt proposer then retries for ever, even alone, and the
// view does not close that graph: the retrying specs no longer finish (paxos-net-leader-liveness
// past depth 2,400 at 300,000 states), so the suite fails by its time limit, as with the in-flight
// test in `timeout` below. A timer to stop, not a rule to get wrong: argued, not pinned.
const canRetry = (c: Config, p: string, x: Proposer): boolean =>
  c.retrying.includes(p) && (x.phase === 'preparing' || x.phase === 'accepting')

/** p's retry timer: once its round has left the network (`whenQuiet`: no reply to p in flight;
 * and none of its requests in flight) without p learning a value, p retries with its next id. */
export function timeout(c: Config, p: string, x: Proposer, ctx: Context<Msg, unknown>): Step<Proposer> | null {
  // mutants: redundant (deleting it survives): the Timeout action's `params` test `canRetry`.
  if (!canRetry(c, p, x)) return null
  // mutants: deleting this test (the timer fires with p's own requests still in flight) is no
  // protocol bug: it only adds early retries, which a real timer allows, so no safety property can
  // fail (paxos-net checks safety with a timer that fires at any time); but abandoned requests then
  // pile up in the bag and no retrying spec finishes (paxos-net-livelock: over a million states
  // at depth 14 in 60 s), the suite failing by its time limit. The partial-synchrony assumption
  // this encodes is argued in specs/paxos-net-livelock.ts.
  if (requests(c, p, x).some((m) => ctx.inFlight(m))) return null
  return attempt(c, p, nextId(c, p, x))
}

/** A Promise for the current id: recorded, keeping the highest accepted proposal reported; the one
 * that completes a majority sends Accept(n, v) to every acceptor, v the highest reported value or
 * p's own. Anything else (a stale or surplus Promise) is ignored (and consumed). */
export function onPromise(c: Config, p: string, x: Proposer, m: Msg & { type: 'Promise' }): Step<Proposer> | null {
  // mutants: this guard is redundant here (deleting it, or `&&`, survives), unlike paxos-net's:
  // p's timer fires only once none of its requests and no reply to it is in flight (`whenQuiet`
  // and the `inFlight` test), so no Promise of an earlier id ever reaches it; a Promise of its id
  // after the majority needs a third acceptor (at two, the majority is both), and then it only
  // writes `promised` and `highest`, which `accepting` never reads and a retry resets.
  if (x.phase !== 'preparing' || m.n !== x.n) return null
  const promised = setAdd(x.promised, m.from)
  // mutants: `>=` is equivalent (an equal id is the same proposal, so the same value). `||` for
  // the first `&&` keeps the *last* reported value over a higher one, and `<` the lowest reported
  // one: harmless at two acceptors (a quorum is both, so once a value is chosen every later report
  // carries it); at three they violate Agreement when a retry reads two earlier rounds
  // (specs/paxos-net-duelling-three-acceptors.ts).
  const highest = m.acceptedV !== null && (x.highest === null || m.acceptedN > x.highest.n) ? { n: m.acceptedN, v: m.acceptedV } : x.highest
  // mutants: not keeping `highest` here forgets a value reported by a Promise that did not complete
  // the majority, and `>` for `<` starts phase 2 on the first Promise: harmless at two acceptors
  // (a quorum is both), both violate Agreement at three (specs/paxos-net-duelling-three-acceptors.ts).
  // Not resetting `promised` or `highest` below is equivalent: accepting reads neither (counts only).
  if (promised.length < majority(c)) return promised === x.promised ? null : { local: { ...x, promised, highest } }
  const v = highest?.v ?? (c.values[p] as string)
  return {
    local: { ...x, phase: 'accepting', promised: [], highest: null, value: v },
    send: c.acceptors.map((a): Msg => ({ from: p, to: a, type: 'Accept', n: x.n, v })),
  }
}

/** An Accepted for the current proposal: recorded; a majority means the value is chosen, and p
 * has learnt it. */
export function onAccepted(c: Config, x: Proposer, m: Msg & { type: 'Accepted' }): Step<Proposer> | null {
  // mutants: redundant as `onPromise`'s guard is (deleting it, or `&&`, survives): no reply of an
  // earlier round reaches p, and a surplus Accepted needs a third acceptor. The duplicate test
  // below is redundant too: an Accepted counted twice makes p's own state again, the same
  // successor as ignoring it.
  if (x.phase !== 'accepting' || m.n !== x.n) return null
  const accepted = setAdd(x.accepted, m.from)
  if (accepted === x.accepted) return null
  // mutants: learning on one Accepted (`<=`) is harmless at two acceptors (every proposal's
  // promises come from both, so no two accepted values differ) and violates Agreement at three
  // (specs/paxos-net-duelling-three-acceptors.ts).
  return { local: { ...x, accepted, phase: accepted.length >= majority(c) ? 'learnt' : 'accepting' } }
}

// ---- acceptor actions ------------------------------------------------------------------------

/** Phase 1b: Prepare(n) with n > minProposal is promised and answered with the accepted
 * proposal; any other is ignored. */
export function onPrepare(a: string, x: Acceptor, m: Msg & { type: 'Prepare' }): Step<Acceptor> | null {
  // mutants: promising on `>=` is equivalent here: a Prepare(n) meets minProposal n only after an
  // Accept(n), which needs a majority of promises (at two acceptors, both Prepares delivered); at
  // three, the second Promise(n) reaches a proposer already accepting, which ignores it.
  if (!(m.n > x.minProposal)) return null
  return {
    local: { ...x, minProposal: m.n },
    send: [{ from: a, to: m.from, type: 'Promise', n: m.n, acceptedN: x.acceptedN, acceptedV: x.acceptedV }],
  }
}

/** Phase 2b: Accept(n, v) with n >= minProposal is accepted (minProposal raised to n) and
 * answered; any other is ignored. */
export function onAccept(a: string, x: Acceptor, m: Msg & { type: 'Accept' }): Step<Acceptor> | null {
  // mutants: `>` refuses the Accept of the id an acceptor promised, so nothing is ever chosen; the
  // retrying specs then never finish (the view no longer closes their graph), and
  // specs/paxos-net-duelling-one-attempt.ts, with no retries, loses its witness ValueLearnt.
  if (!(m.n >= x.minProposal)) return null
  return { local: { minProposal: m.n, acceptedN: m.n, acceptedV: m.v }, send: [{ from: a, to: m.from, type: 'Accepted', n: m.n, v: m.v }] }
}

// ---- next ------------------------------------------------------------------------------------

// The harness (src/net/actor.ts) generates the steps: each proposer's Prepare then Timeout, then
// every delivery (a delivery the receiver ignores still consumes the message: a bag network).

const NONE: readonly Params[] = []

const Prepare: LocalAction<Config, Proposer, Msg, Record<never, never>, State> = {
  name: 'Prepare',
  // mutants: this test and `prepare`'s guard are each redundant with the other (`||` here survives).
  params: (c, p, x) => (c.proposing.includes(p) && x.phase === 'idle' ? [{ n: firstId(c, p) }] : NONE),
  fire: (c, p, x) => prepare(c, p, x),
}
const Timeout: LocalAction<Config, Proposer, Msg, Record<never, never>, State> = {
  name: 'Timeout',
  kind: 'timeout',
  whenQuiet: true,
  reads: ['inFlight'],
  // The n below is the action's label only.
  params: (c, p, x) => (canRetry(c, p, x) ? [{ n: nextId(c, p, x) }] : NONE),
  fire: (c, p, x, _params, ctx) => timeout(c, p, x, ctx),
}

// ---- properties ------------------------------------------------------------------------------

const learnt = (c: Config, s: State): string[] =>
  c.proposers.map((p) => s.proposers[p] as Proposer).filter((x) => x.phase === 'learnt').map((x) => x.value as string)

/** Some proposer has learnt that its phase-2 value is chosen. */
export const valueLearnt = (c: Config, s: State): boolean => learnt(c, s).length > 0

/** Agreement: proposers that learnt a value learnt the same one. */
export const agreement = (c: Config, s: State): boolean => setOf(...learnt(c, s)).length <= 1

// ---- view ------------------------------------------------------------------------------------

/**
 * Proposal ids renumbered (`ballotRenumbering`, ballot-view.ts): the acceptors', the proposers'
 * and those of the messages in flight, which are sorted again (a bag is a sorted list). The state
 * itself until every proposing proposer has started. Action labels still carry the real ids.
 */
export function view(c: Config, s: State): Value {
  const net = s.net.semantics === 'bag' ? s.net.inFlight : []
  const id = ballotRenumbering(
    c.proposing.map((p) => (s.proposers[p] as Proposer).n),
    c.proposers.length,
    (note) => {
      for (const a of c.acceptors) {
        const x = s.acceptors[a] as Acceptor
        note(x.minProposal)
        note(x.acceptedN)
      }
      for (const p of c.proposers) {
        const x = s.proposers[p] as Proposer
        note(x.n)
        note(x.highest?.n ?? 0)
      }
      for (const m of net) {
        note(m.n)
        note(m.type === 'Promise' ? m.acceptedN : 0)
      }
    },
  )
  if (id === null) return s
  const msg = (m: Msg): Msg => (m.type === 'Promise' ? { ...m, n: id(m.n), acceptedN: id(m.acceptedN) } : { ...m, n: id(m.n) })
  return {
    proposers: mapFrom(c.proposers, (p) => {
      const x = s.proposers[p] as Proposer
      return { ...x, n: id(x.n), highest: x.highest === null ? null : { n: id(x.highest.n), v: x.highest.v } }
    }),
    acceptors: mapFrom(c.acceptors, (a) => {
      const x = s.acceptors[a] as Acceptor
      return { ...x, minProposal: id(x.minProposal), acceptedN: id(x.acceptedN) }
    }),
    net: { ...s.net, inFlight: net.map(msg).sort(compareValues) },
  }
}

// ---- model -----------------------------------------------------------------------------------

const proposers: Role<Config, Proposer, Msg, Record<never, never>, State> = {
  nodes: (c) => c.proposers,
  init: () => IDLE,
  schema: proposerSchema,
  receive: (c, p, x, m) => (m.type === 'Promise' ? onPromise(c, p, x, m) : m.type === 'Accepted' ? onAccepted(c, x, m) : null),
  actions: [Prepare, Timeout],
}
const acceptors: Role<Config, Acceptor, Msg, Record<never, never>, State> = {
  nodes: (c) => c.acceptors,
  init: () => EMPTY,
  schema: acceptorSchema,
  receive: (_c, a, x, m) => (m.type === 'Prepare' ? onPrepare(a, x, m) : m.type === 'Accept' ? onAccept(a, x, m) : null),
}

export const paxosNetDuelling: ActorModel<Config, Roles, Msg, Record<never, never>> = actorModel<Config, Roles, Msg, Record<never, never>>({
  name: 'paxos-net-duelling',
  roles: { proposers, acceptors },
  // No faults: the livelock needs none.
  network: () => ({ semantics: 'bag', budget: {} }),
  message: messageSchema,
  view,
  properties: [
    always('Agreement', agreement, { witness: 'ValueLearnt' }),
    sometimes('ValueLearnt', valueLearnt),
    eventually('EventuallyLearnt', valueLearnt),
  ],
  validate: (c) =>
    c.proposing.every((p) => c.proposers.includes(p)) && c.retrying.every((p) => c.proposing.includes(p)) && c.proposers.every((p) => typeof c.values[p] === 'string')
      ? undefined
      : 'proposing must name proposers, retrying proposing ones, and every proposer needs a value',
})
