/**
 * Primary/backup replication of one register, in the three modes the seed names
 * (distributed-systems-notes.zh.md, "数据多副本实现容错的情况"):
 * - `sync` (最高保护, Maximum Protection): the primary applies a write, sends it to every other
 *   node and acknowledges the client only once every one has answered; if one cannot answer
 *   (crashed: nothing more can arrive) or refuses it, the write is rejected and undone;
 * - `async` (最高性能, Maximum Performance): the primary applies the write, acknowledges at once,
 *   and replicates in the background;
 * - `max-availability` (最高可用性): synchronous until a replication fails (the primary times out
 *   waiting for an ack), then it switches to asynchronous and acknowledges.
 *
 * Roles are per node: each node believes itself `primary` or `backup`. The role is volatile: a
 * restarted node rejoins `recovering` — it serves no reads and cannot be promoted until the next
 * replicated write brings it up to date (for one register, a full catch-up); the value and the
 * epoch the node has seen are durable.
 * A failure detector promotes a backup (`Promote`), taking the next epoch from a coordination
 * service (the `epoch` counter, kept outside the nodes, as ZooKeeper would hand it out). The
 * detector is `perfect` (promotes only when no primary is up) or `unreliable` (may suspect a
 * primary that is up: the old primary keeps acting as primary until it learns otherwise — two
 * nodes accept writes).
 *
 * Fencing (`fencing: true`): every Replicate carries the sender's epoch; a node adopts a higher
 * epoch (a primary that sees one steps down, dropping its write in progress unanswered) and
 * refuses a stale one with a Nack, which deposes the sender and makes it reject its write. Without
 * fencing a node applies whatever Replicate arrives: it cannot tell a deposed primary from the
 * current one.
 *
 * A rejected write is undone: the primary restores its value from before the write and sends
 * Undo to the nodes that applied it; a node reverts only if it still holds that write. A write
 * whose primary crashed or stepped down is *in doubt* (the client heard nothing): it may survive.
 * Undo is compensation, not a log: with one false failover it suffices, with two it does not
 * (`primary-backup-split-brain-fenced-two-failovers.ts`: a write stacked on a write still in doubt
 * is undone to a rejected value).
 *
 * Writes are the values 1, 2, … in issue order (at most `writes`), unique, so a value names its
 * write. History variables: the highest acknowledged write, the highest value a read returned,
 * the rejected writes.
 *
 * Left out: a client that retries, catch-up of a lagging node other than by the next write, a
 * replicated log, switching back from async to sync, read leases (reads go to any serving node and
 * return its value). The faults are crashes, dropped messages and false suspicion; duplicated
 * messages and partitions break the write rules (no bundled spec has them). The Undo of a rejected
 * write goes to the nodes whose ack arrived, and `Timeout` takes "nothing deliverable" to mean
 * "nothing will arrive": a duplicated Replicate lets a node ack and refuse one write
 * (`RejectedWritesUndone` fails, sync and fenced with one backup, one write, one duplicate: 7
 * states); a partition hides acks and lets a stale Replicate land after a newer one (one backup,
 * two writes, one partition: `RejectedWritesUndone` fails in 5 states, `ReadsSeeAckedWrites` in 9).
 *
 * Written with the actor harness (src/net/actor.ts): a node's handlers see its own value, epoch,
 * role and write in progress; the harness generates deliveries, faults, crashes and restarts, and
 * offers a node's local actions only while it is up. What the model keeps outside the nodes is
 * ghost: the coordination service (`epoch`, and `mode`, the replication mode in force, which
 * max-availability switches), the clients (`issued`) and the history the properties read
 * (`acked`, `maxRead`, `rejected`). The steps that read beyond their node declare it: `Write`
 * (the client's next value and the mode in force), `Read` (the history of reads: only a new
 * highest is a step), `Promote` (the service's epoch counter and, for the perfect detector,
 * whether a node acting as primary is up), `Timeout` (the whole network: "nothing will arrive"
 * is "nothing deliverable anywhere") and the receive handler (the mode in force decides whether
 * a Replicate is answered). The counts are those of the hand-written version it replaced
 * (specs/primary-backup-*.ts).
 */
import { always, ids, schema, setAdd, setHas, sometimes } from '../src/index.ts'
import type { Params, Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorState, Context, FaultBudget, LocalAction, NodeState, Outcome } from '../src/net/index.ts'
import { actorModel, afterCrash, anyDeliverable, isUp, messages } from '../src/net/index.ts'
import { perLink } from './intern.ts'

// ---- constants -------------------------------------------------------------------------------

export type Mode = 'sync' | 'async' | 'max-availability'

