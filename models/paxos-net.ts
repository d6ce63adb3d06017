/**
 * Basic Paxos as message passing between explicit proposers and acceptors — the protocol of the
 * seed's "Basic Paxos" section (distributed-systems-notes.zh.md: Prepare/Promise, Propose/Accept,
 * the two promises and one answer, the pseudocode with minProposal / acceptedProposal /
 * acceptedValue), with faults from src/net.
 *
 * Proposers p1..pk each want their own value. A proposal id is unique per proposer and grows with
 * each attempt: attempt r of proposer i (0-based) uses n = (r - 1)·k + i + 1. A proposer
 * broadcasts Prepare(n); an acceptor promises (n > minProposal: minProposal = n) and answers with
 * its accepted proposal; with promises from a majority the proposer proposes the value of the
 * highest accepted proposal reported, or its own when none was, and broadcasts Accept(n, v); an
 * acceptor accepts when n >= minProposal (raising minProposal to n) and answers Accepted; with a
 * majority of Accepted the proposer has learnt that v is chosen. An acceptor ignores a request it
 * may not answer (the seed's optional rejection is left out: a proposer that hears nothing times
 * out instead). `Timeout` retries with a higher id, within the proposer's `maxAttempts` (set per
 * proposer: specs/paxos-net-retry.ts lets only p1 retry). No fairness is declared: the livelock of two
 * proposers retrying forever is checked on models/paxos-duelling-proposers.ts, not here.
 *
 * Network (src/net): a `set` by default — every message ever sent stays deliverable, so loss
 * (never delivered), duplication (delivered again) and reordering need no actions, as in
 * Paxos.tla; handlers are idempotent, and a delivery that changes nothing is not a step. A `bag`
 * (consumed on delivery, budgeted drop/duplicate) is available for bench/ instances.
 * Acceptors crash within a budget; their promise and accepted proposal are durable (forced to
 * disk before answering), so in the seed's protocol a crash loses nothing — on a `set` network
 * it is then a stutter and is not generated (see `crashAcceptor`). Proposers do not crash here.
 *
 * `votes` is a history variable (like Paxos.tla's 2b messages): every (acceptor, n, v) ever
 * accepted. The protocol never reads it; it defines which values are chosen.
 *
 * Written with the actor harness (src/net/actor.ts): proposers and acceptors are roles whose
 * handlers see only their node's state and the message; Prepare and Timeout are a proposer's
 * local actions; `votes` is a ghost variable that Accept writes; the harness generates the
 * deliveries, faults and crashes. Beyond its node, one step reads the network: on a `bag`, a
 * Timeout waits until nothing can be delivered to its proposer (`whenQuiet`). The counts are
 * those of the hand-written version it replaced (specs/paxos-net*.ts).
 *
 * Speed: messages and votes come from a per-configuration universe (paxos-net-tables.ts), sent by
 * rank (the harness's `send`), the state has a schema (a compiled fingerprint), and handlers
 * return their node's state itself when nothing changes (the harness then sees a stutter).
 * Symmetry over acceptors, hand-written: paxos-net-symmetry.ts.
 *
 * Buggy variants (each a one-rule change, see `Rules`): paxos-net-ignore-accepted.ts,
 * paxos-net-lowest-accepted.ts, paxos-net-promise-equal.ts, paxos-net-accept-no-raise.ts,
 * paxos-net-volatile-promise.ts, paxos-net-minority-quorum.ts.
 *
 * Reference counts: none published for this model; specs/paxos-net*.ts pin measured counts.
 */
