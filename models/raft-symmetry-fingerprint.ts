/**
 * The fingerprint of Raft's symmetry representative (raft-symmetry.ts), computed without building
 * it, for the explorer (Model.symmetryFingerprint): the same 64 bits as hashing the representative
 * `symmetry` builds, so counts and every fingerprint are unchanged.
 */
import type { SetOf } from '../src/index.ts'
import { canonicalGroups } from '../src/net/index.ts'
import type { Network } from '../src/net/index.ts'
import {
  entryA,
  entryB,
  fingerprint,
  fp,
  intA,
  intB,
  lanes,
  listA,
  listB,
  listStartA,
  listStartB,
  listStepA,
  listStepB,
  partHash,
  partLanes,
  recordA,
  recordB,
  renamedIdSetLanes,
  setFingerprint,
} from '../src/state/fingerprint.ts'
import type { Config, Msg, Server, State } from './raft.ts'
import { rankedNotFull, renameElected, renameMessage, renamingByCode, setup, signatureAt, sortBySignature, sortedRenaming } from './raft-symmetry.ts'
import type { Renamed, Renaming, Setup } from './raft-symmetry.ts'

/**
 * Writes into `out` the fingerprint of `symmetry(c, s)` (what `fingerprint` gives for it), hashed
 * from `s` and the renaming without building the representative: each part's hash under the
 * renaming is assembled from the hash parts of src/state/fingerprint.ts, records as sums of
 * their entries (renamed keys), sets of ids and of messages in their renamed order. Messages are
 * hashed once per renaming (`renameMessage`); a tie in the signatures compares the candidate
 * images' fingerprints as `canonicalize` does, with the same candidates. The explorer uses it in
 * place of `symmetry` and a hash (Model.symmetryFingerprint); the tests and debug mode check it
 * against the built representative's fingerprint.
 */
export function symmetryFingerprint(c: Config, s: State, out: { hi: number; lo: number }): void {
  const x = setup(c)
  if (sortBySignature(s, x)) return tieFingerprint(s, x, out)
  const r = sortedRenaming(x) ?? identityOf(x)
  hashUnder(s, x, r)
  setFingerprint(out, HA, HB)
}

/** The identity renaming of setup `x`. */
const identityOf = (x: Setup): Renaming => x.byCode[x.identity] ?? renamingByCode(x, x.identity, (k) => k)

// Lanes of the constant strings (record keys, enum values) and of null.
const [SERVERS_A, SERVERS_B] = partLanes('servers')
const [NET_A, NET_B] = partLanes('net')
const [ELECTED_A, ELECTED_B] = partLanes('elected')
const [COMMITTED_A, COMMITTED_B] = partLanes('committed')
const [DURABLE_A, DURABLE_B] = partLanes('durable')
const [VOLATILE_A, VOLATILE_B] = partLanes('volatile')
const [TERM_A, TERM_B] = partLanes('currentTerm')
const [VOTED_A, VOTED_B] = partLanes('votedFor')
const [LOG_A, LOG_B] = partLanes('log')
const [ROLE_A, ROLE_B] = partLanes('role')
const [GRANTED_A, GRANTED_B] = partLanes('votesGranted')
const [NEXT_A, NEXT_B] = partLanes('nextIndex')
const [MATCH_A, MATCH_B] = partLanes('matchIndex')
const [SENT_INDEX_A, SENT_INDEX_B] = partLanes('commitSent')
const [COMMIT_A, COMMIT_B] = partLanes('commitIndex')
const [SEMANTICS_A, SEMANTICS_B] = partLanes('semantics')
const [IN_FLIGHT_A, IN_FLIGHT_B] = partLanes('inFlight')
const [SENT_A, SENT_B] = partLanes('sent')
const [PARTITION_A, PARTITION_B] = partLanes('partition')
const [DOWN_A, DOWN_B] = partLanes('down')
const [SPENT_A, SPENT_B] = partLanes('spent')
const [BAG_A, BAG_B] = partLanes('bag')
const [SET_A, SET_B] = partLanes('set')
const [NULL_A, NULL_B] = partLanes(null)
const ROLE_LANES: Readonly<Record<string, readonly [number, number]>> = {
  follower: partLanes('follower'),
  candidate: partLanes('candidate'),
  leader: partLanes('leader'),
}