export type Config = {
  readonly mode: Mode
  /** The nodes; the first is the initial primary. */
  readonly nodes: readonly string[]
  /** How many writes the clients issue (values 1..writes). */
  readonly writes: number
  /** The nodes that may crash (within `budget.crash`). */
  readonly crashable: readonly string[]
  readonly budget: FaultBudget
  /** `perfect`: promote only when no primary is up; `unreliable`: whenever (a false suspicion). */
  readonly detector: 'perfect' | 'unreliable'
  /** How many promotions the failure detector may make. */
  readonly promotions: number
  /** Writes carry the primary's epoch and stale ones are refused. */
  readonly fencing: boolean
}

/**
 * A spec's configuration from its parameters: the primary `p` and backups b1..b<backups>,
 * `writes` client writes, `crashes` crashes of any node and `drops` lost messages (none when
 * absent), `promotions` promotions (1 when absent), and what the spec fixes: the mode, the
 * failure detector, fencing.
 */
export function configFrom(p: Params, fixed: Pick<Config, 'mode' | 'detector' | 'fencing'>): Config {
  const nodes = ['p', ...ids('b', p.backups as number)]
  const crashes = (p.crashes as number | undefined) ?? 0
  return {
    ...fixed,
    nodes,
    writes: p.writes as number,
    crashable: crashes > 0 ? nodes : [],
    // (A negative count is kept, for `validate` to refuse: it ran as none.)
    budget: { ...(crashes !== 0 ? { crash: crashes } : {}), ...(p.drops !== undefined ? { drop: p.drops as number } : {}) },
    promotions: (p.promotions as number | undefined) ?? 1,
  }
}

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Replicate'; readonly v: number; readonly epoch: number }
  | { readonly from: string; readonly to: string; readonly type: 'Ack'; readonly v: number }
  | { readonly from: string; readonly to: string; readonly type: 'Nack'; readonly v: number; readonly epoch: number }
  | { readonly from: string; readonly to: string; readonly type: 'Undo'; readonly v: number; readonly prev: number }

/** The message of `type` from `from` to `to` for write `v`, with `x` its epoch (Replicate, Nack)
 * or the value before the write (Undo; an Ack has neither), fields in the order `messageSchema`
 * gives: one shared instance per message, purely an optimisation (it equals the record it stands
 * for). The harness keeps one delivery action and label per message object, which a fresh
 * message built on its first delivery. The table keeps every message asked for (a few hundred per
 * configuration); outside its range (a number that is no whole number in 0..4095), a record of
 * its own. */
function message(type: Msg['type'], from: string, to: string, v: number, x: number): Msg {
  if (!(v >= 0 && v < 4096 && x >= 0 && x < 4096 && Number.isInteger(v) && Number.isInteger(x))) return record(type, from, to, v, x)
  return byLink(from, to, (v * 4096 + x) * 4 + MESSAGE_TYPES.indexOf(type))
}
const MESSAGE_TYPES: readonly Msg['type'][] = ['Replicate', 'Ack', 'Nack', 'Undo']
/** The messages by link and code: (v * 4096 + x) * 4 + the type's index. */
const byLink = perLink((from: string, to: string, code: number): Msg => {
  const vx = code >> 2
  return record(MESSAGE_TYPES[code & 3] as Msg['type'], from, to, vx >> 12, vx & 4095)
})
const record = (type: Msg['type'], from: string, to: string, v: number, x: number): Msg =>
  type === 'Ack' ? { from, to, type, v } : type === 'Undo' ? { from, to, type, v, prev: x } : { from, to, type, v, epoch: x }

// ---- state -----------------------------------------------------------------------------------

/** A primary's write in progress: the value, the value before it, who acked and who refused. */
export type Pending = { readonly v: number; readonly prev: number; readonly acks: SetOf<string>; readonly nacks: SetOf<string> }

/** Durable: the applied value (0 = initial) and the highest epoch seen. Volatile: the role the
 * node believes it has and, as primary, its write in progress. */
export type Replica = NodeState<
  { readonly value: number; readonly epoch: number },
  { readonly role: 'primary' | 'backup' | 'recovering'; readonly pending: Pending | null }
>

/** Outside the nodes. */
export type Ghost = {
  /** The last epoch the coordination service handed out (1 = the initial primary's). */
  readonly epoch: number
  /** The replication mode in force (max-availability switches it to async; a promotion back). */
  readonly mode: 'sync' | 'async'
  /** The clients: writes issued. */
  readonly issued: number
  /** History: the highest write acknowledged, the highest value a read returned, the writes
   * rejected to the client. */
  readonly acked: number
  readonly maxRead: number
  readonly rejected: SetOf<number>
}