import { always, schema, setAdd, sometimes } from '../src/index.ts'
import type { Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, FaultBudget, LocalAction, Outcome, Params, Role } from '../src/net/index.ts'
import { actorModel, messages, sendAll } from '../src/net/index.ts'
import { addRanked, sendRanked, tables } from './paxos-net-tables.ts'
import type { Tables } from './paxos-net-tables.ts'
import { symmetry } from './paxos-net-symmetry.ts'
import { symmetryFingerprint } from './paxos-net-symmetry-fingerprint.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly proposers: readonly string[]
  readonly acceptors: readonly string[]
  /** The value each proposer wants chosen. */
  readonly values: Readonly<Record<string, string>>
  /** Prepare attempts per proposer (the first plus retries after a timeout). */
  readonly maxAttempts: Readonly<Record<string, number>>
  /** The acceptors that may crash (within `budget.crash`). */
  readonly crashable: readonly string[]
  readonly budget: FaultBudget
  /** `set`: every message ever sent stays deliverable (loss, duplication, reordering implicit);
   * `bag`: consumed on delivery, loss and duplication as budgeted faults. */
  readonly semantics: 'set' | 'bag'
  /** Whether proposers count Accepted replies and learn. Without it nobody learns; what is chosen
   * is still defined by the votes, and the acceptors and proposal rules run as before (a
   * proposer whose value was chosen may even retry). Four fifths of the 2-attempt instance's
   * states are learning, which the 1-attempt spec covers. */
  readonly learn: boolean
}

/** The protocol rules the buggy variants change, one each. */
export type Rules = {
  /** How many acceptors a proposer waits for, in each phase. */
  readonly quorum: (acceptors: number) => number
  /** Whether an accepted proposal reported with id `reported` replaces the one kept so far (id
   * `kept`) as the proposer collects promises. The seed keeps the highest. */
  readonly prefer: (reported: number, kept: number) => boolean
  /** The value to propose, from the accepted proposal kept from a quorum's promises (null when
   * none was reported) and the proposer's own value. */
  readonly chooseValue: (kept: Proposer['highest'], own: string) => string
  /** Whether an acceptor promises a Prepare(n) given its minProposal (the seed: n > minProposal). */
  readonly promises: (n: number, minProposal: number) => boolean
  /** Whether accepting (n, v) also raises minProposal to n (the seed: yes). */
  readonly raiseOnAccept: boolean
  /** Whether the promise (minProposal) survives a crash. */
  readonly durablePromise: boolean
}

// ---- messages --------------------------------------------------------------------------------

/** `acceptedN = 0, acceptedV = null`: nothing accepted yet. Every message is one shared instance
 * from the configuration's universe (`paxos-net-tables.ts`). */
export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Prepare'; readonly n: number }
  | { readonly from: string; readonly to: string; readonly type: 'Promise'; readonly n: number; readonly acceptedN: number; readonly acceptedV: string | null }
  | { readonly from: string; readonly to: string; readonly type: 'Accept'; readonly n: number; readonly v: string }
  | { readonly from: string; readonly to: string; readonly type: 'Accepted'; readonly n: number; readonly v: string }

// ---- state -----------------------------------------------------------------------------------

export type Proposer = {
  /** Attempts made so far; the current proposal id derives from it. */
  readonly attempt: number
  readonly phase: 'idle' | 'preparing' | 'accepting' | 'learnt'
  /** The current proposal id (0 before the first attempt). */
  readonly n: number
  /** Acceptors that promised n (forgotten once phase 2 starts: no longer needed). */
  readonly promised: SetOf<string>
  /** The accepted proposal kept from those promises by `Rules.prefer` — the highest reported, in
   * the seed's protocol (null: none reported). */
  readonly highest: { readonly n: number; readonly v: string } | null
  /** The value proposed in phase 2 (null before). */
  readonly value: string | null
  /** Acceptors that accepted (n, value) (forgotten once the value is learnt). */
  readonly accepted: SetOf<string>
  /** The value this proposer learnt is chosen (null before). */
  readonly learnt: string | null
}

/** The seed's acceptor variables. All durable in the correct protocol. */
export type Acceptor = {
  readonly minProposal: number
  readonly acceptedN: number
  readonly acceptedV: string | null
}

export type Vote = { readonly acc: string; readonly n: number; readonly v: string }

