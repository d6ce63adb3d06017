/**
 * Server symmetry for raft.ts: with majority quorums, and when the configuration names no server
 * apart (no `byTerm`, every server a candidate, fault budgets that are counts, not per-server),
 * no rule of Raft depends on a server's name, so a state and its image under any renaming of the
 * servers have the same behaviours and the same verdict on every property (each quantifies over
 * all servers). The canonical representative is exact (src/state/symmetry.ts: the image with the
 * smallest fingerprint), pruned by a per-server signature.
 *
 * Renamed: the per-server records (keys), votedFor, votesGranted, the per-peer maps
 * nextIndex / matchIndex / commitSent (keys), the network's messages (from and to; no payload
 * names a server), its down set and partition groups, and the history `elected` (its server).
 * `committed` names no server. Logs keep their order; sets and bags are re-sorted.
 *
 * The explorer hashes the representative without building it: raft-symmetry-fingerprint.ts (same
 * renaming, same fingerprint).
 *
 * Limits: the representative is a fresh value (not interned like the model's own messages); it is
 * only fingerprinted, never expanded (the explorer expands the state it reached). FIFO networks
 * are not supported (Raft's configuration offers bag and set only).
 */
import { canonicalize, compareValues, fmix, setOf } from '../src/index.ts'
import { lanes, partHash } from '../src/state/fingerprint.ts'
import type { Rename, SetOf, Value } from '../src/index.ts'
import { canonicalGroups } from '../src/net/index.ts'
import type { Network } from '../src/net/index.ts'
import type { Config, Msg, Server, State } from './raft.ts'

/** Why `c` names some servers apart (so symmetry would be unsound), or undefined. */
export function asymmetry(c: Config): string | undefined {
  const all = [...c.servers].sort().join(',')
  const sameSet = (ids: readonly string[]): boolean => [...new Set(ids)].sort().join(',') === all
  if (c.candidates !== undefined && !sameSet(c.candidates)) return `candidates (${c.candidates.join(',')}) name only some servers`
  const narrow = c.byTerm?.findIndex((ids) => !sameSet(ids)) ?? -1
  if (narrow >= 0) return `byTerm names only some servers for term ${narrow + 1}`
  return undefined
}

const checked = new WeakSet<Config>()
function requireSymmetric(c: Config): void {
  if (checked.has(c)) return
  const why = asymmetry(c)
  if (why !== undefined) throw new Error(`raft symmetry needs interchangeable servers: ${why}; run without --symmetry`)
  checked.add(c)
}

// ---- relabelling -----------------------------------------------------------------------------

/** A renaming of c.servers (`ids`): `image[id]`, its inverse, and a number naming the mapping
 * (`perm`, one per distinct `id>image` list, so configurations that list their servers in other
 * orders do not share numbers), under which renamed messages and servers are cached. */
export type Renaming = {
  readonly ids: readonly string[]
  readonly image: Readonly<Record<string, string>>
  readonly inverse: Readonly<Record<string, string>>
  /** `from[k]`: the position in ids of the id renamed to ids[k]. */
  readonly from: readonly number[]
  /** `to[k]`: the position in ids of ids[k]'s image. */
  readonly to: readonly number[]
  readonly perm: number
}

const permNumbers = new Map<string, number>()
function renaming(c: Config, rename: Rename): Renaming {
  const image: Record<string, string> = {}
  for (const id of c.servers) image[id] = rename(id)
  return renamingOf(c.servers, image)
}
function renamingOf(ids: readonly string[], image: Record<string, string>): Renaming {
  const inverse: Record<string, string> = {}
  for (const id of ids) inverse[image[id] as string] = id
  const from = ids.map((id) => ids.indexOf(inverse[id] as string))
  const to = ids.map((id) => ids.indexOf(image[id] as string))
  return { ids, image, inverse, from, to, perm: permNumber(ids.map((id) => `${id}>${image[id] as string}`).join(',')) }
}
function permNumber(key: string): number {
  let n = permNumbers.get(key)
  if (n === undefined) permNumbers.set(key, (n = permNumbers.size))
  return n
}

/** Renamed messages, per message object and renaming, each with its sort key: messages are
 * interned by the model, so most renamings are found here instead of built. The bag is re-sorted
 * in the network's own order (src/net/network.ts: records by key count, sorted keys, then values
 * in key order), which the key `[count, ...keys, ...values]` gives when compared as an array: the
 * image is then a well-formed state (the tests expand images), and comparing short arrays is
 * cheaper than comparing records. */