type Roles = { replicas: Replica }
/** `{ replicas: { p: …, b1: … }, net, epoch, mode, issued, acked, maxRead, rejected }` */
export type State = ActorState<Roles, Msg, Ghost>
export type Action = ActorAction<Msg>

type Step = Outcome<Replica, Msg, Ghost> | null

// Ghost writers and replies are made by these functions, not written inside the handlers: a
// function written there (as an object's property or a named const) is given its name each time
// it is made when the CLI runs the model through tsx (esbuild's `keepNames`), which was 8% of
// this model's CPU.
type GhostWriter = (g: Ghost) => Partial<Ghost>
const issuedGhost = (v: number, async: boolean): GhostWriter => (g) => (async ? { issued: v, acked: Math.max(g.acked, v) } : { issued: v })
const ackedGhost = (v: number): GhostWriter => (g) => ({ acked: Math.max(g.acked, v) })
const rejectedGhost = (v: number): GhostWriter => (g) => ({ rejected: setAdd(g.rejected, v) })
const asyncGhost = (v: number): GhostWriter => (g) => ({ mode: 'async', acked: Math.max(g.acked, v) })
const readGhost = (v: number): GhostWriter => () => ({ maxRead: v })
const epochGhost = (e: number, mode: Ghost['mode']): GhostWriter => () => ({ epoch: e, mode })
/** A handler's step that sends `msg` in sync mode (a reply) and nothing otherwise. */
const reply = (sync: boolean, local: Replica, msg: Msg): Step => (sync ? { local, send: [msg] } : { local })

const BACKUP: Replica['volatile'] = { role: 'backup', pending: null }
const PRIMARY: Replica['volatile'] = { role: 'primary', pending: null }
/** A restarted node: it serves no reads and cannot be promoted until a replicated write brings it
 * up to date (for a one-register store the next write is a full catch-up). */
const RECOVERING: Replica['volatile'] = { role: 'recovering', pending: null }

// ---- schema ----------------------------------------------------------------------------------

/** The configuration's finite domains: nodes; values (0 = initial, then the writes 1..writes);
 * epochs (1, the initial primary's, to the last a promotion hands out: promotions + 1). */
function domains(c: Config): { node: Schema; value: Schema; write: Schema; epoch: Schema } {
  return { node: schema.enum(...c.nodes), value: schema.int(0, c.writes), write: schema.int(1, c.writes), epoch: schema.int(1, c.promotions + 1) }
}

/** A message's shape (fields in the order the handlers build them). */
export function messageSchema(c: Config): Schema {
  const { node, value, write, epoch } = domains(c)
  return schema.union('type', {
    Replicate: { from: node, to: node, v: write, epoch },
    Ack: { from: node, to: node, v: write },
    Nack: { from: node, to: node, v: write, epoch },
    Undo: { from: node, to: node, v: write, prev: value },
  })
}

/** A replica's shape: its volatile part is one of the three constants unless it holds a write in
 * progress, and a decoded one is that constant (`afterCrash` compares by identity). */
export function replicaSchema(c: Config): Schema {
  const { node, value, write, epoch } = domains(c)
  const pending = schema.record({ v: write, prev: value, acks: schema.setOf(node), nacks: schema.setOf(node) })
  const shared = (v: unknown): unknown => {
    const x = v as Replica['volatile']
    if (x.pending !== null) return x
    return x.role === 'primary' ? PRIMARY : x.role === 'backup' ? BACKUP : RECOVERING
  }
  return schema.record({
    durable: schema.record({ value, epoch }),
    volatile: schema.record({ role: schema.enum('primary', 'backup', 'recovering'), pending: schema.nullable(pending) }, { intern: shared }),
  })
}

/** The ghost variables' shapes, in `ghostInit`'s order. */
export function ghostSchema(c: Config): { readonly [K in keyof Ghost]: Schema } {
  const { value, write, epoch } = domains(c)
  return { epoch, mode: schema.enum('sync', 'async'), issued: value, acked: value, maxRead: value, rejected: schema.setOf(write) }
}

// ---- init ------------------------------------------------------------------------------------

export const replicaInit = (c: Config, n: string): Replica => ({ durable: { value: 0, epoch: 1 }, volatile: n === c.nodes[0] ? PRIMARY : BACKUP })

export const ghostInit = (c: Config): Ghost => ({ epoch: 1, mode: c.mode === 'async' ? 'async' : 'sync', issued: 0, acked: 0, maxRead: 0, rejected: [] })

// ---- actions ---------------------------------------------------------------------------------

const up = (s: State, n: string): boolean => isUp(s.net, n)
const node = (s: State, n: string): Replica => s.replicas[n] as Replica
const isPrimary = (s: State, n: string): boolean => up(s, n) && node(s, n).volatile.role === 'primary'
/** Up and not recovering: the node answers reads. */
const serving = (s: State, n: string): boolean => up(s, n) && node(s, n).volatile.role !== 'recovering'
const others = (c: Config, n: string): string[] => c.nodes.filter((x) => x !== n)

