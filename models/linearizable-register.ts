/**
 * A linearizable register replicated over servers by quorums: ABD (Attiya, Bar-Noy and Dolev,
 * "Sharing Memory Robustly in Message-Passing Systems"), a port of Stateright's
 * `examples/linearizable-register.rs` (stateright/stateright at commit
 * 70c73751f2d595ad5b039c1f3defc58b0c5ce399, of the same API as the examples/paxos.rs of
 * paxos-register.ts), with the clients, history and properties of register-clients.ts, onto the
 * actor harness.
 *
 * Each server holds a value with its sequencer, a (logical clock, Stateright id) pair compared as
 * a tuple: (0, its id) and the empty value at first. A server serves one request at a time (a Put
 * or Get that arrives while it serves one is not taken, and waits in flight). Phase 1, query: it
 * counts its own (sequencer, value) and asks its peers (Query); each answers with its own
 * (AckQuery), and the answer that makes a quorum (a majority, `==` as each arrives) ends the
 * phase with the highest sequencer reported. A write takes the next clock (clock + 1, its own id)
 * for its value; a read takes the highest pair as it is. Phase 2, record: it keeps the pair if it
 * is above its own, counts its own acknowledgement and asks its peers to record it (Record); a
 * peer answers AckRecord at once and keeps the pair if it is above its own; with a quorum of
 * acknowledgements (each peer counted once) it answers the client, PutOk or GetOk with the value
 * read. The read's phase 2 is the write-back that makes reads linearizable: a later read cannot
 * find an older value at its quorum than this read returned.
 *
 * Network: Stateright's unordered non-duplicating network, a `bag` where a delivery that changes
 * nothing stays in flight (`keepIgnored`): a Put or Get to a busy server, an answer for a request
 * the server no longer serves (late, or from a peer already counted), a reply a client does not
 * await. Stateright elides a delivery whose handler neither wrote its state (`Cow::Borrowed`) nor
 * sent; here, one whose outcome keeps the node's state object and sends nothing: each handler
 * below returns a new state exactly where Stateright's writes it (an answer counted always is,
 * even when the phase does not move on). The state is Stateright's: each actor's state, the
 * messages in flight, the history. (The count depends on `keepIgnored`: 626 states if such
 * deliveries consumed their message.)
 *
 * Left out: other networks and the UDP `spawn` mode. Other configurations run (its `check`
 * command uses 3 servers) but have no published count. This version of the example has no
 * `within_boundary` (earlier ones capped the clock at 3): with one write per client, a clock
 * cannot pass the number of clients.
 *
 * Reference count (the example's `can_model_linearizable_register` test): 2 servers, 2 clients:
 * 544 unique states with BFS and with DFS, "linearizable" holds.
 * Properties: Stateright's two (register-clients.ts) and two over the servers' states that it
 * lacks (AnsweredAtQuorum, SequencerNamesOneValue; the counts are the same).
 * Buggy variant: linearizable-register-stale-clock.ts (a write that does not advance the clock).
 */
import { always, schema, setAdd } from '../src/index.ts'
import type { Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Outcome, Role } from '../src/net/index.ts'
import { actorModel, messages } from '../src/net/index.ts'
import { interned } from './intern.ts'
import { NO_VALUE, clientMessageSchemas, clientsRole, idOf, recorded, registerDefinition, requestSchema, writtenValues } from './register-clients.ts'
import type { Client, ClientMsg, RegisterConfig, RegisterGhost } from './register-clients.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = RegisterConfig

/** The rules the variants change. */
export type Rules = {
  /** The clock a write takes, from the highest one its query found. Stateright: one above. */
  readonly nextClock: (highest: number) => number
  /** Whether a read records what it read at a quorum before it answers (phase 2, the
   * write-back). Stateright: yes. */
  readonly writeBack: boolean
}

/** The values a server may hold or a read return: the empty one and those written. */
const readable = (c: Config): string[] => [NO_VALUE, ...writtenValues(c)]

// ---- messages --------------------------------------------------------------------------------

/** (logical clock, the writing server's Stateright id), ordered as Rust orders the tuple. */
export type Seq = readonly [clock: number, id: number]

