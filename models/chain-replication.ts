/**
 * Chain replication (R. van Renesse, F. B. Schneider, "Chain Replication for Supporting High
 * Throughput and Availability", OSDI 2004) of one append-only object on the actor harness
 * (src/net). Servers form a chain, head first: a client sends its writes to the head and its
 * reads to the tail. The head appends a write to its history and forwards it down the chain as
 * an `Update` carrying its position; each server appends it and forwards it on; the tail appends
 * it, acknowledges the write to the client (`WriteAck`) and sends an `Ack` back up the chain,
 * which lets each server drop the update from `Sent` (its updates forwarded and not yet known to
 * be at the tail). A read is answered by the tail alone, from its own history: the tail holds
 * exactly the writes the chain has committed.
 *
 * The master (the paper's fault-tolerant master, one node here that never fails) watches the
 * servers with an accurate failure detector and removes a crashed server from the chain. Every
 * server learns the new chain from it (`Reconnect`, a step of the server that reads the master's
 * chain: the master's notification, delivered atomically, is left out) and then does what §3 of
 * the paper asks: a server with a new successor resends its `Sent` to it (a middle server was
 * removed) and its new successor acknowledges to it what is known to be at the tail (the Acks
 * it passed to the removed server died with it), a server that has become the tail acknowledges
 * its `Sent` itself (the tail was removed), and a new head simply starts taking writes (the head
 * was removed: writes in flight to the old head are lost, and a client would retry — left out).
 * (The acknowledgement to a new predecessor is not the paper's step, whose successor reports
 * the last update it holds; it is what keeps Sent from holding committed updates for ever,
 * `SentDrained`.) Updates carry their position in the history, so a server takes only the next
 * one and ignores a copy it already holds (the resent `Sent` overlaps what the crashed server had
 * passed on): histories stay prefixes of each other however updates are resent, lost or delayed.
 *
 * Faults: crash-stop servers (no restart: the paper's fail-stop servers) within the spec's crash
 * budget, and lost messages (`drop`), which the paper's reliable FIFO links exclude: a lost
 * update stalls its successor (safety holds, liveness fails). Links are FIFO.
 *
 * Writes are the values 1..writes in issue order (unique, so a value names its write); the client
 * may have several in flight. A read records the writes acknowledged when it was issued (its
 * `floor`) and, once answered, the history it returned (`got`): the properties read the client's
 * own state, so no ghost variable is needed.
 *
 * Left out: client retries, several clients, the master's own replication, adding servers to a
 * chain, and the master's messages to the servers (a server reads its new neighbours from the
 * master's chain).
 *
 * Buggy variants (`Bugs`, one line each, specs/chain-replication-*.ts): the head acknowledges a
 * write as soon as it has it (before the tail), and the client reads from the head.
 *
 * Properties beyond the paper's update propagation and the clients' view: `InprocessRequests`
 * (no server acknowledges more than the tail holds), `RemovedServersFailed` (the master removes
 * crashed servers only) and `SentDrained` (every Sent empties once the writes are acknowledged),
 * added for one-line bugs the others missed (docs/mutation-testing.md, "Lamport's mutex and chain
 * replication").
 */
import { always, eventually, ids, schema, setAdd, setHas, sometimes, weakFair } from '../src/index.ts'
import type { Fairness, Params, Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Context, FaultBudget, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { actorModel, isUp, stepAt } from '../src/net/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** The servers in their initial chain order, head first. */
  readonly servers: readonly string[]
  /** The client's node and the master's. */
  readonly client: string
  readonly master: string
  /** How many writes the client issues (values 1..writes) and how many reads. */
  readonly writes: number
  readonly reads: number
  /** The servers that may crash (within `budget.crash`; they never restart). */
  readonly crashable: readonly string[]
  readonly budget: FaultBudget
}

/** A spec's configuration: servers s1..s<servers>, `writes` writes, `reads` reads, `crashes`
 * crashes of any server, `drops` lost messages. */