type Roles = { proposers: Proposer; acceptors: Acceptor }
type Ghost = {
  /** History variable: every vote ever cast (not read by the protocol). */
  readonly votes: SetOf<Vote>
}
/** `{ proposers: { p1: …, p2: … }, acceptors: { a1: …, … }, net, votes }` */
export type State = ActorState<Roles, Msg, Ghost>
/** `Prepare` and `Timeout` carry the proposal id they start (`{ name, node, n }`, a label only);
 * then the harness's deliveries and faults. */
export type Action = ActorAction<Msg>

const IDLE: Proposer = { attempt: 0, phase: 'idle', n: 0, promised: [], highest: null, value: null, accepted: [], learnt: null }
const EMPTY: Acceptor = { minProposal: 0, acceptedN: 0, acceptedV: null }

/** The shape of a message, a proposer and an acceptor, and of the votes: the harness builds the
 * state's schema from them (a compiled fingerprint, src/state/schema.ts). */
export function messageSchema(c: Config): Schema {
  const t = tables(c)
  const P = schema.enum(...c.proposers)
  const A = schema.enum(...c.acceptors)
  const V = schema.enum(...t.values)
  const id = schema.int(0, t.maxN)
  return schema.union('type', {
    Prepare: { from: P, to: A, n: id },
    Promise: { from: A, to: P, n: id, acceptedN: id, acceptedV: schema.nullable(V) },
    Accept: { from: P, to: A, n: id, v: V },
    Accepted: { from: A, to: P, n: id, v: V },
  }, { intern: (m) => t.lookup(m as Msg) })
}

const proposerSchema = (c: Config): Schema => {
  const t = tables(c)
  const A = schema.enum(...c.acceptors)
  const V = schema.enum(...t.values)
  const id = schema.int(0, t.maxN)
  return schema.record({
    attempt: schema.int(0, Math.max(...c.proposers.map((p) => c.maxAttempts[p] ?? 0))),
    phase: schema.enum('idle', 'preparing', 'accepting', 'learnt'),
    n: id,
    promised: schema.setOf(A),
    highest: schema.nullable(schema.record({ n: id, v: V })),
    value: schema.nullable(V),
    accepted: schema.setOf(A),
    learnt: schema.nullable(V),
  }, { intern: (x) => x })
}

// `intern: (x) => x`: a worker's decoded acceptors (and proposers, above) are shared by their
// bytes, so the symmetry fingerprint's memos of their hashes (by identity) hit there as they do on
// one thread.
const acceptorSchema = (c: Config): Schema => {
  const t = tables(c)
  const id = schema.int(0, t.maxN)
  return schema.record({ minProposal: id, acceptedN: id, acceptedV: schema.nullable(schema.enum(...t.values)) }, { intern: (x) => x })
}

const voteSchema = (c: Config): Schema => {
  const t = tables(c)
  return schema.setOf(schema.record({ acc: schema.enum(...c.acceptors), n: schema.int(0, t.maxN), v: schema.enum(...t.values) }, { intern: (x) => t.lookup(x as Vote) }))
}

// ---- init ------------------------------------------------------------------------------------

// Every proposer starts IDLE, every acceptor EMPTY, with no votes (the roles' `init` below).

// ---- proposer actions ------------------------------------------------------------------------

/** Proposal id of attempt `attempt` (1-based) of proposer `p`: unique per proposer, increasing. */
export const proposalId = (c: Config, p: string, attempt: number): number =>
  (attempt - 1) * c.proposers.length + c.proposers.indexOf(p) + 1

type Step<L> = Outcome<L, Msg, Ghost>

