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
 * Left out: crashes (the seed's picture is a partition between live replicas), conflict
 * resolution beyond "a replica keeps the highest value it has seen", concurrent clients.
 */
import { Steps, always, mapFrom, sometimes } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import type { DeliverAction, FaultBudget, Network, NetworkFaultAction } from '../src/net/index.ts'
import { deliverableTo, deliveries, network, networkFaults, send, separates } from '../src/net/index.ts'

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

// ---- state -----------------------------------------------------------------------------------

export type State = {
  /** Each replica's value (0 = initial). */
  readonly value: Readonly<Record<string, number>>
  /** The write in progress: at which replica, which value, and whether it was refused to the
   * client (CP: unresolved until the peer's ack arrives). */
  readonly pending: { readonly at: string; readonly v: number; readonly refused: boolean } | null
  /** History: writes issued, highest write acknowledged to the client, and whether a live replica
   * refused a write. */
  readonly issued: number
  readonly acked: number
  readonly refused: boolean
  readonly net: Network<Msg>
}

export type Action =
  | { readonly name: 'Write'; readonly node: string; readonly v: number }
  | { readonly name: 'Timeout'; readonly node: string }
  | DeliverAction<Msg>
  | NetworkFaultAction<Msg>

// ---- init ------------------------------------------------------------------------------------

export const init = (c: Config): State => ({
  value: mapFrom(c.replicas, () => 0),
  pending: null,
  issued: 0,
  acked: 0,
  refused: false,
  net: network('bag'),
})

// ---- actions ---------------------------------------------------------------------------------

const peer = (c: Config, r: string): string => (c.replicas[0] === r ? c.replicas[1] : c.replicas[0])

/** The client sends the next write to replica r, which replicates it to its peer first. */
export function write(c: Config, s: State, r: string): State | null {
  // mutants: `issued >= writes` is the search's bound: loosened (`>`, `&&`, deleted) it adds a write
  // (counts only) or never stops issuing them (undecided).
  if (s.pending !== null || s.issued >= c.writes) return null
  const v = s.issued + 1
  return { ...s, issued: v, pending: { at: r, v, refused: false }, net: send(s.net, { from: r, to: peer(c, r), type: 'Replicate', v }) }
}

/** A replica applies a replicated value (keeping the highest) and acks it. */
export function onReplicate(_c: Config, s: State, m: Msg & { type: 'Replicate' }): State {
  const value = Math.max(s.value[m.to] as number, m.v)
  return { ...s, value: { ...s.value, [m.to]: value }, net: send(s.net, { from: m.to, to: m.from, type: 'Ack', v: m.v }) }
}

/** With the peer's ack, the replica applies the write and answers the client (a refused,
 * unresolved CP write is applied without an answer: the client was already told). */
export function onAck(_c: Config, s: State, m: Msg & { type: 'Ack' }): State {
  const p = s.pending
  if (p === null || p.at !== m.to || p.v !== m.v) return s
  const value = { ...s.value, [m.to]: Math.max(s.value[m.to] as number, m.v) }
  return { ...s, value, pending: null, acked: p.refused ? s.acked : m.v }
}

/** The peer is cut off: CP refuses the write (keeping it unresolved; `cp-naive` forgets it), AP
 * accepts it locally and answers. */
export function timeout(c: Config, s: State): State | null {
  const p = s.pending
  // mutants: `p.refused && …` lets a refused write time out again, to the same state (a stutter:
  // generated counts only). `… > 0 && !separates(…)` is an inaccurate timeout:
  // NoTradeoffWithoutPartition catches it.
  if (p === null || p.refused || deliverableTo(s.net, p.at).length > 0 || !separates(s.net.partition, p.at, peer(c, p.at))) return null
  if (c.mode === 'cp') return { ...s, pending: { ...p, refused: true }, refused: true }
  if (c.mode === 'cp-naive') return { ...s, pending: null, refused: true }
  return { ...s, value: { ...s.value, [p.at]: Math.max(s.value[p.at] as number, p.v) }, pending: null, acked: p.v }
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  // mutants: `v` here is only the action's label (equivalent).
  for (const r of c.replicas) out.add({ name: 'Write', node: r, v: s.issued + 1 }, write(c, s, r))
  for (const d of deliveries(s.net)) {
    const t = { ...s, net: d.net }
    const m = d.action.msg
    out.add(d.action, m.type === 'Replicate' ? onReplicate(c, t, m) : onAck(c, t, m))
  }
  out.add({ name: 'Timeout', node: s.pending?.at ?? c.replicas[0] }, timeout(c, s))
  for (const f of networkFaults(s.net, c.budget, { nodes: c.replicas })) out.add(f.action, { ...s, net: f.net })
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

/** Whether replica r serves reads now: always in AP; in CP only while it can reach its peer and
 * has no write in progress (it may not answer from a state its peer has not confirmed). */
export const readable = (c: Config, s: State, r: string): boolean =>
  c.mode === 'ap' || (!separates(s.net.partition, r, peer(c, r)) && s.pending?.at !== r)

/**
 * C, split so a failure names its part: every replica that serves reads returns the last
 * acknowledged write or a newer one (`ReadsSeeAckedWrites`), and once the last write was answered
 * (acknowledged or refused), whenever both serve reads they return the same value
 * (`ReadableReplicasAgree`): a refused write may not be visible at one replica and not the other.
 * (While a write is in flight the replicas may differ: reads then are not linearizable, as in
 * primary-backup-sync.) `Consistent` is their conjunction.
 */
export const readsSeeAckedWrites = (c: Config, s: State): boolean =>
  c.replicas.every((r) => !readable(c, s, r) || (s.value[r] as number) >= s.acked)
export const readableReplicasAgree = (c: Config, s: State): boolean =>
  (s.pending !== null && !s.pending.refused) || !c.replicas.every((r) => readable(c, s, r)) || s.value[c.replicas[0]] === s.value[c.replicas[1]]
export const consistent = (c: Config, s: State): boolean => readsSeeAckedWrites(c, s) && readableReplicasAgree(c, s)

/** A: no live replica has refused a request (every replica is live here). */
export const available = (_c: Config, s: State): boolean => !s.refused

/** A write no longer in progress was answered: acknowledged (it is the last one issued), or
 * refused (the model keeps one refusal flag, so after a refusal this only says something in a
 * one-write spec). The seed's A: "每一个非故障的节点必须对每一个请求作出响应". */
export const writesAnswered = (_c: Config, s: State): boolean => s.pending !== null || s.acked === s.issued || s.refused

/** Without a partition there is nothing to trade (the seed: "在系统不存在分区的情况下没什么理由牺牲C或A"):
 * every mode is consistent and available until the first partition. */
export const noTradeoffWithoutPartition = (c: Config, s: State): boolean => s.net.spent.partition > 0 || (consistent(c, s) && available(c, s))

export const cap: Model<Config, State, Action> = {
  name: 'cap',
  init: (c) => [init(c)],
  next,
  actions: ['Write', 'Deliver', 'Timeout', 'Partition', 'Heal'],
  properties: [
    // Each invariant names the situation it is about (never reached: reported vacuous): reads
    // after an acknowledged write with the replicas cut apart; both replicas serving reads after
    // an answered write; a write whose peer is cut off.
    always('Consistent', consistent, { witness: 'AckedDuringPartition' }),
    always('ReadsSeeAckedWrites', readsSeeAckedWrites, { witness: 'AckedDuringPartition' }),
    always('ReadableReplicasAgree', readableReplicasAgree, {
      when: (c, s) => s.issued > 0 && (s.pending === null || s.pending.refused) && c.replicas.every((r) => readable(c, s, r)),
    }),
    always('Available', available, { witness: 'WriteWhilePeerCutOff' }),
    always('WritesAnswered', writesAnswered, { when: (_c, s) => s.issued > 0 && s.pending === null }),
    always('NoTradeoffWithoutPartition', noTradeoffWithoutPartition, { when: (_c, s) => s.issued > 0 && s.net.spent.partition === 0 }),
    sometimes('WriteAcknowledged', (_c, s) => s.acked > 0),
    sometimes('WriteWhilePeerCutOff', (_c, s) => s.pending !== null && s.net.partition !== null),
    sometimes('RefusedWriteReachedPeer', (c, s) => s.refused && s.value[c.replicas[0]] !== s.value[c.replicas[1]]),
    sometimes('BothReadableAfterRefusal', (c, s) => s.refused && c.replicas.every((r) => readable(c, s, r))),
    sometimes('AckedDuringPartition', (_c, s) => s.acked > 0 && s.net.partition !== null),
    sometimes('ReplicasAgreeOnLastWrite', (c, s) => s.acked === c.writes && c.replicas.every((r) => s.value[r] === c.writes)),
  ],
}
