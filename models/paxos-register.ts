/**
 * Single-decree Paxos behind a linearizable register: a port of Stateright's `examples/paxos.rs`
 * (stateright/stateright at commit 585b1a90a8402ce4492d2e558adc4bc2d57ce0d2, the version whose
 * test asserts 16,668 unique states), with its test clients (`RegisterActor::Client` of
 * src/actor/register.rs) and its history checker (`LinearizabilityTester` over a `Register`, as
 * src/properties/linearizability.ts), onto the actor harness (src/net/actor.ts). The point is the
 * cross-check: the same protocol, network and history must give the same number of states.
 *
 * Servers s0..s(n-1) and the clients of register-clients.ts (shared with the other register
 * ports), named after their Stateright ids (with 3 servers: c3, c4): client k puts its value at
 * server k mod n, then reads at server (k + 1) mod n. A server that receives a put while it has no
 * proposal of its own starts a ballot (round + 1, its own id) for it: it counts its own promise,
 * and sends Prepare to its peers; a peer whose ballot is lower takes the new one and answers
 * Prepared with what it last accepted; with a majority of promises the leader drives the proposal
 * of the highest ballot reported (its client's when none was), accepting it itself and sending
 * Accept; a peer whose ballot is not higher accepts and answers Accepted; with a majority the
 * leader has decided: it sends Decided to its peers and PutOk to the proposal's client (who may
 * be another server's). A decided server answers every Get with the decided value and ignores
 * everything else; an undecided one does not answer a Get (it cannot know a decision it has not
 * heard of), so a read can wait for good.
 *
 * Network: Stateright's `new_unordered_nonduplicating`, a multiset of messages in flight (a `bag`
 * with no fault budget), where a delivery that changes nothing is not a transition and leaves
 * the message in flight (`keepIgnored`): a put to a server with a proposal, a get to an undecided
 * server, a stale reply, anything to a decided server but a get, a duplicate PutOk to a client.
 * Clients send their puts as they start (the harness's `start`, Stateright's `on_start`), so the
 * initial state already holds them.
 *
 * `history` is the register's concurrent history, a ghost variable written as Stateright's
 * `record_msg_out` and `record_msg_in` hooks write it (register-clients.ts): an invocation when a
 * client sends Put or Get, a return when a client takes a PutOk or GetOk that answers it. The
 * state is therefore Stateright's state, field for field: each actor's state, the messages in
 * flight, the history.
 *
 * Left out: put counts other than one per client (the example's), Stateright's other networks
 * (ordered; unordered duplicating) and its crash/timer/lossy options, which the example does not
 * use, and the UDP `spawn` mode. Values are letters; the register starts empty ('' for Rust's
 * `char::default()`), which no read can return here (a get is answered only once decided).
 *
 * Reference count: 16,668 unique states for 3 servers and 2 clients, with BFS and with DFS (the
 * example's `can_model_paxos` test); total and depth are not published (specs/paxos-register.ts).
 * Properties: Stateright's two (Linearizable, ValueChosen, register-clients.ts), and four it
 * lacks, over the servers' states (DecidedAgree, ReadsDecided, PromiseCoversAccepted,
 * HigherBallotsCarryChosen): at these bounds only the decided proposal's client reads, so the
 * history misses most one-line bugs (docs/mutation-testing.md). They add no state: the counts are
 * the same.
 * Buggy variants: paxos-register-lowest-prepared.ts (the leader drives the lowest report),
 * paxos-register-round-only.ts (it ranks reports by round alone).
 */
import { always, schema, setAdd, sometimes } from '../src/index.ts'
import type { Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Outcome, Role } from '../src/net/index.ts'
import { actorModel, messages } from '../src/net/index.ts'
import { interned } from './intern.ts'
import { clientMessageSchemas, clientsRole, idOf, recorded, registerGhost, registerGhostSchema, registerProperties, requestSchema, validateRegister, writtenValues } from './register-clients.ts'
import type { Client, ClientMsg, RegisterConfig, RegisterGhost } from './register-clients.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = RegisterConfig

/** The rule the buggy variant changes. */
export type Rules = {
  /** Which proposal a leader with a majority of promises drives, from what each promise reported
   * it last accepted (null: nothing). Stateright: the highest, nothing counting lowest
   * (`prepares.values().max()` over `Option`); null means its own client's proposal. */
  readonly pick: (reported: readonly (Accepted | null)[]) => Accepted | null
}

// ---- messages --------------------------------------------------------------------------------