/** Phase 1a: proposer p takes a fresh proposal id and sends Prepare(n) to every acceptor. */
function startAttempt(c: Config, t: Tables, p: string, x: Proposer): Step<Proposer> {
  const attempt = x.attempt + 1
  const n = proposalId(c, p, attempt)
  // mutants: keeping `highest` from the attempt given up (a retry that starts from it) survives,
  // and is safe: the kept proposal was accepted by some acceptor, and it wins only over a new
  // quorum whose reports all have lower ids; a value chosen in id c is reported by that quorum at
  // an id >= c, so the kept id is above c and by P2 its value is the chosen one. No bundled spec
  // reaches it: only p1 retries, and its first promises, for id 1, report nothing (an acceptor
  // that accepted p2's id 2 refuses Prepare(1)).
  return { local: { ...IDLE, attempt, phase: 'preparing', n }, send: t.prepares[n] as Msg[] }
}

const canPrepare = (c: Config, p: string, x: Proposer): boolean => x.phase === 'idle' && (c.maxAttempts[p] ?? 0) >= 1

/** Proposer p starts: its first Prepare. */
export function prepare(c: Config, t: Tables, p: string, x: Proposer): Step<Proposer> | null {
  if (!canPrepare(c, p, x)) return null
  return startAttempt(c, t, p, x)
}

// mutants: `x.phase !== 'idle'` (a proposer that learnt may still time out and retry) changes
// counts only (paxos-net-two-acceptors, generated): the retry forgets what p learnt, and by P2
// every later proposal carries the chosen value, so what it learns again is the same
// (LearntIsChosen and Agreement hold): knowledge lost, nothing learnt wrong. (In
// paxos-net-duelling, whose timer has no attempt bound, the same change makes the searches
// endless.)
const canRetry = (c: Config, p: string, x: Proposer): boolean =>
  (x.phase === 'preparing' || x.phase === 'accepting') && x.attempt < (c.maxAttempts[p] ?? 0)

/** Proposer p gives up waiting before it learnt a value and retries with a higher proposal id, if
 * it has attempts left. On a `bag` network it times out only when no message for it can be
 * delivered (the action's `whenQuiet`, below); on a `set` network (where sent messages stay
 * deliverable) at any time. */
export function timeout(c: Config, t: Tables, p: string, x: Proposer): Step<Proposer> | null {
  if (!canRetry(c, p, x)) return null
  return startAttempt(c, t, p, x)
}

/** A Promise for the current id: recorded, keeping the accepted proposal `rules.prefer` picks
 * (the highest reported); the one that completes a quorum triggers phase 2a, Accept(n, v) to
 * every acceptor, with v chosen by `rules.chooseValue`. A promise that changes nothing (already
 * counted) is ignored. */
export function onPromise(c: Config, t: Tables, r: Rules, p: string, x: Proposer, m: Msg & { type: 'Promise' }): Step<Proposer> | null {
  if (x.phase !== 'preparing' || m.n !== x.n) return null
  const promised = setAdd(x.promised, m.from)
  const kept = x.highest
  const highest = m.acceptedV !== null && (kept === null || r.prefer(m.acceptedN, kept.n)) ? { n: m.acceptedN, v: m.acceptedV } : kept
  if (promised.length < r.quorum(c.acceptors.length)) {
    return promised === x.promised && highest === kept ? null : { local: { ...x, promised, highest } }
  }
  const v = r.chooseValue(highest, c.values[p] as string)
  // mutants: keeping `promised` (or `highest`) into phase 2 is equivalent: accepting reads
  // neither, and a retry starts from IDLE (counts only: the states differ).
  return { local: { ...x, phase: 'accepting', promised: [], highest: null, value: v }, send: (t.accepts[x.n] as Msg[][])[t.valueIndex(v)] as Msg[] }
}

