/**
 * What Stateright's register examples share, for their ports onto the actor harness
 * (paxos-register.ts, single-copy-register.ts, linearizable-register.ts): the test clients
 * (`RegisterActor::Client` of src/actor/register.rs at commit 585b1a90, with `put_count` 1), the
 * register's messages (`RegisterMsg`'s Put, Get, PutOk, GetOk), the history that its
 * `record_msg_out` / `record_msg_in` hooks write (`RegisterMsg::record_invocations` and
 * `record_returns`, over a `LinearizabilityTester` of a `Register`), and the examples' two
 * properties, "linearizable" and "value chosen". Each model adds its servers and their internal
 * messages.
 *
 * Clients are named after their Stateright ids, which follow the servers' (with 3 servers: c3,
 * c4). As it starts, client k puts its value (A for the first client, B for the second, ...) with
 * request id k at server k mod n; when the put is acknowledged it reads (request id 2k) at server
 * (k + 1) mod n, and stops when the read returns. A reply it does not await it ignores, which on
 * Stateright's unordered networks (the harness's `keepIgnored`) leaves the reply in flight.
 *
 * Left out: put counts other than one per client (every example's), and with them the second
 * put's values ('Z' downwards) of Stateright's client.
 */
import { READ, WRITE_OK, always, emptyHistory, historySchema, ids, invoked, isLinearizable, readOk, register, registerOpSchema, registerRetSchema, returned, schema, sometimes, write } from '../src/index.ts'
import type { History, Property, RegisterOp, RegisterRet, Schema } from '../src/index.ts'
import type { Message, Network, Outcome, Role } from '../src/net/index.ts'
import { messages } from '../src/net/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type RegisterConfig = {
  /** s0..s(n-1): Stateright ids 0..n-1. */
  readonly servers: readonly string[]
  /** Named after their Stateright ids, which follow the servers' (c3, c4 after 3 servers). */
  readonly clients: readonly string[]
}

/** Servers s0.., then clients numbered on after them, as Stateright numbers its actors. */
export function registerConfig(servers: number, clients: number): RegisterConfig {
  // `ids` checks the counts; the names are Stateright's ids, from 0.
  const ss = ids('s', servers).map((_, i) => `s${i}`)
  return { servers: ss, clients: ids('c', clients).map((_, i) => `c${ss.length + i}`) }
}

/** A node's Stateright id: servers first, then clients. */
export const idOf = (c: RegisterConfig, node: string): number => {
  const s = c.servers.indexOf(node)
  return s >= 0 ? s : c.servers.length + c.clients.indexOf(node)
}

/** The register's value before any write: Rust's `char::default()` in the originals. */
export const NO_VALUE = ''
const REGISTER = register(NO_VALUE)

/** Client k's value: 'A' + (k - servers), as Stateright's client picks it. */
export const valueOf = (c: RegisterConfig, client: string): string => String.fromCharCode(65 + idOf(c, client) - c.servers.length)

/** The values the clients write. */
export const writtenValues = (c: RegisterConfig): string[] => c.clients.map((k) => valueOf(c, k))

/** A request id: k or 2k for the actor with Stateright id k. */
export const requestSchema = (c: RegisterConfig): Schema => schema.int(0, 2 * (c.servers.length + c.clients.length))

// ---- messages --------------------------------------------------------------------------------

/** `RegisterMsg` less `Internal`: what clients and servers say to each other. */
export type ClientMsg =
  | { readonly from: string; readonly to: string; readonly type: 'Put'; readonly req: number; readonly value: string }
  | { readonly from: string; readonly to: string; readonly type: 'Get'; readonly req: number }
  | { readonly from: string; readonly to: string; readonly type: 'PutOk'; readonly req: number }
  | { readonly from: string; readonly to: string; readonly type: 'GetOk'; readonly req: number; readonly value: string }

const CLIENT_TYPES: ReadonlySet<string> = new Set(['Put', 'Get', 'PutOk', 'GetOk'])

/** The message as one of the clients' (null: a protocol's internal message). */
const asClientMsg = (m: Message): ClientMsg | null => (CLIENT_TYPES.has(m.type) ? (m as ClientMsg) : null)

