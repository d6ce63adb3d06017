/**
 * The finite universe of paxos-net's messages and votes for one configuration, built once, so
 * that the hot path looks records up by number instead of building and interning them.
 *
 * Every message a run can send is listed here (proposal ids 1..maxN, every reported accepted
 * proposal, every value), as one shared instance, with
 * - its rank in `compareValues` order, so a sorted set of messages (the `sent` set of a `set`
 *   network, the `votes` history) takes an insertion by integer comparisons and comes out exactly
 *   as `setAdd` would build it (test/models/consensus/paxos-net.test.ts checks the order);
 * - its `Deliver` action, label included, so a delivery does not format a label per state.
 *
 * Why not `src/net`'s `sendAll`: it compares records with `compareValues` on every probe, and the
 * profile of the 2-attempt instance put interning, `setAdd` and `messageLabel` at 14% of the CPU
 * time. The `set` network value is the same either way; a `bag` network still goes through
 * `sendAll`.
 */
import { compareValues } from '../src/index.ts'
import { inserted } from '../src/state/data.ts'
import type { DeliverAction, Network } from '../src/net/index.ts'
import { messageLabel, withSent } from '../src/net/index.ts'
import type { Config, Msg, Vote } from './paxos-net.ts'

export type Tables = {
  /** The highest proposal id any proposer can use. */
  readonly maxN: number
  /** Every value a proposer may want, sorted. */
  readonly values: readonly string[]
  /** `prepares[n]`: Prepare(n) from n's proposer to each acceptor, in `acceptors` order. */
  readonly prepares: readonly (readonly Msg[])[]
  /** `accepts[n][vi]`: Accept(n, values[vi]) to each acceptor. */
  readonly accepts: readonly (readonly (readonly Msg[])[])[]
  promise(a: string, n: number, acceptedN: number, acceptedV: string | null): Msg
  accepted(a: string, n: number, v: string): Msg
  vote(a: string, n: number, v: string): Vote
  /** The same message (or vote) with renamed nodes, from the universe (for symmetry). */
  lookup<T extends Msg | Vote>(x: T): T
  rank(x: Msg | Vote): number
  deliver(m: Msg): DeliverAction<Msg>
  valueIndex(v: string): number
}

/** The proposer of proposal id n (ids are `(attempt - 1)·k + i + 1`, see `proposalId`). */
export const ownerOf = (c: Config, n: number): string => c.proposers[(n - 1) % c.proposers.length] as string

const keyOf = (x: Msg | Vote): string =>
  'acc' in x
    ? `vote|${x.acc}|${x.n}|${x.v}`
    : `${x.type}|${x.from}|${x.to}|${x.n}|${x.type === 'Promise' ? `${x.acceptedN}|${x.acceptedV}` : x.type === 'Prepare' ? '' : x.v}`

const cache = new WeakMap<Config, Tables>()

// The last configuration's tables, checked before the map: handlers look them up per delivery.
let last: { readonly c: Config; readonly t: Tables } | undefined
export function tables(c: Config): Tables {
  if (last !== undefined && last.c === c) return last.t
  let t = cache.get(c)
  if (t === undefined) cache.set(c, (t = build(c)))
  last = { c, t }
  return t
}

