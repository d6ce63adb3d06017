/**
 * The network of a message-passing model: a plain-data value kept in the state field `net`.
 *
 * Three message semantics (pick one per model; each is a faithful model of a different network):
 * - `set`  — TLA+ style: `sent` is the set of every message ever sent; nothing is removed, so a
 *   message may be received any number of times or never (loss, duplication and reordering are
 *   implicit, with no fault actions and no budget). Receivers guard against re-delivery.
 * - `bag`  — an unordered multiset of messages in flight, consumed on delivery: reordering is
 *   implicit; loss and duplication happen only through the budgeted `Drop` / `Duplicate` faults.
 * - `fifo` — one queue per directed link (`from→to`), delivered oldest first: order per link is
 *   kept; `Drop` removes any one message of a queue, `Duplicate` re-appends a copy. Every link
 *   between the network's nodes (`network('fifo', nodes)`) is always present, an empty queue
 *   when idle, so every state has the same keys (a `mapOf`: src/net/schema.ts).
 *
 * The value also carries the fault environment, so one field tells the whole story in a trace:
 * the partition in force (delivery across a cut link is disabled until `Heal`: a partition
 * *delays*; loss is the separate `Drop` fault), the crashed nodes (`down`: nothing is delivered to
 * them), and the faults spent so far against the spec's budget.
 *
 * Every function is pure and returns the same instance when nothing changes.
 */
import type { Value } from '../core/value.ts'
import { compareValues, inserted, removed, setAdd, setHas } from '../state/data.ts'
import type { SetOf } from '../state/data.ts'
import type { Compare } from '../state/schema-compare.ts'
import type { Message } from './message.ts'
import { messageLabel } from './message.ts'
import { copyQueues, queuesWith } from './fifo-queues.ts'
import type { Groups } from './partition.ts'
import { groupsLabel, separates } from './partition.ts'

export type Semantics = 'set' | 'bag' | 'fifo'

/** Faults spent so far (compared with the spec's `FaultBudget`). */
export type Spent = {
  readonly drop: number
  readonly duplicate: number
  readonly partition: number
  readonly crash: number
}

type Env = {
  /** The partition in force (canonical groups), or null when every link works. */
  readonly partition: Groups | null
  /** Crashed nodes: no message is delivered to them. */
  readonly down: SetOf<string>
  readonly spent: Spent
}

export type SetNetwork<M extends Message> = Env & {
  readonly semantics: 'set'
  /** Every message ever sent (a sorted set). */
  readonly sent: SetOf<M>
}
export type BagNetwork<M extends Message> = Env & {
  readonly semantics: 'bag'
  /** Messages in flight, sorted, with one entry per copy. */
  readonly inFlight: readonly M[]
}
export type FifoNetwork<M extends Message> = Env & {
  readonly semantics: 'fifo'
  /** Per directed link `from→to` (`linkKey`), its queue oldest first: every link between the
   * nodes, an empty queue when idle, keys in `fifoLinks` order (which every function here keeps,
   * so that iterating them is iterating the links in sorted order). */
  readonly queues: Readonly<Record<string, readonly M[]>>
}
export type Network<M extends Message = Message> = SetNetwork<M> | BagNetwork<M> | FifoNetwork<M>

// ---- building network records ----------------------------------------------------------------
//
// Every network record is built by a constructor of its semantics (fields in `network()`'s order:
// semantics, messages, partition, down, spent), never by a spread (`{ ...net, inFlight }`): a
// spread gives each record a 40-byte out-of-object property array beside it (a fifth field past
// the four in-object slots of a literal), kept by every state that keeps the record, and takes
// V8's slow clone path; and one constructor gives every record of a semantics one hidden class
// (docs/performance.md, "Per-state cost, fourth pass"). The constructor's prototype is
// `Object.prototype`: what it builds is a plain object, as a literal with the same keys would be.

type Fields<N> = { -readonly [K in keyof N]: N[K] }
type NetConstructor<N> = new (messages: unknown, partition: Groups | null, down: SetOf<string>, spent: Spent) => N

