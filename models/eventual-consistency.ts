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
 * Written with the actor harness (src/net/actor.ts): a replica's handlers see its own versioned
 * value. What the old model read outside a replica is now declared: the clients' write budget and
 * the anti-entropy round are ghost variables that `Write` and `AntiEntropy` read (`reads: state`:
 * the clients are not nodes, and the round is a device that bounds the search, as is the next
 * point); "not while the very same message is in flight" reads the network (`reads: inFlight`); a
 * fault resets the round (`onFault`). The counts are those of the hand-written version it replaced
 * (specs/eventual-consistency*.ts).
 *
 * Left out: crashes (replicas here are always up), deletes, vector clocks (LWW loses one of two
 * concurrent writes by design: that is not a violation of these properties).
 */
import { always, compareValues, schema, setAdd, sometimes } from '../src/index.ts'
import type { Params, Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorState, Context, FaultBudget, LocalAction, Outcome } from '../src/net/index.ts'
import { actorModel, messages } from '../src/net/index.ts'

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

/** Outside the replicas: the values written so far (history, and the clients' write budget that
 * `Write` reads), and the replicas that have sent an anti-entropy round since the last write or
 * fault (`AntiEntropy` reads it: one round each). */
export type Ghost = { readonly written: SetOf<string>; readonly round: SetOf<string> }

type Roles = { replicas: Versioned }
/** `{ replicas: { r1: …, r2: … }, net, written, round }` */
export type State = ActorState<Roles, Msg, Ghost>
export type Action = ActorAction<Msg>

type Step = Outcome<Versioned, Msg, Ghost> | null

// Ghost writers come from these factories, not written inside the handlers: there each would be
// given its name every time it is made when the CLI runs the model through tsx (esbuild's
// `keepNames`), a cost per step (8% of primary-backup's CPU, which had the same pattern).
// mutants: leaving out `round: []` (a write does not start a new anti-entropy round) changes counts
// only (every eventual-consistency spec; its liveness verdicts hold): the write sends its version
// to every peer itself, so a round after it carries nothing new unless a message is lost, and a
// loss (a drop, a partition) starts a round of its own (`onFault`).
const writtenGhost = (val: string) => (g: Ghost): Partial<Ghost> => ({ written: setAdd(g.written, val), round: [] })
const roundGhost = (node: string) => (g: Ghost): Partial<Ghost> => ({ round: setAdd(g.round, node) })

const INITIAL: Versioned = { n: 0, by: '', val: 'v0' }

// ---- shared instances ------------------------------------------------------------------------
//
// Versions and Syncs are made through these tables, one instance per value: purely an
// optimisation (each equals the record it stands for). A replica that takes a version then shares
// it with every other holder, and a Sync is the same object wherever it is sent again, so the
// harness keeps one delivery action and label per message (built per fresh message before, with a
// spread), the bag and `inFlight` compare by identity first, and the fingerprint reuses hashes.

/** The version (n, by) that `val` names, shared by value: a `val` names one version, but the
 * table is not trusted to (a mismatch gets a record of its own). It keeps every version asked for,
 * replicas × writes per configuration. */
const version = (n: number, by: string, val: string): Versioned => {
  const known = versions.get(val)
  if (known !== undefined && known.n === n && known.by === by) return known
  const v: Versioned = { n, by, val }
  if (known === undefined) versions.set(val, v)
  return v
}
const versions = new Map<string, Versioned>([[INITIAL.val, INITIAL]])

/** The Sync of version `v` from `from` to `to` (fields in `messageSchema`'s order), one instance
 * per version object and link. */
const sync = (from: string, to: string, v: Versioned): Msg => {
  let byFrom = syncs.get(v)
  if (byFrom === undefined) syncs.set(v, (byFrom = new Map()))
  let byTo = byFrom.get(from)
  if (byTo === undefined) byFrom.set(from, (byTo = new Map()))
  let m = byTo.get(to)
  if (m === undefined) byTo.set(to, (m = { from, to, type: 'Sync', n: v.n, by: v.by, val: v.val }))
  return m
}
const syncs = new WeakMap<Versioned, Map<string, Map<string, Msg>>>()

