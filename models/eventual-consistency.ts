/**
 * Eventual consistency (BASE, the seed's "BASE理论"): replicas accept writes locally, replicate
 * them asynchronously, and repair divergence with anti-entropy. Soft state — replicas disagreeing
 * for a while — is allowed; what must hold is the safety side of convergence.
 *
 * Each replica holds one versioned value. A write at replica r takes version (n + 1, r), where n is
 * the highest version number r has seen (a Lamport clock; ties broken by replica id), applies it
 * and sends it to every peer. Anti-entropy: a replica sends its current versioned value to every
 * peer. On receipt a replica keeps the higher version (last writer wins). Network: a `bag` with
 * drops and a partition under the spec's budget.
 *
 * Safety checked here: no replica ever holds a value nobody wrote; and in a quiescent state —
 * nothing in flight, no partition, every write issued, and a full anti-entropy round (every
 * replica sent its value) since the last write or fault — all replicas agree, and what they agree
 * on is the last write: the greatest written version in the total order (n, replica id), so of
 * two concurrent writes (same n) the one at the greater replica id wins. Convergence as
 * liveness ("eventually all agree") is for the liveness checker; `AntiEntropy` and `Deliver` are
 * the actions fairness should name.
 *
 * `merge: 'keep-older'` is a planted one-character bug (the comparison flipped): a replica keeps
 * the older of two versions, so a newer update is dropped. Every replica applies the same rule, so
 * they still agree — on the first write instead of the last: only `QuiescentLastWriterWins`
 * catches it (`eventual-consistency-keep-older.ts`).
 *
 * Left out: crashes (replicas here are always up), deletes, vector clocks (LWW loses one of two
 * concurrent writes by design: that is not a violation of these properties).
 */
import { Steps, always, compareValues, mapFrom, setAdd, sometimes } from '../src/index.ts'
import type { Model, SetOf } from '../src/index.ts'
import type { DeliverAction, FaultBudget, Network, NetworkFaultAction } from '../src/net/index.ts'
import { contains, deliveries, messages, network, networkFaults, sendAll } from '../src/net/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly replicas: readonly string[]
  /** Total writes the clients issue. */
  readonly writes: number
  readonly budget: FaultBudget
  /** How a replica merges an incoming version: keep the newer (`lww`, the default); the bugs:
   * keep the older (`keep-older`), or compare version numbers only and keep the local value on a
   * tie (`keep-local-on-tie`). */
  readonly merge?: 'lww' | 'keep-older' | 'keep-local-on-tie'
}

// ---- messages --------------------------------------------------------------------------------

/** A versioned value: version number, writer (tie-break), the value. */
export type Versioned = { readonly n: number; readonly by: string; readonly val: string }

export type Msg = { readonly from: string; readonly to: string; readonly type: 'Sync' } & Versioned

// ---- state -----------------------------------------------------------------------------------

export type State = {
  readonly reps: Readonly<Record<string, Versioned>>
  /** History: the values written so far. */
  readonly written: SetOf<string>
  /** Replicas that have sent an anti-entropy round since the last write or fault. */
  readonly round: SetOf<string>
  readonly net: Network<Msg>
}

export type Action =
  | { readonly name: 'Write'; readonly node: string; readonly val: string }
  | { readonly name: 'AntiEntropy'; readonly node: string }
  | DeliverAction<Msg>
  | NetworkFaultAction<Msg>

const INITIAL: Versioned = { n: 0, by: '', val: 'v0' }

// ---- init ------------------------------------------------------------------------------------

export const init = (c: Config): State => ({ reps: mapFrom(c.replicas, () => INITIAL), written: [], round: [], net: network('bag') })

// ---- actions ---------------------------------------------------------------------------------

const rep = (s: State, r: string): Versioned => s.reps[r] as Versioned
// mutants: `a.by >= b.by` is equivalent: an equal (n, by) is the same write (a version names its
// value), so taking it, or keeping it in `lastWrite`, changes nothing.
const newer = (a: Versioned, b: Versioned): boolean => a.n > b.n || (a.n === b.n && a.by > b.by)
/** Sends v from r to every peer, except where the very same message is already in flight (a
 * replica does not queue a second copy of an identical update). */
const sendToPeers = (c: Config, net: Network<Msg>, r: string, v: Versioned): Network<Msg> =>
  sendAll(net, c.replicas.filter((q) => q !== r).map((q): Msg => ({ from: r, to: q, type: 'Sync', ...v })).filter((m) => !contains(net, m)))

/** A client writes at replica r: a new version, applied locally, sent to every peer. */
export function write(c: Config, s: State, r: string): State | null {
  // mutants: the search's bound: loosened it adds a write (counts only) or never stops (undecided).
  if (s.written.length >= c.writes) return null
  const mine = rep(s, r)
  const v: Versioned = { n: mine.n + 1, by: r, val: `${r}.${mine.n + 1}` }
  return { reps: { ...s.reps, [r]: v }, written: setAdd(s.written, v.val), round: [], net: sendToPeers(c, s.net, r, v) }
}