/** A client writes the next value at n, a node that believes it is primary: n applies it and
 * sends it to every other node; async mode acknowledges at once, sync mode waits for answers.
 * (Reads the whole state: the client's counter and the mode in force are not n's.) */
export function write(c: Config, n: string, r: Replica, ctx: Context<Msg, State>): Step {
  const s = ctx.state
  // mutants: `s.issued > c.writes` lets the clients issue one write more than configured: the
  // configuration's bound, not a rule of the protocol (counts only before the state schema; now
  // the extra value is outside it, a model error).
  if (r.volatile.role !== 'primary' || r.volatile.pending !== null || s.issued >= c.writes) return null
  const v = s.issued + 1
  const send = others(c, n).map((b): Msg => message('Replicate', n, b, v, r.durable.epoch))
  const pending = s.mode === 'sync' ? { v, prev: r.durable.value, acks: [], nacks: [] } : null
  const async = s.mode === 'async'
  return {
    local: { durable: { ...r.durable, value: v }, volatile: { ...r.volatile, pending } },
    send,
    ghost: issuedGhost(v, async),
  }
}

/**
 * Node b receives a replicated write. With fencing, a stale epoch is refused (a Nack carrying b's
 * epoch, in sync mode where the sender waits) and a newer one is adopted (a primary steps down and
 * drops its write in progress unanswered). Otherwise b applies the value and, in sync mode, acks.
 * (`sync`: the mode in force when the message arrives, which the handler reads from the state.)
 */
export function onReplicate(c: Config, b: string, r: Replica, m: Msg & { type: 'Replicate' }, sync: boolean): Step {
  // mutants: the hand-written version began with `if (!up(s, b)) return null` here (and in onAck,
  // onNack, onUndo), a redundant guard: the network never delivers to a crashed node
  // (`deliverable`), so deleting it was equivalent. The harness calls no handler of a crashed node.
  if (c.fencing && m.epoch < r.durable.epoch) return reply(sync, r, message('Nack', b, m.from, m.v, r.durable.epoch))
  // mutants (counts only when run): with `>=`, an equal epoch comes from that epoch's primary, which b is
  // not, so b becomes a backup as it would anyway — except a primary that adopted the epoch from a
  // Nack while still deciding: it steps down now, its write left in doubt as any deposed primary's.
  // `||` is `>=` with fencing on; with it off, a primary steps down on a newer primary's Replicate,
  // half of fencing, which the unfenced specs' lost writes do not depend on (verdicts unchanged).
  const deposed = c.fencing && m.epoch > r.durable.epoch
  const applied: Replica = {
    durable: { value: m.v, epoch: deposed ? m.epoch : r.durable.epoch },
    volatile: deposed || r.volatile.role === 'recovering' ? BACKUP : r.volatile,
  }
  return reply(sync, applied, message('Ack', b, m.from, m.v, 0))
}

/** The primary records an ack for its write in progress (and decides once everyone answered). */
export function onAck(c: Config, p: string, r: Replica, m: Msg & { type: 'Ack' }): Step {
  const pending = r.volatile.pending
  if (r.volatile.role !== 'primary' || pending === null || pending.v !== m.v) return null
  return decide(c, p, r, { v: pending.v, prev: pending.prev, acks: setAdd(pending.acks, m.from), nacks: pending.nacks })
}

/** A refusal: the primary adopts the newer epoch it carries and records it against its write
 * (it steps down when that write is decided, below); a refusal of no write in progress (a late
 * one) makes a primary step down at once (a recovering node stays recovering). */
