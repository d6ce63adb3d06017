/**
 * A register that each server keeps as one copy of its own, with no replication: a port of
 * Stateright's `examples/single-copy-register.rs` (stateright/stateright at commit
 * 4c385128baa589c6760e675ca32219fb722aedd3, of the same API as the examples/paxos.rs of
 * paxos-register.ts: `RegisterActor`, `ActorModel`, `Network::new_unordered_nonduplicating`),
 * with the clients, history and properties of register-clients.ts, onto the actor harness. With
 * one server the register is linearizable; with two, a client that wrote at one server reads the
 * other's stale copy.
 *
 * A server holds a value (empty at first). A Put replaces it and is answered PutOk; a Get is
 * answered GetOk with the value held, empty or not. Nothing else reaches a server. Clients put at
 * server k mod n and read at (k + 1) mod n (register-clients.ts): with one server both go to s0,
 * with two they go to different servers.
 *
 * Network: Stateright's unordered non-duplicating network, a `bag` where a delivery that changes
 * nothing stays in flight (`keepIgnored`). Every server step sends, so only a client's ignored
 * reply is kept (a reply it does not await: none arises with one put and one get per client).
 * The state is Stateright's: each actor's state, the messages in flight, the history.
 *
 * Left out: other networks and the lossy option of the example's `check` command (its test uses
 * neither), and the UDP `spawn` mode.
 *
 * Reference counts (the example's `can_model_single_copy_register` test): 1 server, 2 clients:
 * 93 unique states with DFS, "linearizable" holds; 2 servers, 2 clients: "linearizable" is
 * violated, with BFS, by the 4 deliveries put, PutOk, get (at the other server), GetOk of the
 * empty value (its `unique_state_count` of 20 there is where its BFS stopped, once every property
 * had a discovery, not a property of the model).
 */
import { schema } from '../src/index.ts'
import type { Schema } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Outcome, Role } from '../src/net/index.ts'
import { actorModel } from '../src/net/index.ts'
import { NO_VALUE, clientMessageSchemas, clientsRole, recorded, registerDefinition, writtenValues } from './register-clients.ts'
import type { Client, ClientMsg, RegisterConfig, RegisterGhost } from './register-clients.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = RegisterConfig

/** The values a server may hold or a read return: the empty one and those written. */
const readable = (c: Config): string[] => [NO_VALUE, ...writtenValues(c)]

// ---- messages and state ----------------------------------------------------------------------

/** The clients' messages only: the servers say nothing to each other. */
export type Msg = ClientMsg

/** Stateright's `SingleCopyActor` state: the value held. */
export type Server = string

type Roles = { servers: Server; clients: Client }
/** `{ servers: { s0: '' }, clients: { c1: …, c2: … }, net, history }` */
export type State = ActorState<Roles, Msg, RegisterGhost>
export type Action = ActorAction<Msg>

export function messageSchema(c: Config): Schema {
  return schema.union('type', clientMessageSchemas(c, schema.enum(...readable(c))))
}

// ---- server steps ----------------------------------------------------------------------------

type Step = Outcome<Server, Msg, RegisterGhost> | null

/** A Put: the value replaced, PutOk. A Get: GetOk with the value held. */
export function serverReceive(s: string, x: Server, m: Msg): Step {
  if (m.type === 'Put') return { local: m.value, send: [{ from: s, to: m.from, type: 'PutOk', req: m.req }] }
  if (m.type === 'Get') return { local: x, send: [{ from: s, to: m.from, type: 'GetOk', req: m.req, value: x }] }
  return null
}

// ---- the model -------------------------------------------------------------------------------

export const singleCopyRegister: ActorModel<Config, Roles, Msg, RegisterGhost> = (() => {
  const servers: Role<Config, Server, Msg, RegisterGhost, State> = {
    nodes: (c) => c.servers,
    init: () => NO_VALUE,
    receive: (_c, s, x, m) => recorded(m, serverReceive(s, x, m)),
    schema: (c) => schema.enum(...readable(c)),
  }
  return actorModel<Config, Roles, Msg, RegisterGhost>({
    name: 'single-copy-register',
    roles: { servers, clients: clientsRole<never, State>() },
    message: messageSchema,
    ...registerDefinition<State>(readable),
  })
})()
