/**
 * CAP under a partition, as the seed pictures it ("CAP理论": two replicas on either side of a cut
 * link). Two replicas of one register and one client that writes 1, 2, … at either replica.
 *
 * A replica that takes a write replicates it to its peer and waits for the peer's ack before
 * answering. If the peer cannot answer (it is cut off: timeouts are accurate here), the replica
 * must choose, and `mode` is that choice:
 * - `cp` — refuse the write (stay consistent, give up availability). The refusal cannot recall
 *   the Replicate: the peer may already have applied it. So the write stays *unresolved* at the
 *   replica, which takes no other write and serves no read until the peer's ack arrives after the
 *   heal and it applies the write too (the client was told "refused": a timeout cannot tell the
 *   client whether its write took effect, and here it does). A CP replica also serves reads only
 *   while it can reach its peer: with two replicas there is no majority on either side of a cut;
 * - `cp-naive` — refuse and forget: the bug. The peer keeps the refused write, the replica
 *   ignores the late ack, and the two stay diverged, both serving reads;
 * - `ap` — accept it locally and answer (stay available, give up consistency); the replication
 *   message stays in flight and is delivered after the partition heals. Both replicas always
 *   serve reads.
 * Reads return the replica's value.
 *
 * Written with the actor harness (src/net/actor.ts): a replica's handlers see its own value and
 * write in progress. Two steps read more, and declare it (`reads`): the client, which is not a
 * node, issues write k+1 at either replica only once write k is resolved (`Write` reads the whole
 * state: the write counter, kept as a ghost variable, and every replica's write in progress); and
 * the timeout is accurate (`Timeout` asks the failure detector whether the peer is cut off). The
 * history the properties read (`acked`, `refused`) is ghost. The counts are those of the
 * hand-written version it replaced (specs/cap*.ts).
 *
 * Left out: crashes (the seed's picture is a partition between live replicas), conflict
 * resolution beyond "a replica keeps the highest value it has seen", concurrent clients.
 */
import { always, schema, sometimes } from '../src/index.ts'
import type { Params, Schema } from '../src/index.ts'
import type { ActorAction, ActorState, Context, FaultBudget, LocalAction, Outcome } from '../src/net/index.ts'
import { actorModel, messages, separates } from '../src/net/index.ts'
import { lastAnswer, perLink } from './intern.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly mode: 'cp' | 'cp-naive' | 'ap'
  readonly replicas: readonly [string, string]
  readonly writes: number
  readonly budget: FaultBudget
}

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Replicate'; readonly v: number }
  | { readonly from: string; readonly to: string; readonly type: 'Ack'; readonly v: number }

/** The message `{ from, to, type, v }`, one shared instance per message, purely an optimisation
 * (it equals the record it stands for): the bag and the fingerprint compare and hash a shared
 * instance by identity first, and the harness keeps one delivery action and label per message
 * object. The table keeps every message asked for (two per write and direction). */
function message(type: Msg['type'], from: string, to: string, v: number): Msg {
  // mutants: a change here that keeps the codes of distinct messages apart is equivalent (an
  // optimisation); one that merges two changes the counts or breaks a spec.
  return byLink(from, to, type === 'Ack' ? -v - 1 : v)
}
/** The messages by link and code (an Ack of v is -v - 1, a Replicate of v is v). */
const byLink = perLink((from: string, to: string, code: number): Msg => (code < 0 ? { from, to, type: 'Ack', v: -code - 1 } : { from, to, type: 'Replicate', v: code }))

// ---- state -----------------------------------------------------------------------------------

/** A write in progress at a replica: its value, and whether it was refused to the client (CP:
 * unresolved until the peer's ack arrives). */
export type Pending = { readonly v: number; readonly refused: boolean }

export type Replica = {
  /** The replica's value (0 = initial). */
  readonly value: number
  /** The write in progress here, if any. */
  readonly pending: Pending | null
}

/** Outside the replicas: the client's write counter (`issued`, which `Write` reads), and history
 * the properties read — the highest write acknowledged to the client, whether a live replica
 * refused a write. */
export type Ghost = { readonly issued: number; readonly acked: number; readonly refused: boolean }

type Roles = { replicas: Replica }
/** `{ replicas: { r1: …, r2: … }, net, issued, acked, refused }` */
export type State = ActorState<Roles, Msg, Ghost>
export type Action = ActorAction<Msg>