export function onNack(c: Config, p: string, r: Replica, m: Msg & { type: 'Nack' }): Step {
  // mutants: `Math.min` (p keeps its own epoch) changes counts only, and is safe: p still steps
  // down (the refusal decides its write, or deposes it below); the epoch it fails to learn only
  // lets it accept a Replicate of a primary older than the refuser, whose write the refuser's
  // node refuses in turn (rejected and undone as before), and the newest primary's next
  // Replicate raises p's epoch (`deposed` in onReplicate).
  const epoch = Math.max(r.durable.epoch, m.epoch)
  const pending = r.volatile.pending
  if (r.volatile.role !== 'primary' || pending === null || pending.v !== m.v) {
    // mutants: `<` (a late Nack of p's own epoch deposes it) changes counts only, and is safe: p
    // steps down needlessly, leaving its write in progress in doubt as any deposed primary does;
    // stepping down is always safe, and what is lost is progress, which no property states. Only
    // primary-backup-late-nack reaches it (p, deposed and promoted again, meets a refusal of its
    // old write by a node at its new epoch). `>=` (a late refusal of a newer epoch ignored, one of
    // an older epoch obeyed) is safe too, counts only: a primary left acting at its stale epoch
    // holds an epoch below the newer one (OnePrimaryPerEpoch holds) and every write it starts is
    // refused by the nodes at that epoch (fencing), so it is rejected and undone; progress is lost.
    // Both are now model errors in primary-backup-late-nack: `ignoredForever` drops the Nacks of
    // an epoch no higher than p's, and the delivery the harness checks first changes p.
    if (m.epoch <= r.durable.epoch) return null
    // mutants: `!==` keeps a primary acting at the epoch it learns here: caught by
    // `OnePrimaryPerEpoch` in primary-backup-late-nack (three false failovers: fewer never send a
    // primary a late refusal of a newer epoch, see that spec).
    return { local: { durable: { ...r.durable, epoch }, volatile: r.volatile.role === 'primary' ? BACKUP : r.volatile } }
  }
  // mutants: not recording the refusal's epoch (here, or above with the step-down kept) changes
  // counts only: the node still steps down (a refusal rejects the write), and as a backup it takes
  // the newer epoch from the next Replicate; fencing compares the epoch a primary sends.
  return decide(c, p, { ...r, durable: { ...r.durable, epoch } }, { ...pending, nacks: setAdd(pending.nacks, m.from) })
}

/** Every other node answered: all acked → acknowledged; some refused → rejected, and p, having
 * learnt of a newer epoch, steps down. Otherwise keep waiting. */
function decide(c: Config, p: string, r: Replica, pending: Pending): NonNullable<Step> {
  // (Records written out, not spread: a spread takes V8's slow clone path, and `decide` runs on
  // every answer. `c.nodes.length - 1`: the others of p, without building their list.)
  if (pending.acks.length + pending.nacks.length < c.nodes.length - 1) return { local: { durable: r.durable, volatile: { role: r.volatile.role, pending } } }
  if (pending.nacks.length === 0) return { local: { durable: r.durable, volatile: { role: r.volatile.role, pending: null } }, ghost: ackedGhost(pending.v) }
  return reject(p, r, pending, BACKUP)
}

/** The write is rejected to the client and undone: p restores its value (if it still holds the
 * write) and sends Undo to the nodes that applied it. */
function reject(p: string, r: Replica, pending: Pending, role: Replica['volatile']): NonNullable<Step> {
  const value = r.durable.value === pending.v ? pending.prev : r.durable.value
  return {
    local: { durable: { ...r.durable, value }, volatile: role },
    send: pending.acks.map((b): Msg => message('Undo', p, b, pending.v, pending.prev)),
    ghost: rejectedGhost(pending.v),
  }
}

/** A node reverts a rejected write, if it still holds it. A primary whose own write in progress
 * was applied on top of the rejected one rebases it: should it be rejected in turn, the value to
 * restore is the one from before the rejected write, not the rejected write itself. */
export function onUndo(r: Replica, m: Msg & { type: 'Undo' }): Step {
  const value = r.durable.value === m.v ? m.prev : r.durable.value
  const p = r.volatile.pending
  const pending = p !== null && p.prev === m.v ? { ...p, prev: m.prev } : p
  // mutants: deleting this guard is equivalent: a handler that returns null still consumes its
  // message on the bag network, the same step as returning the record unchanged.
  if (value === r.durable.value && pending === p) return null
  return { local: { durable: { ...r.durable, value }, volatile: { ...r.volatile, pending } } }
}

/**
 * Whether node n, in state r, ignores `m` for good (the harness then drops it: `ignoresForever`):
 * an answer to a write that is not n's write in progress — an Ack, or a Nack of an epoch no
 * higher than n's. Only `write` gives a node a write in progress, with the next value, never
 * issued before (writes are unique and issued in order; the other steps keep that write or
 * clear it: a crash, a step-down, a decision), and every answer in flight is to a value already
 * issued, so a write that is not n's now never is. Epochs never go back (a Replicate or a Nack
 * raises n's to the one it carries, a promotion to the next the service hands out; a crash keeps
 * it), so a Nack's epoch that does not depose n now never will. Neither handler reads the mode
 * (`receiveReads`). Not a Replicate (applied whatever it carries, or refused with a Nack in sync
 * mode, which a promotion brings back under max-availability) nor an Undo (that its node never
 * holds the write again is no fact about the node alone: a later write's Undo restores the value
 * that write was written on; and `RejectedWritesUndone` and the witness `RejectedWriteWasApplied`
 * read Undos in flight). Dropping these hides nothing: no property reads an Ack or a Nack;
 * `Timeout`, which waits until nothing is deliverable anywhere, could have had each delivered
 * first (a message is deliverable only to a node that is up; one to a crashed node waits either
 * way); and a drop of one was its delivery with budget spent (no fault writes a ghost here).
 * test/models/seed/ignores-forever-replication.test.ts checks the induction over the specs'
 * states.
 */