export function configFrom(p: Params): Config {
  const servers = ids('s', p.servers as number)
  const crashes = (p.crashes as number | undefined) ?? 0
  const drops = (p.drops as number | undefined) ?? 0
  return {
    servers,
    client: 'c',
    master: 'm',
    writes: p.writes as number,
    reads: p.reads as number,
    crashable: crashes > 0 ? servers : [],
    budget: { ...(crashes !== 0 ? { crash: crashes } : {}), ...(drops !== 0 ? { drop: drops } : {}) },
  }
}

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  /** client → head: write `v`. */
  | { readonly from: string; readonly to: string; readonly type: 'Write'; readonly v: number }
  /** server → successor: the history's entry at position `seq` (0-based) is `v`. */
  | { readonly from: string; readonly to: string; readonly type: 'Update'; readonly seq: number; readonly v: number }
  /** server → predecessor: the first `n` entries of the history are at the tail. */
  | { readonly from: string; readonly to: string; readonly type: 'Ack'; readonly n: number }
  /** tail → client: write `v` is committed. */
  | { readonly from: string; readonly to: string; readonly type: 'WriteAck'; readonly v: number }
  /** client → tail: read number `id`; tail → client: its history. */
  | { readonly from: string; readonly to: string; readonly type: 'Read'; readonly id: number }
  | { readonly from: string; readonly to: string; readonly type: 'ReadReply'; readonly id: number; readonly hist: readonly number[] }

// ---- state -----------------------------------------------------------------------------------

export type Server = {
  /** Hist: the writes this server has applied, in order. */
  readonly hist: readonly number[]
  /** How many entries of `hist` are known to be at the tail: Sent is `hist.slice(ackedTo)`. */
  readonly ackedTo: number
  /** The neighbours this server last learnt from the master (null: it is the head / the tail). */
  readonly pred: string | null
  readonly succ: string | null
}

/** One read: the writes acknowledged when it was issued, and the history it returned. */
export type ReadRecord = { readonly floor: SetOf<number>; readonly got: readonly number[] | null }

export type Client = {
  /** Writes issued (the next is issued + 1). */
  readonly issued: number
  /** The writes acknowledged to the client. */
  readonly acked: SetOf<number>
  readonly reads: readonly ReadRecord[]
}

/** The master's configuration: the chain, head first. */
export type Master = { readonly chain: readonly string[] }

type Roles = { servers: Server; client: Client; master: Master }
/** `{ servers: { s1, s2, s3 }, client: { c }, master: { m }, net }` */
export type State = ActorState<Roles, Msg>
export type Action = ActorAction<Msg>
export type ChainReplication = ActorModel<Config, Roles, Msg, object>

type Step<L> = Outcome<L, Msg, object> | null

/** One-line bugs a user might write; all false is the protocol. */
export type Bugs = {
  /** The head acknowledges a write to the client as soon as it has it. */
  readonly headAcks: boolean
  /** The client sends its reads to the head. */
  readonly readAtHead: boolean
}
export const noBugs: Bugs = { headAcks: false, readAtHead: false }

// ---- init ------------------------------------------------------------------------------------

const around = (chain: readonly string[], n: string): { pred: string | null; succ: string | null } => {
  const i = chain.indexOf(n)
  return { pred: i > 0 ? (chain[i - 1] as string) : null, succ: i >= 0 && i < chain.length - 1 ? (chain[i + 1] as string) : null }
}

export const serverInit = (c: Config, n: string): Server => ({ hist: [], ackedTo: 0, ...around(c.servers, n) })
export const clientInit = (): Client => ({ issued: 0, acked: [], reads: [] })
export const masterInit = (c: Config): Master => ({ chain: c.servers })

// ---- servers ---------------------------------------------------------------------------------

/** Appends `v` at position `seq` and passes it on: down the chain, or, at the tail, to the
 * client as an acknowledgement and up the chain as an Ack. */
function apply(c: Config, self: string, x: Server, v: number, bugs: Bugs, isHead: boolean): NonNullable<Step<Server>> {
  const hist = [...x.hist, v]
  const seq = x.hist.length
  if (x.succ === null) {
    const up: Msg[] = x.pred === null ? [] : [{ from: self, to: x.pred, type: 'Ack', n: hist.length }]
    return { local: { ...x, hist, ackedTo: hist.length }, send: [{ from: self, to: c.client, type: 'WriteAck', v }, ...up] }
  }
  const down: Msg = { from: self, to: x.succ, type: 'Update', seq, v }
  return { local: { ...x, hist }, send: bugs.headAcks && isHead ? [down, { from: self, to: c.client, type: 'WriteAck', v }] : [down] }
}