/** (round, the leader's Stateright id), ordered as Rust orders the tuple. */
export type Ballot = readonly [round: number, leader: number]
/** (request id, requesting client, value). */
export type Proposal = { readonly req: number; readonly client: string; readonly value: string }
export type Accepted = { readonly ballot: Ballot; readonly proposal: Proposal }

/** Paxos's messages between servers (Stateright's `RegisterMsg::Internal(PaxosMsg)`). */
export type PaxosMsg =
  | { readonly from: string; readonly to: string; readonly type: 'Prepare'; readonly ballot: Ballot }
  | { readonly from: string; readonly to: string; readonly type: 'Prepared'; readonly ballot: Ballot; readonly last: Accepted | null }
  | { readonly from: string; readonly to: string; readonly type: 'Accept'; readonly ballot: Ballot; readonly proposal: Proposal }
  | { readonly from: string; readonly to: string; readonly type: 'Accepted'; readonly ballot: Ballot }
  | { readonly from: string; readonly to: string; readonly type: 'Decided'; readonly ballot: Ballot; readonly proposal: Proposal }
export type Msg = ClientMsg | PaxosMsg

// ---- state -----------------------------------------------------------------------------------

/** A promise the leader counted: who promised, and what it last accepted. */
export type Promised = { readonly from: string; readonly last: Accepted | null }

/** Stateright's `PaxosState`. */
export type Server = {
  /** The highest ballot seen (the one it leads, promised, accepted or learnt decided). */
  readonly ballot: Ballot
  /** As leader: the proposal it drives (its client's, until phase 1 picks a reported one). */
  readonly proposal: Proposal | null
  /** As leader: the promises for its ballot, its own included. */
  readonly prepares: SetOf<Promised>
  /** As leader: the servers that accepted its proposal, itself included. */
  readonly accepts: SetOf<string>
  /** As acceptor: the last proposal it accepted, and in which ballot. */
  readonly accepted: Accepted | null
  readonly decided: boolean
}

export type { Client }

type Roles = { servers: Server; clients: Client }
type Ghost = RegisterGhost
/** `{ servers: { s0: …, … }, clients: { c3: …, c4: … }, net, history }` */
export type State = ActorState<Roles, Msg, Ghost>
export type Action = ActorAction<Msg>

const SERVER: Server = { ballot: [0, 0], proposal: null, prepares: [], accepts: [], accepted: null, decided: false }

// mutants: comparing rounds alone here (`a[0] - b[0]`, so every rule below ignores the leader id)
// is safe, counts only: a server promises a round once (strictly above its own), and a leader's
// round is above every round it promised, so one leader per round gets a majority of promises and
// only it sends Accepts of that round: Paxos with rounds for ballots. Comparing rounds alone in
// Accept only is not (two leaders of one round, each with a majority: Linearizable violated), nor
// in the leader's pick (specs/paxos-register-round-only.ts).
const compareBallots = (a: Ballot, b: Ballot): number => a[0] - b[0] || a[1] - b[1]
const peersOf = (c: Config, node: string): readonly string[] => c.servers.filter((s) => s !== node)

// ---- schema ----------------------------------------------------------------------------------

const shapes = (c: Config) => {
  const S = schema.enum(...c.servers)
  const C = schema.enum(...c.clients)
  const values = writtenValues(c)
  const V = schema.enum(...values)
  const req = requestSchema(c)
  // A round grows by one per put a server takes: at most one per client.
  const ballot = schema.list(schema.int(0, Math.max(c.clients.length, c.servers.length)))
  const proposal = schema.record({ req, client: C, value: V })
  const accepted = schema.record({ ballot, proposal })
  return { S, C, V, values, req, ballot, proposal, accepted }
}

/** The messages; a worker thread's decoded ones are the model's shared instances, as the
 * handlers' are (every message a server sends is `interned`: the harness then keeps one delivery
 * action and label per message, and the bag compares by identity first; 56.3K -> 70.1K states per
 * CPU-s at clients=3, 1,194,428 states: `node --import tsx bench/one-run.ts
 * specs/paxos-register.ts clients=3 --no-mutation-check`). */
export function messageSchema(c: Config): Schema {
  const { S, V, ballot, proposal, accepted } = shapes(c)
  return schema.union('type', {
    // A get is answered only once decided: it never carries the empty value.
    ...clientMessageSchemas(c, V),
    Prepare: { from: S, to: S, ballot },
    Prepared: { from: S, to: S, ballot, last: schema.nullable(accepted) },
    Accept: { from: S, to: S, ballot, proposal },
    Accepted: { from: S, to: S, ballot },
    Decided: { from: S, to: S, ballot, proposal },
  }, { intern: (m) => interned(m as Msg) })
}