/** The schemas of the clients' messages, with `value` the schema of a value a GetOk may carry. */
export function clientMessageSchemas(c: RegisterConfig, value: Schema): Record<string, Record<string, Schema>> {
  const S = schema.enum(...c.servers)
  const C = schema.enum(...c.clients)
  const req = requestSchema(c)
  return {
    Put: { from: C, to: S, req, value: schema.enum(...writtenValues(c)) },
    Get: { from: C, to: S, req },
    PutOk: { from: S, to: C, req },
    GetOk: { from: S, to: C, req, value },
  }
}

// ---- state -----------------------------------------------------------------------------------

/** Stateright's `RegisterActorState::Client`: the request awaited (null: done) and the operations
 * sent so far. */
export type Client = { readonly awaiting: number | null; readonly ops: number }
const CLIENT: Client = { awaiting: null, ops: 0 }

export type RegisterGhost = {
  /** The register's history: an invocation per Put or Get sent, a return per answer taken. */
  readonly history: History<RegisterOp, RegisterRet>
}

/** The history's schema: each client makes two operations (its put, then its get), and a read
 * returns one of `readable`. */
export const registerGhostSchema = (c: RegisterConfig, readable: readonly string[]): { readonly history: Schema } => ({
  history: historySchema(c.clients, registerOpSchema(writtenValues(c)), registerRetSchema(readable), 2),
})

// ---- the history hooks -----------------------------------------------------------------------

type RegisterHistory = RegisterGhost['history']

/** Stateright's `record_msg_out` for a register: a Put or Get sent is an invocation by its sender. */
const recordSent = (h: RegisterHistory, m: ClientMsg): RegisterHistory =>
  m.type === 'Put' ? invoked(h, m.from, write(m.value)) : m.type === 'Get' ? invoked(h, m.from, READ) : h

/** Stateright's `record_msg_in`: a PutOk or GetOk taken is a return to its receiver. */
const recordReceived = (h: RegisterHistory, m: ClientMsg): RegisterHistory =>
  m.type === 'PutOk' ? returned(h, m.to, WRITE_OK) : m.type === 'GetOk' ? returned(h, m.to, readOk(m.value)) : h

const isCall = (m: Message): boolean => m.type === 'Put' || m.type === 'Get'
const isAnswer = (m: Message): boolean => m.type === 'PutOk' || m.type === 'GetOk'

/** A step's outcome with the history written as the hooks write it: the message taken first (if
 * it is an answer), then each message sent in order. The outcome as it is when neither applies, so
 * a step that writes no history writes no ghost. Stateright records nothing for a delivery that
 * is no transition; here such a delivery has no outcome (null) to record. */
export function recorded<L, M extends Message>(received: M | null, o: Outcome<L, M, RegisterGhost> | null): Outcome<L, M, RegisterGhost> | null {
  if (o === null) return null
  const sent = o.send ?? []
  if (!(received !== null && isAnswer(received)) && !sent.some(isCall)) return o
  return {
    ...o,
    ghost: (g) => {
      const answer = received === null ? null : asClientMsg(received)
      let h = answer === null ? g.history : recordReceived(g.history, answer)
      for (const m of sent) {
        const call = asClientMsg(m)
        if (call !== null) h = recordSent(h, call)
      }
      return { history: h }
    },
  }
}

// ---- client steps ----------------------------------------------------------------------------

type Step = Outcome<Client, ClientMsg, RegisterGhost> | null

/** Client k, as it starts: puts its value with request id k at server k mod n. */
export function startClient(c: RegisterConfig, k: string): Step {
  const id = idOf(c, k)
  const to = c.servers[id % c.servers.length] as string
  return { local: { awaiting: id, ops: 1 }, send: [{ from: k, to, type: 'Put', req: id, value: valueOf(c, k) }] }
}