export function ignoredForever(r: Replica, m: Msg): boolean {
  // mutants: a rule that drops less (`<` for `<=`, or Nacks never dropped) changes counts only,
  // by design: each message it keeps is one the search delivers to no effect, as before the rule.
  // One that drops a message its node handles now is a model error (the delivery the harness
  // checks first changes the node); one handled only later fails
  // test/models/seed/ignores-forever-replication.test.ts.
  const pending = r.volatile.pending
  const other = pending === null || pending.v !== m.v
  return m.type === 'Ack' ? other : m.type === 'Nack' ? other && m.epoch <= r.durable.epoch : false
}

/**
 * The primary gives up waiting once nothing can arrive (no message is deliverable). A write some
 * node refused is rejected, and the primary, deposed, steps down. Otherwise sync mode rejects (and
 * undoes) the write; max-availability switches to async and acknowledges it. (Reads the whole
 * network, not only what is for p: a Replicate still on its way to another node is an answer
 * p may yet get, and the model takes a message anywhere to mean something may still arrive.)
 */
export function timeout(c: Config, p: string, r: Replica, ctx: Context<Msg, State>): Step {
  const pending = r.volatile.pending
  if (r.volatile.role !== 'primary' || pending === null || anyDeliverable(ctx.state.net)) return null
  if (pending.nacks.length > 0) return reject(p, r, pending, BACKUP)
  // mutants: not clearing the pending write (`volatile` left out) keeps it pending after the
  // switch: the next timeout acknowledges it again (a repeated step), and `write` (which needs no
  // write pending) never runs again. Caught by the witness `IdleAfterSwitch` (never reached then).
  if (c.mode === 'max-availability') return { local: { ...r, volatile: PRIMARY }, ghost: asyncGhost(pending.v) }
  return reject(p, r, pending, PRIMARY)
}

/** A read at serving node n returns its value (recorded only when it is a new highest: reads the
 * history of reads, so that a read returning nothing new is no step). */
export function read(_c: Config, r: Replica, ctx: Context<Msg, State>): Step {
  const v = r.durable.value
  // mutants: `v < s.maxRead` adds reads that return maxRead again: a stutter (generated count only).
  // Deleting the recovering check (with the up check the harness makes, the hand-written
  // version's `serving`) or making `||` `&&` lets a node that does not serve answer: primary-backup-reads'
  // history sees a restarted node return a rejected write (`ReadsSkipUndoneWrites`).
  if (r.volatile.role === 'recovering' || v <= ctx.state.maxRead) return null
  return { local: r, ghost: readGhost(v) }
}

/** The failure detector promotes live backup b with the next epoch: when no primary is up
 * (`perfect`), or whenever (`unreliable`: it may suspect a primary that is up). Reads the whole
 * state: the coordination service's epoch counter, and whether a node acting as primary is up
 * (the perfect detector's promise). */
export function promote(c: Config, b: string, r: Replica, ctx: Context<Msg, State>): Step {
  const s = ctx.state
  if (r.volatile.role !== 'backup' || s.epoch > c.promotions) return null
  // Any node acting as primary, not only the first: with two promotions the detector would promote
  // both backups once the first primary is down (specs/primary-backup-sync-two-failovers.ts).
  if (c.detector === 'perfect' && c.nodes.some((n) => isPrimary(s, n))) return null
  const e = s.epoch + 1
  return { local: { durable: { ...r.durable, epoch: e }, volatile: PRIMARY }, ghost: epochGhost(e, c.mode === 'async' ? 'async' : 'sync') }
}

/** `[{ v }]` and `[{ epoch }]` (an action's one choice), one frozen instance per value (a whole
 * number, at least 0): the harness finds a frozen parameter object's step by identity
 * (`LocalAction.params`), where a fresh one costs a list, a record and a key string per node and
 * state. */
const oneChoice = (field: 'v' | 'epoch'): ((x: number) => readonly Params[]) => {
  const made: (readonly Params[])[] = []
  return (x) => (made[x] ??= Object.freeze([Object.freeze({ [field]: x })]))
}
const valueChoice = oneChoice('v')
const epochChoice = oneChoice('epoch')