/** The head takes a write from the client. */
export const onWrite = (c: Config, self: string, x: Server, v: number, bugs: Bugs): Step<Server> => apply(c, self, x, v, bugs, true)

/** An update from the predecessor: only the next entry is taken; a copy of one already held
 * (a resent `Sent`) or one past a gap (a lost update) is ignored. */
export function onUpdate(c: Config, self: string, x: Server, m: Msg & { type: 'Update' }, bugs: Bugs): Step<Server> {
  if (m.seq !== x.hist.length) return null
  // mutants: `true` for `false` is equivalent in the protocol: `isHead` is read only with
  // `bugs.headAcks` (the head-acks variant's counts change).
  return apply(c, self, x, m.v, bugs, false)
}

/** An acknowledgement from the successor: the first n entries are at the tail; pass it on up. */
export function onAck(self: string, x: Server, m: Msg & { type: 'Ack' }): Step<Server> {
  // mutants: `m.n < x.ackedTo` is equivalent: an Ack of what is acknowledged already changes
  // nothing here, and passed on it changes nothing at the predecessor (counts only).
  if (m.n <= x.ackedTo) return null
  const up: Msg[] = x.pred === null ? [] : [{ from: self, to: x.pred, type: 'Ack', n: m.n }]
  return { local: { ...x, ackedTo: m.n }, send: up }
}

/** The tail answers a read with its history. */
export const onRead = (self: string, x: Server, m: Msg & { type: 'Read' }): Step<Server> => ({
  local: x,
  send: [{ from: self, to: m.from, type: 'ReadReply', id: m.id, hist: x.hist }],
})

export function serverReceive(c: Config, self: string, x: Server, m: Msg, bugs: Bugs): Step<Server> {
  switch (m.type) {
    case 'Write':
      return onWrite(c, self, x, m.v, bugs)
    case 'Update':
      return onUpdate(c, self, x, m, bugs)
    case 'Ack':
      return onAck(self, x, m)
    case 'Read':
      return onRead(self, x, m)
    default:
      return null
  }
}

/**
 * The server learns its neighbours in the master's new chain (enabled while they differ from
 * those it knows). A new successor gets the server's `Sent` again; a server that has become the
 * tail acknowledges its `Sent` to the client and up the chain itself.
 */
export function reconnect(c: Config, self: string, x: Server, chain: readonly string[]): Step<Server> {
  const { pred, succ } = around(chain, self)
  // mutants: deleting this guard is equivalent: a Reconnect that changes nothing is a step to the
  // same state (generated counts, and the fault-free specs' `neverTaken`, change).
  if (pred === x.pred && succ === x.succ) return null
  const next: Server = { ...x, pred, succ }
  // A new predecessor hears what is known here to be at the tail (as, in the paper, the successor
  // of a failed middle server tells the master the last update it received): the Acks this server
  // passed to the failed one died with it, and without this the predecessor's Sent would keep
  // those updates for ever (`SentDrained`). Left out where the successor changes too, which takes
  // two crashes (no spec has more than one). (mutants: `x.ackedTo >= 0` is equivalent: an Ack of
  // nothing changes nothing at the predecessor; counts only.)
  if (succ === x.succ) return { local: next, send: pred !== null && pred !== x.pred && x.ackedTo > 0 ? [{ from: self, to: pred, type: 'Ack', n: x.ackedTo }] : [] }
  const sent = x.hist.slice(x.ackedTo)
  if (succ !== null) return { local: next, send: sent.map((v, i): Msg => ({ from: self, to: succ, type: 'Update', seq: x.ackedTo + i, v })) }
  const acks = sent.map((v): Msg => ({ from: self, to: c.client, type: 'WriteAck', v }))
  // mutants: `pred === null && sent.length === 0` is equivalent: it adds, where Sent is empty, an
  // Ack of what this server has passed up already (counts only); a tail with no predecessor is a
  // chain of one, which one crash of three servers never leaves.
  const up: Msg[] = pred === null || sent.length === 0 ? [] : [{ from: self, to: pred, type: 'Ack', n: x.hist.length }]
  return { local: { ...next, ackedTo: x.hist.length }, send: [...acks, ...up] }
}