/** Write's choice at replica `n` holding version number `k`: `[{ val: 'n.k+1' }]`, one frozen
 * instance per replica and number (the harness finds a frozen parameter object's step by
 * identity, where a fresh one costs a list, a record and two strings per replica and state). */
const writeChoice = (n: string, k: number): readonly Params[] => {
  let byNumber = writeChoices.get(n)
  if (byNumber === undefined) writeChoices.set(n, (byNumber = []))
  return (byNumber[k] ??= Object.freeze([Object.freeze({ val: `${n}.${k + 1}` })]))
}
const writeChoices = new Map<string, (readonly Params[])[]>()

// ---- schema ----------------------------------------------------------------------------------

/** The configuration's finite domains: version numbers (a Lamport clock that only a write
 * advances, so at most `writes`), writers (none for the initial value), and the values written
 * (`r.n`, see `write`) beside the initial one. */
function domains(c: Config): { node: Schema; written: Schema; versioned: Record<string, Schema> } {
  const node = schema.enum(...c.replicas)
  const vals = c.replicas.flatMap((r) => Array.from({ length: c.writes }, (_, i) => `${r}.${i + 1}`))
  return {
    node,
    written: schema.enum(...vals),
    versioned: { n: schema.int(0, c.writes), by: schema.enum('', ...c.replicas), val: schema.enum(INITIAL.val, ...vals) },
  }
}

/** A message's shape (fields in the order `toPeers` builds them). */
export function messageSchema(c: Config): Schema {
  const { node, versioned } = domains(c)
  return schema.union('type', { Sync: { from: node, to: node, ...versioned } })
}

export const replicaSchema = (c: Config): Schema => schema.record(domains(c).versioned)

/** The ghost variables' shapes, in the order of their initial values. */
export function ghostSchema(c: Config): { readonly [K in keyof Ghost]: Schema } {
  const { node, written } = domains(c)
  return { written: schema.setOf(written), round: schema.setOf(node) }
}

// ---- actions ---------------------------------------------------------------------------------

const rep = (s: State, r: string): Versioned => s.replicas[r] as Versioned
// mutants: `a.by >= b.by` is equivalent: an equal (n, by) is the same write (a version names its
// value), so taking it, or keeping it in `lastWrite`, changes nothing. `a.by < b.by` is too: the
// tie between concurrent writes is broken the other way, still one total order on every replica
// (and `lastWrite`, which the properties read, uses `newer` too).
const newer = (a: Versioned, b: Versioned): boolean => a.n > b.n || (a.n === b.n && a.by > b.by)
/** v from r to every peer, except where the very same message is already in flight (a replica
 * does not queue a second copy of an identical update). */
const toPeers = (c: Config, ctx: Context<Msg, State>, r: string, v: Versioned): Msg[] => {
  const out: Msg[] = []
  for (const q of c.replicas) {
    if (q === r) continue
    const m = sync(r, q, v)
    if (!ctx.inFlight(m)) out.push(m)
  }
  return out
}

/** A client writes at replica `node`: a new version, applied locally, sent to every peer. */
export function write(c: Config, node: string, mine: Versioned, ctx: Context<Msg, State>): Step {
  // mutants: the search's bound: loosened it adds a write (counts only) or never stops (undecided),
  // before the state schema; now the extra write's version is outside it, a model error.
  if (ctx.state.written.length >= c.writes) return null
  const v = version(mine.n + 1, node, `${node}.${mine.n + 1}`)
  // mutants: sending nothing here (`send: []`: a write left to anti-entropy) changes counts only:
  // the write starts a new anti-entropy round (`writtenGhost`), in which the writer sends the new
  // version to every peer before the replicas can be quiescent, so QuiescentAgreement and the
  // liveness specs' convergence hold; the keep-older bug's counterexample gets a step shorter
  // (bench/results/mutants-hand-written-7.txt: E2). Pushing the write is an optimisation.
  return { local: v, send: toPeers(c, ctx, node, v), ghost: writtenGhost(v.val) }
}