/** ABD's messages between servers (Stateright's `RegisterMsg::Internal(AbdMsg)`). */
export type AbdMsg =
  | { readonly from: string; readonly to: string; readonly type: 'Query'; readonly req: number }
  | { readonly from: string; readonly to: string; readonly type: 'AckQuery'; readonly req: number; readonly seq: Seq; readonly value: string }
  | { readonly from: string; readonly to: string; readonly type: 'Record'; readonly req: number; readonly seq: Seq; readonly value: string }
  | { readonly from: string; readonly to: string; readonly type: 'AckRecord'; readonly req: number }
export type Msg = ClientMsg | AbdMsg

// ---- state -----------------------------------------------------------------------------------

/** A server's answer to a query: who, and the pair it held. */
export type Response = { readonly from: string; readonly seq: Seq; readonly value: string }

/** Stateright's `AbdPhase`: the request served, for whom, and the phase's progress. */
export type Phase =
  | {
      readonly phase: 'Query'
      readonly req: number
      readonly requester: string
      /** A write's value (null: a read). */
      readonly write: string | null
      /** The answers so far, its own included, one per server. */
      readonly responses: SetOf<Response>
    }
  | {
      readonly phase: 'Record'
      readonly req: number
      readonly requester: string
      /** A read's value, to answer with (null: a write). */
      readonly read: string | null
      /** The servers that recorded the pair, itself included. */
      readonly acks: SetOf<string>
    }

/** Stateright's `AbdState`. */
export type Server = {
  readonly seq: Seq
  readonly value: string
  /** The request it serves (null: none). */
  readonly phase: Phase | null
}

type Roles = { servers: Server; clients: Client }
type Ghost = RegisterGhost
/** `{ servers: { s0: …, s1: … }, clients: { c2: …, c3: … }, net, history }` */
export type State = ActorState<Roles, Msg, Ghost>
export type Action = ActorAction<Msg>

const compareSeqs = (a: Seq, b: Seq): number => a[0] - b[0] || a[1] - b[1]
const majority = (c: Config): number => Math.floor(c.servers.length / 2) + 1
const peersOf = (c: Config, node: string): readonly string[] => c.servers.filter((s) => s !== node)

// ---- schema ----------------------------------------------------------------------------------

const shapes = (c: Config) => {
  const S = schema.enum(...c.servers)
  const C = schema.enum(...c.clients)
  const V = schema.enum(...readable(c))
  const req = requestSchema(c)
  // A clock grows by one per write (one per client); the id is a server's.
  const seq = schema.list(schema.int(0, Math.max(c.clients.length, c.servers.length - 1)))
  return { S, C, V, req, seq }
}

/** The messages; a worker thread's decoded ones are the model's shared instances, as the
 * servers' are (every message a server sends is `interned`, so the harness keeps one delivery
 * action and label per message: servers=3 clients=2 cut at 2,000,000 states, 89.1K -> 101.7K
 * states per CPU-s, `node --import tsx bench/one-run.ts specs/linearizable-register.ts servers=3
 * clients=2 --max-states 2000000 --no-mutation-check`). */
export function messageSchema(c: Config): Schema {
  const { S, V, req, seq } = shapes(c)
  return schema.union('type', {
    ...clientMessageSchemas(c, V),
    Query: { from: S, to: S, req },
    AckQuery: { from: S, to: S, req, seq, value: V },
    Record: { from: S, to: S, req, seq, value: V },
    AckRecord: { from: S, to: S, req },
  }, { intern: (m) => interned(m as Msg) })
}

const serverSchema = (c: Config): Schema => {
  const { S, C, V, req, seq } = shapes(c)
  return schema.record({
    seq,
    value: V,
    phase: schema.nullable(
      schema.union('phase', {
        Query: { req, requester: C, write: schema.nullable(V), responses: schema.setOf(schema.record({ from: S, seq, value: V })) },
        Record: { req, requester: C, read: schema.nullable(V), acks: schema.setOf(S) },
      }),
    ),
  })
}

// ---- init ------------------------------------------------------------------------------------

/** Server s: (0, its id), the empty value, serving nothing. */
const initServer = (c: Config, s: string): Server => ({ seq: [0, idOf(c, s)], value: NO_VALUE, phase: null })

type Step<L> = Outcome<L, Msg, Ghost> | null

// ---- server steps ----------------------------------------------------------------------------