type Step = Outcome<Replica, Msg, Ghost> | null

// Ghost writers come from these factories, not written inside the handlers: there each would be
// given its name every time it is made when the CLI runs the model through tsx (esbuild's
// `keepNames`), a cost per step (8% of primary-backup's CPU, which had the same pattern).
const issuedGhost = (v: number) => (): Partial<Ghost> => ({ issued: v })
const ackedGhost = (v: number) => (): Partial<Ghost> => ({ acked: v })
const refusedGhost = (): Partial<Ghost> => ({ refused: true })

// ---- schema ----------------------------------------------------------------------------------

/** The configuration's finite domains: values (0 = initial, then the writes 1..writes). */
const values = (c: Config): { value: Schema; write: Schema } => ({ value: schema.int(0, c.writes), write: schema.int(1, c.writes) })

/** A message's shape (fields in the order the handlers build them). */
export function messageSchema(c: Config): Schema {
  const node = schema.enum(...c.replicas)
  const { write } = values(c)
  return schema.union('type', { Replicate: { from: node, to: node, v: write }, Ack: { from: node, to: node, v: write } })
}

export function replicaSchema(c: Config): Schema {
  const { value, write } = values(c)
  return schema.record({ value, pending: schema.nullable(schema.record({ v: write, refused: schema.bool() })) })
}

/** The ghost variables' shapes, in the order of their initial values. */
export function ghostSchema(c: Config): { readonly [K in keyof Ghost]: Schema } {
  const { value } = values(c)
  return { issued: value, acked: value, refused: schema.bool() }
}

// ---- init ------------------------------------------------------------------------------------

export const replicaInit = (): Replica => ({ value: 0, pending: null })

// ---- actions ---------------------------------------------------------------------------------

const peer = (c: Config, r: string): string => (c.replicas[0] === r ? c.replicas[1] : c.replicas[0])
const replica = (s: State, r: string): Replica => s.replicas[r] as Replica

/** The client sends the next write to replica `node`, which replicates it to its peer first. The
 * client writes one at a time: not while any replica has a write in progress (it reads the whole
 * state: the client is not a node). */
export function write(c: Config, node: string, x: Replica, ctx: Context<Msg, State>): Step {
  const s = ctx.state
  // mutants: `issued >= writes` is the search's bound: loosened (`>`, `&&`, deleted) it adds a write
  // (counts only before the state schema, or undecided: it never stops issuing them); now the extra
  // value is outside the schema, a model error.
  if (c.replicas.some((r) => replica(s, r).pending !== null) || s.issued >= c.writes) return null
  const v = s.issued + 1
  return { local: { value: x.value, pending: { v, refused: false } }, send: [message('Replicate', node, peer(c, node), v)], ghost: issuedGhost(v) }
}

/** A replica applies a replicated value (keeping the highest) and acks it. */
export function onReplicate(node: string, x: Replica, m: Msg & { type: 'Replicate' }): Step {
  // (Written out, not spread: `{ ...x, value }` takes V8's slow clone path, on every delivery.)
  return { local: { value: Math.max(x.value, m.v), pending: x.pending }, send: [message('Ack', node, m.from, m.v)] }
}

/** With the peer's ack, the replica applies the write and answers the client (a refused,
 * unresolved CP write is applied without an answer: the client was already told). */
export function onAck(x: Replica, m: Msg & { type: 'Ack' }): Step {
  const p = x.pending
  if (p === null || p.v !== m.v) return null
  const local = { value: Math.max(x.value, m.v), pending: null }
  return p.refused ? { local } : { local, ghost: ackedGhost(m.v) }
}

/** Whether replica x ignores `m` for good (the harness then drops it: `ignoresForever`): an Ack
 * of a write that is not x's write in progress. Only `write` gives a replica a write in progress,
 * with the next value, never issued before (the others keep it or clear it), and an Ack answers a
 * value already issued: a write that is not x's now never is. A Replicate is always answered.
 * Dropping it hides nothing: `QuiescentReplicasAgree` and `QuietAfterPartition` wait for an
 * empty network with no partition, where delivering it first reaches the same replicas; and
 * `Timeout` fires only with the peer cut off, when an Ack from it is not deliverable anyway. */
export function ignoredForever(x: Replica, m: Msg): boolean {
  return m.type === 'Ack' && (x.pending === null || x.pending.v !== m.v)
}