const SetNet = function (this: Fields<SetNetwork<Message>>, sent: SetOf<Message>, partition: Groups | null, down: SetOf<string>, spent: Spent) {
  this.semantics = 'set'
  this.sent = sent
  this.partition = partition
  this.down = down
  this.spent = spent
} as unknown as NetConstructor<SetNetwork<Message>>
const BagNet = function (this: Fields<BagNetwork<Message>>, inFlight: readonly Message[], partition: Groups | null, down: SetOf<string>, spent: Spent) {
  this.semantics = 'bag'
  this.inFlight = inFlight
  this.partition = partition
  this.down = down
  this.spent = spent
} as unknown as NetConstructor<BagNetwork<Message>>
const FifoNet = function (this: Fields<FifoNetwork<Message>>, queues: Readonly<Record<string, readonly Message[]>>, partition: Groups | null, down: SetOf<string>, spent: Spent) {
  this.semantics = 'fifo'
  this.queues = queues
  this.partition = partition
  this.down = down
  this.spent = spent
} as unknown as NetConstructor<FifoNetwork<Message>>
const SpentRecord = function (this: Fields<Spent>, drop: number, duplicate: number, partition: number, crash: number) {
  this.drop = drop
  this.duplicate = duplicate
  this.partition = partition
  this.crash = crash
} as unknown as new (drop: number, duplicate: number, partition: number, crash: number) => Spent
for (const F of [SetNet, BagNet, FifoNet, SpentRecord]) F.prototype = Object.prototype

/** `net` with its messages (`sent`, `inFlight` or `queues`) replaced, and its fault environment. */
export function netWith<M extends Message>(
  net: Network<M>,
  messages: SetOf<M> | readonly M[] | Readonly<Record<string, readonly M[]>>,
  partition: Groups | null = net.partition,
  down: SetOf<string> = net.down,
  spent: Spent = net.spent,
): Network<M> {
  const F = net.semantics === 'bag' ? BagNet : net.semantics === 'set' ? SetNet : FifoNet
  return new F(messages, partition, down, spent) as unknown as Network<M>
}

/** A bag network with `inFlight` as its messages, the rest of `net` kept. */
export const bagWith = <M extends Message>(net: BagNetwork<M>, inFlight: readonly M[]): BagNetwork<M> =>
  new BagNet(inFlight, net.partition, net.down, net.spent) as unknown as BagNetwork<M>

/** A set network with `sent` as its messages (`net` itself when `sent` is its own). */
export function withSent<M extends Message>(net: SetNetwork<M>, sent: SetOf<M>): SetNetwork<M> {
  return sent === net.sent ? net : (new SetNet(sent, net.partition, net.down, net.spent) as unknown as SetNetwork<M>)
}

/** The messages field of `net`, whatever its semantics. */
export const messagesField = <M extends Message>(net: Network<M>): SetOf<M> | readonly M[] | Readonly<Record<string, readonly M[]>> =>
  net.semantics === 'bag' ? net.inFlight : net.semantics === 'set' ? net.sent : net.queues

/** `spent` with one more fault of kind `k`. */
export function spend(spent: Spent, k: keyof Spent): Spent {
  return new SpentRecord(spent.drop + (k === 'drop' ? 1 : 0), spent.duplicate + (k === 'duplicate' ? 1 : 0), spent.partition + (k === 'partition' ? 1 : 0), spent.crash + (k === 'crash' ? 1 : 0))
}

const NO_FAULTS: Spent = new SpentRecord(0, 0, 0, 0)

/** The queue of an idle link (one instance: an idle link costs no array, and the compiled
 * fingerprint finds it in its slot by identity). */
const IDLE: readonly never[] = []

/**
 * An empty, fully connected network with every node up. A `fifo` network needs its `nodes`: it
 * holds a queue for every directed link between them (`fifoLinks`), idle ones included, and a
 * message on any other link is refused (`send`). `set` and `bag` networks ignore `nodes`.
 */
export function network<M extends Message>(semantics: 'set' | 'bag', nodes?: readonly string[]): Network<M>
export function network<M extends Message>(semantics: Semantics, nodes: readonly string[]): Network<M>
export function network<M extends Message>(semantics: Semantics, nodes?: readonly string[]): Network<M> {
  switch (semantics) {
    case 'set':
      return new SetNet([], null, [], NO_FAULTS) as unknown as Network<M>
    case 'bag':
      return new BagNet([], null, [], NO_FAULTS) as unknown as Network<M>
    case 'fifo': {
      if (nodes === undefined) throw new Error("network('fifo', nodes): a FIFO network needs its nodes (it keeps a queue per directed link between them)")
      const queues: Record<string, readonly M[]> = {}
      for (const k of fifoLinks(nodes)) queues[k] = IDLE
      return new FifoNet(queues, null, [], NO_FAULTS) as unknown as Network<M>
    }
  }
}

/** The key of link from→to in a FIFO network's queues. Made once per pair and kept (the node names
 * of a run are few): a template string built on every send and delivery, then looked up as a
 * property, was 15% of LamportMutex's CPU (maxClock = 5, 372,546 states). */