/** Anti-entropy: replica r sends its current versioned value to every peer (once per round). */
export function antiEntropy(c: Config, s: State, r: string): State | null {
  if (s.round.includes(r)) return null
  return { ...s, round: setAdd(s.round, r), net: sendToPeers(c, s.net, r, rep(s, r)) }
}

/** A replica receives a versioned value and keeps the newer of the two (with the `keep-older`
 * bug: the older, the initial value aside, so that writes still spread; with `keep-local-on-tie`:
 * the incoming one only if its version number is higher). */
export function onSync(c: Config, s: State, m: Msg): State {
  const incoming: Versioned = { n: m.n, by: m.by, val: m.val }
  const mine = rep(s, m.to)
  // mutants: changes inside the planted bugs' rules (`keep-older`, `keep-local-on-tie`, which only
  // eventual-consistency-keep-older.ts and a unit test use) alter a bug, not the protocol: the buggy
  // spec's counts change or nothing does.
  const take =
    c.merge === 'keep-older' ? mine.n === 0 || newer(mine, incoming) : c.merge === 'keep-local-on-tie' ? incoming.n > mine.n : newer(incoming, mine)
  return take ? { ...s, reps: { ...s.reps, [m.to]: incoming } } : s
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  // mutants: `val` here is only the action's label (equivalent).
  for (const r of c.replicas) out.add({ name: 'Write', node: r, val: `${r}.${rep(s, r).n + 1}` }, write(c, s, r))
  for (const r of c.replicas) out.add({ name: 'AntiEntropy', node: r }, antiEntropy(c, s, r))
  for (const d of deliveries(s.net)) out.add(d.action, onSync(c, { ...s, net: d.net }, d.action.msg))
  for (const f of networkFaults(s.net, c.budget, { nodes: c.replicas })) {
    // A fault invalidates the current anti-entropy round: a new one must follow it.
    out.add(f.action, { ...s, net: f.net, round: f.action.name === 'Heal' ? s.round : [] })
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

/** No replica ever holds a value nobody wrote. */
export const onlyWrittenValues = (c: Config, s: State): boolean =>
  c.replicas.every((r) => rep(s, r).val === INITIAL.val || s.written.includes(rep(s, r).val))

/** A replica's value `r.n` carries the version (n, r) it names: a write takes the next number of
 * its replica's Lamport clock, so that a write made after seeing another is newer than it (what
 * `lastWrite`, reading versions off the names, relies on). */
export const versionsNameValues = (c: Config, s: State): boolean =>
  c.replicas.every((r) => rep(s, r).val === INITIAL.val || rep(s, r).val === `${rep(s, r).by}.${rep(s, r).n}`)

/** Quiescent: all writes issued, nothing in flight, no partition, a full anti-entropy round done. */
export const quiescent = (c: Config, s: State): boolean =>
  s.written.length === c.writes && messages(s.net).length === 0 && s.net.partition === null && s.round.length === c.replicas.length

/** The last write: the greatest written version in the order (n, replica id). A written value
 * `r.n` names its version (n, r). */
export const lastWrite = (s: State): Versioned =>
  s.written.reduce<Versioned>((best, val) => {
    const dot = val.lastIndexOf('.')
    const v: Versioned = { n: Number(val.slice(dot + 1)), by: val.slice(0, dot), val }
    return newer(v, best) ? v : best
  }, INITIAL)

const agree = (c: Config, s: State): boolean => c.replicas.every((r) => compareValues(rep(s, r), rep(s, c.replicas[0] as string)) === 0)

export const eventualConsistency: Model<Config, State, Action> = {
  name: 'eventual-consistency',
  init: (c) => [init(c)],
  next,
  actions: ['Write', 'AntiEntropy', 'Deliver', 'Drop', 'Duplicate', 'Partition', 'Heal'],
  properties: [
    // Each invariant names the situation it is about (never reached: reported vacuous): a replica
    // holding a written value; quiescence.
    always('OnlyWrittenValues', onlyWrittenValues, { when: (c, s) => c.replicas.some((r) => rep(s, r).val !== INITIAL.val) }),
    always('VersionsNameValues', versionsNameValues, { when: (c, s) => c.replicas.some((r) => rep(s, r).val !== INITIAL.val) }),
    always('QuiescentAgreement', agree, { when: quiescent }),
    always('QuiescentLastWriterWins', (c, s) => c.replicas.every((r) => rep(s, r).val === lastWrite(s).val), { when: quiescent }),
    sometimes('Diverged', (c, s) => !agree(c, s)),
    sometimes('ConcurrentWritesConverged', (c, s) => quiescent(c, s) && new Set(c.replicas.map((r) => rep(s, r).n)).size === 1 && s.written.length > 1 && s.written.every((w) => w.endsWith('.1'))),
    // A stale update is in flight to a replica that already holds a newer version: the case the
    // merge rule is for.
    sometimes('StaleUpdateInFlight', (_c, s) => messages(s.net).some((m) => newer(rep(s, m.to), m))),
    sometimes('QuiescentAfterFault', (c, s) => quiescent(c, s) && (s.net.spent.drop > 0 || s.net.spent.partition > 0)),
  ],
}