/** The peer is cut off (the failure detector is accurate here, and nothing for this replica can
 * arrive: `whenQuiet`): CP refuses the write (keeping it unresolved; `cp-naive` forgets it), AP
 * accepts it locally and answers. */
export function timeout(c: Config, node: string, x: Replica, ctx: Context<Msg, State>): Step {
  const p = x.pending
  // mutants: `p.refused && …` lets a refused write time out again, to the same state (a stutter:
  // generated counts only). Firing while the peer is reachable is an inaccurate timeout:
  // NoTradeoffWithoutPartition catches it.
  if (p === null || p.refused || ctx.reachable(peer(c, node))) return null
  if (c.mode === 'cp') return { local: { ...x, pending: { ...p, refused: true } }, ghost: refusedGhost }
  if (c.mode === 'cp-naive') return { local: { ...x, pending: null }, ghost: refusedGhost }
  return { local: { value: Math.max(x.value, p.v), pending: null }, ghost: ackedGhost(p.v) }
}

/** `[{ v }]`, Write's one choice, one frozen instance per value: the harness finds a frozen
 * parameter object's step by identity (`LocalAction.params`), where a fresh one costs a record and
 * a key string per replica and state. */
const valueChoice = (v: number): readonly Params[] => (valueChoices[v] ??= Object.freeze([Object.freeze({ v })]))
const valueChoices: (readonly Params[])[] = []

export const replicaActions: readonly LocalAction<Config, Replica, Msg, Ghost, State>[] = [
  // mutants: `v` here is only the action's label (equivalent).
  { name: 'Write', reads: ['state'], params: (_c, _n, _x, ctx) => valueChoice(ctx.state.issued + 1), fire: (c, n, x, _p, ctx) => write(c, n, x, ctx) },
  // mutants: `whenQuiet: false` is equivalent: `timeout` fires only when the peer is unreachable,
  // and then nothing between the two replicas can be delivered anyway.
  { name: 'Timeout', kind: 'timeout', whenQuiet: true, reads: ['detector'], fire: (c, n, x, _p, ctx) => timeout(c, n, x, ctx) },
]

// ---- properties ------------------------------------------------------------------------------

/** The write in progress, if any, and where (at most one: the client writes one at a time).
 * Remembered for the last replicas record: most properties ask for it in each state. */
export const pendingWrite = (c: Config, s: State): (Pending & { readonly at: string }) | null => pendingIn(c, s.replicas)
const pendingIn = lastAnswer((c: Config, replicas: State['replicas']): (Pending & { readonly at: string }) | null => {
  for (const r of c.replicas) {
    const p = (replicas[r] as Replica).pending
    if (p !== null) return { ...p, at: r }
  }
  return null
})
const value = (s: State, r: string): number => replica(s, r).value

/** Whether replica r serves reads now: always in AP; in CP only while it can reach its peer and
 * has no write in progress (it may not answer from a state its peer has not confirmed). */
export const readable = (c: Config, s: State, r: string): boolean =>
  c.mode === 'ap' || (!separates(s.net.partition, r, peer(c, r)) && replica(s, r).pending === null)

/**
 * C, split so a failure names its part: every replica that serves reads returns the last
 * acknowledged write or a newer one (`ReadsSeeAckedWrites`), and once the last write was answered
 * (acknowledged or refused), whenever both serve reads they return the same value
 * (`ReadableReplicasAgree`): a refused write may not be visible at one replica and not the other.
 * (While a write is in flight the replicas may differ: reads then are not linearizable, as in
 * primary-backup-sync.) `Consistent` is their conjunction.
 */
export const readsSeeAckedWrites = (c: Config, s: State): boolean =>
  c.replicas.every((r) => !readable(c, s, r) || value(s, r) >= s.acked)
export const readableReplicasAgree = (c: Config, s: State): boolean => {
  const p = pendingWrite(c, s)
  return (p !== null && !p.refused) || !c.replicas.every((r) => readable(c, s, r)) || value(s, c.replicas[0]) === value(s, c.replicas[1])
}
export const consistent = (c: Config, s: State): boolean => readsSeeAckedWrites(c, s) && readableReplicasAgree(c, s)