/** The lanes the functions below write (out parameters, so nothing is allocated). */
let HA = 0
let HB = 0

/** The state's hash under renaming `r`, into (HA, HB). */
function hashUnder(s: State, x: Setup, r: Renaming): void {
  const ids = x.ids
  const to = r.to
  let a = 0
  let b = 0
  for (let k = 0; k < ids.length; k++) {
    hashServerMemo(s.servers[ids[k] as string] as Server, k, x, r)
    const w = to[k] as number
    a = (a + entryA(x.idA[w] as number, HA)) | 0
    b = (b + entryB(x.idB[w] as number, HB)) | 0
  }
  let sa = entryA(SERVERS_A, recordA(a, ids.length))
  let sb = entryB(SERVERS_B, recordB(b, ids.length))
  hashNetwork(s.net, x, r)
  sa = (sa + entryA(NET_A, HA)) | 0
  sb = (sb + entryB(NET_B, HB)) | 0
  hashElected(s.elected, r)
  sa = (sa + entryA(ELECTED_A, HA)) | 0
  sb = (sb + entryB(ELECTED_B, HB)) | 0
  hashCommitted(s.committed)
  sa = (sa + entryA(COMMITTED_A, HA)) | 0
  sb = (sb + entryB(COMMITTED_B, HB)) | 0
  HA = recordA(sa, 4)
  HB = recordB(sb, 4)
}

/**
 * `hashServer`, remembered per position k and renaming: two server records each (the last two
 * met, least recently used out), so the expanded state's records, which most of its successors
 * share, are hashed once per renaming, and a successor's changed record does not push them out.
 */
const memoServer: (Server | undefined)[] = []
const memoA: number[] = []
const memoB: number[] = []
function hashServerMemo(srv: Server, k: number, x: Setup, r: Renaming): void {
  const at = (r.perm * x.ids.length + k) * 2
  if (memoServer[at] === srv) {
    HA = memoA[at] as number
    HB = memoB[at] as number
    return
  }
  if (memoServer[at + 1] === srv) {
    // The least recent of the two becomes the most recent.
    HA = memoA[at + 1] as number
    HB = memoB[at + 1] as number
    memoServer[at + 1] = memoServer[at]
    memoA[at + 1] = memoA[at] as number
    memoB[at + 1] = memoB[at] as number
    memoServer[at] = srv
    memoA[at] = HA
    memoB[at] = HB
    return
  }
  hashServer(srv, k, x, r.to)
  memoServer[at + 1] = memoServer[at]
  memoA[at + 1] = memoA[at] ?? 0
  memoB[at + 1] = memoB[at] ?? 0
  memoServer[at] = srv
  memoA[at] = HA
  memoB[at] = HB
}

/** Server ids[k]'s record renamed (`renameServer`), hashed. */
function hashServer(srv: Server, k: number, x: Setup, to: readonly number[]): void {
  const ids = x.ids
  const d = srv.durable
  const v = srv.volatile
  // The durable record's entries, by arithmetic: a log is a list of whole numbers.
  hashLog(d.log)
  let votedA = NULL_A
  let votedB = NULL_B
  if (d.votedFor !== null) {
    const w = to[ids.indexOf(d.votedFor)] as number
    votedA = x.idA[w] as number
    votedB = x.idB[w] as number
  }
  const da = recordA((entryA(TERM_A, intA(d.currentTerm)) + entryA(VOTED_A, votedA) + entryA(LOG_A, HA)) | 0, 3)
  const db = recordB((entryB(TERM_B, intB(d.currentTerm)) + entryB(VOTED_B, votedB) + entryB(LOG_B, HB)) | 0, 3)
  const role = ROLE_LANES[v.role] as readonly [number, number]
  let va = (entryA(ROLE_A, role[0]) + entryA(COMMIT_A, intA(v.commitIndex))) | 0
  let vb = (entryB(ROLE_B, role[1]) + entryB(COMMIT_B, intB(v.commitIndex))) | 0
  hashIds(v.votesGranted, x, to)
  va = (va + entryA(GRANTED_A, HA)) | 0
  vb = (vb + entryB(GRANTED_B, HB)) | 0
  hashPerPeer(v.nextIndex, k, x, to)
  va = (va + entryA(NEXT_A, HA)) | 0
  vb = (vb + entryB(NEXT_B, HB)) | 0
  hashPerPeer(v.matchIndex, k, x, to)
  va = (va + entryA(MATCH_A, HA)) | 0
  vb = (vb + entryB(MATCH_B, HB)) | 0
  hashPerPeer(v.commitSent, k, x, to)
  va = (va + entryA(SENT_INDEX_A, HA)) | 0
  vb = (vb + entryB(SENT_INDEX_B, HB)) | 0
  const sa = (entryA(DURABLE_A, da) + entryA(VOLATILE_A, recordA(va, 6))) | 0
  const sb = (entryB(DURABLE_B, db) + entryB(VOLATILE_B, recordB(vb, 6))) | 0
  HA = recordA(sa, 2)
  HB = recordB(sb, 2)
}