const chainOf = (s: State, c: Config): readonly string[] => (s.master[c.master] as Master).chain

// ---- client ----------------------------------------------------------------------------------

/** The client issues its next write, to the head of the master's chain. */
export function clientWrite(c: Config, self: string, x: Client, chain: readonly string[]): Step<Client> {
  if (x.issued >= c.writes || chain.length === 0) return null
  const v = x.issued + 1
  return { local: { ...x, issued: v }, send: [{ from: self, to: chain[0] as string, type: 'Write', v }] }
}

/** The client issues its next read, to the tail of the master's chain, noting what it has seen
 * acknowledged so far. */
export function clientRead(c: Config, self: string, x: Client, chain: readonly string[], bugs: Bugs): Step<Client> {
  if (x.reads.length >= c.reads || chain.length === 0) return null
  const to = (bugs.readAtHead ? chain[0] : chain[chain.length - 1]) as string
  return { local: { ...x, reads: [...x.reads, { floor: x.acked, got: null }] }, send: [{ from: self, to, type: 'Read', id: x.reads.length }] }
}

export function clientReceive(x: Client, m: Msg): Step<Client> {
  if (m.type === 'WriteAck') {
    const acked = setAdd(x.acked, m.v)
    return acked === x.acked ? null : { local: { ...x, acked } }
  }
  if (m.type === 'ReadReply') {
    const r = x.reads[m.id]
    // mutants: deleting this guard, or `&&`, is equivalent: a read gets one reply (the server it
    // went to answers it once, and no spec duplicates messages).
    if (r === undefined || r.got !== null) return null
    return { local: { ...x, reads: x.reads.map((q, i) => (i === m.id ? { floor: q.floor, got: m.hist } : q)) } }
  }
  return null
}

// ---- master ----------------------------------------------------------------------------------

/** The master removes a crashed server from the chain (its failure detector is accurate; a
 * chain of one server is kept: there is no one left to take over). */
export function removeFailed(x: Master, server: string, ctx: Context<Msg, State>): Step<Master> {
  // mutants: `x.chain.length < 1` is equivalent at the specs' bounds (one crash of three servers
  // never leaves one), and `x.chain.length <= 1 && !x.chain.includes(server)` always: `params`
  // offers only the servers of the chain.
  if (x.chain.length <= 1 || !x.chain.includes(server) || ctx.reachable(server)) return null
  return { local: { chain: x.chain.filter((n) => n !== server) } }
}

// ---- properties ------------------------------------------------------------------------------

const server = (s: State, n: string): Server => s.servers[n] as Server
const client = (c: Config, s: State): Client => s.client[c.client] as Client
const isPrefix = (a: readonly number[], b: readonly number[]): boolean => a.length <= b.length && a.every((v, i) => b[i] === v)

/** Update propagation (the paper's invariant): along the master's chain, each server's history
 * is a prefix of its predecessor's. */
export const updatePropagation = (c: Config, s: State): boolean => {
  const chain = chainOf(s, c)
  return chain.every((n, i) => i === 0 || isPrefix(server(s, n).hist, server(s, chain[i - 1] as string).hist))
}

/** A read returns every write acknowledged before it was issued. */
export const readsSeeAckedWrites = (c: Config, s: State): boolean =>
  client(c, s).reads.every((r) => r.got === null || r.floor.every((v) => r.got?.includes(v)))

/** A read returns only committed writes: every write it returned is held by every server of the
 * chain, so no later read, failover or crash can lose it. */
export const readsReturnCommittedWrites = (c: Config, s: State): boolean => {
  const chain = chainOf(s, c)
  return client(c, s).reads.every((r) => r.got === null || r.got.every((v) => chain.every((n) => server(s, n).hist.includes(v))))
}

/** An acknowledged write is held by every server of the chain. */
export const ackedWritesInChain = (c: Config, s: State): boolean => {
  const chain = chainOf(s, c)
  return client(c, s).acked.every((v) => chain.every((n) => server(s, n).hist.includes(v)))
}