/** An Accepted for the current proposal: recorded; a quorum means the value is chosen. */
export function onAccepted(c: Config, r: Rules, x: Proposer, m: Msg & { type: 'Accepted' }): Step<Proposer> | null {
  if (!c.learn || x.phase !== 'accepting' || m.n !== x.n) return null
  const accepted = setAdd(x.accepted, m.from)
  if (accepted === x.accepted) return null
  // Mutants: learning on a larger count ('>') only delays learning: the witnesses' counts change,
  // no safety property can (learning is checked against the acceptors' votes).
  const learnt = accepted.length >= r.quorum(c.acceptors.length)
  // mutants: learning without resetting `accepted`, or without leaving `accepting` (it learns the
  // same value again from later Accepteds of this round, which all carry it; a retry from there
  // drops what it learnt, which is safe), changes counts only.
  return { local: learnt ? { ...x, accepted: [], phase: 'learnt', learnt: m.v } : { ...x, accepted } }
}

// ---- acceptor actions ------------------------------------------------------------------------

/** `x` itself when it already holds these fields (the harness then sees an unchanged acceptor),
 * else a new record. */
function withFields(x: Acceptor, minProposal: number, acceptedN: number, acceptedV: string | null): Acceptor {
  // Mutants: this only keeps unchanged objects shared (fewer allocations, and a handler that
  // changes nothing is recognised as a stutter); a mutant that misjudges an unchanged record
  // costs generated steps, not correctness. One that drops a change is caught.
  return x.minProposal === minProposal && x.acceptedN === acceptedN && x.acceptedV === acceptedV ? x : { minProposal, acceptedN, acceptedV }
}

/** Phase 1b: a Prepare(n) that `rules.promises` allows (n > minProposal) is promised (persisted
 * first) and answered with the accepted proposal; any other Prepare is ignored. */
export function onPrepare(t: Tables, r: Rules, a: string, x: Acceptor, m: Msg & { type: 'Prepare' }): Step<Acceptor> | null {
  if (!r.promises(m.n, x.minProposal)) return null
  return { local: withFields(x, m.n, x.acceptedN, x.acceptedV), send: [t.promise(a, m.n, x.acceptedN, x.acceptedV)] }
}

/** Phase 2b: an Accept(n, v) with n >= minProposal is accepted (persisted first), raising
 * minProposal to n, and answered; the vote goes into the history. */
export function onAccept(t: Tables, r: Rules, a: string, x: Acceptor, m: Msg & { type: 'Accept' }): Step<Acceptor> | null {
  if (!(m.n >= x.minProposal)) return null
  const minProposal = r.raiseOnAccept ? m.n : x.minProposal
  return { local: withFields(x, minProposal, m.n, m.v), send: [t.accepted(a, m.n, m.v)], ghost: castVote(t, t.vote(a, m.n, m.v)) }
}

/** The ghost update that adds `vote` to the history: one function per vote of the universe, built
 * once (a closure per Accept, named by the TypeScript loader's keepNames each time, was a visible
 * share of a run's CPU). */
const voteCasts = new WeakMap<Vote, (g: Ghost) => Partial<Ghost>>()
function castVote(t: Tables, vote: Vote): (g: Ghost) => Partial<Ghost> {
  let f = voteCasts.get(vote)
  if (f === undefined) {
    const one = [vote]
    f = (g) => ({ votes: addRanked(t, g.votes, one) })
    voteCasts.set(vote, f)
  }
  return f
}

// ---- faults ----------------------------------------------------------------------------------

/**
 * Acceptor a crashes and loses what it keeps in memory: nothing in the seed's protocol (promise
 * and accepted proposal are forced to disk before it answers), its promise with
 * `durablePromise: false`. On a `set` network the crash and the restart are one step (the
 * harness's `restart: 'atomic'`): while a node is down its messages simply wait, which
 * undelivered messages already model. So on a `set` network a crash that loses nothing leaves the
 * state as it was (but for the budget) and is not generated: it is a stutter, like a delivery
 * that changes nothing. A crash that loses something (a volatile field) is generated and spends
 * the budget. On a `bag` network the node stays down (messages to it are lost) until `Restart`,
 * so a crash always has an effect.
 */
