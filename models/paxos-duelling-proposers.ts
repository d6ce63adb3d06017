/**
 * Basic Paxos with proposers that retry — the seed's pseudocode (distributed-systems-notes.zh.md,
 * "Paxos伪代码描述", steps 1–7) and its "活锁问题": two proposers propose increasing ids one after
 * the other, each prepares successfully and fails to get accepted, forever. Liveness-specific:
 * `models/paxos-net.ts` is the general message-passing Paxos (faults, timeouts); this one is shaped
 * so that the livelock is a *cycle* the checker can find, with a view (`view` below).
 *
 * Proposer p (index i of k) uses ids n = r·k + i + 1 (unique per proposer, as the seed's
 * "timestamp + server id"). Step 1–2: take an id, broadcast Prepare(n). Step 3: an acceptor with
 * n > minProposal sets minProposal = n and answers with its accepted proposal; otherwise it rejects
 * with its minProposal (the usual NACK; the seed writes the rejection for step 6 only, and without
 * it a proposer whose Prepare is ignored waits forever, which is not the story). Step 4–5: with a
 * majority of promises the proposer picks the value of the highest accepted proposal (its own when
 * none) and broadcasts Accept(n, v). Step 6: an acceptor with n >= minProposal accepts (minProposal
 * = acceptedN = n, acceptedV = v); otherwise it rejects with its minProposal. Step 7: once a
 * majority answered a phase, a rejection with result > n sends the proposer back to step 1 with the
 * smallest id of its own above result; otherwise phase 2 ends with the value learnt (chosen).
 *
 * Messages: each request and its reply are one step (`Prepare(p, a)`, `Accept(p, a)`: acceptor a
 * handles p's request for p's current id, and p handles the answer). Requests of an id p has
 * abandoned are never served (lost, which an asynchronous network allows). This keeps the state
 * small; the livelock needs no message in flight — it needs only the order in which acceptors hear
 * the two proposers. `models/paxos-net.ts` is the version with a network, faults and timeouts.
 * No crashes: the livelock needs no fault.
 *
 * The fix the seed gives (选主: one distinguished proposer, as Multi-Paxos' leader) is the
 * configuration `proposing: [leader]`: only the leader proposes.
 *
 * View (like TLC's VIEW): ids grow forever in the livelock, so states never repeat exactly. The view
 * renumbers every id relative to the lowest id in play (the proposers' current ids), shifted by a
 * multiple of k so each id keeps its owner; ids below it (old accepted proposals, an acceptor that
 * has heard nothing for a while) keep only their order. States with
 * equal views behave alike (a bisimulation): the protocol only compares ids and takes the next id
 * above one it saw. The view is applied only once every proposer has started (a first id is
 * absolute). With it the explored graph is finite and the livelock a genuine cycle.
 *
 * Reference counts: none published; the specs pin measured counts.
 */
import { Steps, always, eventually, mapFrom, schema, setAdd, setOf, sometimes } from '../src/index.ts'
import type { Model, Schema, SetOf, Value } from '../src/index.ts'
import { ballotRenumbering } from './ballot-view.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly proposers: readonly string[]
  readonly acceptors: readonly string[]
  /** The proposers that propose: all of them (duelling), or only a distinguished leader. */
  readonly proposing: readonly string[]
  /** The value each proposer wants chosen. */
  readonly values: Readonly<Record<string, string>>
}

// ---- state -----------------------------------------------------------------------------------

export type Proposer = {
  readonly phase: 'idle' | 'preparing' | 'accepting' | 'learnt'
  /** The current proposal id (0 before the first). */
  readonly n: number
  /** Acceptors that promised / accepted n in the current phase. */
  readonly oks: SetOf<string>
  /** Acceptors that rejected n in the current phase, and the highest minProposal they reported. */
  readonly rejects: SetOf<string>
  readonly result: number
  /** The highest accepted proposal reported by the promises for n (n = 0: none). */
  readonly highest: { readonly n: number; readonly v: string | null }
  /** The value proposed in phase 2, then learnt. */
  readonly value: string | null
}

/** The seed's acceptor variables (`acceptedN = 0`: nothing accepted). */
export type Acceptor = {
  readonly minProposal: number
  readonly acceptedN: number
  readonly acceptedV: string | null
}

export type State = {
  readonly proposers: Readonly<Record<string, Proposer>>
  readonly acceptors: Readonly<Record<string, Acceptor>>
}

export type Action =
  | { readonly name: 'Start'; readonly node: string }
  | { readonly name: 'Prepare'; readonly node: string; readonly to: string; readonly n: number }
  | { readonly name: 'Accept'; readonly node: string; readonly to: string; readonly n: number }

const IDLE: Proposer = { phase: 'idle', n: 0, oks: [], rejects: [], result: 0, highest: { n: 0, v: null }, value: null }
const EMPTY: Acceptor = { minProposal: 0, acceptedN: 0, acceptedV: null }

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  return { proposers: mapFrom(c.proposers, () => IDLE), acceptors: mapFrom(c.acceptors, () => EMPTY) }
}