/** A log (a list of terms) hashed as `fingerprint` hashes it, into (HA, HB). */
function hashLog(log: readonly number[]): void {
  const n = log.length
  let a = listStartA(n)
  let b = listStartB(n)
  for (let i = 0; i < n; i++) {
    const t = log[i] as number
    a = listStepA(a, intA(t))
    b = listStepB(b, intB(t))
  }
  HA = listA(a)
  HB = listB(b)
}

/** Server ids[k]'s per-peer record (`renameRecord`): its keys renamed. */
function hashPerPeer(rec: Readonly<Record<string, number>>, k: number, x: Setup, to: readonly number[]): void {
  const ids = x.ids
  let a = 0
  let b = 0
  for (let j = 0; j < ids.length; j++) {
    if (j === k) continue
    const val = rec[ids[j] as string] as number
    const w = to[j] as number
    a = (a + entryA(x.idA[w] as number, intA(val))) | 0
    b = (b + entryB(x.idB[w] as number, intB(val))) | 0
  }
  HA = recordA(a, ids.length - 1)
  HB = recordB(b, ids.length - 1)
}

/** A set of ids renamed (`renameIds`): the images' positions, sorted by string order. */
function hashIds(set: SetOf<string>, x: Setup, to: readonly number[]): void {
  renamedIdSetLanes(set, x.ids, to, x.idRank, x.idA, x.idB)
  HA = lanes.a
  HB = lanes.b
}

/** The network renamed (`renameNetwork`), hashed. */
let msgScratch: Renamed[] = []
function hashNetwork(net: Network<Msg>, x: Setup, r: Renaming): void {
  let msgs: readonly Msg[]
  let sa: number
  let sb: number
  switch (net.semantics) {
    case 'bag':
      msgs = net.inFlight
      sa = entryA(SEMANTICS_A, BAG_A)
      sb = entryB(SEMANTICS_B, BAG_B)
      break
    case 'set':
      msgs = net.sent
      sa = entryA(SEMANTICS_A, SET_A)
      sb = entryB(SEMANTICS_B, SET_B)
      break
    case 'fifo':
      throw new Error('raft symmetry: fifo networks are not supported')
  }
  // The messages, renamed and sorted by rank.
  rankedNotFull()
  const n = msgs.length
  for (let i = 0; i < n; i++) {
    const m = renameMessage(msgs[i] as Msg, r)
    let j = i
    while (j > 0 && (msgScratch[j - 1] as Renamed).rank > m.rank) {
      msgScratch[j] = msgScratch[j - 1] as Renamed
      j--
    }
    msgScratch[j] = m
  }
  let a = listStartA(n)
  let b = listStartB(n)
  for (let i = 0; i < n; i++) {
    const m = msgScratch[i] as Renamed
    a = listStepA(a, m.a)
    b = listStepB(b, m.b)
  }
  const isBag = net.semantics === 'bag'
  sa = (sa + entryA(isBag ? IN_FLIGHT_A : SENT_A, listA(a))) | 0
  sb = (sb + entryB(isBag ? IN_FLIGHT_B : SENT_B, listB(b))) | 0
  if (net.partition === null) {
    sa = (sa + entryA(PARTITION_A, NULL_A)) | 0
    sb = (sb + entryB(PARTITION_B, NULL_B)) | 0
  } else {
    partHash(canonicalGroups(net.partition.map((g) => g.map((id) => r.image[id] as string))))
    sa = (sa + entryA(PARTITION_A, lanes.a)) | 0
    sb = (sb + entryB(PARTITION_B, lanes.b)) | 0
  }
  hashIds(net.down, x, r.to)
  sa = (sa + entryA(DOWN_A, HA)) | 0
  sb = (sb + entryB(DOWN_B, HB)) | 0
  if (net.spent !== lastSpent) {
    partHash(net.spent)
    lastSpent = net.spent
    spentA = lanes.a
    spentB = lanes.b
  }
  sa = (sa + entryA(SPENT_A, spentA)) | 0
  sb = (sb + entryB(SPENT_B, spentB)) | 0
  HA = recordA(sa, 5)
  HB = recordB(sb, 5)
}
let lastSpent: unknown = undefined
let spentA = 0
let spentB = 0