/** The PutOk it awaits: it reads, request id 2k, at server (k + 1) mod n. */
export function onPutOk(c: RegisterConfig, k: string, x: Client, m: ClientMsg & { type: 'PutOk' }): Step {
  // mutants (paxos-register's first run, when these steps were its own): `ops: x.ops` below, and
  // in onGetOk, survived and is equivalent: ops is read only here, before it is updated, and this
  // runs once per client (after it the client awaits 2k, and a PutOk to it carries k).
  if (x.awaiting !== m.req) return null
  const id = idOf(c, k)
  const req = (x.ops + 1) * id
  const to = c.servers[(id + x.ops) % c.servers.length] as string
  return { local: { awaiting: req, ops: x.ops + 1 }, send: [{ from: k, to, type: 'Get', req }] }
}

/** The GetOk it awaits: done. */
export function onGetOk(x: Client, m: ClientMsg & { type: 'GetOk' }): Step {
  // mutants: deleting this guard survived and is equivalent: a client sends one Get, which every
  // register port answers once, so the only GetOk a client receives is the one it awaits.
  if (x.awaiting !== m.req) return null
  return { local: { awaiting: null, ops: x.ops + 1 } }
}

export function clientReceive(c: RegisterConfig, k: string, x: Client, msg: Message): Step {
  const m = asClientMsg(msg)
  return m === null ? null : m.type === 'PutOk' ? onPutOk(c, k, x, m) : m.type === 'GetOk' ? onGetOk(x, m) : null
}

/** The clients as a role of a model whose messages are the clients' and the protocol's `I`, its
 * history recorded by the hooks. */
export function clientsRole<I extends Message, S>(): Role<RegisterConfig, Client, ClientMsg | I, RegisterGhost, S> {
  return {
    nodes: (c) => c.clients,
    init: () => CLIENT,
    start: (c, k) => recorded(null, startClient(c, k)),
    receive: (c, k, x, m) => recorded(m, clientReceive(c, k, x, m)),
    schema: (c) => schema.record({ awaiting: schema.nullable(requestSchema(c)), ops: schema.int(0, 3) }),
  }
}

// ---- properties ------------------------------------------------------------------------------

type Observed = RegisterGhost & { readonly net: Network<Message> }

// The property reads a history that most steps pass on as it is (the same instance): decided once
// per history, for the last one asked about.
let lastHistory: { readonly h: RegisterHistory; readonly ok: boolean } | undefined
/** Stateright's "linearizable": the history has a linearization (a register explains it). */
export const linearizable = (_c: RegisterConfig, s: Observed): boolean => {
  if (lastHistory === undefined || lastHistory.h !== s.history) lastHistory = { h: s.history, ok: isLinearizable(REGISTER, s.history) }
  return lastHistory.ok
}

/** Stateright's "value chosen": a GetOk carrying a value is in flight. */
export const valueChosen = (_c: RegisterConfig, s: Observed): boolean =>
  messages(s.net).some((m) => m.type === 'GetOk' && m.value !== NO_VALUE)

/** The examples' properties: "linearizable" (always), "value chosen" (sometimes, its witness). */
export const registerProperties = <S extends Observed>(): Property<RegisterConfig, S>[] => [
  always('Linearizable', linearizable, { witness: 'ValueChosen' }),
  sometimes('ValueChosen', valueChosen),
]

/** The initial ghost: every client's history empty. */
export const registerGhost = (c: RegisterConfig): RegisterGhost => ({ history: emptyHistory(c.clients) })

/** A configuration the clients can run in. */
export const validateRegister = (c: RegisterConfig): string | undefined =>
  c.servers.length === 0 || c.clients.length === 0
    ? `at least one server and one client (servers ${c.servers.length}, clients ${c.clients.length})`
    : c.clients.length > 26
      ? `at most 26 clients (one letter each), not ${c.clients.length}`
      : undefined

/** What a register model's definition shares with the others, given the values a read may return:
 * Stateright's unordered non-duplicating network (a bag, no faults, an ignored delivery no step),
 * the history ghost, the examples' properties and the validation. */
export const registerDefinition = <S extends Observed>(readable: (c: RegisterConfig) => readonly string[]) => ({
  network: () => ({ semantics: 'bag' as const, budget: {}, keepIgnored: true }),
  ghost: registerGhost,
  ghostSchema: (c: RegisterConfig) => registerGhostSchema(c, readable(c)),
  properties: registerProperties<S>(),
  validate: validateRegister,
})