/** Once quiet — no partition in force, no message in flight, no write in progress — the two
 * replicas hold one value, the last acknowledged write or a newer one: what AP promises once the
 * partition heals (the replicas converge), and CP at every quiet moment. A replica that answers a
 * write it never applied (AP acknowledging on a timeout without taking the value) leaves its peer
 * ahead for good, which no read-side property sees while reads may differ. */
export const quiescentReplicasAgree = (c: Config, s: State): boolean => {
  if (s.net.partition !== null || pendingWrite(c, s) !== null || messages(s.net).length > 0) return true
  const v = value(s, c.replicas[0])
  return v === value(s, c.replicas[1]) && v >= s.acked
}

/** A: no live replica has refused a request (every replica is live here). */
export const available = (_c: Config, s: State): boolean => !s.refused

/** A write no longer in progress was answered: acknowledged (it is the last one issued), or
 * refused (the model keeps one refusal flag, so after a refusal this only says something in a
 * one-write spec). The seed's A: "每一个非故障的节点必须对每一个请求作出响应". */
export const writesAnswered = (c: Config, s: State): boolean => pendingWrite(c, s) !== null || s.acked === s.issued || s.refused

/** Without a partition there is nothing to trade (the seed: "在系统不存在分区的情况下没什么理由牺牲C或A"):
 * every mode is consistent and available until the first partition. */
export const noTradeoffWithoutPartition = (c: Config, s: State): boolean => s.net.spent.partition > 0 || (consistent(c, s) && available(c, s))

export const cap = actorModel<Config, Roles, Msg, Ghost>({
  name: 'cap',
  roles: {
    replicas: {
      nodes: (c) => c.replicas,
      init: replicaInit,
      receive: (_c, n, x, m) => (m.type === 'Replicate' ? onReplicate(n, x, m) : onAck(x, m)),
      ignoresForever: (_c, _n, x, m) => ignoredForever(x, m),
      actions: replicaActions,
      // The old order: every replica's Write, then the timeouts.
      order: 'action',
      schema: replicaSchema,
    },
  },
  network: (c) => ({ semantics: 'bag', budget: c.budget }),
  message: messageSchema,
  ghost: () => ({ issued: 0, acked: 0, refused: false }),
  ghostSchema,
  properties: [
    // Each invariant names the situation it is about (never reached: reported vacuous): reads
    // after an acknowledged write with the replicas cut apart; both replicas serving reads after
    // an answered write; a write whose peer is cut off.
    always('Consistent', consistent, { witness: 'AckedDuringPartition' }),
    always('ReadsSeeAckedWrites', readsSeeAckedWrites, { witness: 'AckedDuringPartition' }),
    always('ReadableReplicasAgree', readableReplicasAgree, {
      when: (c, s) => {
        const p = pendingWrite(c, s)
        return s.issued > 0 && (p === null || p.refused) && c.replicas.every((r) => readable(c, s, r))
      },
    }),
    always('Available', available, { witness: 'WriteWhilePeerCutOff' }),
    always('QuiescentReplicasAgree', quiescentReplicasAgree, { witness: 'QuietAfterPartition' }),
    always('WritesAnswered', writesAnswered, { when: (c, s) => s.issued > 0 && pendingWrite(c, s) === null }),
    always('NoTradeoffWithoutPartition', noTradeoffWithoutPartition, { when: (_c, s) => s.issued > 0 && s.net.spent.partition === 0 }),
    sometimes('WriteAcknowledged', (_c, s) => s.acked > 0),
    sometimes('WriteWhilePeerCutOff', (c, s) => pendingWrite(c, s) !== null && s.net.partition !== null),
    sometimes('RefusedWriteReachedPeer', (c, s) => s.refused && value(s, c.replicas[0]) !== value(s, c.replicas[1])),
    sometimes('BothReadableAfterRefusal', (c, s) => s.refused && c.replicas.every((r) => readable(c, s, r))),
    sometimes('AckedDuringPartition', (_c, s) => s.acked > 0 && s.net.partition !== null),
    // QuiescentReplicasAgree's situation: an acknowledged write, a partition that healed, and a
    // quiet network with no write in progress.
    sometimes('QuietAfterPartition', (c, s) => s.acked > 0 && s.net.spent.partition > 0 && s.net.partition === null && pendingWrite(c, s) === null && messages(s.net).length === 0),
    sometimes('ReplicasAgreeOnLastWrite', (c, s) => s.acked === c.writes && c.replicas.every((r) => value(s, r) === c.writes)),
  ],
})