/** A Put or Get to an idle server: phase 1, its own pair counted, Query to its peers. */
export function onRequest(c: Config, s: string, x: Server, m: Msg & { type: 'Put' | 'Get' }): Step<Server> {
  if (x.phase !== null) return null
  const responses: SetOf<Response> = [{ from: s, seq: x.seq, value: x.value }]
  return {
    local: { ...x, phase: { phase: 'Query', req: m.req, requester: m.from, write: m.type === 'Put' ? m.value : null, responses } },
    send: peersOf(c, s).map((to) => interned<Msg>({ from: s, to, type: 'Query', req: m.req })),
  }
}

/** A Query: answered with its pair. */
export function onQuery(s: string, x: Server, m: Msg & { type: 'Query' }): Step<Server> {
  return { local: x, send: [interned<Msg>({ from: s, to: m.from, type: 'AckQuery', req: m.req, seq: x.seq, value: x.value })] }
}

/** An answer to the query it runs: counted (a server counted again replaces its entry); the one
 * that makes a quorum starts phase 2 with the highest pair, a write's with the next clock and its
 * value: kept if above its own, its own acknowledgement counted, Record to its peers. (Without
 * `writeBack`, a read answers the highest value at once instead.) */
export function onAckQuery(c: Config, rules: Rules, s: string, x: Server, m: Msg & { type: 'AckQuery' }): Step<Server> {
  const p = x.phase
  // mutants: dropping the request-id test here or in onAckRecord (an answer counted for whatever
  // phase the server runs) survives, equivalent at the bundled bounds: an answer of an earlier
  // request is never in flight. With two servers a phase ends on the one peer's answer and
  // consumes it; with one client (specs/linearizable-register-three-servers.ts) each server serves
  // one request. A server that serves two requests while a third server's answer to the first is
  // late needs three servers and two clients: millions of states, beyond the suite.
  if (p === null || p.phase !== 'Query' || p.req !== m.req) return null
  const responses = setAdd(
    p.responses.filter((r) => r.from !== m.from),
    { from: m.from, seq: m.seq, value: m.value },
  )
  if (responses.length !== majority(c)) return { local: { ...x, phase: { ...p, responses } } }
  let highest = responses[0] as Response
  for (const r of responses) if (compareSeqs(r.seq, highest.seq) > 0) highest = r
  const seq: Seq = p.write === null ? highest.seq : [rules.nextClock(highest.seq[0]), idOf(c, s)]
  const value = p.write ?? highest.value
  if (p.write === null && !rules.writeBack) return { local: { ...x, phase: null }, send: [interned<Msg>({ from: s, to: p.requester, type: 'GetOk', req: p.req, value })] }
  const keep = compareSeqs(seq, x.seq) > 0
  return {
    local: { seq: keep ? seq : x.seq, value: keep ? value : x.value, phase: { phase: 'Record', req: p.req, requester: p.requester, read: p.write === null ? value : null, acks: [s] } },
    send: peersOf(c, s).map((to) => interned<Msg>({ from: s, to, type: 'Record', req: p.req, seq, value })),
  }
}

/** A Record: acknowledged, the pair kept if above its own. */
export function onRecord(s: string, x: Server, m: Msg & { type: 'Record' }): Step<Server> {
  const ack = interned<Msg>({ from: s, to: m.from, type: 'AckRecord', req: m.req })
  return { local: compareSeqs(m.seq, x.seq) > 0 ? { ...x, seq: m.seq, value: m.value } : x, send: [ack] }
}

/** An acknowledgement of the pair it records, from a server not counted yet: counted; the one
 * that makes a quorum answers the client and ends the request. */
export function onAckRecord(c: Config, s: string, x: Server, m: Msg & { type: 'AckRecord' }): Step<Server> {
  const p = x.phase
  if (p === null || p.phase !== 'Record' || p.req !== m.req || p.acks.includes(m.from)) return null
  const acks = setAdd(p.acks, m.from)
  if (acks.length !== majority(c)) return { local: { ...x, phase: { ...p, acks } } }
  const answer: Msg =
    p.read === null ? { from: s, to: p.requester, type: 'PutOk', req: p.req } : { from: s, to: p.requester, type: 'GetOk', req: p.req, value: p.read }
  return { local: { ...x, phase: null }, send: [interned(answer)] }
}

export function serverReceive(c: Config, rules: Rules, s: string, x: Server, m: Msg): Step<Server> {
  switch (m.type) {
    case 'Put':
    case 'Get':
      return onRequest(c, s, x, m)
    case 'Query':
      return onQuery(s, x, m)
    case 'AckQuery':
      return onAckQuery(c, rules, s, x, m)
    case 'Record':
      return onRecord(s, x, m)
    case 'AckRecord':
      return onAckRecord(c, s, x, m)
    default:
      return null
  }
}