export function linkKey(from: string, to: string): string {
  let row = linkKeys.get(from)
  if (row === undefined) {
    if (linkKeys.size >= LINK_KEYS_PER_NODE) linkKeys.clear()
    linkKeys.set(from, (row = new Map()))
  }
  let k = row.get(to)
  if (k === undefined) {
    if (row.size >= LINK_KEYS_PER_NODE) row.clear()
    row.set(to, (k = `${from}→${to}`))
  }
  return k
}
const linkKeys = new Map<string, Map<string, string>>()
/** A bound on the senders the cache keeps, and on what it keeps for one (a long-lived process
 * checking many models). */
const LINK_KEYS_PER_NODE = 4096

/**
 * The keys of a FIFO network's queues between `nodes`: every directed link `from→to`, a node's
 * link to itself included (a node may send to itself), sorted as strings. Sorted, so that
 * iterating the queues in key order visits the links in the order deliveries are listed (it was
 * `Object.keys(queues).sort()` while idle links were absent); the schema's `mapOf` takes the same
 * order (src/net/schema.ts), which the thread codec checks states against.
 */
export function fifoLinks(nodes: readonly string[]): string[] {
  const out: string[] = []
  for (const from of nodes) for (const to of nodes) out.push(linkKey(from, to))
  return [...new Set(out)].sort()
}

/**
 * Puts `m` on the network. In `bag` and `fifo` networks a message to a crashed node is lost (its
 * connections died with it); in a `set` network it is recorded like any other.
 */
export function send<M extends Message>(net: Network<M>, m: M, compare: Compare = compareElements): Network<M> {
  switch (net.semantics) {
    case 'set':
      return withSent(net, setAdd(net.sent, m))
    case 'bag':
      return setHas(net.down, m.to) ? net : bagWith(net, bagAdd(net.inFlight, m, compare))
    case 'fifo':
      return setHas(net.down, m.to) ? net : netWith(net, appended(net.queues, m))
  }
}

/** `queues` with `m` at the back of its link's queue (each key in its place). A link the network
 * was not built with is refused: a key added here would make a state of another shape, and the
 * idle link it leaves after delivery a state unequal to one where it was never used. */
export function appended<M extends Message>(queues: Readonly<Record<string, readonly M[]>>, m: M): Readonly<Record<string, readonly M[]>> {
  const k = linkKey(m.from, m.to)
  const q = queues[k]
  if (q === undefined) throw new Error(`fifo network: no link ${k} (its nodes are those of network('fifo', nodes): ${Object.keys(queues).join(', ')})`)
  return queuesWith(queues, k, q.length === 0 ? [m] : [...q, m])
}

/** Sends every message of `ms`, in order. `compare` orders a bag: `compareValues`, or a comparison
 * that gives its order on these messages faster (the harness's, compiled from the message schema:
 * state/schema-compare.ts). */
export function sendAll<M extends Message>(net: Network<M>, ms: readonly M[], compare: Compare = compareElements): Network<M> {
  if (ms.length === 1) return send(net, ms[0] as M, compare)
  if (net.semantics === 'bag') {
    // One network record for all of them, not one per message.
    let bag = net.inFlight
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i] as M
      if (!setHas(net.down, m.to)) bag = bagAdd(bag, m, compare)
    }
    return bag === net.inFlight ? net : bagWith(net, bag)
  }
  let out: Network<M> = net
  for (const m of ms) out = send(out, m)
  return out
}

/** True when `m` could be delivered now if it were in flight: receiver up, link not cut. */
export const linkUp = (net: Network<Message>, from: string, to: string): boolean =>
  !setHas(net.down, to) && !separates(net.partition, from, to)

/**
 * The messages deliverable now, each once, in a deterministic order: for `set` every sent
 * message; for `bag` each distinct message in flight; for `fifo` the head of each queue. Messages
 * to a crashed node or across a cut link are not deliverable.
 */
export function deliverable<M extends Message>(net: Network<M>): M[] {
  return inFlight(net, true).filter((m) => linkUp(net, m.from, m.to))
}

/** Whether some message is deliverable now (to `node`, when given): `deliverable(net)` (or
 * `deliverableTo(net, node)`) is not empty, without building either list. The harness asks it of
 * every node with a quiet step in every state: the lists were a third of primary/backup's
 * allocations. */