export type Renamed = {
  readonly msg: Msg
  readonly key: readonly Value[]
  /** The renamed message's hash lanes (src/state/fingerprint.ts `partHash`). */
  readonly a: number
  readonly b: number
  /** Its place among every renamed message met so far, in the order of `key` (see `ranked`). */
  rank: number
}
let renamedMessages = new WeakMap<Msg, Renamed[]>()
export function renameMessage(m: Msg, r: Renaming): Renamed {
  let byPerm = renamedMessages.get(m)
  if (byPerm === undefined) renamedMessages.set(m, (byPerm = byContentOf(m)))
  let out = byPerm[r.perm]
  if (out === undefined) {
    const msg: Msg = { ...m, from: r.image[m.from] as string, to: r.image[m.to] as string }
    const rec = msg as unknown as Readonly<Record<string, Value>>
    const keys = Object.keys(rec).sort()
    partHash(msg)
    byPerm[r.perm] = out = { msg, key: [keys.length, ...keys, ...keys.map((k) => rec[k] as Value)], a: lanes.a, b: lanes.b, rank: 0 }
    rank(out)
  }
  return out
}

/** The renamings of a message not met before, found by its content: a state that crossed a
 * thread (a worker's) holds copies of the model's interned messages, whose renamings are made
 * (and ranked) once per content, not once per copy. */