const serverSchema = (c: Config): Schema => {
  const { S, ballot, proposal, accepted } = shapes(c)
  return schema.record({
    ballot,
    proposal: schema.nullable(proposal),
    prepares: schema.setOf(schema.record({ from: S, last: schema.nullable(accepted) })),
    accepts: schema.setOf(S),
    accepted: schema.nullable(accepted),
    decided: schema.bool(),
  })
}

// ---- init ------------------------------------------------------------------------------------

// Every server starts as SERVER; every client as register-clients.ts starts it (its put).

type Step<L> = Outcome<L, Msg, Ghost> | null

// ---- server steps ----------------------------------------------------------------------------

// The quorum and the leader's pick are here, in the protocol part, where bench/mutants.ts mutates.

/** A quorum: a majority of the servers. */
const majority = (c: Config): number => Math.floor(c.servers.length / 2) + 1

/** Stateright's rule: the highest ballot reported, "nothing accepted" lowest. Equal ballots carry
 * the same proposal (one leader per ballot), so the ballot alone decides (mutants: `>=` for `>`,
 * the last of equal ballots, is equivalent). */
export const highestReported = (reported: readonly (Accepted | null)[]): Accepted | null => {
  let best: Accepted | null = null
  for (const r of reported) if (r !== null && (best === null || compareBallots(r.ballot, best.ballot) > 0)) best = r
  return best
}

/** A decided server answers a Get with the decided value and ignores everything else. */
export function onDecidedServer(s: string, x: Server, m: Msg): Step<Server> {
  if (m.type !== 'Get') return null
  // Stateright panics here too: a server decides only with an accepted proposal.
  if (x.accepted === null) throw new Error(`paxos-register: ${s} is decided but has accepted nothing`)
  return { local: x, send: [interned<Msg>({ from: s, to: m.from, type: 'GetOk', req: m.req, value: x.accepted.proposal.value })] }
}

/** A Put to a server with no proposal yet: a new ballot (round + 1, its id) for the client's
 * proposal, its own promise counted, Prepare to its peers. */
export function onPut(c: Config, s: string, x: Server, m: Msg & { type: 'Put' }): Step<Server> {
  // mutants: deleting this guard, or leaving `accepts: []` out below, survives: client k puts at
  // server k mod n, so with no more clients than servers (every bundled spec) a server takes one
  // put, and its accepts are empty until then. With more clients, a second put would start a
  // higher ballot for the new client and leave the first unanswered: phase 1 runs again, so safe.
  if (x.proposal !== null) return null
  const ballot: Ballot = [x.ballot[0] + 1, idOf(c, s)]
  return {
    local: { ...x, ballot, proposal: { req: m.req, client: m.from, value: m.value }, prepares: [{ from: s, last: x.accepted }], accepts: [] },
    send: peersOf(c, s).map((to) => interned<Msg>({ from: s, to, type: 'Prepare', ballot })),
  }
}

/** A Prepare for a higher ballot: promised (the ballot taken), answered with what it last accepted. */
export function onPrepare(s: string, x: Server, m: Msg & { type: 'Prepare' }): Step<Server> {
  // mutants: `>` (promise an equal ballot again) is safe, counts only: a Prepare finds its own
  // ballot at a server only after that ballot's Accept, which its leader sends once it has a
  // majority, so the late answer changes nothing it picks. Comparing rounds alone here promises
  // less (a higher leader id of the same round is refused): safe, counts only.
  if (compareBallots(x.ballot, m.ballot) >= 0) return null
  return { local: { ...x, ballot: m.ballot }, send: [interned<Msg>({ from: s, to: m.from, type: 'Prepared', ballot: m.ballot, last: x.accepted })] }
}

/** A promise for its ballot: counted (a promiser counted again replaces its entry); the one that
 * makes a majority starts phase 2 with the proposal `rules.pick` finds among the reports (its
 * own when none), accepted by itself, and Accept to its peers. */