/** The paper's Inprocess Requests Invariant (§3: a server's history is its successor's followed by
 * its Sent), read against the tail: a server drops an update from Sent only once the tail has it,
 * so every server of the chain has at most the tail's history length acknowledged. (The other
 * half, "Sent holds nothing the tail has", is no state invariant here: an Ack takes steps to climb
 * the chain.) */
export const inprocessRequests = (c: Config, s: State): boolean => {
  const chain = chainOf(s, c)
  const tail = server(s, chain[chain.length - 1] as string)
  return chain.every((n) => server(s, n).ackedTo <= tail.hist.length)
}

/** The master removes failed servers only (the paper's fail-stop servers and accurate failure
 * detection): every server off the chain has crashed. */
export const removedServersFailed = (c: Config, s: State): boolean => {
  const chain = chainOf(s, c)
  return c.servers.every((n) => chain.includes(n) || !isUp(s.net, n))
}

/** Every live server of the chain has an empty Sent: the tail's Acks have reached it. (With every
 * write acknowledged, `SentDrained` asks that this come to pass: Sent holds the updates on their
 * way to the tail, §3, and an Ack lost to a crash or to the network would leave them there.) */
const sentEmpty = (c: Config, s: State): boolean => chainOf(s, c).every((n) => !isUp(s.net, n) || server(s, n).ackedTo === server(s, n).hist.length)

const answered = (c: Config, s: State): readonly ReadRecord[] => client(c, s).reads.filter((r) => r.got !== null)
const allAcked = (c: Config, s: State): boolean => client(c, s).acked.length === c.writes

/** Weak fairness per node: each node's local steps and the deliveries to it. The master is left
 * out where no server can crash (it never acts: the checker warns of a group that never applies). */
export const nodeFairness = (c: Config): Fairness[] =>
  [...c.servers, c.client, ...((c.budget.crash ?? 0) > 0 ? [c.master] : [])].map((n) =>
    weakFair(stepAt(n), `node(${n})`),
  )

// ---- the model -------------------------------------------------------------------------------

export function validate(c: Config): string | undefined {
  if (c.servers.length < 1) return 'at least one server is needed'
  if (c.writes < 1 || c.reads < 0) return `at least one write and no negative reads (writes ${c.writes}, reads ${c.reads})`
  if ((c.budget.crash ?? 0) < 0 || (c.budget.drop ?? 0) < 0) return 'crashes and drops are counts, at least 0'
  return undefined
}

function schemas(c: Config): { server: Schema; client: Schema; master: Schema; message: Schema } {
  const node = schema.enum(...c.servers)
  const any = schema.enum(...c.servers, c.client, c.master)
  const v = schema.int(1, c.writes)
  const pos = schema.int(0, c.writes)
  const hist = schema.list(v)
  return {
    server: schema.record({ hist, ackedTo: pos, pred: schema.nullable(node), succ: schema.nullable(node) }),
    client: schema.record({
      issued: pos,
      acked: schema.setOf(v),
      reads: schema.list(schema.record({ floor: schema.setOf(v), got: schema.nullable(hist) })),
    }),
    master: schema.record({ chain: schema.list(node) }),
    message: schema.union('type', {
      Write: { from: any, to: any, v },
      Update: { from: any, to: any, seq: schema.int(0, c.writes - 1), v },
      Ack: { from: any, to: any, n: pos },
      WriteAck: { from: any, to: any, v },
      Read: { from: any, to: any, id: schema.int(0, Math.max(0, c.reads - 1)) },
      ReadReply: { from: any, to: any, id: schema.int(0, Math.max(0, c.reads - 1)), hist },
    }),
  }
}

const masterChain = (ctx: Context<Msg, State>, c: Config): readonly string[] => chainOf(ctx.state, c)

