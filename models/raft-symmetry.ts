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

/** A renaming of c.servers: `image[id]`, and a number naming the mapping (`perm`, one per
 * distinct `id>image` list, so configurations that list their servers in other orders do not
 * share numbers), under which renamed messages are cached. */
type Renaming = { readonly image: Readonly<Record<string, string>>; readonly perm: number }

const permNumbers = new Map<string, number>()
function renaming(c: Config, rename: Rename): Renaming {
  const image: Record<string, string> = {}
  for (const id of c.servers) image[id] = rename(id)
  return { image, perm: permNumber(c.servers.map((id) => `${id}>${rename(id)}`).join(',')) }
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

function renameRecord(rec: Readonly<Record<string, number>>, image: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const k in rec) out[image[k] as string] = rec[k] as number
  return out
}

function renameServer(x: Server, image: Readonly<Record<string, string>>): Server {
    const v = x.volatile
    const votedFor = x.durable.votedFor
    return {
      durable: { currentTerm: x.durable.currentTerm, votedFor: votedFor === null ? null : (image[votedFor] as string), log: x.durable.log },
      volatile: {
        role: v.role,
        votesGranted: v.votesGranted.length === 0 ? v.votesGranted : setOf(...v.votesGranted.map((id) => image[id] as string)),
        nextIndex: renameRecord(v.nextIndex, image),
        matchIndex: renameRecord(v.matchIndex, image),
        commitSent: renameRecord(v.commitSent, image),
        commitIndex: v.commitIndex,
      },
    }
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
  for (const i in s.servers) servers[r.image[i] as string] = renameServer(s.servers[i] as Server, r.image)
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
  const image: Record<string, string> = {}
  let key = ''
  const images: string[] = []
  order.forEach((from, k) => {
    image[ids[from] as string] = ids[k] as string
    images[from] = ids[k] as string
  })
  for (let k = 0; k < n; k++) key += `${k > 0 ? ',' : ''}${ids[k] as string}>${images[k] as string}`
  return relabelBy(s, { image, perm: permNumber(key) })
}
