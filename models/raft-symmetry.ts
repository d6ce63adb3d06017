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
 * Limits: the representative is a fresh value (not interned like the model's own messages); it is
 * only fingerprinted, never expanded (the explorer expands the state it reached). FIFO networks
 * are not supported (Raft's configuration offers bag and set only).
 */
import { canonicalize, compareValues, fmix, setOf } from '../src/index.ts'
import type { Rename, Value } from '../src/index.ts'
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
type Renaming = {
  readonly ids: readonly string[]
  readonly image: Readonly<Record<string, string>>
  readonly inverse: Readonly<Record<string, string>>
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
  return { ids, image, inverse, perm: permNumber(ids.map((id) => `${id}>${image[id] as string}`).join(',')) }
}
function permNumber(key: string): number {
  let n = permNumbers.get(key)
  if (n === undefined) permNumbers.set(key, (n = permNumbers.size))
  return n
}

/** Per configuration, its renamings by code (Σ position of id k's image · n^k), so the
 * representative's renaming is found, not built, on each call. */
const renamingsByCode = new WeakMap<Config, Renaming[]>()

/** Renamed messages, per message object and renaming, each with its sort key: messages are
 * interned by the model, so most renamings are found here instead of built. The bag is re-sorted
 * in the network's own order (src/net/network.ts: records by key count, sorted keys, then values
 * in key order), which the key `[count, ...keys, ...values]` gives when compared as an array: the
 * image is then a well-formed state (the tests expand images), and comparing short arrays is
 * cheaper than comparing records. */
type Renamed = { readonly msg: Msg; readonly key: readonly Value[] }
const renamedMessages = new WeakMap<Msg, Renamed[]>()
function renameMessage(m: Msg, r: Renaming): Renamed {
  let byPerm = renamedMessages.get(m)
  if (byPerm === undefined) renamedMessages.set(m, (byPerm = []))
  let out = byPerm[r.perm]
  if (out === undefined) {
    const msg: Msg = { ...m, from: r.image[m.from] as string, to: r.image[m.to] as string }
    const rec = msg as unknown as Readonly<Record<string, Value>>
    const keys = Object.keys(rec).sort()
    byPerm[r.perm] = out = { msg, key: [keys.length, ...keys, ...keys.map((k) => rec[k] as Value)] }
  }
  return out
}
const byKey = (a: Renamed, b: Renamed): number => compareValues(a.key, b.key)

/** A per-peer record of server `from` renamed, its keys in the order the model builds them
 * (c.servers without the server itself), so renamed records share the model's hidden classes. */
function renameRecord(rec: Readonly<Record<string, number>>, r: Renaming, to: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const t of r.ids) if (t !== to) out[t] = rec[r.inverse[t] as string] as number
  return out
}

function renameServer(x: Server, from: string, r: Renaming): Server {
  const image = r.image
  const to = image[from] as string
  const v = x.volatile
  const votedFor = x.durable.votedFor
  const server: Server = {
    durable: { currentTerm: x.durable.currentTerm, votedFor: votedFor === null ? null : (image[votedFor] as string), log: x.durable.log },
    volatile: {
      role: v.role,
      votesGranted: v.votesGranted.length === 0 ? v.votesGranted : setOf(...v.votesGranted.map((id) => image[id] as string)),
      nextIndex: renameRecord(v.nextIndex, r, to),
      matchIndex: renameRecord(v.matchIndex, r, to),
      commitSent: renameRecord(v.commitSent, r, to),
      commitIndex: v.commitIndex,
    },
  }
  return server
}

function renameNetwork(net: Network<Msg>, r: Renaming): Network<Msg> {
  const image = r.image
  const env = {
    partition: net.partition === null ? null : canonicalGroups(net.partition.map((g) => g.map((id) => image[id] as string))),
    down: net.down.length === 0 ? net.down : setOf(...net.down.map((id) => image[id] as string)),
    spent: net.spent,
  }
  switch (net.semantics) {
    case 'bag': {
      const renamed = net.inFlight.map((m) => renameMessage(m, r))
      if (renamed.length > 1) renamed.sort(byKey)
      return { semantics: 'bag', inFlight: renamed.map((x) => x.msg), ...env }
    }
    case 'set':
      return { semantics: 'set', sent: setOf(...net.sent.map((m) => renameMessage(m, r).msg)), ...env }
    case 'fifo':
      throw new Error('raft symmetry: fifo networks are not supported')
  }
}
const renameElected = (e: State['elected'], image: Readonly<Record<string, string>>): State['elected'] =>
  e.length === 0 ? e : setOf(...e.map((x) => ({ term: x.term, server: image[x.server] as string, log: x.log })))

function relabelBy(s: State, r: Renaming): State {
  const servers: Record<string, Server> = {}
  for (const t of r.ids) {
    const from = r.inverse[t] as string
    servers[t] = renameServer(s.servers[from] as Server, from, r)
  }
  return { servers, net: renameNetwork(s.net, r), elected: renameElected(s.elected, r.image), committed: s.committed }
}

/** The state with server ids renamed (a group action: the identity changes nothing, and renaming
 * twice is renaming once by the composition). */
export const relabel = (c: Config, s: State, rename: Rename): State => relabelBy(s, renaming(c, rename))

// ---- signature -------------------------------------------------------------------------------

/**
 * What server `a` holds, has sent and is sent, naming no other server (so a renaming carries a's
 * signature to its image), hashed to 32 bits: its own record with votedFor and votes said
 * relative to itself, its per-peer indexes as a multiset, the messages it sends and receives
 * without their other end, whether it is down, and the terms it was elected in. Multisets hash
 * as sums of mixed element hashes (order-free). Two signatures that collide only make a tie,
 * which costs time (more images compared), never exactness.
 */
export function signature(s: State, a: string): number {
  const x = s.servers[a] as Server
  const v = x.volatile
  const votedFor = x.durable.votedFor
  let h = mix(x.durable.currentTerm, votedFor === null ? 0 : votedFor === a ? 1 : 2)
  h = mix(h, ROLE[v.role])
  h = mix(h, v.votesGranted.length)
  h = mix(h, v.commitIndex)
  h = mix(h, s.net.down.includes(a) ? 1 : 0)
  h = mix(h, logHash(x.durable.log))
  let peers = 0
  for (const j in v.nextIndex) peers = (peers + fmix(mix(mix(v.nextIndex[j] as number, v.matchIndex[j] as number), v.commitSent[j] as number))) | 0
  h = mix(h, peers)
  let msgs = 0
  const all = s.net.semantics === 'bag' ? s.net.inFlight : s.net.semantics === 'set' ? s.net.sent : []
  for (const m of all) {
    if (m.from === a) msgs = (msgs + fmix(mix(1, payloadHash(m)))) | 0
    else if (m.to === a) msgs = (msgs + fmix(mix(2, payloadHash(m)))) | 0
  }
  h = mix(h, msgs)
  let elected = 0
  for (const e of s.elected) if (e.server === a) elected = (elected + fmix(mix(e.term, logHash(e.log)))) | 0
  return fmix(mix(h, elected)) >>> 0
}

const ROLE = { follower: 1, candidate: 2, leader: 3 } as const
const mix = (h: number, k: number): number => Math.imul((h << 5) | (h >>> 27), 0x9e3779b1) ^ Math.imul(k + 0x7f4a7c15, 0x85ebca6b)
function logHash(log: readonly number[]): number {
  let h = log.length
  for (const t of log) h = mix(h, t)
  return h
}

/** A message without its ends, hashed (cached per interned message). */
const payloads = new WeakMap<Msg, number>()
function payloadHash(m: Msg): number {
  let p = payloads.get(m)
  if (p !== undefined) return p
  switch (m.type) {
    case 'RequestVote':
      p = mix(mix(mix(1, m.term), m.lastLogTerm), m.lastLogIndex)
      break
    case 'Vote':
      p = mix(mix(2, m.term), m.granted ? 1 : 0)
      break
    case 'AppendEntries':
      p = mix(mix(mix(mix(mix(3, m.term), m.prevLogIndex), m.prevLogTerm), logHash(m.entries)), m.leaderCommit)
      break
    case 'AppendResult':
      p = mix(mix(mix(4, m.term), m.success ? 1 : 0), m.matchIndex)
      break
  }
  payloads.set(m, p)
  return p
}

// ---- the representative ----------------------------------------------------------------------

/**
 * The canonical representative of `s`'s orbit under renamings of the servers: the servers sorted
 * by signature go to c.servers in order; servers of equal signature go there in every order, and
 * of those images the one with the smallest fingerprint is kept. Every member of an orbit has the
 * same candidate images (a renaming carries signatures along), so the representative is exact —
 * src/state/symmetry.ts's `canonicalize` with a signature, without its cost when no two servers
 * tie (the usual case: one image, no fingerprint to compare). Throws when the configuration names
 * servers apart (see `asymmetry`).
 */
export function symmetry(c: Config, s: State): State {
  requireSymmetric(c)
  const ids = c.servers
  const n = ids.length
  const sigs = ids.map((a) => signature(s, a))
  const order = ids.map((_, k) => k).sort((x, y) => (sigs[x] as number) - (sigs[y] as number))
  for (let k = 1; k < n; k++) {
    if (sigs[order[k] as number] === sigs[order[k - 1] as number]) return canonicalize(s, [ids], (x, rename) => relabel(c, x, rename), signature)
  }
  // Server ids[order[k]] goes to ids[k].
  let code = 0
  for (let k = 0; k < n; k++) code += k * n ** (order[k] as number)
  let byCode = renamingsByCode.get(c)
  if (byCode === undefined) renamingsByCode.set(c, (byCode = []))
  let r = byCode[code]
  if (r === undefined) {
    const image: Record<string, string> = {}
    for (const id of ids) image[id] = ids[order.indexOf(ids.indexOf(id))] as string
    byCode[code] = r = renamingOf(ids, image)
  }
  return relabelBy(s, r)
}