export const replicaActions: readonly LocalAction<Config, Replica, Msg, Ghost, State>[] = [
  // mutants: the `+ 1` of this label and of Promote's (dropped, or `+ 2`) changes labels only (no
  // rule reads them):
  // the golden snapshots (test/golden) pin counterexamples' labels, which bench/mutants.ts does
  // not compare, so it reports them survived.
  { name: 'Write', reads: ['state'], params: (_c, _n, _r, ctx) => valueChoice(ctx.state.issued + 1), fire: (c, n, r, _p, ctx) => write(c, n, r, ctx) },
  // The rest come after the deliveries, as in the hand-written version (the early stop of
  // -split-brain-unfenced and -sync-unfenced, and which counterexample BFS reports, depend on it).
  // mutants: Timeout's `whenQuiet: false` and `afterDeliveries: false` are equivalent: `timeout`
  // itself fires only when nothing is deliverable, so no delivery is ever listed beside it.
  { name: 'Timeout', kind: 'timeout', whenQuiet: true, reads: ['state'], afterDeliveries: true, fire: (c, n, r, _p, ctx) => timeout(c, n, r, ctx) },
  { name: 'Read', reads: ['state'], afterDeliveries: true, params: (_c, _n, r) => valueChoice(r.durable.value), fire: (c, _n, r, _p, ctx) => read(c, r, ctx) },
  {
    name: 'Promote',
    reads: ['state'],
    afterDeliveries: true,
    params: (_c, _n, _r, ctx) => epochChoice(ctx.state.epoch + 1),
    fire: (c, n, r, _p, ctx) => promote(c, n, r, ctx),
  },
]

export function receive(c: Config, n: string, r: Replica, m: Msg, ctx: Context<Msg, State>): Step {
  switch (m.type) {
    case 'Replicate':
      return onReplicate(c, n, r, m, ctx.state.mode === 'sync')
    case 'Ack':
      return onAck(c, n, r, m)
    case 'Nack':
      return onNack(c, n, r, m)
    case 'Undo':
      return onUndo(r, m)
  }
}

// ---- properties ------------------------------------------------------------------------------

const value = (s: State, n: string): number => node(s, n).durable.value

/** The seed's strong consistency: after a write is acknowledged, a read at any serving node
 * returns it (or a newer value). */
export const readsSeeAckedWrites = (c: Config, s: State): boolean => c.nodes.every((n) => !serving(s, n) || value(s, n) >= s.acked)

/** Linearizable reads: a read returns at least the last acknowledged write *and* at least what any
 * earlier read returned (a read may not go back in time), at every live node. */
export const linearizableReads = (c: Config, s: State): boolean =>
  c.nodes.every((n) => !serving(s, n) || value(s, n) >= Math.max(s.acked, s.maxRead))

/** Durability: every node acting as primary holds every acknowledged write (or a newer one), so
 * none is lost by a failover, a crash or a second primary. */
export const ackedWritesDurable = (c: Config, s: State): boolean => c.nodes.every((n) => !isPrimary(s, n) || value(s, n) >= s.acked)

/** A rejected write does not stay visible: no serving node holds one, unless the Undo that
 * removes it is on its way. */
export const rejectedWritesUndone = (c: Config, s: State): boolean =>
  c.nodes.every((n) => {
    const v = value(s, n)
    return !serving(s, n) || !setHas(s.rejected, v) || messages(s.net).some((m) => m.type === 'Undo' && m.to === n && m.v === v)
  })

/** Two live nodes both believe they are primary. */
const twoPrimaries = (c: Config, s: State): boolean => c.nodes.filter((n) => isPrimary(s, n)).length >= 2

/** Fencing's promise (the epoch is what the coordination service hands out to one primary): an
 * epoch names one primary. Live nodes acting as primary hold different epochs — except one that
 * learnt the newer epoch from a refusal of its write in progress: it is deposed, and only decides
 * that write (rejects it) before it steps down. A primary that keeps acting at an epoch it learnt
 * from a late refusal would replicate at the new primary's epoch, where fencing cannot tell the
 * two apart. Meaningful only with fencing (without it no node adopts an epoch). */
export const onePrimaryPerEpoch = (c: Config, s: State): boolean => {
  const deciding = (n: string): boolean => (node(s, n).volatile.pending?.nacks.length ?? 0) > 0
  const epochs = c.nodes.filter((n) => isPrimary(s, n) && !deciding(n)).map((n) => node(s, n).durable.epoch)
  return new Set(epochs).size === epochs.length
}

