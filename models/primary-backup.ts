/**
 * Primary/backup replication of one register, in the three modes the seed names
 * (distributed-systems-notes.zh.md, "数据多副本实现容错的情况"):
 * - `sync` (最高保护, Maximum Protection): the primary applies a write, sends it to every backup
 *   and acknowledges the client only once every backup has applied it; if some backup cannot
 *   answer (crashed, cut off) the write is rejected;
 * - `async` (最高性能, Maximum Performance): the primary applies the write, acknowledges at once,
 *   and replicates in the background;
 * - `max-availability` (最高可用性): synchronous until a replication fails (the primary times out
 *   waiting for an ack), then it switches to asynchronous and acknowledges.
 * Reads go to any live replica and return its value. When the primary is down, a live backup may
 * be promoted (an external failure detector, as the seed's "a backup takes over").
 *
 * Writes are the values 1, 2, … in order (at most `writes` of them), so "newer" is "greater".
 * The client history is kept in the state as history variables: the highest acknowledged write,
 * the highest value any read returned, whether a write was rejected.
 *
 * Left out: a client that retries, catch-up of a restarted or lagging backup other than by the next
 * write, switching back from async to sync, fencing of a deposed primary beyond "a backup ignores
 * replication from anyone but the current primary". Failure detection is perfect: the primary
 * times out only when no message can arrive any more; a backup is promoted only when the primary
 * is down.
 */
import { Steps, always, mapFrom, sometimes } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import type { CrashAction, DeliverAction, FaultBudget, Network, NetworkFaultAction, NodeState, RestartAction } from '../src/net/index.ts'
import {
  afterCrash,
  crash,
  crashable,
  deliverable,
  deliveries,
  isUp,
  network,
  networkFaults,
  restart,
  restartable,
  sendAll,
} from '../src/net/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Mode = 'sync' | 'async' | 'max-availability'

export type Config = {
  readonly mode: Mode
  /** The nodes; the first is the initial primary. */
  readonly nodes: readonly string[]
  /** How many writes the client issues (values 1..writes). */
  readonly writes: number
  /** The nodes that may crash (within `budget.crash`). */
  readonly crashable: readonly string[]
  readonly budget: FaultBudget
}

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Replicate'; readonly v: number }
  | { readonly from: string; readonly to: string; readonly type: 'Ack'; readonly v: number }

// ---- state -----------------------------------------------------------------------------------

/** The primary's write in progress: the value and the backups that acknowledged it. */
export type Pending = { readonly v: number; readonly acks: readonly string[] }

/** Durable: the applied value (0 = initial). Volatile: the write in progress, if primary. */
export type Replica = NodeState<number, Pending | null>

export type State = {
  readonly nodes: Readonly<Record<string, Replica>>
  /** Who is primary (kept by the failover mechanism, outside any one node). */
  readonly primary: string
  /** The replication mode in force (max-availability switches it to async). */
  readonly mode: 'sync' | 'async'
  /** History: writes issued, the highest write acknowledged, the highest value a read returned,
   * and whether a write was rejected while the primary was up. */
  readonly issued: number
  readonly acked: number
  readonly maxRead: number
  readonly rejected: boolean
  readonly net: Network<Msg>
}

export type Action =
  | { readonly name: 'Write'; readonly node: string; readonly v: number }
  | { readonly name: 'Read'; readonly node: string; readonly v: number }
  | { readonly name: 'Timeout'; readonly node: string }
  | { readonly name: 'Promote'; readonly node: string }
  | DeliverAction<Msg>
  | NetworkFaultAction<Msg>
  | CrashAction
  | RestartAction

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  return {
    nodes: mapFrom(c.nodes, () => ({ durable: 0, volatile: null })),
    primary: c.nodes[0] as string,
    mode: c.mode === 'async' ? 'async' : 'sync',
    issued: 0,
    acked: 0,
    maxRead: 0,
    rejected: false,
    net: network('bag'),
  }
}

// ---- actions ---------------------------------------------------------------------------------

const backups = (c: Config, s: State): string[] => c.nodes.filter((n) => n !== s.primary)
const up = (s: State, n: string): boolean => isUp(s.net, n)
const node = (s: State, n: string): Replica => s.nodes[n] as Replica
const withNode = (s: State, n: string, r: Replica): State => ({ ...s, nodes: { ...s.nodes, [n]: r } })

/** The client writes the next value at the primary, which applies it and sends it to every
 * backup; in async mode the write is acknowledged at once, in sync mode it waits for the acks. */
export function write(c: Config, s: State): State | null {
  const p = s.primary
  if (!up(s, p) || node(s, p).volatile !== null || s.issued >= c.writes) return null
  const v = s.issued + 1
  const net = sendAll(s.net, backups(c, s).map((b): Msg => ({ from: p, to: b, type: 'Replicate', v })))
  const pending = s.mode === 'sync' ? { v, acks: [] } : null
  const acked = s.mode === 'async' ? v : s.acked
  return { ...withNode(s, p, { durable: v, volatile: pending }), issued: v, acked, net }
}

/** Backup b applies a replicated value from the current primary (and acks it in sync mode).
 * Replication from a deposed primary or of an older value is ignored. */