export function crashAcceptor(r: Rules, x: Acceptor): Acceptor {
  // Mutants: `restart: 'atomic'` in the network below is what leaves out the no-op crash;
  // generating it adds states but no behaviour (a test pins the equal counts with crashes=0), so
  // a mutant there changes counts only.
  return r.durablePromise || x.minProposal === 0 ? x : { ...x, minProposal: 0 }
}

// ---- next ------------------------------------------------------------------------------------

// The harness (src/net/actor.ts) generates the steps: each proposer's Prepare then Timeout, then
// every delivery (on a `set` network one that changes nothing is a stutter, not generated), the
// network faults, the crashes, the restarts (none on a `set` network: `atomic`).
// Mutants (arguments kept from the hand-written `next` this replaced, whose delivery loop is now
// the harness's): the harness's fast path for a fault-free set network equals its general path;
// that path's set-network branch and its bag-only lines are reached by no bundled spec of this
// model (set networks, no partition, no-op crashes not generated), so mutants of them survive
// this model's suite (test/net/actor.test.ts covers them).

const NONE: readonly Params[] = []

/** Prepare and Timeout: their one parameter is the proposal id they start (the action's label). */
const Prepare: LocalAction<Config, Proposer, Msg, Ghost, State> = {
  name: 'Prepare',
  params: (c, p, x) => (canPrepare(c, p, x) ? [{ n: proposalId(c, p, 1) }] : NONE),
  fire: (c, p, x) => prepare(c, tables(c), p, x),
}
const Timeout: LocalAction<Config, Proposer, Msg, Ghost, State> = {
  name: 'Timeout',
  kind: 'timeout',
  // Mutants (bench/mutants.ts): this guard is bag-only and every bundled spec uses a set network
  // (a bag costs 103,676 states even without faults), so changing it passes the suite; removing it
  // only adds timeouts that a real timer allows anyway, which cannot break a safety property.
  whenQuiet: (c) => c.semantics === 'bag',
  // Mutants: the n below is the action's label only.
  params: (c, p, x) => (canRetry(c, p, x) ? [{ n: proposalId(c, p, x.attempt + 1) }] : NONE),
  fire: (c, p, x) => timeout(c, tables(c), p, x),
}

// ---- properties ------------------------------------------------------------------------------

const prop = (s: State, p: string): Proposer => s.proposers[p] as Proposer
const acc = (s: State, a: string): Acceptor => s.acceptors[a] as Acceptor

const majorityOf = (c: Config): number => Math.floor(c.acceptors.length / 2) + 1

/** Whether the vote (n, v) has a majority of acceptors. */
function isChosen(c: Config, votes: SetOf<Vote>, n: number, v: string): boolean {
  let k = 0
  for (const x of votes) if (x.n === n && x.v === v) k++
  return k >= majorityOf(c)
}

/** What a set of votes decides: the proposals (n, v) accepted by a majority of acceptors, one vote
 * each, and their values, sorted (what is chosen). */
type Decided = { readonly proposals: readonly Vote[]; readonly values: readonly string[] }

// Several properties of a state read what its votes decide, and a successor that casts no vote
// shares its parent's votes (the same instance): computed once per votes set, for the last one
// asked about (properties are evaluated state by state).
let decidedBy: { readonly c: Config; readonly votes: SetOf<Vote>; readonly decided: Decided } | undefined
function decide(c: Config, votes: SetOf<Vote>): Decided {
  if (decidedBy !== undefined && decidedBy.votes === votes && decidedBy.c === c) return decidedBy.decided
  const proposals: Vote[] = []
  const values: string[] = []
  for (const x of votes) {
    if (!isChosen(c, votes, x.n, x.v)) continue
    let seen = false
    for (const p of proposals) if (p.n === x.n && p.v === x.v) seen = true
    if (seen) continue
    proposals.push(x)
    if (!values.includes(x.v)) values.push(x.v)
  }
  const decided = { proposals, values: values.sort() }
  decidedBy = { c, votes, decided }
  return decided
}