export function anyDeliverable(net: Network<Message>, node?: string): boolean {
  switch (net.semantics) {
    case 'set':
      for (const m of net.sent) if ((node === undefined || m.to === node) && linkUp(net, m.from, m.to)) return true
      return false
    case 'bag':
      for (const m of net.inFlight) if ((node === undefined || m.to === node) && linkUp(net, m.from, m.to)) return true
      return false
    case 'fifo':
      for (const k in net.queues) {
        const m = (net.queues[k] as readonly Message[])[0]
        if (m !== undefined && (node === undefined || m.to === node) && linkUp(net, m.from, m.to)) return true
      }
      return false
  }
}

/** The network after `m` (one of `deliverable(net)`) is delivered: consumed in `bag` and `fifo`,
 * kept in `set`. */
export function receive<M extends Message>(net: Network<M>, m: M): Network<M> {
  switch (net.semantics) {
    case 'set':
      return net
    case 'bag':
      return bagWith(net, bagRemove(net.inFlight, m))
    case 'fifo':
      return fifoRemove(net, m)
  }
}

/**
 * Every message in the network as plain records `{ from, to, type, ...payload }` — the messages
 * ever sent for a `set` network, the copies in flight for `bag` (one record per copy), the queued
 * messages for `fifo` (link by link, oldest first). This is what trace viewers draw from: a state
 * `s` of a message-passing model has its network in `s.net`, and `messages(s.net)` lists it.
 */
export function messages<M extends Message>(net: Network<M>): M[] {
  return inFlight(net, false)
}

/** A state constraint (as TLC's CONSTRAINT) for a model that keeps its network in `net`: at most
 * `n` messages in the network (`messages`). A state with more is checked but not expanded, so a
 * verdict covers only behaviours that never had more. */
export const inFlightAtMost =
  (n: number) =>
  (_config: unknown, s: { readonly net: Network<Message> }): boolean =>
    messages(s.net).length <= n

/** Messages in flight (distinct ones only when `distinct`), in a deterministic order. */
function inFlight<M extends Message>(net: Network<M>, distinct: boolean): M[] {
  switch (net.semantics) {
    case 'set':
      return [...net.sent]
    case 'bag':
      return distinct ? distinctSorted(net.inFlight) : [...net.inFlight]
    case 'fifo': {
      // (The keys are in sorted order: `fifoLinks`.)
      const out: M[] = []
      for (const k in net.queues) {
        const q = net.queues[k] as readonly M[]
        if (q.length === 0) continue
        if (distinct) out.push(q[0] as M)
        else out.push(...q)
      }
      return out
    }
  }
}

/** True when some message in the network satisfies `pred` (as `messages(net).some(pred)`, without
 * copying the messages). */
export function anyInFlight<M extends Message>(net: Network<M>, pred: (m: M) => boolean): boolean {
  switch (net.semantics) {
    case 'set':
      return net.sent.some(pred)
    case 'bag':
      return net.inFlight.some(pred)
    case 'fifo':
      for (const k in net.queues) if ((net.queues[k] as readonly M[]).some(pred)) return true
      return false
  }
}

/** Distinct messages in flight, whether deliverable now or not (candidates for `Drop`). */
export function distinctInFlight<M extends Message>(net: Network<M>): M[] {
  if (net.semantics !== 'fifo') return inFlight(net, true)
  const out: M[] = []
  for (const k in net.queues) {
    const q = net.queues[k] as readonly M[]
    q.forEach((m, i) => {
      if (q.findIndex((x) => compareValues(x, m) === 0) === i) out.push(m)
    })
  }
  return out
}

/** Messages in flight to `node` that satisfy `pred` and can be delivered now. A timeout that
 * models "nothing will come" is enabled when this is empty. */
export const deliverableTo = <M extends Message>(net: Network<M>, node: string, pred: (m: M) => boolean = () => true): M[] =>
  deliverable(net).filter((m) => m.to === node && pred(m))

/** True when some copy of `m` is in the network (for `set`: was ever sent). */
export function contains<M extends Message>(net: Network<M>, m: M): boolean {
  switch (net.semantics) {
    case 'set':
      return setHas(net.sent, m)
    case 'bag':
      return net.inFlight.some((x) => sameElement(x, m))
    case 'fifo':
      return messages(net).some((x) => compareValues(x, m) === 0)
  }
}

// ---- readable form -----------------------------------------------------------------------------

/** One line for traces: `in flight: Prepare c→p1, Vote(yes) p1→c ×2 · partition {c}|{p1,p2} ·
 * down: p2 · spent: drop 1`. */