// ---- properties ------------------------------------------------------------------------------

// Not in Stateright's example. Its history is a weak witness at its bounds: with two servers a
// quorum is every server, so a read's own server already holds the highest pair, and a Record that
// overwrites a higher pair, a clock compared without the writer's id, or a write that takes
// another server's id changed the state space only (a helper's hand-written mutants,
// bench/results/mutants-hand-written-4.txt). These state what ABD promises, over the servers'
// states, and add no state. (A read that picks the lowest pair, or answers with its own server's
// value, needs a quorum that is not every server: specs/linearizable-register-three-servers.ts.)

// The properties' own order and majority, written here again so that a mutant of the protocol's
// (`compareSeqs`, `majority`) does not change what they call higher or a quorum.
const seqOrder = (a: Seq, b: Seq): number => a[0] - b[0] || a[1] - b[1]
const quorumOf = (c: Config): number => Math.floor(c.servers.length / 2) + 1

/** Every (sequencer, value) pair the state holds: the servers', the answers to queries (in flight
 * and counted) and the records in flight. */
function pairsOf(c: Config, s: State): Response[] {
  const out: Response[] = []
  for (const n of c.servers) {
    const x = s.servers[n] as Server
    out.push({ from: n, seq: x.seq, value: x.value })
    if (x.phase?.phase === 'Query') out.push(...x.phase.responses)
  }
  for (const m of messages(s.net)) if (m.type === 'AckQuery' || m.type === 'Record') out.push({ from: m.from, seq: m.seq, value: m.value })
  return out
}

/** ABD's quorum invariant: a value a client was told of (a completed write of it, or a completed
 * read that returned it) is held, with its sequencer or a higher one, by a majority of servers
 * (a write or a read answers only once a majority recorded its pair, and a server's pair only
 * grows). A value's sequencer is the one its pairs carry (one writer, one sequencer). */
export const answeredAtQuorum = (c: Config, s: State): boolean => {
  const pairs = pairsOf(c, s)
  for (const k of c.clients) {
    const log = s.history.threads[k]
    if (log === null || log === undefined) continue
    for (const d of log.done) {
      const v = d.ret.type === 'ReadOk' ? d.ret.value : d.op.type === 'Write' ? d.op.value : NO_VALUE
      if (v === NO_VALUE) continue
      let seq: Seq | null = null
      for (const p of pairs) if (p.value === v && (seq === null || seqOrder(p.seq, seq) > 0)) seq = p.seq
      if (seq === null) continue
      let holding = 0
      for (const n of c.servers) if (seqOrder((s.servers[n] as Server).seq, seq) >= 0) holding++
      if (holding < quorumOf(c)) return false
    }
  }
  return true
}

/** A sequencer names one value: a write takes a sequencer no pair had (a clock above every one its
 * quorum reported, with its server's id), and a read passes a pair on unchanged. */
export const sequencerNamesOneValue = (c: Config, s: State): boolean => {
  const pairs = pairsOf(c, s)
  for (const a of pairs) for (const b of pairs) if (seqOrder(a.seq, b.seq) === 0 && a.value !== b.value) return false
  return true
}

// ---- the model -------------------------------------------------------------------------------

export function linearizableRegisterModel(name: string, rules: Rules): ActorModel<Config, Roles, Msg, Ghost> {
  const servers: Role<Config, Server, Msg, Ghost, State> = {
    nodes: (c) => c.servers,
    init: initServer,
    receive: (c, s, x, m) => recorded(m, serverReceive(c, rules, s, x, m)),
    schema: serverSchema,
  }
  const shared = registerDefinition<State>(readable)
  return actorModel<Config, Roles, Msg, Ghost>({
    name,
    roles: { servers, clients: clientsRole<AbdMsg, State>() },
    message: messageSchema,
    ...shared,
    properties: [
      ...shared.properties,
      always('AnsweredAtQuorum', answeredAtQuorum, { witness: 'ValueChosen' }),
      always('SequencerNamesOneValue', sequencerNamesOneValue, { witness: 'ValueChosen' }),
    ],
  })
}

export const linearizableRegister = linearizableRegisterModel('linearizable-register', { nextClock: (highest) => highest + 1, writeBack: true })