export function onPrepared(c: Config, rules: Rules, s: string, x: Server, m: Msg & { type: 'Prepared' }): Step<Server> {
  if (compareBallots(x.ballot, m.ballot) !== 0) return null
  const prepares = setAdd(
    x.prepares.filter((p) => p.from !== m.from),
    { from: m.from, last: m.last },
  )
  if (prepares.length !== majority(c)) return { local: { ...x, prepares } }
  const proposal = rules.pick(prepares.map((p) => p.last))?.proposal ?? x.proposal
  if (proposal === null) throw new Error(`paxos-register: ${s} has promises for its ballot but no proposal`)
  return {
    local: { ...x, prepares, proposal, accepted: { ballot: m.ballot, proposal }, accepts: setAdd(x.accepts, s) },
    send: peersOf(c, s).map((to) => interned<Msg>({ from: s, to, type: 'Accept', ballot: m.ballot, proposal })),
  }
}

/** An Accept for a ballot at least its own: accepted (the ballot taken), answered Accepted. */
export function onAccept(s: string, x: Server, m: Msg & { type: 'Accept' }): Step<Server> {
  if (compareBallots(x.ballot, m.ballot) > 0) return null
  return { local: { ...x, ballot: m.ballot, accepted: { ballot: m.ballot, proposal: m.proposal } }, send: [interned<Msg>({ from: s, to: m.from, type: 'Accepted', ballot: m.ballot })] }
}

/** An Accepted for its ballot: counted; the one that makes a majority decides: Decided to its
 * peers, PutOk to the proposal's client. */
export function onAccepted(c: Config, s: string, x: Server, m: Msg & { type: 'Accepted' }): Step<Server> {
  // mutants: deleting this guard is equivalent on the correct model (counts only; a violation only
  // beside the round-only bug, in its spec): a server leads one ballot (one put each), so every
  // Accepted it gets is for that ballot, and a majority of them is a proposal chosen there, even
  // once it has promised a higher ballot. Leaving `accepts` out of the decided state below is
  // equivalent too (a decided server never reads it; counts only, at four servers).
  if (compareBallots(x.ballot, m.ballot) !== 0) return null
  const accepts = setAdd(x.accepts, m.from)
  if (accepts.length !== majority(c)) return { local: { ...x, accepts } }
  const proposal = x.proposal
  if (proposal === null) throw new Error(`paxos-register: ${s} has accepts for its ballot but no proposal`)
  return {
    local: { ...x, accepts, decided: true },
    send: [
      ...peersOf(c, s).map((to): Msg => interned<Msg>({ from: s, to, type: 'Decided', ballot: m.ballot, proposal })),
      interned<Msg>({ from: s, to: proposal.client, type: 'PutOk', req: proposal.req }),
    ],
  }
}

/** A decision learnt: the decided proposal is its accepted one, in the decided ballot. */
export function onDecided(x: Server, m: Msg & { type: 'Decided' }): Step<Server> {
  return { local: { ...x, ballot: m.ballot, accepted: { ballot: m.ballot, proposal: m.proposal }, decided: true } }
}

export function serverReceive(c: Config, rules: Rules, s: string, x: Server, m: Msg): Step<Server> {
  // mutants: a decided server that still takes Accepts (`x.decided && m.type !== 'Accept'`), or
  // every message but Get, is safe, counts only: by Paxos's P2 every Accept at or above the
  // decided ballot carries the decided value, so its accepted value stays the one it answers Gets
  // with, and a ballot it starts or promises can only choose that value again.
  if (x.decided) return onDecidedServer(s, x, m)
  switch (m.type) {
    case 'Put':
      return onPut(c, s, x, m)
    case 'Prepare':
      return onPrepare(s, x, m)
    case 'Prepared':
      return onPrepared(c, rules, s, x, m)
    case 'Accept':
      return onAccept(s, x, m)
    case 'Accepted':
      return onAccepted(c, s, x, m)
    case 'Decided':
      return onDecided(x, m)
    default:
      return null
  }
}

// ---- properties ------------------------------------------------------------------------------

// Not in Stateright's example. Its history is a weak witness at these bounds: a PutOk goes only
// to the client whose proposal was decided, so that client alone reads, and a read of the other
// client's value is explained by the other put, still pending (a read of an accepted but
// undecided value passes, and so does a second value decided unless both clients read). These
// state what Paxos promises, over the servers' own states, and catch the one-line bugs the history
// cannot see (docs/mutation-testing.md, "paxos-register").

const serverOf = (s: State, i: string): Server => s.servers[i] as Server

// The properties' own majority and ballot order, written here again so that a mutant of the
// protocol's (`majority`, `compareBallots`) does not change what they call chosen or higher.
const chosenQuorum = (c: Config): number => Math.floor(c.servers.length / 2) + 1
const ballotOrder = (a: Ballot, b: Ballot): number => a[0] - b[0] || a[1] - b[1]