/** The history of elections renamed (`renameElected`): built and hashed, once per history and
 * renaming (it changes only when a leader is elected). */
const electedSeen: State['elected'][] = []
const electedA: number[] = []
const electedB: number[] = []
function hashElected(e: State['elected'], r: Renaming): void {
  const p = r.perm
  if (electedSeen[p] !== e) {
    partHash(renameElected(e, r.image))
    electedSeen[p] = e
    electedA[p] = lanes.a
    electedB[p] = lanes.b
  }
  HA = electedA[p] as number
  HB = electedB[p] as number
}

/** The commits (no server named), once per value. */
let lastCommitted: unknown = undefined
let committedA = 0
let committedB = 0
function hashCommitted(committed: State['committed']): void {
  if (committed !== lastCommitted) {
    partHash(committed)
    lastCommitted = committed
    committedA = lanes.a
    committedB = lanes.b
  }
  HA = committedA
  HB = committedB
}

/**
 * Signatures tie: the representative is the candidate image with the smallest fingerprint, the
 * candidates those of `canonicalize` with `signature` — ids ordered by the fingerprint of their
 * signature, each onto its position, ids of equal signature onto their block's positions in
 * every order (the same candidates, so the same representative and fingerprint).
 */
function tieFingerprint(s: State, x: Setup, out: { hi: number; lo: number }): void {
  const ids = x.ids
  const n = ids.length
  const row: { k: number; hi: number; lo: number }[] = []
  for (let k = 0; k < n; k++) {
    fingerprint(signatureAt(k))
    row.push({ k, hi: fp.hi >>> 0, lo: fp.lo >>> 0 })
  }
  row.sort((p, q) => p.hi - q.hi || p.lo - q.lo)
  // Each id's block of positions [start, end).
  const start = new Int32Array(n)
  const end = new Int32Array(n)
  for (let i = 0; i < n; ) {
    let j = i + 1
    while (j < n && (row[j] as { hi: number }).hi === (row[i] as { hi: number }).hi && (row[j] as { lo: number }).lo === (row[i] as { lo: number }).lo) j++
    for (let q = i; q < j; q++) {
      start[(row[q] as { k: number }).k] = i
      end[(row[q] as { k: number }).k] = j
    }
    i = j
  }
  let bestHi = 0
  let bestLo = 0
  let found = false
  for (const to of allRenamings(n)) {
    let ok = true
    for (let k = 0; k < n && ok; k++) ok = (to[k] as number) >= (start[k] as number) && (to[k] as number) < (end[k] as number)
    if (!ok) continue
    let code = 0
    for (let k = 0; k < n; k++) code += (to[k] as number) * (x.pow[k] as number)
    const r = renamingByCode(x, code, (w) => to.indexOf(w))
    hashUnder(s, x, r)
    setFingerprint(out, HA, HB)
    const hi = out.hi >>> 0
    const lo = out.lo >>> 0
    if (!found || hi < bestHi || (hi === bestHi && lo < bestLo)) {
      found = true
      bestHi = hi
      bestLo = lo
    }
  }
  out.hi = bestHi | 0
  out.lo = bestLo | 0
}

/** Every permutation of 0..n-1 as `to` arrays (position k goes to to[k]), once per n. */
const allByN: (readonly (readonly number[])[])[] = []
function allRenamings(n: number): readonly (readonly number[])[] {
  let all = allByN[n]
  if (all === undefined) {
    const out: number[][] = []
    const go = (prefix: number[]): void => {
      if (prefix.length === n) out.push(prefix)
      else for (let w = 0; w < n; w++) if (!prefix.includes(w)) go([...prefix, w])
    }
    go([])
    allByN[n] = all = out
  }
  return all
}