/** Values accepted by a majority of acceptors in one proposal: what is chosen (sorted). */
export const chosen = (c: Config, s: State): readonly string[] => decide(c, s.votes).values

// Likewise the values learnt, once per proposers record (with `learn=false`, every state's is
// empty, and two witnesses read it on every state).
let learntBy: { readonly c: Config; readonly proposers: State['proposers']; readonly learnt: readonly string[] } | undefined
const learnt = (c: Config, s: State): readonly string[] => {
  if (learntBy !== undefined && learntBy.proposers === s.proposers && learntBy.c === c) return learntBy.learnt
  const out: string[] = []
  for (const p of c.proposers) {
    const v = prop(s, p).learnt
    if (v !== null) out.push(v)
  }
  learntBy = { c, proposers: s.proposers, learnt: out }
  return out
}

/** Agreement (the seed's "only one value is chosen"): no two values are chosen, and no two
 * proposers learn different values. */
export const agreement = (c: Config, s: State): boolean => {
  const l = learnt(c, s)
  return chosen(c, s).length <= 1 && l.every((v) => v === l[0])
}

/** "A process learns only a value that has been chosen": a learnt value is chosen. */
export const learntIsChosen = (c: Config, s: State): boolean => {
  const ch = chosen(c, s)
  return learnt(c, s).every((v) => ch.includes(v))
}

/** Validity: only a value some proposer proposed can be chosen. */
export const validity = (c: Config, s: State): boolean =>
  chosen(c, s).every((v) => c.proposers.some((p) => c.values[p] === v))

/** P2 in the seed's words: once v is chosen in n, every accepted proposal above n carries v. */
export const higherProposalsCarryChosen = (c: Config, s: State): boolean =>
  decide(c, s.votes).proposals.every((p) => s.votes.every((x) => x.n <= p.n || x.v === p.v))

/** The seed's first promise, over the messages: an acceptor answers at most one Prepare per
 * proposal id (no Prepare with an id <= one it promised is answered). On a `set` network every
 * Promise ever sent is in `sent`; on a `bag` network only those in flight are seen. */
export const promiseOnce = (_c: Config, s: State): boolean => {
  const ms = s.net.semantics === 'set' ? s.net.sent : messages(s.net)
  for (let i = 0; i < ms.length; i++) {
    const x = ms[i] as Msg
    if (x.type !== 'Promise') continue
    for (let j = i + 1; j < ms.length; j++) {
      const y = ms[j] as Msg
      if (y.type === 'Promise' && y.from === x.from && y.n === x.n) return false
    }
  }
  return true
}

/** An acceptor's promise covers what it accepted: minProposal >= acceptedN (Paxos.tla's
 * inductive invariant has the same conjunct, maxBal[a] >= maxVBal[a]; models/paxos.ts checks it
 * as MaxBalCoversVote). Accepting (n, v) raises the promise to n, and the promise survives
 * crashes; a rule that skips either breaks this at once, long before two values are chosen. */
export const promiseCoversAccepted = (c: Config, s: State): boolean =>
  c.acceptors.every((a) => acc(s, a).minProposal >= acc(s, a).acceptedN)

/** Witness for P2: a vote in a proposal above one whose value is chosen (what P2 speaks about). */
const acceptedAboveChosen = (c: Config, s: State): boolean =>
  decide(c, s.votes).proposals.some((p) => s.votes.some((y) => y.n > p.n))

/** Witness: a proposer proposes a value it did not bring (it adopted a reported accepted one). */
const adoptedValue = (c: Config, s: State): boolean =>
  c.proposers.some((p) => prop(s, p).value !== null && prop(s, p).value !== c.values[p])