// ---- helpers used by the actions -------------------------------------------------------------

// mutants: `Math.ceil(n / 2)` is a majority at three acceptors; specs/paxos-livelock-two-acceptors.ts
// catches it (Agreement).
const majority = (c: Config): number => Math.floor(c.acceptors.length / 2) + 1
const prop = (s: State, p: string): Proposer => s.proposers[p] as Proposer
const acc = (s: State, a: string): Acceptor => s.acceptors[a] as Acceptor

/** The smallest id of proposer p above `above` (step 1). */
export function nextId(c: Config, p: string, above: number): number {
  const k = c.proposers.length
  const own = c.proposers.indexOf(p) + 1
  // mutants: `above <= own` is equivalent: `above` is 0 (Start) or a rejection's id above p's own
  // current one (`onReply`), never p's first id.
  return above < own ? own : (Math.floor((above - own) / k) + 1) * k + own
}

/** Steps 1–2: proposer p takes id n and asks every acceptor to prepare. */
const preparing = (n: number): Proposer => ({ ...IDLE, phase: 'preparing', n })

type Reply = { readonly ok: true; readonly acceptedN: number; readonly acceptedV: string | null } | { readonly ok: false; readonly result: number }

/** Steps 4, 5 and 7: p counts a reply for its current id; once a majority answered, it retries
 * (a rejection reported a higher id), moves to phase 2, or has learnt its value. */
function onReply(c: Config, p: string, x: Proposer, a: string, r: Reply): Proposer {
  // mutants: three comparisons here are equivalent, each argued from one fact: only p uses its
  // ids, p prepares an id once and asks each acceptor once per phase, so no acceptor's
  // minProposal equals p's current id while p waits for it, and every rejection reports an id
  // above p's (`result > n`). So `acceptedN >= highest.n` (an equal id is the same proposal, so
  // the same value), `result >= n` (never equal), and `oks.length > majority` for `<` below
  // (reached only with no rejection, when the oks have just become a majority) change nothing.
  const y: Proposer = r.ok
    ? { ...x, oks: setAdd(x.oks, a), highest: r.acceptedN > x.highest.n ? { n: r.acceptedN, v: r.acceptedV } : x.highest }
    : { ...x, rejects: setAdd(x.rejects, a), result: Math.max(x.result, r.result) }
  if (y.oks.length + y.rejects.length < majority(c)) return y
  // mutants: retrying above p's own id (`y.n` for `y.result`) is safe (ids stay unique per
  // proposer) and equivalent at two proposers: a rejection of p's id n can only report the other
  // proposer's id n + 1 (it retries only when rejected by a higher id, which p's n is not), and
  // nextId gives the same id above n and above n + 1. With more proposers it only adds rounds
  // (an id still below the reported one is rejected again).
  if (y.result > y.n) return preparing(nextId(c, p, y.result))
  if (y.oks.length < majority(c)) return y // no higher id reported: wait for the others
  if (y.phase === 'accepting') return { ...y, phase: 'learnt' }
  // mutants: leaving out `rejects: []` is equivalent (no rejection got here: see above); leaving
  // out `value` proposes null, which Validity catches.
  return { ...y, phase: 'accepting', oks: [], rejects: [], value: y.highest.v ?? (c.values[p] as string) }
}

const waitsFor = (x: Proposer, a: string, phase: Proposer['phase']): boolean =>
  x.phase === phase && !x.oks.includes(a) && !x.rejects.includes(a)

// ---- actions ---------------------------------------------------------------------------------

/** Proposer p starts with its first id. */
export function start(c: Config, s: State, p: string): State | null {
  if (!c.proposing.includes(p) || prop(s, p).phase !== 'idle') return null
  return { ...s, proposers: { ...s.proposers, [p]: preparing(nextId(c, p, 0)) } }
}

/** Prepare(n) from p reaches acceptor a, and a's answer reaches p. Step 3: a promises if
 * n > minProposal (minProposal = n, answering with its accepted proposal), else rejects. */
export function prepare(c: Config, s: State, p: string, a: string): State | null {
  const x = prop(s, p)
  if (!waitsFor(x, a, 'preparing')) return null
  const y = acc(s, a)
  // mutants: promising on `>=` is equivalent here (see `onReply`: minProposal never equals x.n
  // while p waits for a); paxos-net, with duplicated and reordered messages, catches it.
  const promise = x.n > y.minProposal
  const reply: Reply = promise ? { ok: true, acceptedN: y.acceptedN, acceptedV: y.acceptedV } : { ok: false, result: y.minProposal }
  return {
    proposers: { ...s.proposers, [p]: onReply(c, p, x, a, reply) },
    acceptors: promise ? { ...s.acceptors, [a]: { ...y, minProposal: x.n } } : s.acceptors,
  }
}

/** Accept(n, v) from p reaches acceptor a, and a's answer reaches p. Step 6: a accepts if
 * n >= minProposal (minProposal = acceptedN = n, acceptedV = v), else rejects with minProposal. */