export function onReplicate(_c: Config, s: State, m: Msg & { type: 'Replicate' }): State | null {
  const b = m.to
  if (!up(s, b)) return null
  if (m.from !== s.primary || b === s.primary || m.v <= node(s, b).durable) return s
  const next = withNode(s, b, { ...node(s, b), durable: m.v })
  return s.mode === 'sync' ? { ...next, net: sendAll(next.net, [{ from: b, to: m.from, type: 'Ack', v: m.v }]) } : next
}

/** The primary records an ack; with every backup's ack the write is acknowledged to the client. */
export function onAck(c: Config, s: State, m: Msg & { type: 'Ack' }): State | null {
  const p = m.to
  const pending = node(s, p).volatile
  if (!up(s, p)) return null
  if (p !== s.primary || pending === null || pending.v !== m.v) return s
  const acks = [...new Set([...pending.acks, m.from])].sort()
  if (acks.length < backups(c, s).length) return withNode(s, p, { ...node(s, p), volatile: { v: m.v, acks } })
  return { ...withNode(s, p, { ...node(s, p), volatile: null }), acked: Math.max(s.acked, m.v) }
}

/**
 * The primary gives up waiting for acks once none can arrive (no message is deliverable). Sync
 * mode rejects the write; max-availability switches to async and acknowledges it.
 */
export function timeout(c: Config, s: State): State | null {
  const p = s.primary
  const pending = node(s, p).volatile
  if (!up(s, p) || pending === null || deliverable(s.net).length > 0) return null
  const cleared = withNode(s, p, { ...node(s, p), volatile: null })
  if (c.mode === 'max-availability') return { ...cleared, mode: 'async', acked: Math.max(s.acked, pending.v) }
  return { ...cleared, rejected: true }
}

/** A read at live replica n returns its value (recorded only when it is a new highest). */
export function read(_c: Config, s: State, n: string): State | null {
  const v = node(s, n).durable
  if (!up(s, n) || v <= s.maxRead) return null
  return { ...s, maxRead: v }
}

/** With the primary down, live backup b takes over (in the configured mode again). */
export function promote(c: Config, s: State, b: string): State | null {
  if (up(s, s.primary) || !up(s, b) || b === s.primary) return null
  return { ...s, primary: b, mode: c.mode === 'async' ? 'async' : 'sync' }
}

export function crashNode(_c: Config, s: State, n: string): State {
  return { ...withNode(s, n, afterCrash(node(s, n), null)), net: crash(s.net, n) }
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  out.add({ name: 'Write', node: s.primary, v: s.issued + 1 }, write(c, s))
  for (const d of deliveries(s.net)) {
    const m = d.action.msg
    const t = { ...s, net: d.net }
    out.add(d.action, m.type === 'Replicate' ? onReplicate(c, t, m) : onAck(c, t, m))
  }
  out.add({ name: 'Timeout', node: s.primary }, timeout(c, s))
  for (const n of c.nodes) out.add({ name: 'Read', node: n, v: node(s, n).durable }, read(c, s, n))
  for (const b of c.nodes) out.add({ name: 'Promote', node: b }, promote(c, s, b))
  for (const f of networkFaults(s.net, c.budget, { nodes: c.nodes })) out.add(f.action, { ...s, net: f.net })
  for (const n of crashable(s.net, c.budget, c.crashable)) out.add({ name: 'Crash', node: n }, crashNode(c, s, n))
  for (const n of restartable(s.net, c.nodes)) out.add({ name: 'Restart', node: n }, { ...s, net: restart(s.net, n) })
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

/** The seed's strong consistency: after a write is acknowledged, a read at any live replica
 * returns it (or a newer value). */
export const readsSeeAckedWrites = (c: Config, s: State): boolean =>
  c.nodes.every((n) => !up(s, n) || node(s, n).durable >= s.acked)

/** Linearizable reads: a read returns at least the last acknowledged write *and* at least what any
 * earlier read returned (a read may not go back in time), at every live replica. */
export const linearizableReads = (c: Config, s: State): boolean =>
  c.nodes.every((n) => !up(s, n) || node(s, n).durable >= Math.max(s.acked, s.maxRead))

/** Durability: the primary (the node that serves and orders writes) holds every acknowledged write. */
export const ackedWritesDurable = (_c: Config, s: State): boolean => node(s, s.primary).durable >= s.acked

export const primaryBackup: Model<Config, State, Action> = {
  name: 'primary-backup',
  init: (c) => [init(c)],
  next,
  actions: ['Write', 'Deliver', 'Timeout', 'Read', 'Promote', 'Drop', 'Duplicate', 'Partition', 'Heal', 'Crash', 'Restart'],
  properties: [
    always('ReadsSeeAckedWrites', readsSeeAckedWrites),
    always('LinearizableReads', linearizableReads),
    always('AckedWritesDurable', ackedWritesDurable),
    sometimes('WriteAcknowledged', (_c, s) => s.acked > 0),
    sometimes('WriteRejectedWhilePrimaryUp', (_c, s) => s.rejected && up(s, s.primary)),
    sometimes('SwitchedToAsync', (c, s) => c.mode === 'max-availability' && s.mode === 'async'),
    sometimes('FailedOver', (c, s) => s.primary !== c.nodes[0]),
    sometimes('AllReplicasHoldLastWrite', (c, s) => s.acked === c.writes && c.nodes.every((n) => node(s, n).durable === c.writes)),
  ],
  validate: (c) =>
    c.nodes.length < 2 ? 'at least a primary and one backup are needed' : c.writes < 1 ? 'at least one write' : undefined,
}