export function paxosNetModel(name: string, rules: Rules): ActorModel<Config, Roles, Msg, Ghost> {
  const proposers: Role<Config, Proposer, Msg, Ghost, State> = {
    nodes: (c) => c.proposers,
    init: () => IDLE,
    receive: (c, p, x, m) => (m.type === 'Promise' ? onPromise(c, tables(c), rules, p, x, m) : m.type === 'Accepted' ? onAccepted(c, rules, x, m) : null),
    actions: [Prepare, Timeout],
    // Proposers do not crash here.
    schema: proposerSchema,
  }
  const acceptors: Role<Config, Acceptor, Msg, Ghost, State> = {
    nodes: (c) => c.acceptors,
    init: () => EMPTY,
    receive: (c, a, x, m) => (m.type === 'Prepare' ? onPrepare(tables(c), rules, a, x, m) : m.type === 'Accept' ? onAccept(tables(c), rules, a, x, m) : null),
    crash: (_c, x) => crashAcceptor(rules, x),
    schema: acceptorSchema,
  }
  const model = actorModel<Config, Roles, Msg, Ghost>({
    name,
    roles: { proposers, acceptors },
    network: (c) => ({ semantics: c.semantics, budget: c.budget, crashable: c.crashable, restart: c.semantics === 'set' ? 'atomic' : true }),
    message: messageSchema,
    // Sends go into the sorted `sent` set by rank in the message universe (paxos-net-tables.ts):
    // the same network `sendAll` builds, without comparing records.
    send: (c, net, ms) => sendRanked(tables(c), net, ms, sendAll),
    ghost: () => ({ votes: [] }),
    ghostSchema: (c) => ({ votes: voteSchema(c) }),
    properties: [
      // Each invariant names the situation it is about (never reached: reported vacuous).
      always('Agreement', agreement, { witness: 'ValueChosen' }),
      always('LearntIsChosen', learntIsChosen, { witness: 'ValueLearnt' }),
      always('Validity', validity, { witness: 'ValueChosen' }),
      always('HigherProposalsCarryChosen', higherProposalsCarryChosen, { witness: 'AcceptedAboveChosen' }),
      always('PromiseOnce', promiseOnce, { when: (_c, s) => (s.net.semantics === 'set' ? s.net.sent : messages(s.net)).some((m) => m.type === 'Promise') }),
      always('PromiseCoversAccepted', promiseCoversAccepted, { when: (c, s) => c.acceptors.some((a) => acc(s, a).acceptedN > 0) }),
      sometimes('ValueChosen', (c, s) => chosen(c, s).length > 0),
      sometimes('Retried', (c, s) => c.proposers.some((p) => prop(s, p).attempt >= 2)),
      sometimes('AdoptedValue', adoptedValue),
      sometimes('AcceptedAboveChosen', acceptedAboveChosen),
      sometimes('ValueLearnt', (c, s) => learnt(c, s).length > 0),
      sometimes('BothLearnt', (c, s) => learnt(c, s).length === c.proposers.length),
    ],
    symmetry,
    validate: (c) =>
      c.acceptors.length === 0 || c.proposers.length === 0
        ? `at least one acceptor and one proposer (acceptors ${c.acceptors.length}, proposers ${c.proposers.length})`
        : c.proposers.every((p) => typeof c.values[p] === 'string')
          ? undefined
          : 'every proposer needs a value',
  })
  // The symmetry representative's fingerprint, hashed without building it (paxos-net-symmetry.ts).
  return { ...model, symmetryFingerprint }
}

/** The seed's rules: majority quorums, the highest accepted value wins, promises only above
 * minProposal, accepting raises minProposal, durable promises. */
export const correctRules: Rules = {
  quorum: (n) => Math.floor(n / 2) + 1,
  // Mutants: '>=' is equivalent here: proposal ids are unique, so an equal id is the same proposal.
  prefer: (reported, kept) => reported > kept,
  chooseValue: (highest, own) => highest?.v ?? own,
  promises: (n, minProposal) => n > minProposal,
  raiseOnAccept: true,
  durablePromise: true,
}

export const paxosNet = paxosNetModel('paxos-net', correctRules)