export function formatNetwork(net: Network<Message>): string {
  const ms = messages(net)
  const parts: string[] = []
  const counted: string[] = []
  for (let i = 0; i < ms.length; i++) {
    let n = 1
    while (i + 1 < ms.length && compareValues(ms[i + 1] as Value, ms[i] as Value) === 0) {
      n++
      i++
    }
    counted.push(messageLabel(ms[i] as Message) + (n > 1 ? ` ×${n}` : ''))
  }
  parts.push(`${net.semantics === 'set' ? 'sent' : 'in flight'}: ${counted.length ? counted.join(', ') : '—'}`)
  if (net.partition) parts.push(`partition ${groupsLabel(net.partition)}`)
  if (net.down.length > 0) parts.push(`down: ${net.down.join(', ')}`)
  const spent = (Object.keys(net.spent) as (keyof Spent)[]).filter((k) => net.spent[k] > 0)
  if (spent.length > 0) parts.push(`spent: ${spent.map((k) => `${k} ${net.spent[k]}`).join(', ')}`)
  return parts.join(' · ')
}

// ---- internals ---------------------------------------------------------------------------------


/** `compareValues(a, b)` for the elements of a bag. (A sort key per message object, kept in a
 * WeakMap, stood in for records of more than two keys while `compareValues` sorted their keys on
 * every comparison; it no longer does: data.ts, `shapeOf`.) */
const compareElements = compareValues

/** Equal elements (the first test settles most pairs of distinct messages without a sort). */
export function sameElement(a: Value, b: Value): boolean {
  if (a === b) return true
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const x = a as Readonly<Record<string, Value>>
    const y = b as Readonly<Record<string, Value>>
    if (x.type !== y.type || x.from !== y.from || x.to !== y.to) return false
  }
  return compareValues(a, b) === 0
}

/** Each element of a sorted multiset once. */
function distinctSorted<T extends Value>(bag: readonly T[]): T[] {
  const out: T[] = []
  for (let i = 0; i < bag.length; i++) {
    const m = bag[i] as T
    if (i === 0 || !sameElement(bag[i - 1] as Value, m)) out.push(m)
  }
  return out
}

/** Inserts one copy into a sorted multiset (sorted by `compare`: `compareValues`' order). */
export function bagAdd<T extends Value>(bag: readonly T[], v: T, compare: Compare = compareElements): readonly T[] {
  let lo = 0
  let hi = bag.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(bag[mid] as Value, v) <= 0) lo = mid + 1
    else hi = mid
  }
  return inserted(bag, lo, v)
}

/** Removes one copy from a sorted multiset (unchanged when absent). The copy removed is found by
 * identity first: a delivered message is usually an element of the bag itself. */
export function bagRemove<T extends Value>(bag: readonly T[], v: T): readonly T[] {
  let i = bag.indexOf(v)
  if (i < 0) i = bag.findIndex((x) => sameElement(x, v))
  if (i < 0) return bag
  return removed(bag, i)
}

/** Removes the oldest copy of `m` from its link's queue (the link stays, idle when emptied). */
function fifoRemove<M extends Message>(net: FifoNetwork<M>, m: M): Network<M> {
  const k = linkKey(m.from, m.to)
  const q = net.queues[k]
  if (!q) return net
  // (A delivery takes the head, which is `m` itself: found without comparing.)
  const i = q[0] === m ? 0 : q.findIndex((x) => compareValues(x, m) === 0)
  if (i < 0) return net
  const rest = q.length === 1 ? IDLE : i === 0 ? q.slice(1) : [...q.slice(0, i), ...q.slice(i + 1)]
  // (The copy keeps each key in its place.)
  return netWith(net, queuesWith(net.queues, k, rest))
}

/** Discards every message in flight to `node` (used when it crashes). No-op for `set`. */
export function discardTo<M extends Message>(net: Network<M>, node: string): Network<M> {
  switch (net.semantics) {
    case 'set':
      return net
    case 'bag': {
      // (A crash is tried at every state for every up node, most with nothing in flight to it:
      // no list is built then.)
      if (!net.inFlight.some((m) => m.to === node)) return net
      return bagWith(net, net.inFlight.filter((m) => m.to !== node))
    }
    case 'fifo': {
      // (The links are left idle, not removed: every state has every link.)
      let queues: Record<string, readonly M[]> | undefined
      for (const k in net.queues) {
        if ((net.queues[k] as readonly M[])[0]?.to !== node) continue
        queues ??= copyQueues(net.queues)
        queues[k] = IDLE
      }
      return queues === undefined ? net : netWith(net, queues)
    }
  }
}
