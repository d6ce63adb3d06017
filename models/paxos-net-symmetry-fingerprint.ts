/**
 * The fingerprint of paxos-net's symmetry representative (paxos-net-symmetry.ts), computed without
 * building it, for the explorer (Model.symmetryFingerprint): the same 64 bits as hashing the
 * representative `symmetry` builds, so counts and every fingerprint are unchanged.
 */
import type { Network } from '../src/net/index.ts'
import {
  entryA,
  entryB,
  intA,
  intB,
  lanes,
  listOfTabled,
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
import type { Acceptor, Config, Msg, Proposer, State, Vote } from './paxos-net.ts'
import { tables } from './paxos-net-tables.ts'

/**
 * Writes into `out` the fingerprint of `symmetry(c, s)` (what `fingerprint` gives for it) without
 * building signatures or images: the same candidates as `canonicalize` (acceptors ordered by the
 * fingerprint of their `signature`, ties tried in every order), each image hashed from `s` and
 * the renaming with the hash parts of src/state/fingerprint.ts. Messages and votes come from the
 * configuration's universe (paxos-net-tables.ts): each one's signature tag, and its image's rank
 * and hash under each renaming, are worked out once, so a set of them is renamed by sorting
 * integers. The explorer uses it in place of `symmetry` and a hash (Model.symmetryFingerprint);
 * the tests and debug mode check it against the built representative's fingerprint.
 */
export function symmetryFingerprint(c: Config, s: State, out: { hi: number; lo: number }): void {
  if (c.semantics !== 'set' || s.net.semantics !== 'set') throw new Error('paxos-net symmetry is implemented for set networks')
  const x = setupOf(c)
  const n = x.acceptors.length
  sortAcceptors(s, x)
  // Each acceptor's block of equal signatures [start, end) in the sorted order; a renaming is a
  // candidate when it sends every acceptor into its block.
  let found = false
  let bestHi = 0
  let bestLo = 0
  for (const to of x.all) {
    let ok = true
    for (let k = 0; k < n && ok; k++) ok = (to[k] as number) >= (blockStart[k] as number) && (to[k] as number) < (blockEnd[k] as number)
    if (!ok) continue
    let code = 0
    for (let k = 0; k < n; k++) code += (to[k] as number) * (x.pow[k] as number)
    hashImage(s, x, to, code)
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

/** What the fingerprint reads of a configuration, once. */
type Setup = {
  readonly t: ReturnType<typeof tables>
  readonly acceptors: readonly string[]
  readonly proposers: readonly string[]
  /** n^k, for a renaming's code Σ to[k]·n^k. */
  readonly pow: readonly number[]
  /** Every renaming of the acceptors as `to` arrays (acceptor k goes to acceptors[to[k]]). */
  readonly all: readonly (readonly number[])[]
  readonly accA: Int32Array
  readonly accB: Int32Array
  /** Each acceptor's place in string order (sets of acceptors are sorted by it). */
  readonly accRank: Int32Array
  readonly proposerA: Int32Array
  readonly proposerB: Int32Array
  /** Per universe rank (messages and votes): the acceptor it names (its position), its tag's
   * rank among all tags, filled on first use (-1 before). */
  readonly accOf: number[]
  readonly tagOf: number[]
  /** Tags' hash lanes, by tag rank; `promised|p` and `accepted|p` tags' ranks, by proposer. */
  readonly tagA: Int32Array
  readonly tagB: Int32Array
  readonly promisedTag: Int32Array
  readonly acceptedTag: Int32Array
  readonly tagRank: ReadonlyMap<string, number>
  /** Per renaming code: per universe rank, the image's rank and hash lanes (filled on first use). */
  readonly imageRank: number[][]
  readonly imageA: number[][]
  readonly imageB: number[][]
  /** Proposers' image hashes, the last two records per proposer and renaming code (`recall`);
   * per configuration, as codes are. */
  readonly proposerMemo: (Proposer | undefined)[]
  readonly proposerMemoA: number[]
  readonly proposerMemoB: number[]
}

const setups = new WeakMap<Config, Setup>()
let lastConfig: Config | undefined
let lastSetup: Setup | undefined
function setupOf(c: Config): Setup {
  if (c === lastConfig) return lastSetup as Setup
  let x = setups.get(c)
  if (x === undefined) setups.set(c, (x = buildSetup(c)))
  lastConfig = c
  lastSetup = x
  return x
}

function buildSetup(c: Config): Setup {
  const t = tables(c)
  const acceptors = c.acceptors
  const n = acceptors.length
  const accLanes = acceptors.map(partLanes)
  const proposers = Object.keys(Object.fromEntries(c.proposers.map((p) => [p, 0])))
  const sorted = [...acceptors].sort()
  // Every tag a signature can hold (paxos-net-symmetry.ts, `signature`), sorted as `tags.sort()` sorts them.
  const tagSet = new Set<string>()
  for (let m = 1; m <= t.maxN; m++) {
    for (const v of t.values) tagSet.add(`vote|${m}|${v}`)
    for (const p of c.proposers) for (const type of ['Prepare', 'Promise', 'Accept', 'Accepted']) tagSet.add(`${type}|${p}|${m}`)
  }
  for (const p of c.proposers) {
    tagSet.add(`promised|${p}`)
    tagSet.add(`accepted|${p}`)
  }
  const tags = [...tagSet].sort()
  const tagLanes = tags.map(partLanes)
  const tagRank = new Map(tags.map((tag, i) => [tag, i]))
  const all: number[][] = []
  const go = (prefix: number[]): void => {
    if (prefix.length === n) all.push(prefix)
    else for (let w = 0; w < n; w++) if (!prefix.includes(w)) go([...prefix, w])
  }
  go([])
  return {
    t,
    acceptors,
    proposers,
    pow: acceptors.map((_, k) => n ** k),
    all,
    accA: Int32Array.from(accLanes, (l) => l[0]),
    accB: Int32Array.from(accLanes, (l) => l[1]),
    accRank: Int32Array.from(acceptors, (a) => sorted.indexOf(a)),
    proposerA: Int32Array.from(proposers, (p) => partLanes(p)[0]),
    proposerB: Int32Array.from(proposers, (p) => partLanes(p)[1]),
    accOf: [],
    tagOf: [],
    tagA: Int32Array.from(tagLanes, (l) => l[0]),
    tagB: Int32Array.from(tagLanes, (l) => l[1]),
    promisedTag: Int32Array.from(proposers, (p) => tagRank.get(`promised|${p}`) as number),
    acceptedTag: Int32Array.from(proposers, (p) => tagRank.get(`accepted|${p}`) as number),
    tagRank,
    imageRank: [],
    imageA: [],
    imageB: [],
    proposerMemo: [],
    proposerMemoA: [],
    proposerMemoB: [],
  }
}

/** The universe rank of message or vote `m`, with its acceptor and tag noted on first use. */
function rankOf(x: Setup, m: Msg | Vote): number {
  const r = x.t.rank(m)
  if (x.tagOf[r] === undefined) {
    let a: string
    let tag: string
    if ('acc' in m) {
      a = m.acc
      tag = `vote|${m.n}|${m.v}`
    } else {
      const fromAcceptor = x.acceptors.includes(m.from)
      a = fromAcceptor ? m.from : m.to
      tag = `${m.type}|${fromAcceptor ? m.to : m.from}|${m.n}`
    }
    const tr = x.tagRank.get(tag)
    if (tr === undefined) throw new Error(`paxos-net symmetry: no tag ${tag} in the universe`)
    x.accOf[r] = x.acceptors.indexOf(a)
    x.tagOf[r] = tr
  }
  return r
}

// ---- signatures ------------------------------------------------------------------------------

const [TRUE_A, TRUE_B] = partLanes(true)
const [FALSE_A, FALSE_B] = partLanes(false)

/** Per acceptor: its tags' ranks (a row of `MAX_TAGS` per acceptor), their count. */
let tagRows = new Int32Array(64)
let tagCount = new Int32Array(8)
let rowWidth = 8
/** The sorted order's blocks, per acceptor (see `symmetryFingerprint`). */
let blockStart = new Int32Array(8)
let blockEnd = new Int32Array(8)
let sigHi = new Float64Array(8)
let sigLo = new Float64Array(8)
let sortedAt = new Int32Array(8)
/** Universe ranks of the state's messages and votes (read again by `hashImage`). */
let sentRanks = new Int32Array(64)
let voteRanks = new Int32Array(64)

function addTag(k: number, tag: number): void {
  const c = tagCount[k] as number
  if (c >= rowWidth) {
    const wider = new Int32Array(tagRows.length * 2)
    const w = rowWidth * 2
    for (let i = 0; i < tagCount.length; i++) wider.set(tagRows.subarray(i * rowWidth, i * rowWidth + (tagCount[i] as number)), i * w)
    tagRows = wider
    rowWidth = w
  }
  tagRows[k * rowWidth + c] = tag
  tagCount[k] = c + 1
}

/** The fingerprint of every acceptor's `signature`, then the blocks of the acceptors sorted by it
 * (stably, as `canonicalize` sorts them). Notes the state's ranks in `sentRanks` / `voteRanks`. */
function sortAcceptors(s: State, x: Setup): void {
  const n = x.acceptors.length
  if (tagCount.length < n) {
    tagCount = new Int32Array(n)
    tagRows = new Int32Array(n * rowWidth)
    blockStart = new Int32Array(n)
    blockEnd = new Int32Array(n)
    sigHi = new Float64Array(n)
    sigLo = new Float64Array(n)
    sortedAt = new Int32Array(n)
  }
  tagCount.fill(0, 0, n)
  const net = s.net as Network<Msg> & { semantics: 'set' }
  const sent = net.sent
  if (sentRanks.length < sent.length) sentRanks = new Int32Array(2 * sent.length)
  for (let i = 0; i < sent.length; i++) {
    const r = rankOf(x, sent[i] as Msg)
    sentRanks[i] = r
    addTag(x.accOf[r] as number, x.tagOf[r] as number)
  }
  const votes = s.votes
  if (voteRanks.length < votes.length) voteRanks = new Int32Array(2 * votes.length)
  for (let i = 0; i < votes.length; i++) {
    const r = rankOf(x, votes[i] as Vote)
    voteRanks[i] = r
    addTag(x.accOf[r] as number, x.tagOf[r] as number)
  }
  for (let p = 0; p < x.proposers.length; p++) {
    const y = s.proposers[x.proposers[p] as string] as Proposer
    for (const a of y.promised) addTag(x.acceptors.indexOf(a), x.promisedTag[p] as number)
    for (const a of y.accepted) addTag(x.acceptors.indexOf(a), x.acceptedTag[p] as number)
  }
  for (let k = 0; k < n; k++) {
    // [acceptor record, down, sorted tags], hashed as `fingerprint` hashes it.
    const row = k * rowWidth
    const m = tagCount[k] as number
    for (let i = 1; i < m; i++) {
      const v = tagRows[row + i] as number
      let j = i
      while (j > 0 && (tagRows[row + j - 1] as number) > v) {
        tagRows[row + j] = tagRows[row + j - 1] as number
        j--
      }
      tagRows[row + j] = v
    }
    let ta = listStartA(m)
    let tb = listStartB(m)
    for (let i = 0; i < m; i++) {
      const tag = tagRows[row + i] as number
      ta = listStepA(ta, x.tagA[tag] as number)
      tb = listStepB(tb, x.tagB[tag] as number)
    }
    const a = x.acceptors[k] as string
    hashAcceptor(s.acceptors[a] as Acceptor, k)
    let la = listStepA(listStartA(3), HA)
    let lb = listStepB(listStartB(3), HB)
    const down = s.net.down.includes(a)
    la = listStepA(la, down ? TRUE_A : FALSE_A)
    lb = listStepB(lb, down ? TRUE_B : FALSE_B)
    la = listA(listStepA(la, listA(ta)))
    lb = listB(listStepB(lb, listB(tb)))
    setFingerprint(sigOut, la, lb)
    sigHi[k] = sigOut.hi >>> 0
    sigLo[k] = sigOut.lo >>> 0
  }
  // Stable insertion sort of positions by (hi, lo), then the blocks of equal signatures.
  for (let k = 0; k < n; k++) {
    let j = k
    while (j > 0 && ((sigHi[sortedAt[j - 1] as number] as number) > (sigHi[k] as number) || ((sigHi[sortedAt[j - 1] as number] as number) === (sigHi[k] as number) && (sigLo[sortedAt[j - 1] as number] as number) > (sigLo[k] as number)))) {
      sortedAt[j] = sortedAt[j - 1] as number
      j--
    }
    sortedAt[j] = k
  }
  for (let i = 0; i < n; ) {
    const first = sortedAt[i] as number
    let j = i + 1
    while (j < n && sigHi[sortedAt[j] as number] === sigHi[first] && sigLo[sortedAt[j] as number] === sigLo[first]) j++
    for (let q = i; q < j; q++) {
      blockStart[sortedAt[q] as number] = i
      blockEnd[sortedAt[q] as number] = j
    }
    i = j
  }
}
const sigOut = { hi: 0, lo: 0 }

// ---- an image's hash -------------------------------------------------------------------------

/** The lanes the functions below write. */
let HA = 0
let HB = 0

/** Acceptor records' hashes (no acceptor named inside), the last two per position. */
const accMemo: (Acceptor | undefined)[] = []
const accMemoA: number[] = []
const accMemoB: number[] = []
function hashAcceptor(y: Acceptor, k: number): void {
  if (recall(accMemo, accMemoA, accMemoB, 2 * k, y)) return
  partHash(y)
  remember(accMemo, accMemoA, accMemoB, 2 * k, y, lanes.a, lanes.b)
}

/**
 * A two-entry memo at `at`, `at + 1`, keyed by identity, least recently used out: `recall` sets
 * (HA, HB) and says whether `key` was there (moving it first); `remember` puts it first.
 */
function recall<T>(keys: (T | undefined)[], as: number[], bs: number[], at: number, key: T): boolean {
  if (keys[at] === key) {
    HA = as[at] as number
    HB = bs[at] as number
    return true
  }
  if (keys[at + 1] !== key) return false
  HA = as[at + 1] as number
  HB = bs[at + 1] as number
  remember(keys, as, bs, at, key, HA, HB)
  return true
}
function remember<T>(keys: (T | undefined)[], as: number[], bs: number[], at: number, key: T, a: number, b: number): void {
  keys[at + 1] = keys[at]
  as[at + 1] = as[at] ?? 0
  bs[at + 1] = bs[at] ?? 0
  keys[at] = key
  as[at] = a
  bs[at] = b
  HA = a
  HB = b
}

const [PROPOSERS_A, PROPOSERS_B] = partLanes('proposers')
const [ACCEPTORS_A, ACCEPTORS_B] = partLanes('acceptors')
const [NET_A, NET_B] = partLanes('net')
const [VOTES_A, VOTES_B] = partLanes('votes')
const [SEMANTICS_A, SEMANTICS_B] = partLanes('semantics')
const [SET_A, SET_B] = partLanes('set')
const [SENT_A, SENT_B] = partLanes('sent')
const [PARTITION_A, PARTITION_B] = partLanes('partition')
const [DOWN_A, DOWN_B] = partLanes('down')
const [SPENT_A, SPENT_B] = partLanes('spent')
const [PROMISED_A, PROMISED_B] = partLanes('promised')
const [ATTEMPT_A, ATTEMPT_B] = partLanes('attempt')
const [PHASE_A, PHASE_B] = partLanes('phase')
const [N_A, N_B] = partLanes('n')
const [HIGHEST_A, HIGHEST_B] = partLanes('highest')
const [VALUE_A, VALUE_B] = partLanes('value')
const [LEARNT_A, LEARNT_B] = partLanes('learnt')
const [ACCEPTED_A, ACCEPTED_B] = partLanes('accepted')

/** The hash of `relabel(c, s, rename)` where acceptor k goes to acceptors[to[k]] (`code` names
 * the renaming), into (HA, HB). Reads the ranks `sortAcceptors` noted. */
function hashImage(s: State, x: Setup, to: readonly number[], code: number): void {
  const acceptors = x.acceptors
  // Proposers: their sets of acceptors renamed, the rest as it is.
  let pa = 0
  let pb = 0
  for (let p = 0; p < x.proposers.length; p++) {
    const y = s.proposers[x.proposers[p] as string] as Proposer
    const at = 2 * (code * x.proposers.length + p)
    if (!recall(x.proposerMemo, x.proposerMemoA, x.proposerMemoB, at, y)) {
      hashProposer(y, x, to)
      remember(x.proposerMemo, x.proposerMemoA, x.proposerMemoB, at, y, HA, HB)
    }
    pa = (pa + entryA(x.proposerA[p] as number, HA)) | 0
    pb = (pb + entryB(x.proposerB[p] as number, HB)) | 0
  }
  let sa = entryA(PROPOSERS_A, recordA(pa, x.proposers.length))
  let sb = entryB(PROPOSERS_B, recordB(pb, x.proposers.length))
  // Acceptors: the records as they are, under renamed keys.
  let aa = 0
  let ab = 0
  for (let k = 0; k < acceptors.length; k++) {
    hashAcceptor(s.acceptors[acceptors[k] as string] as Acceptor, k)
    const w = to[k] as number
    aa = (aa + entryA(x.accA[w] as number, HA)) | 0
    ab = (ab + entryB(x.accB[w] as number, HB)) | 0
  }
  sa = (sa + entryA(ACCEPTORS_A, recordA(aa, acceptors.length))) | 0
  sb = (sb + entryB(ACCEPTORS_B, recordB(ab, acceptors.length))) | 0
  // The network: sent messages renamed and sorted, the down set renamed.
  const net = s.net as Network<Msg> & { semantics: 'set' }
  hashRenamedSet(x, sentRanks, net.sent, to, code)
  let na = (entryA(SEMANTICS_A, SET_A) + entryA(SENT_A, HA)) | 0
  let nb = (entryB(SEMANTICS_B, SET_B) + entryB(SENT_B, HB)) | 0
  partHash(net.partition)
  na = (na + entryA(PARTITION_A, lanes.a)) | 0
  nb = (nb + entryB(PARTITION_B, lanes.b)) | 0
  hashAcceptorSet(net.down, x, to)
  na = (na + entryA(DOWN_A, HA)) | 0
  nb = (nb + entryB(DOWN_B, HB)) | 0
  if (!recall(spentMemo, spentMemoA, spentMemoB, 0, net.spent)) {
    partHash(net.spent)
    remember(spentMemo, spentMemoA, spentMemoB, 0, net.spent, lanes.a, lanes.b)
  }
  na = (na + entryA(SPENT_A, HA)) | 0
  nb = (nb + entryB(SPENT_B, HB)) | 0
  sa = (sa + entryA(NET_A, recordA(na, 5))) | 0
  sb = (sb + entryB(NET_B, recordB(nb, 5))) | 0
  // Votes, renamed and sorted.
  hashRenamedSet(x, voteRanks, s.votes, to, code)
  sa = (sa + entryA(VOTES_A, HA)) | 0
  sb = (sb + entryB(VOTES_B, HB)) | 0
  HA = recordA(sa, 4)
  HB = recordB(sb, 4)
}
const spentMemo: unknown[] = []
const spentMemoA: number[] = []
const spentMemoB: number[] = []

/** A proposer renamed (`relabel`): its other fields as they are, its two sets renamed; into
 * (HA, HB). Once per proposer record and renaming (remembered by `hashImage`). */
function hashProposer(y: Proposer, x: Setup, to: readonly number[]): void {
  let a = (entryA(ATTEMPT_A, intA(y.attempt)) + entryA(N_A, intA(y.n))) | 0
  let b = (entryB(ATTEMPT_B, intB(y.attempt)) + entryB(N_B, intB(y.n))) | 0
  partHash(y.phase)
  a = (a + entryA(PHASE_A, lanes.a)) | 0
  b = (b + entryB(PHASE_B, lanes.b)) | 0
  partHash(y.highest)
  a = (a + entryA(HIGHEST_A, lanes.a)) | 0
  b = (b + entryB(HIGHEST_B, lanes.b)) | 0
  partHash(y.value)
  a = (a + entryA(VALUE_A, lanes.a)) | 0
  b = (b + entryB(VALUE_B, lanes.b)) | 0
  partHash(y.learnt)
  a = (a + entryA(LEARNT_A, lanes.a)) | 0
  b = (b + entryB(LEARNT_B, lanes.b)) | 0
  hashAcceptorSet(y.promised, x, to)
  a = (a + entryA(PROMISED_A, HA)) | 0
  b = (b + entryB(PROMISED_B, HB)) | 0
  hashAcceptorSet(y.accepted, x, to)
  a = (a + entryA(ACCEPTED_A, HA)) | 0
  b = (b + entryB(ACCEPTED_B, HB)) | 0
  HA = recordA(a, 8)
  HB = recordB(b, 8)
}

/** A set of acceptors renamed: the images sorted by string order. */
function hashAcceptorSet(set: readonly string[], x: Setup, to: readonly number[]): void {
  renamedIdSetLanes(set, x.acceptors, to, x.accRank, x.accA, x.accB)
  HA = lanes.a
  HB = lanes.b
}

/** A set of universe messages or votes (their ranks in `ranks`) renamed: the images' ranks
 * sorted, their hashes folded. */
let rankScratch = new Int32Array(64)
function hashRenamedSet(x: Setup, ranks: Int32Array, set: readonly (Msg | Vote)[], to: readonly number[], code: number): void {
  const n = set.length
  if (rankScratch.length < n) rankScratch = new Int32Array(2 * n)
  const imageRank = (x.imageRank[code] ??= [])
  const imageA = (x.imageA[code] ??= [])
  const imageB = (x.imageB[code] ??= [])
  for (let i = 0; i < n; i++) {
    const r = ranks[i] as number
    let ir = imageRank[r]
    if (ir === undefined) {
      const m = set[i] as Msg | Vote
      const rename = (id: string): string => {
        const k = x.acceptors.indexOf(id)
        return k < 0 ? id : (x.acceptors[to[k] as number] as string)
      }
      const image = 'acc' in m ? x.t.lookup<Vote>({ ...m, acc: rename(m.acc) }) : x.t.lookup<Msg>({ ...m, from: rename(m.from), to: rename(m.to) })
      ir = x.t.rank(image)
      partHash(image)
      imageRank[r] = ir
      imageA[ir] = lanes.a
      imageB[ir] = lanes.b
    }
    let j = i
    while (j > 0 && (rankScratch[j - 1] as number) > ir) {
      rankScratch[j] = rankScratch[j - 1] as number
      j--
    }
    rankScratch[j] = ir
  }
  listOfTabled(rankScratch, n, imageA, imageB)
  HA = lanes.a
  HB = lanes.b
}
