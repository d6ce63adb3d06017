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
 * Buggy variant: paxos-register-lowest-prepared.ts (the leader drives the lowest report).
 */
import { schema, setAdd } from '../src/index.ts'
import type { Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Outcome, Role } from '../src/net/index.ts'
import { actorModel } from '../src/net/index.ts'
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

const compareBallots = (a: Ballot, b: Ballot): number => a[0] - b[0] || a[1] - b[1]
const majority = (c: Config): number => Math.floor(c.servers.length / 2) + 1
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
  })
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

/** A decided server answers a Get with the decided value and ignores everything else. */
export function onDecidedServer(s: string, x: Server, m: Msg): Step<Server> {
  if (m.type !== 'Get') return null
  // Stateright panics here too: a server decides only with an accepted proposal.
  if (x.accepted === null) throw new Error(`paxos-register: ${s} is decided but has accepted nothing`)
  return { local: x, send: [{ from: s, to: m.from, type: 'GetOk', req: m.req, value: x.accepted.proposal.value }] }
}

/** A Put to a server with no proposal yet: a new ballot (round + 1, its id) for the client's
 * proposal, its own promise counted, Prepare to its peers. */
export function onPut(c: Config, s: string, x: Server, m: Msg & { type: 'Put' }): Step<Server> {
  if (x.proposal !== null) return null
  const ballot: Ballot = [x.ballot[0] + 1, idOf(c, s)]
  return {
    local: { ...x, ballot, proposal: { req: m.req, client: m.from, value: m.value }, prepares: [{ from: s, last: x.accepted }], accepts: [] },
    send: peersOf(c, s).map((to) => ({ from: s, to, type: 'Prepare', ballot })),
  }
}

/** A Prepare for a higher ballot: promised (the ballot taken), answered with what it last accepted. */
export function onPrepare(s: string, x: Server, m: Msg & { type: 'Prepare' }): Step<Server> {
  if (compareBallots(x.ballot, m.ballot) >= 0) return null
  return { local: { ...x, ballot: m.ballot }, send: [{ from: s, to: m.from, type: 'Prepared', ballot: m.ballot, last: x.accepted }] }
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
    send: peersOf(c, s).map((to) => ({ from: s, to, type: 'Accept', ballot: m.ballot, proposal })),
  }
}

/** An Accept for a ballot at least its own: accepted (the ballot taken), answered Accepted. */
export function onAccept(s: string, x: Server, m: Msg & { type: 'Accept' }): Step<Server> {
  if (compareBallots(x.ballot, m.ballot) > 0) return null
  return { local: { ...x, ballot: m.ballot, accepted: { ballot: m.ballot, proposal: m.proposal } }, send: [{ from: s, to: m.from, type: 'Accepted', ballot: m.ballot }] }
}

/** An Accepted for its ballot: counted; the one that makes a majority decides: Decided to its
 * peers, PutOk to the proposal's client. */
export function onAccepted(c: Config, s: string, x: Server, m: Msg & { type: 'Accepted' }): Step<Server> {
  if (compareBallots(x.ballot, m.ballot) !== 0) return null
  const accepts = setAdd(x.accepts, m.from)
  if (accepts.length !== majority(c)) return { local: { ...x, accepts } }
  const proposal = x.proposal
  if (proposal === null) throw new Error(`paxos-register: ${s} has accepts for its ballot but no proposal`)
  return {
    local: { ...x, accepts, decided: true },
    send: [
      ...peersOf(c, s).map((to): Msg => ({ from: s, to, type: 'Decided', ballot: m.ballot, proposal })),
      { from: s, to: proposal.client, type: 'PutOk', req: proposal.req },
    ],
  }
}

/** A decision learnt: the decided proposal is its accepted one, in the decided ballot. */
export function onDecided(x: Server, m: Msg & { type: 'Decided' }): Step<Server> {
  return { local: { ...x, ballot: m.ballot, accepted: { ballot: m.ballot, proposal: m.proposal }, decided: true } }
}

export function serverReceive(c: Config, rules: Rules, s: string, x: Server, m: Msg): Step<Server> {
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
    properties: registerProperties<State>(),
    validate: validateRegister,
  })
}

/** Stateright's rule: the highest ballot reported, "nothing accepted" lowest. Equal ballots carry
 * the same proposal (one leader per ballot), so the ballot alone decides. */
export const highestReported = (reported: readonly (Accepted | null)[]): Accepted | null => {
  let best: Accepted | null = null
  for (const r of reported) if (r !== null && (best === null || compareBallots(r.ballot, best.ballot) > 0)) best = r
  return best
}

export const paxosRegister = paxosRegisterModel('paxos-register', { pick: highestReported })