export function accept(c: Config, s: State, p: string, a: string): State | null {
  const x = prop(s, p)
  if (!waitsFor(x, a, 'accepting')) return null
  const y = acc(s, a)
  const ok = x.n >= y.minProposal
  const reply: Reply = ok ? { ok: true, acceptedN: x.n, acceptedV: x.value } : { ok: false, result: y.minProposal }
  return {
    proposers: { ...s.proposers, [p]: onReply(c, p, x, a, reply) },
    acceptors: ok ? { ...s.acceptors, [a]: { minProposal: x.n, acceptedN: x.n, acceptedV: x.value } } : s.acceptors,
  }
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (const p of c.proposers) {
    const n = prop(s, p).n
    out.add({ name: 'Start', node: p }, start(c, s, p))
    for (const a of c.acceptors) {
      out.add({ name: 'Prepare', node: p, to: a, n }, prepare(c, s, p, a))
      out.add({ name: 'Accept', node: p, to: a, n }, accept(c, s, p, a))
    }
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

const learnt = (s: State): string[] =>
  Object.values(s.proposers)
    .filter((x) => x.phase === 'learnt')
    .map((x) => x.value as string)

/** Some proposer has learnt that its phase-2 value is chosen (step 7's "value达成一致"). */
export const valueLearnt = (_c: Config, s: State): boolean => learnt(s).length > 0

/** Agreement: proposers that learnt a value learnt the same one. */
export const agreement = (_c: Config, s: State): boolean => setOf(...learnt(s)).length <= 1

/** Validity: only a proposed value is accepted or learnt (Agreement alone holds of a proposer
 * that proposes nothing, `null`, and learns it). */
export function validity(c: Config, s: State): boolean {
  const proposed = Object.values(c.values)
  for (const a of c.acceptors) {
    const v = acc(s, a).acceptedV
    if (v !== null && !proposed.includes(v)) return false
  }
  for (const p of c.proposers) {
    const x = prop(s, p)
    if ((x.phase === 'accepting' || x.phase === 'learnt') && !proposed.includes(x.value as string)) return false
  }
  return true
}

// ---- view ------------------------------------------------------------------------------------

/**
 * Proposal ids renumbered (`ballotRenumbering`, ballot-view.ts). Identity until every proposing
 * proposer has started. The action labels still carry real ids.
 */
export function view(c: Config, s: State): Value {
  const id = ballotRenumbering(
    c.proposing.map((p) => prop(s, p).n),
    c.proposers.length,
    (note) => {
      for (const a of Object.values(s.acceptors)) {
        note(a.minProposal)
        note(a.acceptedN)
      }
      for (const x of Object.values(s.proposers)) note(x.highest.n)
    },
  )
  if (id === null) return s
  return {
    proposers: mapFrom(c.proposers, (p) => {
      const x = prop(s, p)
      return { ...x, n: id(x.n), result: id(x.result), highest: { n: id(x.highest.n), v: x.highest.v } }
    }),
    acceptors: mapFrom(c.acceptors, (a) => {
      const x = acc(s, a)
      return { ...x, minProposal: id(x.minProposal), acceptedN: id(x.acceptedN) }
    }),
  }
}

// ---- schema ----------------------------------------------------------------------------------

/** The state's shape (src/state/schema.ts). Under the view, states are fingerprinted by their view
 * (generically), so it gives the codec between worker threads and the ITF types of traces. */
export function stateSchema(c: Config): Schema {
  // Ids have no bound in the configuration: the livelock raises them forever (the view, not a
  // bound, makes the graph finite). So an id is any whole number hashed as one (an int32); an id
  // past it would only send its states through the generic codec.
  const id = schema.int(0, 2 ** 31 - 1)
  const A = schema.enum(...c.acceptors)
  const V = schema.enum(...new Set(Object.values(c.values)))
  const proposer = schema.record({
    phase: schema.enum('idle', 'preparing', 'accepting', 'learnt'),
    n: id,
    oks: schema.setOf(A),
    rejects: schema.setOf(A),
    result: id,
    highest: schema.record({ n: id, v: schema.nullable(V) }),
    value: schema.nullable(V),
  })
  const acceptor = schema.record({ minProposal: id, acceptedN: id, acceptedV: schema.nullable(V) })
  return schema.record({ proposers: schema.mapOf(c.proposers, proposer), acceptors: schema.mapOf(c.acceptors, acceptor) })
}

// ---- model -----------------------------------------------------------------------------------

export const paxosDuellingProposers: Model<Config, State, Action> = {
  name: 'paxos-duelling-proposers',
  init: (c) => [init(c)],
  next,
  view,
  schema: stateSchema,
  actions: ['Start', 'Prepare', 'Accept'],
  properties: [
    always('Agreement', agreement, { witness: 'ValueLearntOnce' }),
    always('Validity', validity),
    sometimes('ValueLearntOnce', valueLearnt),
    eventually('EventuallyLearnt', valueLearnt),
  ],
  validate: (c) =>
    c.proposing.every((p) => c.proposers.includes(p)) && c.proposers.every((p) => typeof c.values[p] === 'string')
      ? undefined
      : 'proposing must name proposers, and every proposer needs a value',
}