let byContent = new Map<string, Renamed[]>()
function byContentOf(m: Msg): Renamed[] {
  const rec = m as unknown as Readonly<Record<string, Value>>
  const key = Object.keys(rec)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rec[k])}`)
    .join(',')
  let byPerm = byContent.get(key)
  if (byPerm === undefined) byContent.set(key, (byPerm = []))
  return byPerm
}

/** Every renamed message met so far, sorted by key: a message's `rank` is its index here, so the
 * fingerprint sorts a network's renamed messages by comparing integers (equal keys are equal
 * messages, whose order among themselves changes no hash). A new one is inserted and the ranks
 * after it renumbered: one per distinct message and renaming (`byContentOf`), so that stops once
 * the reachable ones are met. The model's message table starts afresh past 2^18 messages
 * (raft.ts); so does this list past 2^16. */
let ranked: Renamed[] = []
/** Called before a network's messages are renamed (not while: the ranks read must be current). */
export function rankedNotFull(): void {
  if (ranked.length < 1 << 16) return
  ranked = []
  renamedMessages = new WeakMap()
  byContent = new Map()
}
function rank(x: Renamed): void {
  let lo = 0
  let hi = ranked.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareValues((ranked[mid] as Renamed).key, x.key) <= 0) lo = mid + 1
    else hi = mid
  }
  ranked.splice(lo, 0, x)
  for (let i = lo; i < ranked.length; i++) (ranked[i] as Renamed).rank = i
}
const byKey = (a: Renamed, b: Renamed): number => compareValues(a.key, b.key)

/** A per-peer record of server ids[to] renamed, its keys in the order the model builds them
 * (c.servers without the server itself), so renamed records share the model's hidden classes. */
function renameRecord(rec: Readonly<Record<string, number>>, r: Renaming, to: number): Record<string, number> {
  const out: Record<string, number> = {}
  const ids = r.ids
  for (let k = 0; k < ids.length; k++) if (k !== to) out[ids[k] as string] = rec[ids[r.from[k] as number] as string] as number
  return out
}

/** A set of ids renamed and sorted again (ids are strings, which `compareValues` orders as `<`
 * does; a renaming is one-to-one, so nothing to deduplicate). */
function renameIds(set: SetOf<string>, image: Readonly<Record<string, string>>): SetOf<string> {
  const n = set.length
  if (n === 0) return set
  const out: string[] = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    const id = image[set[i] as string] as string
    let j = i
    while (j > 0 && (out[j - 1] as string) > id) {
      out[j] = out[j - 1] as string
      j--
    }
    out[j] = id
  }
  return out
}

function renameServer(x: Server, from: string, r: Renaming): Server {
  const image = r.image
  const to = r.ids.indexOf(image[from] as string)
  const v = x.volatile
  const d = x.durable
  const votedFor = d.votedFor
  // Parts that name no server are shared with `x`, not copied (the representative is only hashed).
  const durable = votedFor === null ? d : { currentTerm: d.currentTerm, votedFor: image[votedFor] as string, log: d.log }
  return {
    durable,
    volatile: {
      role: v.role,
      votesGranted: renameIds(v.votesGranted, image),
      nextIndex: renameRecord(v.nextIndex, r, to),
      matchIndex: renameRecord(v.matchIndex, r, to),
      commitSent: renameRecord(v.commitSent, r, to),
      commitIndex: v.commitIndex,
    },
  }
}

/** Messages renamed and sorted by their keys (insertion sort: a network holds a few). */
function renameMessages(msgs: readonly Msg[], r: Renaming): Msg[] {
  const n = msgs.length
  const keyed: Renamed[] = new Array<Renamed>(n)
  for (let i = 0; i < n; i++) {
    const x = renameMessage(msgs[i] as Msg, r)
    let j = i
    while (j > 0 && byKey(keyed[j - 1] as Renamed, x) > 0) {
      keyed[j] = keyed[j - 1] as Renamed
      j--
    }
    keyed[j] = x
  }
  const out: Msg[] = new Array<Msg>(n)
  for (let i = 0; i < n; i++) out[i] = (keyed[i] as Renamed).msg
  return out
}

function renameNetwork(net: Network<Msg>, r: Renaming): Network<Msg> {
  const image = r.image
  const partition = net.partition === null ? null : canonicalGroups(net.partition.map((g) => g.map((id) => image[id] as string)))
  const down = renameIds(net.down, image)
  switch (net.semantics) {
    case 'bag':
      return { semantics: 'bag', inFlight: net.inFlight.length === 0 ? net.inFlight : renameMessages(net.inFlight, r), partition, down, spent: net.spent }
    case 'set':
      // A set's elements are distinct, and stay so when renamed: sorting is all `setOf` would do.
      return { semantics: 'set', sent: net.sent.length === 0 ? net.sent : renameMessages(net.sent, r), partition, down, spent: net.spent }
    case 'fifo':
      throw new Error('raft symmetry: fifo networks are not supported')
  }
}
export const renameElected = (e: State['elected'], image: Readonly<Record<string, string>>): State['elected'] =>
  e.length === 0 ? e : setOf(...e.map((x) => ({ term: x.term, server: image[x.server] as string, log: x.log })))

function relabelBy(s: State, r: Renaming): State {
  const servers: Record<string, Server> = {}
  const ids = r.ids
  for (let k = 0; k < ids.length; k++) {
    const from = ids[r.from[k] as number] as string
    servers[ids[k] as string] = renameServer(s.servers[from] as Server, from, r)
  }
  return { servers, net: renameNetwork(s.net, r), elected: renameElected(s.elected, r.image), committed: s.committed }
}

/** The state with server ids renamed (a group action: the identity changes nothing, and renaming
 * twice is renaming once by the composition). */
export const relabel = (c: Config, s: State, rename: Rename): State => relabelBy(s, renaming(c, rename))

// ---- signature -------------------------------------------------------------------------------

/** The signature of server `a` in `s` (see `signatures`). */
export function signature(s: State, a: string): number {
  const ids = Object.keys(s.servers)
  signatures(s, ids)
  return sigOut[ids.indexOf(a)] as number
}

const mix = (h: number, k: number): number => Math.imul((h << 5) | (h >>> 27), 0x9e3779b1) ^ Math.imul(k + 0x7f4a7c15, 0x85ebca6b)
function logHash(log: readonly number[]): number {
  let h = log.length
  for (const t of log) h = mix(h, t)
  return h
}

/** A message without its ends, hashed (computing it is cheaper than a cache lookup). */
function payloadHash(m: Msg): number {
  switch (m.type) {
    case 'RequestVote':
      return mix(mix(mix(1, m.term), m.lastLogTerm), m.lastLogIndex)
    case 'Vote':
      return mix(mix(2, m.term), m.granted ? 1 : 0)
    case 'AppendEntries':
      return mix(mix(mix(mix(mix(3, m.term), m.prevLogIndex), m.prevLogTerm), logHash(m.entries)), m.leaderCommit)
    case 'AppendResult':
      return mix(mix(mix(4, m.term), m.success ? 1 : 0), m.matchIndex)
  }
}

// ---- the representative ----------------------------------------------------------------------

/** What `symmetry` reads of a configuration, once: its servers, n^k by k (for a renaming's code),
 * the identity's code, and the renamings by code (Σ position of id k's image · n^k). */
export type Setup = {
  readonly ids: readonly string[]
  readonly pow: readonly number[]
  readonly identity: number
  readonly byCode: Renaming[]
  /** Hash lanes of each id (as a record key and as an enum value: the same). */
  readonly idA: Int32Array
  readonly idB: Int32Array
  /** Each id's place in string order (sets of ids are sorted by it). */
  readonly idRank: Int32Array
}
const setups = new WeakMap<Config, Setup>()
let lastConfig: Config | undefined
let lastSetup: Setup | undefined
export function setup(c: Config): Setup {
  if (c === lastConfig) return lastSetup as Setup
  let x = setups.get(c)
  if (x === undefined) {
    requireSymmetric(c)
    const ids = c.servers
    const pow = ids.map((_, k) => ids.length ** k)
    const idA = new Int32Array(ids.length)
    const idB = new Int32Array(ids.length)
    ids.forEach((id, k) => {
      partHash(id)
      idA[k] = lanes.a
      idB[k] = lanes.b
    })
    const sorted = [...ids].sort()
    const idRank = Int32Array.from(ids, (id) => sorted.indexOf(id))
    setups.set(c, (x = { ids, pow, identity: ids.reduce((sum, _, k) => sum + k * (pow[k] as number), 0), byCode: [], idA, idB, idRank }))
  }
  lastConfig = c
  lastSetup = x
  return x
}

/** Scratch arrays for one call of `signatures` (n ≤ their length; resized on demand). */
let sigOut = new Float64Array(8)
let msgSum = new Int32Array(8)
let electedSum = new Int32Array(8)
let downAt = new Uint8Array(8)

/**
 * The signature of every server a = ids[k], into sigOut[k]: what a holds, has sent and is sent,
 * naming no other server (so a renaming carries a's signature to its image), hashed to 32 bits —
 * its own record with votedFor and votes said relative to itself, whether it is down, its
 * per-peer indexes as a multiset, the messages it sends and receives without their other end,
 * and the terms it was elected in. Multisets hash as sums of mixed element hashes (order-free).
 * Two signatures that collide only make a tie, which costs time (more images compared), never
 * exactness. One pass over the messages and the history serves every server: a walk per server
 * (the earlier code) made the signatures cost as much as the relabelling they spare.
 */
function signatures(s: State, ids: readonly string[]): void {
  const n = ids.length
  if (sigOut.length < n) {
    sigOut = new Float64Array(n)
    msgSum = new Int32Array(n)
    electedSum = new Int32Array(n)
    downAt = new Uint8Array(n)
  }
  msgSum.fill(0, 0, n)
  electedSum.fill(0, 0, n)
  downAt.fill(0, 0, n)
  const net = s.net
  const all = net.semantics === 'bag' ? net.inFlight : net.semantics === 'set' ? net.sent : NO_MSGS
  for (let i = 0; i < all.length; i++) {
    const m = all[i] as Msg
    const p = payloadHash(m)
    const from = ids.indexOf(m.from)
    const to = ids.indexOf(m.to)
    // A message a server sends to itself (Raft sends none) counts once, as sent.
    if (from >= 0) msgSum[from] = ((msgSum[from] as number) + fmix(mix(1, p))) | 0
    if (to >= 0 && to !== from) msgSum[to] = ((msgSum[to] as number) + fmix(mix(2, p))) | 0
  }
  for (const e of s.elected) {
    const k = ids.indexOf(e.server)
    if (k >= 0) electedSum[k] = ((electedSum[k] as number) + fmix(mix(e.term, logHash(e.log)))) | 0
  }
  for (const id of net.down) {
    const k = ids.indexOf(id)
    if (k >= 0) downAt[k] = 1
  }
  for (let k = 0; k < n; k++) {
    const x = s.servers[ids[k] as string] as Server
    // The server's own part (remembered per record: most successors share most records).
    const at = 2 * k
    if (ownServer[at] !== x) {
      if (ownServer[at + 1] === x) {
        swapOwn(at)
      } else {
        ownServer[at + 1] = ownServer[at]
        ownA[at + 1] = ownA[at] as number
        ownLog[at + 1] = ownLog[at] as number
        ownPeers[at + 1] = ownPeers[at] as number
        ownServer[at] = x
        ownPart(x, k, ids, at)
      }
    }
    let h = mix(ownA[at] as number, downAt[k] as number)
    h = mix(h, ownLog[at] as number)
    h = mix(h, ownPeers[at] as number)
    h = mix(h, msgSum[k] as number)
    sigOut[k] = fmix(mix(h, electedSum[k] as number)) >>> 0
  }
}

/** Per position k, the last two server records met there (at 2k, 2k + 1; least recently used
 * out) and their parts of the signature: the hash of the record's scalars, of its log, and of its
 * per-peer indexes. */
const ownServer: (Server | undefined)[] = []
const ownA: number[] = []
const ownLog: number[] = []
const ownPeers: number[] = []
function swapOwn(at: number): void {
  const x = ownServer[at]
  const a = ownA[at] as number
  const l = ownLog[at] as number
  const p = ownPeers[at] as number
  ownServer[at] = ownServer[at + 1]
  ownA[at] = ownA[at + 1] as number
  ownLog[at] = ownLog[at + 1] as number
  ownPeers[at] = ownPeers[at + 1] as number
  ownServer[at + 1] = x
  ownA[at + 1] = a
  ownLog[at + 1] = l
  ownPeers[at + 1] = p
}
function ownPart(x: Server, k: number, ids: readonly string[], at: number): void {
  const a = ids[k] as string
  const v = x.volatile
  const votedFor = x.durable.votedFor
  let h = mix(x.durable.currentTerm, votedFor === null ? 0 : votedFor === a ? 1 : 2)
  h = mix(h, v.role === 'follower' ? 1 : v.role === 'candidate' ? 2 : 3)
  h = mix(h, v.votesGranted.length)
  ownA[at] = mix(h, v.commitIndex)
  ownLog[at] = logHash(x.durable.log)
  let peers = 0
  for (let j = 0; j < ids.length; j++) {
    if (j === k) continue
    const id = ids[j] as string
    peers = (peers + fmix(mix(mix(v.nextIndex[id] as number, v.matchIndex[id] as number), v.commitSent[id] as number))) | 0
  }
  ownPeers[at] = peers
}
const NO_MSGS: readonly Msg[] = []

/** Positions 0..n-1 sorted by signature (insertion sort: n is small). */
let order = new Int32Array(8)

/**
 * The canonical representative of `s`'s orbit under renamings of the servers: the servers sorted
 * by signature go to c.servers in order; servers of equal signature go there in every order, and
 * of those images the one with the smallest fingerprint is kept. Every member of an orbit has the
 * same candidate images (a renaming carries signatures along), so the representative is exact —
 * src/state/symmetry.ts's `canonicalize` with a signature, without its cost when no two servers
 * tie (the usual case: one image, no fingerprint to compare). When that one image is the identity
 * the state is its own representative, returned as it is (nothing built). Throws when the
 * configuration names servers apart (see `asymmetry`).
 */
export function symmetry(c: Config, s: State): State {
  const x = setup(c)
  if (sortBySignature(s, x)) return canonicalize(s, [x.ids], (y, rename) => relabel(c, y, rename), signature)
  const r = sortedRenaming(x)
  return r === undefined ? s : relabelBy(s, r)
}

/** Computes the signatures and `order` (positions sorted by signature); true when two tie. */
export function sortBySignature(s: State, x: Setup): boolean {
  const ids = x.ids
  const n = ids.length
  signatures(s, ids)
  if (order.length < n) order = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const sk = sigOut[k] as number
    let j = k
    while (j > 0 && (sigOut[order[j - 1] as number] as number) > sk) {
      order[j] = order[j - 1] as number
      j--
    }
    order[j] = k
  }
  for (let k = 1; k < n; k++) if (sigOut[order[k] as number] === sigOut[order[k - 1] as number]) return true
  return false
}

/** The renaming `order` gives (server ids[order[k]] goes to ids[k]); undefined for the identity. */
export function sortedRenaming(x: Setup): Renaming | undefined {
  const n = x.ids.length
  let code = 0
  for (let k = 0; k < n; k++) code += k * (x.pow[order[k] as number] as number)
  if (code === x.identity) return undefined
  return x.byCode[code] ?? renamingByCode(x, code, (k) => order[k] as number)
}

/** The renaming numbered `code`, which sends ids[source(k)] to ids[k]. */
export function renamingByCode(x: Setup, code: number, source: (k: number) => number): Renaming {
  let r = x.byCode[code]
  if (r === undefined) {
    const ids = x.ids
    const image: Record<string, string> = {}
    for (let k = 0; k < ids.length; k++) image[ids[source(k)] as string] = ids[k] as string
    x.byCode[code] = r = renamingOf(ids, image)
  }
  return r
}

/** Server ids[k]'s signature, as the last `signatures` (or `sortBySignature`) computed it. */
export const signatureAt = (k: number): number => sigOut[k] as number