export function chainReplicationModel(name: string, bugs: Bugs): ChainReplication {
  const serverActions: readonly LocalAction<Config, Server, Msg, object, State>[] = [
    { name: 'Reconnect', reads: ['state'], fire: (c, n, x, _p, ctx) => reconnect(c, n, x, masterChain(ctx, c)) },
  ]
  const clientActions: readonly LocalAction<Config, Client, Msg, object, State>[] = [
    { name: 'Write', reads: ['state'], fire: (c, n, x, _p, ctx) => clientWrite(c, n, x, masterChain(ctx, c)) },
    { name: 'Read', reads: ['state'], fire: (c, n, x, _p, ctx) => clientRead(c, n, x, masterChain(ctx, c), bugs) },
  ]
  const masterActions: readonly LocalAction<Config, Master, Msg, object, State>[] = [
    {
      name: 'Remove',
      reads: ['detector'],
      peer: 'server',
      params: (_c, _n, x) => x.chain.map((server) => ({ server })),
      fire: (_c, _n, x, p, ctx) => removeFailed(x, p.server as string, ctx),
    },
  ]
  const servers: Role<Config, Server, Msg, object, State> = {
    nodes: (c) => c.servers,
    init: serverInit,
    receive: (c, n, x, m) => serverReceive(c, n, x, m, bugs),
    actions: serverActions,
    schema: (c) => schemas(c).server,
  }
  const clientRole: Role<Config, Client, Msg, object, State> = {
    nodes: (c) => [c.client],
    init: clientInit,
    receive: (_c, _n, x, m) => clientReceive(x, m),
    actions: clientActions,
    schema: (c) => schemas(c).client,
  }
  const masterRole: Role<Config, Master, Msg, object, State> = {
    nodes: (c) => [c.master],
    init: masterInit,
    actions: masterActions,
    schema: (c) => schemas(c).master,
  }
  return actorModel<Config, Roles, Msg, object>({
    name,
    roles: { servers, client: clientRole, master: masterRole },
    network: (c) => ({ semantics: 'fifo', budget: c.budget, crashable: c.crashable, restart: false }),
    message: (c) => schemas(c).message,
    properties: [
      always('UpdatePropagation', updatePropagation, { witness: 'WriteAcked' }),
      always('ReadsSeeAckedWrites', readsSeeAckedWrites, { witness: 'ReadAfterAck' }),
      always('ReadsReturnCommittedWrites', readsReturnCommittedWrites, { when: (cc, s) => answered(cc, s).some((r) => (r.got?.length ?? 0) > 0) }),
      always('AckedWritesInChain', ackedWritesInChain, { witness: 'WriteAcked' }),
      always('InprocessRequests', inprocessRequests, { witness: 'WriteAcked' }),
      always('RemovedServersFailed', removedServersFailed, { witness: 'Reconfigured' }),
      eventually('AllWritesAcked', allAcked),
      // What survives a crash: every write is acknowledged unless the first head crashed (with
      // writes on their way to it, which are lost: the client does not retry).
      eventually('AllWritesAckedUnlessHeadCrashed', (cc, s) => allAcked(cc, s) || !isUp(s.net, cc.servers[0] as string)),
      eventually('SentDrained', (cc, s) => (allAcked(cc, s) && sentEmpty(cc, s)) || !isUp(s.net, cc.servers[0] as string)),
      sometimes('WriteAcked', (cc, s) => client(cc, s).acked.length > 0),
      sometimes('ReadAfterAck', (cc, s) => answered(cc, s).some((r) => r.floor.length > 0)),
      // A read that returns a write not yet acknowledged to the client when it was issued.
      sometimes('ReadSeesConcurrentWrite', (cc, s) => answered(cc, s).some((r) => (r.got ?? []).some((v) => !setHas(r.floor, v)))),
      sometimes('Reconfigured', (cc, s) => chainOf(s, cc).length < cc.servers.length),
      sometimes('MiddleRemovedThenAllAcked', (cc, s) => cc.servers.length > 2 && !chainOf(s, cc).includes(cc.servers[1] as string) && allAcked(cc, s)),
      sometimes('TailRemovedThenAllAcked', (cc, s) => !chainOf(s, cc).includes(cc.servers[cc.servers.length - 1] as string) && allAcked(cc, s)),
    ],
    fairness: nodeFairness,
    validate,
  })
}

export const chainReplication: ChainReplication = chainReplicationModel('chain-replication', noBugs)