/** The value each decided server holds (undefined for one that accepted nothing: a broken rule). */
const decidedValues = (c: Config, s: State): readonly (string | undefined)[] => {
  const out: (string | undefined)[] = []
  for (const i of c.servers) {
    const x = serverOf(s, i)
    if (x.decided) out.push(x.accepted?.proposal.value)
  }
  return out
}

/** Agreement: every decided server holds the same value. */
export const decidedAgree = (c: Config, s: State): boolean => {
  const vs = decidedValues(c, s)
  return vs.every((v) => v === vs[0])
}

/** A read returns the decided value: every GetOk in flight carries the value of every decided
 * server. (A client reads only after its PutOk, which a server sends as it decides, so some server
 * is decided by then; with none decided this holds trivially.) */
export const readsDecided = (c: Config, s: State): boolean => {
  const vs = decidedValues(c, s)
  return messages(s.net).every((m) => m.type !== 'GetOk' || vs.every((v) => v === m.value))
}

/** A server's promise covers what it accepted: its accepted ballot is not above its ballot. */
export const promiseCoversAccepted = (c: Config, s: State): boolean =>
  c.servers.every((i) => {
    const x = serverOf(s, i)
    return x.accepted === null || ballotOrder(x.accepted.ballot, x.ballot) <= 0
  })

/** What the servers accepted, in order (nothing accepted left out). */
const acceptedOf = (c: Config, s: State): readonly Accepted[] => {
  const out: Accepted[] = []
  for (const i of c.servers) {
    const a = serverOf(s, i).accepted
    if (a !== null) out.push(a)
  }
  return out
}

/** The accepted proposals a majority of servers hold now, in one ballot: chosen. (A value chosen
 * once and since overwritten is not seen: there is no history of accepts; the state's is enough
 * for the bugs in docs/mutation-testing.md.) */
const chosenNow = (c: Config, s: State): readonly Accepted[] => {
  const as = acceptedOf(c, s)
  return as.filter((a) => as.filter((b) => ballotOrder(a.ballot, b.ballot) === 0 && a.proposal.value === b.proposal.value).length >= chosenQuorum(c))
}

/** Paxos's P2, over what the servers hold now: a server that accepted in the ballot of a chosen
 * proposal, or in a higher one, accepted the chosen value. */
export const higherBallotsCarryChosen = (c: Config, s: State): boolean => {
  const as = acceptedOf(c, s)
  return chosenNow(c, s).every((ch) => as.every((a) => ballotOrder(a.ballot, ch.ballot) < 0 || a.proposal.value === ch.proposal.value))
}

/** Witness for P2: a server accepted in a ballot above one whose proposal is chosen. */
const acceptedAboveChosen = (c: Config, s: State): boolean => {
  const as = acceptedOf(c, s)
  return chosenNow(c, s).some((ch) => as.some((a) => ballotOrder(a.ballot, ch.ballot) > 0))
}

// ---- the model -------------------------------------------------------------------------------

export function paxosRegisterModel(name: string, rules: Rules): ActorModel<Config, Roles, Msg, Ghost> {
  const servers: Role<Config, Server, Msg, Ghost, State> = {
    nodes: (c) => c.servers,
    init: () => SERVER,
    receive: (c, s, x, m) => recorded(m, serverReceive(c, rules, s, x, m)),
    schema: serverSchema,
  }
  const clients = clientsRole<PaxosMsg, State>()
  return actorModel<Config, Roles, Msg, Ghost>({
    name,
    roles: { servers, clients },
    network: () => ({ semantics: 'bag', budget: {}, keepIgnored: true }),
    message: messageSchema,
    ghost: registerGhost,
    // A read returns a decided value only, never the empty one.
    ghostSchema: (c) => registerGhostSchema(c, writtenValues(c)),
    properties: [
      ...registerProperties<State>(),
      always('DecidedAgree', decidedAgree, { when: (c, s) => decidedValues(c, s).length > 1 }),
      always('ReadsDecided', readsDecided, { witness: 'ValueChosen' }),
      always('PromiseCoversAccepted', promiseCoversAccepted, { when: (c, s) => acceptedOf(c, s).length > 0 }),
      always('HigherBallotsCarryChosen', higherBallotsCarryChosen, { witness: 'AcceptedAboveChosen' }),
      sometimes('AcceptedAboveChosen', acceptedAboveChosen),
    ],
    validate: validateRegister,
  })
}

export const paxosRegister = paxosRegisterModel('paxos-register', { pick: highestReported })