export const primaryBackup = actorModel<Config, Roles, Msg, Ghost>({
  name: 'primary-backup',
  roles: {
    replicas: {
      nodes: (c) => c.nodes,
      init: replicaInit,
      receive,
      // The mode in force decides whether a Replicate is answered (see onReplicate).
      receiveReads: ['state'],
      ignoresForever: (_c, _n, r, m) => ignoredForever(r, m),
      actions: replicaActions,
      // The old order: every node's Write, the deliveries, then every node's Timeout, Read, Promote.
      order: 'action',
      // A crash loses the role and the write in progress: the node rejoins recovering.
      // mutants: keeping just the write in progress (`pending`) changes counts only: only a
      // primary reads it, and a recovering node leaves that role only as a backup (onReplicate)
      // or a primary (promote), both with `pending: null`; keeping the role, or both, is caught.
      crash: (_c, r) => afterCrash(r, RECOVERING),
      schema: replicaSchema,
    },
  },
  network: (c) => ({ semantics: 'bag', budget: c.budget, crashable: c.crashable }),
  message: messageSchema,
  ghost: ghostInit,
  ghostSchema,
  properties: [
    // Each invariant names the situation it is about (never reached: reported vacuous): an
    // acknowledged write; a read or an acknowledged write (what reads are compared with); an
    // acknowledged write and the first primary down or replaced (a witness: durability is not an
    // implication from it); a rejected write.
    always('ReadsSeeAckedWrites', readsSeeAckedWrites, { witness: 'WriteAcknowledged' }),
    always('LinearizableReads', linearizableReads, { when: (_c, s) => s.acked > 0 || s.maxRead > 0 }),
    always('AckedWritesDurable', ackedWritesDurable, { witness: 'AckedThenPrimaryLost' }),
    always('RejectedWritesUndone', rejectedWritesUndone, { when: (_c, s) => s.rejected.length > 0 }),
    always('OnePrimaryPerEpoch', onePrimaryPerEpoch, { when: twoPrimaries }),
    // The perfect failure detector's promise (an assumption about the environment, not a protocol
    // rule): it promotes a backup only once no primary is up, and a restarted primary rejoins
    // recovering, so at most one live node acts as primary. The unreliable detector breaks it on
    // purpose (`TwoPrimaries`); check it only with a perfect one.
    always('OnePrimary', (c, s) => !twoPrimaries(c, s), { witness: 'FailedOver' }),
    sometimes('WriteAcknowledged', (_c, s) => s.acked > 0),
    sometimes('WriteRejectedWhilePrimaryUp', (c, s) => s.rejected.length > 0 && c.nodes.some((n) => isPrimary(s, n))),
    sometimes('RejectedWriteWasApplied', (_c, s) => messages(s.net).some((m) => m.type === 'Undo')),
    sometimes('SwitchedToAsync', (c, s) => c.mode === 'max-availability' && s.mode === 'async'),
    // The switch acknowledges the write it gave up on and frees the primary for the next: after
    // it, a live primary holds the last write with nothing pending (a primary that kept its write
    // pending would never write again).
    sometimes('IdleAfterSwitch', (c, s) =>
      c.mode === 'max-availability' && s.mode === 'async' && s.issued === c.writes &&
      c.nodes.some((n) => isPrimary(s, n) && node(s, n).volatile.pending === null && value(s, n) === c.writes)),
    sometimes('FailedOver', (_c, s) => s.epoch > 1),
    sometimes('FailedOverTwice', (_c, s) => s.epoch > 2),
    sometimes('AckedThenPrimaryLost', (c, s) => s.acked > 0 && (s.epoch > 1 || !up(s, c.nodes[0] as string))),
    sometimes('PrimaryCrashedAfterAck', (c, s) => s.acked > 0 && !up(s, c.nodes[0] as string)),
    sometimes('TakeoverAfterAck', (c, s) => s.acked > 0 && !up(s, c.nodes[0] as string) && s.epoch > 1 && c.nodes.some((n) => isPrimary(s, n))),
    sometimes('TwoPrimaries', twoPrimaries),
    // A restarted node holds a rejected write whose Undo it missed: the case catch-up is for.
    sometimes('RecoveringWithRejectedWrite', (c, s) =>
      c.nodes.some((n) => up(s, n) && node(s, n).volatile.role === 'recovering' && setHas(s.rejected, value(s, n)))),
    sometimes('AckedWhileTwoPrimaries', (c, s) => twoPrimaries(c, s) && s.acked > 0),
    sometimes('AllReplicasHoldLastWrite', (c, s) => s.acked === c.writes && c.nodes.every((n) => value(s, n) === c.writes)),
  ],
  validate: (c) =>
    c.nodes.length < 2
      ? 'at least a primary and one backup are needed'
      : c.writes < 1
        ? 'at least one write'
        : (c.budget.crash ?? 0) < 0 || (c.budget.drop ?? 0) < 0 || c.promotions < 0
          ? `crashes, drops and promotions are counts, at least 0 (crashes ${c.budget.crash ?? 0}, drops ${c.budget.drop ?? 0}, promotions ${c.promotions})`
          : undefined,
})