/** Anti-entropy: replica `node` sends its current versioned value to every peer (once per round). */
export function antiEntropy(c: Config, node: string, mine: Versioned, ctx: Context<Msg, State>): Step {
  if (ctx.state.round.includes(node)) return null
  return { local: mine, send: toPeers(c, ctx, node, mine), ghost: roundGhost(node) }
}

/** A replica receives a versioned value and keeps the newer of the two (with the `keep-older`
 * bug: the older, the initial value aside, so that writes still spread; with `keep-local-on-tie`:
 * the incoming one only if its version number is higher). */
export function onSync(c: Config, mine: Versioned, m: Msg): Step {
  const incoming = version(m.n, m.by, m.val)
  // mutants: changes inside the planted bugs' rules (`keep-older`, `keep-local-on-tie`, which only
  // eventual-consistency-keep-older.ts and a unit test use) alter a bug, not the protocol: the buggy
  // spec's counts change or nothing does.
  const take =
    c.merge === 'keep-older' ? mine.n === 0 || newer(mine, incoming) : c.merge === 'keep-local-on-tie' ? incoming.n > mine.n : newer(incoming, mine)
  return take ? { local: incoming } : null
}

/**
 * Whether a replica holding `mine` ignores `m` for good (the harness then drops it:
 * `ignoresForever`): a Sync of the very version it holds. A replica's version only moves up —
 * a write takes the next number, and `lww` takes only a newer version (`keep-local-on-tie` only a
 * higher number) — so a version it holds now is never newer than its version later. Not under
 * `keep-older`, where a replica that writes then takes an older version. Only the same version,
 * not an older one: `StaleUpdateInFlight` reads older ones in flight. Dropping it hides nothing:
 * `quiescent` waits for an empty network, which delivering it first would reach with the same
 * replicas and round; and `Write`, `AntiEntropy` re-send a copy only where none is in flight,
 * a copy dropped again at once. (A drop fault can no longer pick it: such a drop only restarts
 * the anti-entropy round, `onFault`.)
 */
export function ignoredForever(c: Config, mine: Versioned, m: Msg): boolean {
  // mutants: `===` for `!==` drops Syncs under keep-older only, where one ignored now may be
  // taken later: keep-older's counts change (it is delivered to no effect when dropped), and
  // test/models/seed/ignores-forever-replication.test.ts fails it. A rule that drops a Sync its
  // replica takes now is a model error (the delivery the harness checks first changes it).
  return c.merge !== 'keep-older' && m.n === mine.n && m.by === mine.by
}

export const replicaActions: readonly LocalAction<Config, Versioned, Msg, Ghost, State>[] = [
  // mutants: `val` here is only the action's label (equivalent).
  { name: 'Write', reads: ['state', 'inFlight'], params: (_c, n, x) => writeChoice(n, x.n), fire: (c, n, x, _p, ctx) => write(c, n, x, ctx) },
  { name: 'AntiEntropy', reads: ['state', 'inFlight'], fire: (c, n, x, _p, ctx) => antiEntropy(c, n, x, ctx) },
]

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

export const eventualConsistency = actorModel<Config, Roles, Msg, Ghost>({
  name: 'eventual-consistency',
  roles: {
    replicas: {
      nodes: (c) => c.replicas,
      init: () => INITIAL,
      receive: (c, _n, x, m) => onSync(c, x, m),
      ignoresForever: (c, _n, x, m) => ignoredForever(c, x, m),
      actions: replicaActions,
      // Every replica's Write, then every replica's AntiEntropy (the order of the hand-written
      // model, which the keep-older spec's early stop depends on).
      order: 'action',
      schema: replicaSchema,
    },
  },
  network: (c) => ({ semantics: 'bag', budget: c.budget }),
  message: messageSchema,
  ghost: () => ({ written: [], round: [] }),
  ghostSchema,
  // A fault invalidates the current anti-entropy round: a new one must follow it.
  onFault: (_c, f) => (f.name === 'Heal' ? {} : { round: [] }),
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
})