function build(c: Config): Tables {
  const k = c.proposers.length
  const maxN = Math.max(0, ...c.proposers.map((p, i) => ((c.maxAttempts[p] ?? 0) - 1) * k + i + 1))
  const values = [...new Set(c.proposers.map((p) => c.values[p] as string))].sort()
  const byKey = new Map<string, Msg | Vote>()
  const add = <T extends Msg | Vote>(x: T): T => {
    byKey.set(keyOf(x), x)
    return x
  }
  const prepares: Msg[][] = [[]]
  const accepts: Msg[][][] = [[]]
  for (let n = 1; n <= maxN; n++) {
    const p = ownerOf(c, n)
    prepares.push(c.acceptors.map((a) => add<Msg>({ type: 'Prepare', from: p, to: a, n })))
    accepts.push(values.map((v) => c.acceptors.map((a) => add<Msg>({ type: 'Accept', from: p, to: a, n, v }))))
    for (const a of c.acceptors) {
      add<Msg>({ type: 'Promise', from: a, to: p, n, acceptedN: 0, acceptedV: null })
      for (let m = 1; m <= maxN; m++) for (const v of values) add<Msg>({ type: 'Promise', from: a, to: p, n, acceptedN: m, acceptedV: v })
      for (const v of values) {
        add<Msg>({ type: 'Accepted', from: a, to: p, n, v })
        add<Vote>({ acc: a, n, v })
      }
    }
  }
  const all = [...byKey.values()].sort(compareValues)
  const ranks = new Map<Msg | Vote, number>(all.map((x, i) => [x, i]))
  const deliveries = new Map<Msg, DeliverAction<Msg>>()
  for (const x of all) {
    if ('type' in x) deliveries.set(x, { name: 'Deliver', from: x.from, to: x.to, msg: x, label: messageLabel(x) })
  }
  const find = <T extends Msg | Vote>(x: T): T => {
    const found = byKey.get(keyOf(x))
    if (found === undefined) throw new Error(`paxos-net: ${keyOf(x)} is outside the configuration's message universe`)
    return found as T
  }
  // Flat tables for the hot path, indexed by acceptor, proposal id, reported id and value.
  const aIndex = new Map(c.acceptors.map((a, i) => [a, i]))
  const N = maxN + 1
  const V = values.length
  const promises: Msg[] = []
  const accepteds: Msg[] = []
  const votes: Vote[] = []
  c.acceptors.forEach((a, ai) => {
    for (let n = 1; n <= maxN; n++) {
      const p = ownerOf(c, n)
      for (let m = 0; m <= maxN; m++) {
        for (let vi = -1; vi < V; vi++) {
          const x = byKey.get(keyOf({ type: 'Promise', from: a, to: p, n, acceptedN: m, acceptedV: vi < 0 ? null : (values[vi] as string) }))
          if (x) promises[((ai * N + n) * N + m) * (V + 1) + vi + 1] = x as Msg
        }
      }
      values.forEach((v, vi) => {
        accepteds[(ai * N + n) * V + vi] = find<Msg>({ type: 'Accepted', from: a, to: p, n, v })
        votes[(ai * N + n) * V + vi] = find<Vote>({ acc: a, n, v })
      })
    }
  })
  const ai = (a: string): number => aIndex.get(a) ?? -1
  const vi = (v: string): number => values.indexOf(v)
  const promise = (a: string, n: number, acceptedN: number, acceptedV: string | null): Msg | undefined =>
    promises[((ai(a) * N + n) * N + acceptedN) * (V + 1) + (acceptedV === null ? 0 : vi(acceptedV) + 1)]
  /** The universe's instance equal to `x` (a state that crossed a thread or was read from a trace
   * holds copies): found by its fields (the proposal id fixes the proposer's end). */
  const canon = <T extends Msg | Vote>(x: T): T => {
    let found: Msg | Vote | undefined
    if ('acc' in x) found = votes[(ai(x.acc) * N + x.n) * V + vi(x.v)]
    else if (x.type === 'Prepare') found = prepares[x.n]?.[ai(x.to)]
    else if (x.type === 'Accept') found = accepts[x.n]?.[vi(x.v)]?.[ai(x.to)]
    else if (x.type === 'Promise') found = promise(x.from, x.n, x.acceptedN, x.acceptedV)
    else found = accepteds[(ai(x.from) * N + x.n) * V + vi(x.v)]
    return (found as T | undefined) ?? find(x)
  }
  return {
    maxN,
    values,
    prepares,
    accepts,
    promise: (a, n, acceptedN, acceptedV) => promise(a, n, acceptedN, acceptedV) ?? find<Msg>({ type: 'Promise', from: a, to: ownerOf(c, n), n, acceptedN, acceptedV }),
    accepted: (a, n, v) => accepteds[(ai(a) * N + n) * V + vi(v)] as Msg,
    vote: (a, n, v) => votes[(ai(a) * N + n) * V + vi(v)] as Vote,
    lookup: find,
    rank: (x) => ranks.get(x) ?? (ranks.get(canon(x)) as number),
    deliver: (m) => deliveries.get(m) ?? (deliveries.get(canon(m)) as DeliverAction<Msg>),
    valueIndex: vi,
  }
}

/**
 * `set` with `xs` added (a sorted set of messages or votes, in `compareValues` order), by rank;
 * the same instance when every one is already there. The new elements (a broadcast adds up to one
 * per acceptor) are placed first, then the result is built in one pass: one array of the final
 * length (`slice` + `splice` per element allocated three arrays per element, 28% of the bytes an
 * `attempts=2` run allocated).
 */
export function addRanked<T extends Msg | Vote>(t: Tables, set: readonly T[], xs: readonly T[]): readonly T[] {
  if (xs.length === 1) {
    const x = xs[0] as T
    const r = t.rank(x)
    const lo = rankSearch(t, set, r)
    return lo < set.length && t.rank(set[lo] as T) === r ? set : inserted(set, lo, x)
  }
  // The absent ones among xs, in rank order, with their positions in `set` (in scratch arrays:
  // nothing here is re-entered).
  let k = 0
  for (const x of xs) {
    const r = t.rank(x)
    const lo = rankSearch(t, set, r)
    if (lo < set.length && t.rank(set[lo] as T) === r) continue
    let j = k
    while (j > 0 && (addRank[j - 1] as number) > r) j--
    if (j > 0 && addRank[j - 1] === r) continue // twice in xs
    for (let q = k; q > j; q--) {
      addElem[q] = addElem[q - 1] as Msg | Vote
      addRank[q] = addRank[q - 1] as number
      addAt[q] = addAt[q - 1] as number
    }
    addElem[j] = x
    addRank[j] = r
    addAt[j] = lo
    k++
  }
  if (k === 0) return set
  const n = set.length
  const out = new Array<T>(n + k)
  let i = 0
  for (let q = 0; q < k; q++) {
    const stop = addAt[q] as number
    for (; i < stop; i++) out[i + q] = set[i] as T
    out[i + q] = addElem[q] as T
  }
  for (; i < n; i++) out[i + k] = set[i] as T
  return out
}
const addElem: (Msg | Vote)[] = []
const addRank: number[] = []
const addAt: number[] = []

/** The first index of sorted `set` whose rank is not below `r`. */
function rankSearch<T extends Msg | Vote>(t: Tables, set: readonly T[], r: number): number {
  let lo = 0
  let hi = set.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (t.rank(set[mid] as T) < r) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** `net` after sending `ms`: on a `set` network by rank (see above), otherwise `sendAll`. */
export function sendRanked(t: Tables, net: Network<Msg>, ms: readonly Msg[], sendAll: (net: Network<Msg>, ms: readonly Msg[]) => Network<Msg>): Network<Msg> {
  if (net.semantics !== 'set') return sendAll(net, ms)
  return withSent(net, addRanked(t, net.sent, ms))
}
