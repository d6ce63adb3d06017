/**
 * Raft — leader election and log replication, from the rules of the Raft paper (Ongaro and
 * Ousterhout, "In Search of an Understandable Consensus Algorithm", Figure 2), with the message
 * handling of Ongaro's raft.tla (github.com/ongardie/raft.tla): a message with a higher term first
 * updates the receiver's term (and makes it a follower), one entry per AppendEntries at most, a
 * failed AppendEntries makes the leader back off nextIndex by one.
 *
 * Servers s1..sn exchange messages over a `bag` network (src/net: reordering free; loss and
 * duplication are budgeted faults) and crash and restart within a budget: currentTerm, votedFor
 * and log are durable; role, votes, nextIndex, matchIndex and commitIndex are volatile (reset by
 * a crash, as raft.tla's Restart does).
 *
 * Written on the actor harness (src/net/actor.ts): a server's message handler and local actions
 * see its own state only; the harness generates the deliveries, faults, crashes and restarts.
 * Hot-path choices, measured in docs/performance.md ("Raft on the harness, third attempt"): a
 * handler that changes nothing returns null, a step that sends one message sends an interned
 * one-element list, logs and follower states are interned, ghost writers come from factories.
 *
 * Actions: `Timeout` (a follower or candidate starts an election: new term, votes for itself,
 * RequestVote to all; a free choice: election timers are not modelled), `ClientRequest` (a leader
 * appends an entry of its term), `AppendEntries` (a leader sends its next entry, or a heartbeat,
 * to a peer; at most one exchange per link in flight, which bounds the network), `AdvanceCommit`
 * (a leader commits the highest index a majority has matched whose entry is from its own term),
 * `Deliver`, `Drop`, `Duplicate`, `Crash`, `Restart`. A candidate becomes leader on the vote that
 * gives it a majority. An entry is its term: commands are left out (Raft identifies an entry by
 * its index and term).
 *
 * History variables (never read by the protocol): `elected`, every (term, server) that became
 * leader, with its log then; `committed`, every (index, term) any server ever marked committed,
 * with the earliest term in which one did (its currentTerm then), which Leader Completeness needs.
 *
 * Left out: membership changes, log compaction, client sessions, election timers (timeouts are
 * free choices), AppendEntries with several entries.
 *
 * Buggy variants, one field of `Rules` each: raft-figure8.ts (commit by counting replicas of an
 * earlier-term entry), raft-volatile-vote.ts (votedFor lost on restart), raft-keep-conflict.ts,
 * raft-no-prev-log-check.ts, raft-vote-any-log.ts, raft-commit-minority.ts, raft-last-term-ge.ts,
 * raft-stale-votes.ts; their specs name the correct spec whose bounds catch them.
 *
 * Reference counts: none published for this model; specs/raft*.ts pin measured counts.
 */
import { always, assoc, mapFrom, schema, setAdd, setRemove, sometimes } from '../src/index.ts'
import type { Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Context, FaultBudget, NodeState, Outcome, Params } from '../src/net/index.ts'
import { actorModel, isUp, network, networkSchema } from '../src/net/index.ts'
import { symmetry } from './raft-symmetry.ts'
import { symmetryFingerprint } from './raft-symmetry-fingerprint.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly servers: readonly string[]
  /** The servers whose election timer may fire (the others are slower and never start an
   * election). Default: every server. */
  readonly candidates?: readonly string[]
  /** Per term t, `byTerm[t - 1]`: the servers that may start the election of term t (a narrower
   * timing assumption than `candidates`, for bounds that reach longer logs). Default: any
   * candidate. */
  readonly byTerm?: readonly (readonly string[])[]
  /** Elections stop at this term. */
  readonly maxTerm: number
  /** Leaders stop appending at this log length. */
  readonly maxLog: number
  /** Per term t, `appends[t - 1]`: how many entries the leader of term t may append (a bound on
   * client requests, for longer logs at an affordable cost). Default: up to `maxLog`. */
  readonly appends?: readonly number[]
  readonly budget: FaultBudget
  /** `bag` (default): messages consumed on delivery, loss and duplication budgeted. `set`: every
   * message ever sent stays deliverable (loss, duplication and reordering implicit, as in
   * Paxos.tla); handlers are idempotent, so re-deliveries are stutters. */
  readonly semantics?: 'bag' | 'set'
}

/**
 * The rules the buggy variants change, one at a time (`correctRules` is Raft). Each field names
 * the line of Figure 2 it stands for; the variants are `models/raft-*.ts`, their specs
 * `specs/raft-*.ts`.
 */
export type Rules = {
  /** A leader commits by counting replicas only entries of its current term (§5.4.2). False: the
   * Figure 8 bug. */
  readonly commitOnlyCurrentTerm: boolean
  /** In that rule the term compared with currentTerm is the term of the entry at the index being
   * committed. False: the leader's last entry's (`lastTerm(log)`), so a leader whose last entry is
   * of its term commits an earlier-term entry below it by counting replicas: the Figure 8 bug
   * again, on two-entry logs, written as an optimisation. */
  readonly commitTermAtIndex: boolean
  /** votedFor survives a crash (it is on stable storage). */
  readonly durableVote: boolean
  /** AppendEntries step 3: an existing entry that conflicts with a new one (same index, other
   * term) is deleted with all that follow it. `keep`: the follower keeps its own entry and still
   * reports success. */
  readonly onConflict: 'truncate' | 'keep'
  /** AppendEntries step 2: reply false if the log has no entry at prevLogIndex whose term is
   * prevLogTerm. False: the follower skips the check (and stores the entry after its own last
   * one when its log is shorter than prevLogIndex, as an append does). */
  readonly checkPrevLog: boolean
  /** RequestVote step 2: grant only if the candidate's log is at least as up to date (§5.4.1). */
  readonly voteLogCheck: boolean
  /** In that check a later last term must be strictly later (`>`). False: `>=`, so a candidate
   * whose last term equals the voter's wins its vote with a shorter log. */
  readonly strictLastTerm: boolean
  /** Servers (counting the leader) that must have matched an index to commit it, relative to a
   * majority: 0 (Raft); -1 is the off-by-one quorum. */
  readonly commitQuorumOffset: number
  /** A candidate counts only votes granted in its current term. False: a vote from an earlier
   * term counts too (`m.term <= currentTerm` where `===` is meant). */
  readonly currentTermVotesOnly: boolean
  /** A leader uses only AppendEntries replies of its current term (raft.tla drops the others).
   * False: a reply from an earlier term of the same leader sets its matchIndex too. */
  readonly currentTermRepliesOnly: boolean
}

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'RequestVote'; readonly term: number; readonly lastLogTerm: number; readonly lastLogIndex: number }
  | { readonly from: string; readonly to: string; readonly type: 'Vote'; readonly term: number; readonly granted: boolean }
  | {
      readonly from: string
      readonly to: string
      readonly type: 'AppendEntries'
      readonly term: number
      readonly prevLogIndex: number
      readonly prevLogTerm: number
      /** At most one entry (its term). */
      readonly entries: readonly number[]
      readonly leaderCommit: number
    }
  | { readonly from: string; readonly to: string; readonly type: 'AppendResult'; readonly term: number; readonly success: boolean; readonly matchIndex: number }

// ---- state -----------------------------------------------------------------------------------

export type Durable = {
  readonly currentTerm: number
  readonly votedFor: string | null
  /** log[k - 1] is the term of the entry at index k. */
  readonly log: readonly number[]
}

export type Volatile = {
  readonly role: 'follower' | 'candidate' | 'leader'
  /** Candidate only: the servers that granted their vote this term. */
  readonly votesGranted: SetOf<string>
  /** Per peer (as in raft.tla, always present; reset to 0 when the server is not leader). */
  readonly nextIndex: Readonly<Record<string, number>>
  readonly matchIndex: Readonly<Record<string, number>>
  /** Leader only: per peer, the commit index last sent to it. */
  readonly commitSent: Readonly<Record<string, number>>
  readonly commitIndex: number
}

export type Server = NodeState<Durable, Volatile>

export type Committed = { readonly index: number; readonly term: number; readonly in: number }

export type Elected = { readonly term: number; readonly server: string; readonly log: readonly number[] }

/** The history variables (ghosts: written by steps, read by the properties only). */
export type Ghost = {
  /** Every (term, server) that became leader, with its log at that moment. */
  readonly elected: SetOf<Elected>
  /** Every (index, term) a server marked committed, with `in`, the earliest term in which a server
   * did (its currentTerm then). */
  readonly committed: SetOf<Committed>
}

type Roles = { servers: Server }

/** `{ servers, net, elected, committed }`: the servers' records, the network, the history. */
export type State = ActorState<Roles, Msg, Ghost>

/** Local steps `Timeout {node, term}`, `ClientRequest {node, term}`, `AppendEntries {node, to,
 * index}`, `AdvanceCommit {node, commitIndex}` (the parameters are labels, except AppendEntries'
 * `to` and AdvanceCommit's `commitIndex`), deliveries and faults. */
export type Action = ActorAction<Msg>

type Out = Outcome<Server, Msg, Ghost>

/** The state schema: compiles the fingerprint (and the codec between workers). The model gives
 * it whole, not per role: a server's per-peer maps have its peers as keys, so the servers' records
 * do not share one schema (what the harness's `Role.schema` is). */
export function stateSchema(c: Config): Schema {
  const { server, term, index, log } = shapes(c)
  const perPeer = (i: string) => schema.mapOf(peersOf(c, i), index)
  const msg = messageSchema(c)
  return schema.record({
    servers: schema.record(
      Object.fromEntries(
        c.servers.map((i) => [
          i,
          schema.record({
            durable: schema.record({ currentTerm: term, votedFor: schema.nullable(server), log }),
            volatile: schema.record({
              role: schema.enum('follower', 'candidate', 'leader'),
              votesGranted: schema.setOf(server),
              nextIndex: perPeer(i),
              matchIndex: perPeer(i),
              commitSent: perPeer(i),
              commitIndex: index,
            }),
          }, { intern: same }),
        ]),
      ),
    ),
    net: networkSchema(c.semantics ?? 'bag', msg, c.servers, c.budget),
    // Shared by their encoding in a worker: the symmetric fingerprint memoizes both by identity.
    elected: schema.setOf(schema.record({ term, server, log }), { intern: same }),
    committed: schema.setOf(schema.record({ index, term, in: term }), { intern: same }),
  })
}

/** The shapes the state's and the messages' schemas share: a server id, a term, a log index, a log. */
const shapes = (c: Config) => {
  const term = schema.int(0, c.maxTerm)
  return { server: schema.enum(...c.servers), term, index: schema.int(0, c.maxLog + 1), log: schema.list(term, { intern: ownLog }) }
}

/** The messages' schema (the harness names deliveries in coverage by their types). */
export function messageSchema(c: Config): Schema {
  const { server, term, index, log } = shapes(c)
  return schema.union('type', {
    RequestVote: { from: server, to: server, term, lastLogTerm: term, lastLogIndex: index },
    Vote: { from: server, to: server, term, granted: schema.bool() },
    AppendEntries: { from: server, to: server, term, prevLogIndex: index, prevLogTerm: term, entries: log, leaderCommit: index },
    AppendResult: { from: server, to: server, term, success: schema.bool(), matchIndex: index },
  }, { intern: ownMessage })
}

// ---- init ------------------------------------------------------------------------------------

const serverInit = (c: Config, i: string): Server => ({ durable: durableOf(0, null, NO_ENTRIES), volatile: followerOf(c, i, 0) })

export function init(c: Config): State {
  return { servers: mapFrom(c.servers, (i) => serverInit(c, i)), net: network(c.semantics ?? 'bag'), elected: [], committed: [] }
}
// ---- helpers ---------------------------------------------------------------------------------

/** What the actions read of the configuration, computed once per configuration. */
type Derived = {
  readonly peers: Readonly<Record<string, readonly string[]>>
  /** Per server, its volatile state as a follower with commitIndex 0 (shared, so unchanged
   * followers are one instance). */
  readonly follower: Readonly<Record<string, Volatile>>
  /** Per server, its follower state by commitIndex (filled on demand; index 0 is `follower`'s). */
  readonly followerAt: Readonly<Record<string, Volatile[]>>
  readonly majority: number
  readonly candidates: ReadonlySet<string>
  /** Per leader i and peer j: the test for a message of the exchange on link i–j (one function
   * per link, not a closure per step). */
  readonly exchange: Readonly<Record<string, Readonly<Record<string, (m: Msg) => boolean>>>>
  /** Per leader i and peer j: AppendEntries' parameters by nextIndex (filled on demand). */
  readonly appendParams: Readonly<Record<string, Readonly<Record<string, Params[]>>>>
  /** Per leader i: its whole AppendEntries parameter list, by its peers' next indexes. */
  readonly appendLists: Readonly<Record<string, Map<number, readonly Params[]>>>
  /** Per candidate i: its RequestVote messages by (term, last log term, log length), and `[i]`. */
  readonly ballots: Readonly<Record<string, Map<number | string, readonly Msg[]>>>
  readonly self: Readonly<Record<string, SetOf<string>>>
}
const derivedCache = new WeakMap<Config, Derived>()
function derived(c: Config): Derived {
  let d = derivedCache.get(c)
  if (d === undefined) {
    const peers = mapFrom(c.servers, (i) => c.servers.filter((j) => j !== i))
    const zeros = (i: string) => mapFrom(peers[i] as readonly string[], () => 0)
    d = {
      peers,
      follower: mapFrom(c.servers, (i) => volatileOf('follower', [], zeros(i), zeros(i), zeros(i), 0)),
      followerAt: mapFrom(c.servers, () => []),
      majority: Math.floor(c.servers.length / 2) + 1,
      candidates: new Set(c.candidates ?? c.servers),
      exchange: Object.fromEntries(c.servers.map((i) => [i, Object.fromEntries((peers[i] as readonly string[]).map((j) => [j, inExchange(i, j)]))])),
      appendLists: Object.fromEntries(c.servers.map((i) => [i, new Map()])),
      ballots: Object.fromEntries(c.servers.map((i) => [i, new Map()])),
      self: mapFrom(c.servers, (i) => [i]),
      appendParams: Object.fromEntries(c.servers.map((i) => [i, Object.fromEntries((peers[i] as readonly string[]).map((j) => [j, []]))])),
    }
    derivedCache.set(c, d)
  }
  return d
}
const peersOf = (c: Config, i: string): readonly string[] => derived(c).peers[i] as readonly string[]
/** Server i's volatile state as a follower that keeps `commitIndex`. */
const followerOf = (c: Config, i: string, commitIndex: number): Volatile => {
  const f = derived(c).follower[i] as Volatile
  // mutants: `!==` makes a server that adopts a term or stands for election forget its commit
  // index: safe (commitIndex is volatile; a crash forgets it too and the leader re-sends it); counts.
  if (commitIndex === 0) return f
  const at = derived(c).followerAt[i] as Volatile[]
  return (at[commitIndex] ??= volatileOf(f.role, f.votesGranted, f.nextIndex, f.matchIndex, f.commitSent, commitIndex))
}

// Every Durable and Volatile record is built by one of these two literals, never by a spread, so
// each has one hidden class with its fields in the object: a heap snapshot showed the spread
// copies of the six-field volatile record with a property array each, and a record built both
// ways has two classes for every read of it to handle. (`next` per expanded state went from about
// 5.4 to 4.2 µs, docs/performance.md.) Field order is the type's: traces print it.
const durableOf = (currentTerm: number, votedFor: string | null, log: readonly number[]): Durable => ({ currentTerm, votedFor, log })
const volatileOf = (
  role: Volatile['role'],
  votesGranted: SetOf<string>,
  nextIndex: Volatile['nextIndex'],
  matchIndex: Volatile['matchIndex'],
  commitSent: Volatile['commitSent'],
  commitIndex: number,
): Volatile => ({ role, votesGranted, nextIndex, matchIndex, commitSent, commitIndex })
/** `v` with another commit index. */
const withCommitIndex = (v: Volatile, commitIndex: number): Volatile => volatileOf(v.role, v.votesGranted, v.nextIndex, v.matchIndex, v.commitSent, commitIndex)

const srv = (s: State, i: string): Server => s.servers[i] as Server
const lastTerm = (log: readonly number[]): number => (log.length === 0 ? 0 : (log[log.length - 1] as number))

// Messages are interned (one instance per distinct message), so set and bag operations mostly
// compare by identity and trace labels are computed once per message. A message is looked up by
// its sender, its receiver and its type, then by its numeric fields packed into one small integer
// (a string key when a field is outside 0..63, which no bundled spec comes near): no key string
// and no record is built to find one already made (a key string per message was 4% of a run).
type ByFields = Map<number | string, One>
/** A message as a step's whole send list: interned with it, so a step sending one message builds
 * no array. */
type One = readonly [Msg]
const messageTable = new Map<string, Map<string, readonly ByFields[]>>()
let messageCount = 0
function tableOf(from: string, to: string, type: 0 | 1 | 2 | 3): ByFields {
  let byTo = messageTable.get(from)
  if (byTo === undefined) messageTable.set(from, (byTo = new Map()))
  let byType = byTo.get(to)
  if (byType === undefined) byTo.set(to, (byType = [new Map(), new Map(), new Map(), new Map()]))
  return byType[type] as ByFields
}
/** Five whole numbers, each 0..63, as one number below 2^30; a string otherwise. */
const fieldsKey = (a: number, b: number, c: number, d: number, e: number): number | string =>
  (a | b | c | d | e) >>> 6 === 0 ? (((a * 64 + b) * 64 + c) * 64 + d) * 64 + e : `${a} ${b} ${c} ${d} ${e}`
function intern(table: ByFields, key: number | string, m: Msg): One {
  // mutants: `>` for `>=` is equivalent (the table is a cache: clearing it one entry later only
  // costs memory; a message built again is equal, and nothing compares messages by identity alone).
  if (messageCount >= 1 << 18) {
    messageTable.clear()
    messageCount = 0
  }
  messageCount++
  const one: One = [m]
  table.set(key, one)
  return one
}
const requestVote = (from: string, to: string, term: number, lastLogTerm: number, lastLogIndex: number): Msg => {
  const t = tableOf(from, to, 0)
  const k = fieldsKey(term, lastLogTerm, lastLogIndex, 0, 0)
  return (t.get(k) ?? intern(t, k, { from, to, type: 'RequestVote', term, lastLogTerm, lastLogIndex }))[0]
}
const vote = (from: string, to: string, term: number): One => {
  const t = tableOf(from, to, 1)
  const k = fieldsKey(term, 0, 0, 0, 0)
  return t.get(k) ?? intern(t, k, { from, to, type: 'Vote', term, granted: true })
}
const NO_ENTRIES: readonly number[] = []
const ONE_ENTRY: (readonly number[])[] = []
const entriesOf = (term: number | undefined): readonly number[] => {
  if (term === undefined) return NO_ENTRIES
  return (ONE_ENTRY[term] ??= [term])
}
/** The log `log[0 .. n - 1]` followed by an entry of `term`, interned (one array per distinct
 * log): fewer arrays survive into the states, and equal logs compare by identity (Log
 * Matching's first test). Terms above 63 or logs above 8 entries are built afresh. */
function logOf(log: readonly number[], n: number, term: number): readonly number[] {
  if (n >= 8 || term > 63) return [...log.slice(0, n), term]
  let key = 1
  for (let k = 0; k < n; k++) {
    const t = log[k] as number
    if (t > 63) return [...log.slice(0, n), term]
    key = key * 64 + t
  }
  key = key * 64 + term
  let l = LOGS.get(key)
  if (l === undefined) LOGS.set(key, (l = [...log.slice(0, n), term]))
  return l
}
const LOGS = new Map<number, readonly number[]>()
const appendEntriesMsg = (from: string, to: string, term: number, prevLogIndex: number, prevLogTerm: number, entry: number | undefined, leaderCommit: number): One => {
  const t = tableOf(from, to, 2)
  const k = fieldsKey(term, prevLogIndex, prevLogTerm, entry === undefined ? 0 : entry + 1, leaderCommit)
  return (
    t.get(k) ??
    intern(t, k, { from, to, type: 'AppendEntries', term, prevLogIndex, prevLogTerm, entries: entriesOf(entry), leaderCommit })
  )
}
const appendResult = (from: string, to: string, term: number, success: boolean, matchIndex: number): One => {
  const t = tableOf(from, to, 3)
  const k = fieldsKey(term, success ? 1 : 0, matchIndex, 0, 0)
  return t.get(k) ?? intern(t, k, { from, to, type: 'AppendResult', term, success, matchIndex })
}

/** The model's own instance of message `x` (a worker's decoded copy: the schema's `intern`), so
 * that set operations find it by identity and memos keyed by messages hit; `x` when the model
 * makes no such message (a refused vote, two entries). */
function ownMessage(x: unknown): unknown {
  const m = x as Msg
  switch (m.type) {
    case 'RequestVote':
      return requestVote(m.from, m.to, m.term, m.lastLogTerm, m.lastLogIndex)
    case 'Vote':
      return m.granted ? vote(m.from, m.to, m.term)[0] : m
    case 'AppendEntries':
      return m.entries.length > 1 ? m : appendEntriesMsg(m.from, m.to, m.term, m.prevLogIndex, m.prevLogTerm, m.entries[0], m.leaderCommit)[0]
    case 'AppendResult':
      return appendResult(m.from, m.to, m.term, m.success, m.matchIndex)[0]
  }
}

const same = (x: unknown): unknown => x

/** The interned log equal to `x` (the schema's `intern`, as `ownMessage`). */
function ownLog(x: unknown): unknown {
  const log = x as readonly number[]
  if (log.length === 0) return NO_ENTRIES
  return logOf(log, log.length - 1, log[log.length - 1] as number)
}

/** Adds (index, term) committed in term `inTerm` to the history, keeping for each (index, term)
 * only the earliest term it was committed in (the strongest premise for Leader Completeness;
 * later records would only add states). */
function recordCommit(committed: SetOf<Committed>, index: number, term: number, inTerm: number): SetOf<Committed> {
  const old = committed.find((e) => e.index === index && e.term === term)
  // mutants: `<` for `<=` is equivalent: with `old.in === inTerm` the record removed and the one
  // added are the same interned object, so the set is equal.
  if (old !== undefined && old.in <= inTerm) return committed
  // mutants: `!==` keeps the later record beside the earlier one: the properties read the
  // earliest `in` of an entry (Leader Completeness) or its term only, so they are unchanged; counts.
  const rest = old === undefined ? committed : setRemove(committed, old)
  return setAdd(rest, committedRecord(index, term, inTerm))
}
const committedTable = new Map<number, Committed>()
const committedRecord = (index: number, term: number, inTerm: number): Committed => {
  const key = (index * 256 + term) * 256 + inTerm
  let r = committedTable.get(key)
  if (r === undefined) committedTable.set(key, (r = { index, term, in: inTerm }))
  return r
}


/** Server i marks every entry up to `commitIndex` committed (recorded in the history), or null
 * when that commits nothing new. */
function commitTo(x: Server, commitIndex: number): { local: Server; ghost: (g: Ghost) => Partial<Ghost> } | null {
  // mutants: `<` for `<=` is equivalent: committing up to the current commitIndex records nothing
  // and builds a state equal to `s` (a re-delivery on a set network then shows as a self-loop, not
  // a stutter: raft-reordered's generated count only).
  if (commitIndex <= x.volatile.commitIndex) return null
  return { local: { durable: x.durable, volatile: withCommitIndex(x.volatile, commitIndex) }, ghost: commits(x.volatile.commitIndex, commitIndex, x.durable.log, x.durable.currentTerm) }
}
/** The ghost write of a commit: entries `from + 1 .. to` of `log`, committed in term `inTerm`.
 * (A factory, not a named arrow per step: tsx's `keepNames` names every such arrow as it is made.) */
function commits(from: number, to: number, log: readonly number[], inTerm: number): (g: Ghost) => Partial<Ghost> {
  return (g) => {
    let committed = g.committed
    for (let k = from + 1; k <= to; k++) committed = recordCommit(committed, k, log[k - 1] as number, inTerm)
    return { committed }
  }
}
/** The ghost write of an election. */
function elects(e: Elected): (g: Ghost) => Partial<Ghost> {
  return (g) => ({ elected: setAdd(g.elected, e) })
}

/** Receiving a message with a higher term: adopt it, become a follower, forget the vote. */
function updateTerm(c: Config, i: string, x: Server, term: number): Server {
  if (term <= x.durable.currentTerm) return x
  return { durable: durableOf(term, null, x.durable.log), volatile: followerOf(c, i, x.volatile.commitIndex) }
}

// ---- actions ---------------------------------------------------------------------------------
//
// Each is a server's local step: the harness offers it only while the server is up (a down server
// takes no step), and every server's steps in turn (Timeout, ClientRequest, AppendEntries to each
// peer, AdvanceCommit), then the deliveries, the network faults, crashes and restarts.

/** Server i's election timer fires: it becomes a candidate in the next term, votes for itself and
 * asks every peer for its vote. */
export function timeout(c: Config, i: string, x: Server): Out | null {
  // mutants: `role === 'leader'` dropped lets a leader start an election (safe: it steps down
  // into a new term, as on a higher-term message); counts. (The old `!isUp(…)` guard is the
  // harness's now: a down server takes no local step; letting it time out was safe too, as if it
  // restarted, timed out and crashed again, which a bigger crash budget allows.)
  if (x.volatile.role === 'leader' || x.durable.currentTerm >= c.maxTerm) return null
  // A timing assumption (specs/raft-reordered.ts names candidates; the others use byTerm).
  if (!derived(c).candidates.has(i)) return null
  // mutants: a candidate that re-runs its election in the same term (no `+ 1` when it is already a
  // candidate) is safe: it voted for itself in that term, and asking again is idempotent; what it
  // loses is liveness (a split vote repeats forever), which raft-split-vote-timing catches in the
  // split-vote model; here it only re-sends RequestVote on the bag network (counts, unbounded).
  const term = x.durable.currentTerm + 1
  // mutants: deleting this timing assumption only adds elections (safe; counts).
  if (c.byTerm && !(c.byTerm[term - 1] ?? []).includes(i)) return null
  const log = x.durable.log
  const peers = peersOf(c, i)
  const d = derived(c)
  const ballots = d.ballots[i] as Map<number | string, readonly Msg[]>
  const key = fieldsKey(term, lastTerm(log), log.length, 0, 0)
  let send = ballots.get(key)
  if (send === undefined) {
    const ms: Msg[] = []
    for (const j of peers) ms.push(requestVote(i, j, term, lastTerm(log), log.length))
    ballots.set(key, (send = ms))
  }
  // A new term starts with the candidate's own vote alone: votes of its earlier term carried over
  // elect two leaders of one term on four servers (specs/raft-four-servers-two-terms.ts; on three,
  // one vote besides its own has already won).
  const f = followerOf(c, i, x.volatile.commitIndex)
  const volatile = volatileOf('candidate', d.self[i] as SetOf<string>, f.nextIndex, f.matchIndex, f.commitSent, f.commitIndex)
  return { local: { durable: durableOf(term, i, log), volatile }, send }
}

/** Leader i appends a new entry of its term (a client's command). */
export function clientRequest(c: Config, x: Server): Out | null {
  // mutants: `role !== 'leader'` is equivalent here to its negation's guard in `params` (the
  // action is offered to leaders only, and a down server is a follower: a crash resets its
  // volatile state); `&&` for `||` likewise.
  if (x.volatile.role !== 'leader' || x.durable.log.length >= c.maxLog) return null
  const term = x.durable.currentTerm
  // A leader only appends, so the entries of its term in its log are the ones it appended.
  // mutants: a change to this bound on client requests (a spec's `appends`) changes counts only.
  if (c.appends && x.durable.log.filter((t) => t === term).length >= (c.appends[term - 1] ?? 0)) return null
  const d = x.durable
  return { local: { durable: durableOf(d.currentTerm, d.votedFor, logOf(d.log, d.log.length, d.currentTerm)), volatile: x.volatile } }
}

/** Leader i sends peer j the entry at nextIndex[j], or a heartbeat carrying a commit index j has
 * not been sent, unless a request to j or j's answer is still in flight (one exchange per link at
 * a time, which bounds the network; not enforced on a `set` network, where nothing leaves).
 * Heartbeats that tell j nothing new are left out: they cannot change a follower's log or commit
 * index, only its term, which a later message brings too.
 *
 * It reads the network (`reads: ['inFlight']`): whether an exchange on the link is in flight. No
 * server knows that; it is a bound on the network, not a Raft rule. */
export function appendEntries(c: Config, i: string, x: Server, j: string, ctx: Context<Msg, State>): Out | null {
  // mutants: redundant here (deleting it is equivalent): the action's parameters are offered to
  // leaders only, and a down server is a follower (a crash resets its volatile state).
  if (x.volatile.role !== 'leader') return null
  const next = x.volatile.nextIndex[j] as number
  const log = x.durable.log
  const prevLogIndex = next - 1
  const entry = next <= log.length ? (log[next - 1] as number) : undefined
  const leaderCommit = Math.min(x.volatile.commitIndex, entry === undefined ? prevLogIndex : next)
  // Nothing new for j (no entry to send, no commit index it has not been told): no message.
  // mutants: deleting or weakening this reduction sends heartbeats that change nothing but terms
  // (more states); `<` for `>=`/`<=` or `||` withholds some useful ones (fewer): counts only.
  if ((x.volatile.matchIndex[j] as number) >= log.length && leaderCommit <= (x.volatile.commitSent[j] as number)) return null
  // mutants: this is a bound on the network, not a Raft rule (any number of requests may be in
  // flight in Raft): a mutant under which fewer messages count only adds behaviours (an unbounded
  // bag: undecided at the time limit, or counts), one under which more count only removes some
  // (counts, or a witness lost).
  if (c.semantics !== 'set' && ctx.anyInFlight((derived(c).exchange[i] as Readonly<Record<string, (m: Msg) => boolean>>)[j] as (m: Msg) => boolean)) return null
  // mutants: sending the leader's currentTerm as prevLogTerm is safe: the follower then accepts
  // only entries of the leader's own term, which that leader created; it loses liveness (a
  // follower behind by an earlier term's entry is never repaired; raft.ts checks no liveness).
  const prevLogTerm = prevLogIndex === 0 ? 0 : (log[prevLogIndex - 1] as number)
  const one = appendEntriesMsg(i, j, x.durable.currentTerm, prevLogIndex, prevLogTerm, entry, leaderCommit)
  // No step when the message would not enter the network: already sent (a `set` network keeps
  // every message), or j is down (a `bag` drops a message to a down server at once; commitSent
  // would claim a send that was lost). This reads the network and the failure detector; the
  // servers are never partitioned (see the network spec), so `reachable` is "up".
  if (c.semantics === 'set' ? ctx.inFlight(one[0]) : !ctx.reachable(j)) return null
  // mutants: not recording commitSent (the assoc skipped, or the field left out) lets the leader
  // send an up-to-date follower the same commit index again once their exchange is over: more
  // behaviours, all safe (counts only).
  const v = x.volatile
  const commitSent = assoc(v.commitSent, j, leaderCommit)
  return { local: { durable: x.durable, volatile: volatileOf(v.role, v.votesGranted, v.nextIndex, v.matchIndex, commitSent, v.commitIndex) }, send: one }
}

/** True for a request from leader i to j or j's answer (a message of the exchange on link i–j). */
const inExchange = (i: string, j: string) => (m: Msg): boolean =>
  (m.type === 'AppendEntries' && m.from === i && m.to === j) || (m.type === 'AppendResult' && m.from === j && m.to === i)

/** The index leader i may commit: the highest N above commitIndex that a majority (counting i)
 * has matched and, under Raft's rule, whose entry is from i's current term (0: none). */
export function commitCandidate(c: Config, r: Rules, i: string, x: Server): number {
  const log = x.durable.log
  const quorum = derived(c).majority + r.commitQuorumOffset
  // mutants: `>=` also tries n = commitIndex, returned only when nothing above qualifies, and
  // AdvanceCommit to the current commitIndex is no step (`commitTo` returns null): equivalent
  // (survived, bench/results/mutants-raft.commit.txt; an older model generated the self-loop).
  for (let n = log.length; n > x.volatile.commitIndex; n--) {
    let agree = 1
    for (const j of peersOf(c, i)) if ((x.volatile.matchIndex[j] as number) >= n) agree++
    if (agree < quorum) continue
    if (r.commitOnlyCurrentTerm && (r.commitTermAtIndex ? log[n - 1] : lastTerm(log)) !== x.durable.currentTerm) continue
    return n
  }
  return 0
}

/** Leader i advances its commitIndex to `commitCandidate` (the action's parameter). */
export function advanceCommit(x: Server, commitIndex: number): Out | null {
  // mutants: redundant, as in appendEntries (deleting it is equivalent).
  if (x.volatile.role !== 'leader') return null
  return commitTo(x, commitIndex)
}

// ---- message handlers ------------------------------------------------------------------------

/** RequestVote: grant when the terms match, the candidate's log is at least as up to date, and
 * no other vote was cast this term. Only grants are answered. */
function onRequestVote(r: Rules, i: string, x: Server, m: Msg & { type: 'RequestVote' }): Out | null {
  const log = x.durable.log
  const later = r.strictLastTerm ? m.lastLogTerm > lastTerm(log) : m.lastLogTerm >= lastTerm(log)
  const logOk = !r.voteLogCheck || later || (m.lastLogTerm === lastTerm(log) && m.lastLogIndex >= log.length)
  // mutants: granting only when `votedFor === null` (no second grant to the candidate it voted for)
  // is safe (it grants less): a candidate sends one RequestVote per peer per term, so the second
  // grant answers only a duplicated request (on a `set` network the second answer is the same
  // Vote, already sent). Only specs/raft-four-servers-duplicates.ts duplicates: counts only there.
  // mutants: granting a stale request too (`<=` for `===`: the voter records the vote in its own,
  // higher term) is safe, counts only: the Vote carries the voter's term, so the stale candidate
  // takes that term as a follower instead of counting it (or, a candidate of that term by then,
  // counts a vote its log, grown only by leaders' entries since, would have won anyway), and the
  // vote is wasted for that term's real candidate: a liveness loss, which raft.ts does not check.
  const grant = m.term === x.durable.currentTerm && logOk && (x.durable.votedFor === null || x.durable.votedFor === m.from)
  if (!grant) return null // a denial changes nothing for the candidate (the paper's reply carries the term; a later message brings it)
  return { local: { durable: durableOf(x.durable.currentTerm, m.from, x.durable.log), volatile: x.volatile }, send: vote(i, m.from, x.durable.currentTerm) }
}

/** Vote: a candidate counts granted votes of its term; a majority makes it leader. */
function onVote(c: Config, r: Rules, i: string, x: Server, m: Msg & { type: 'Vote' }): Out | null {
  const termOk = r.currentTermVotesOnly ? m.term === x.durable.currentTerm : m.term <= x.durable.currentTerm
  // mutants: dropping the role test (`… !== 'candidate' && !m.granted`: every Vote is a grant) lets a
  // follower or leader count late votes of its term: safe (votes are cast once per term, so a
  // majority of them elects no one else; a leader re-elected restarts replication); counts.
  if (!termOk || x.volatile.role !== 'candidate' || !m.granted) return null
  // The set of voters, not a count of Votes: a candidate that tallies the incoming Vote as new
  // (`x.volatile.votesGranted.length + 1` below) counts a duplicated one twice and wins with two of
  // four votes (specs/raft-four-servers-duplicates.ts: ElectionSafety violated).
  const votesGranted = setAdd(x.volatile.votesGranted, m.from)
  const v = x.volatile
  if (votesGranted.length < derived(c).majority) return { local: { durable: x.durable, volatile: volatileOf(v.role, votesGranted, v.nextIndex, v.matchIndex, v.commitSent, v.commitIndex) } }
  const peers = peersOf(c, i)
  const leader = volatileOf(
    'leader',
    // Never read by a leader: cleared, so that leaders elected by different majorities are one
    // state (this halves the leader states on 3 servers; no behaviour depends on it).
    [],
    mapFrom(peers, () => x.durable.log.length + 1),
    mapFrom(peers, () => 0),
    mapFrom(peers, () => 0),
    v.commitIndex,
  )
  const e: Elected = { term: x.durable.currentTerm, server: i, log: x.durable.log }
  return { local: { durable: x.durable, volatile: leader }, ghost: elects(e) }
}

/** AppendEntries: rejected from an old term or when the log does not contain the previous entry;
 * otherwise the entry is stored (a conflicting entry and all that follow it are deleted), the
 * commit index follows the leader's up to the last new entry, and the success is reported with
 * the index now matched. */
function onAppendEntries(c: Config, r: Rules, i: string, x: Server, m: Msg & { type: 'AppendEntries' }): Out {
  // mutants: `true` is read only if the sender is by then leader of the reply's (higher) term; it
  // then sets nextIndex to 1 rather than one step back (matchIndex 0 claims nothing): safe, and
  // the same state unless that leader holds two entries (no bundled spec reaches it: survives).
  if (m.term < x.durable.currentTerm) return reply(x, m, false, 0)
  // mutants: `!==` keeps a candidate a candidate after the AppendEntries of its term's leader
  // (Figure 2: it converts to follower): safe (it cannot win that term, whose leader had a
  // majority, and its log follows the leader's), and resets a follower to an equal state; counts.
  if (x.volatile.role === 'candidate') x = { durable: x.durable, volatile: followerOf(c, i, x.volatile.commitIndex) }
  const log = x.durable.log
  // mutants: comparing the follower's last term (`lastTerm(log)`) instead of the entry at
  // prevLogIndex accepts nothing the real check refuses: a last entry of term T equal to
  // prevLogTerm means the entry at prevLogIndex has term T too (one leader appends a term's
  // entries contiguously, and Log Matching holds). It refuses more, so a follower with a stale
  // suffix is never repaired: liveness only (checked: no violation at raft-longer-stale-log's
  // bounds nor at byTerm s1/s2/s3).
  const logOk = m.prevLogIndex === 0 || (m.prevLogIndex <= log.length && log[m.prevLogIndex - 1] === m.prevLogTerm)
  // mutants: replying success with matchIndex 0 (`true`) makes the leader jump nextIndex back to 1
  // at once instead of one step (matchIndex 0 claims nothing): safe; counts.
  if (!logOk && r.checkPrevLog) return reply(x, m, false, 0)
  let next = log
  let lastNew = m.prevLogIndex
  if (m.entries.length > 0) {
    const index = m.prevLogIndex + 1
    const term = m.entries[0] as number
    if (log.length >= index) {
      // mutants: comparing the following entry (`log[index]`) truncates at a match when a
      // later-term entry follows it: specs/raft-reordered-appends.ts violates MatchIndexSound.
      if (log[index - 1] !== term && r.onConflict === 'truncate') next = logOf(log, index - 1, term)
      lastNew = index
    } else {
      next = logOf(log, log.length, term) // at `index` when the check passed; after the last entry otherwise
      lastNew = next.length
    }
  }
  const stored: Server = next === log ? x : { durable: durableOf(x.durable.currentTerm, x.durable.votedFor, next), volatile: x.volatile }
  // mutants: leaving out `lastNew` (Figure 2: min(leaderCommit, index of last new entry)) survives
  // the suite, equivalent here: this model's leader never sends a leaderCommit past the entry it
  // sends (`appendEntries`), so leaderCommit ≤ lastNew already. With a leader sending its whole
  // commitIndex the follower could commit a stale entry after the matched one, which needs a
  // nextIndex below the first conflict (a failure reply delivered twice) and three-entry logs: a
  // helper's hand-written mutant found no spec reaching it, with either leader.
  const committed = commitTo(stored, Math.min(m.leaderCommit, lastNew, next.length))
  const answer = appendResult(i, m.from, stored.durable.currentTerm, true, m.prevLogIndex + m.entries.length)
  return committed === null ? { local: stored, send: answer } : { local: committed.local, send: answer, ghost: committed.ghost }
}

/** The answer to AppendEntries `m`, with the follower's current term. */
const reply = (x: Server, m: Msg & { type: 'AppendEntries' }, success: boolean, matchIndex: number): Out =>
  ({ local: x, send: appendResult(m.to, m.from, x.durable.currentTerm, success, matchIndex) })

/** AppendResult: success sets the peer's match and next index; failure backs nextIndex off. */
function onAppendResult(r: Rules, x: Server, m: Msg & { type: 'AppendResult' }): Out | null {
  // mutants: `&&` lets a leader use a response from an earlier term (raft.tla drops those), as
  // `currentTermRepliesOnly: false` does (models/raft-stale-replies.ts): MatchIndexSound is
  // violated in specs/raft-stale-replies-terms.ts (five terms: the leader's log must change
  // between its terms). It also lets a follower write its unused nextIndex (safe).
  if ((r.currentTermRepliesOnly ? m.term !== x.durable.currentTerm : m.term > x.durable.currentTerm) || x.volatile.role !== 'leader') return null
  const v = x.volatile
  const volatile = m.success
    ? volatileOf(v.role, v.votesGranted, assoc(v.nextIndex, m.from, m.matchIndex + 1), assoc(v.matchIndex, m.from, m.matchIndex), v.commitSent, v.commitIndex)
    : volatileOf(v.role, v.votesGranted, assoc(v.nextIndex, m.from, Math.max((v.nextIndex[m.from] as number) - 1, 1)), v.matchIndex, v.commitSent, v.commitIndex)
  return { local: { durable: x.durable, volatile } }
}

/**
 * Whether a server in state `x` ignores `m` for good (the harness then drops it: `ignoresForever`):
 * a response its handlers drop now and in every state the server can reach. Terms never go back
 * (currentTerm is durable), and a server is a candidate or a leader of a term once at most (a
 * candidacy takes a new term; a crash makes it a follower of its term), so: a Vote not granted;
 * with current-term votes only, a Vote of an earlier term, or one to a server that is no
 * candidate of its term; with current-term replies only, an AppendResult of an earlier term, or
 * one to a server that is no leader of its term. A message of a later term raises the receiver's
 * term, and a request is answered: neither is ever ignored. Under the variants that use earlier
 * terms' votes or replies those are kept (a later candidacy or leadership uses them).
 * mutants: the harness delivers each message this drops first, and a delivery that changes
 * anything is a model error: a rule that drops a message some handler uses fails every spec
 * that reaches one, and one that drops less changes the counts. Leaving out the earlier-term test
 * for AppendResult (`m.term > t` for `m.term < t`, bench/results/mutants-raft.ignores.txt) is
 * equivalent: a reply of term T in flight to a leader of a later term was dropped already, when
 * its receiver stopped leading T (it cannot lead again without a candidacy, which is no leader).
 * Dropping as well a granted Vote its candidate has counted (a duplicate) is sound: only a
 * duplicated Vote or RequestVote makes one, which only specs/raft-four-servers-duplicates.ts
 * has (counts only there).
 */
export function ignoredForever(r: Rules, x: Server, m: Msg): boolean {
  const t = x.durable.currentTerm
  if (m.term > t) return false
  switch (m.type) {
    case 'Vote':
      return !m.granted || (r.currentTermVotesOnly && (m.term < t || x.volatile.role !== 'candidate'))
    case 'AppendResult':
      return r.currentTermRepliesOnly && (m.term < t || x.volatile.role !== 'leader')
    default:
      return false
  }
}

/** Server i receives `m`: a higher term first makes it a follower of that term. */
export function onReceive(c: Config, r: Rules, i: string, local: Server, m: Msg): Out | null {
  const x = updateTerm(c, i, local, m.term)
  let o: Out | null
  switch (m.type) {
    case 'RequestVote':
      o = onRequestVote(r, i, x, m)
      break
    case 'Vote':
      o = onVote(c, r, i, x, m)
      break
    case 'AppendEntries':
      o = onAppendEntries(c, r, i, x, m)
      break
    case 'AppendResult':
      o = onAppendResult(r, x, m)
  }
  // A handler's null is "nothing more than the term update": no step's outcome to build when
  // there was none either (the harness then only consumes the message).
  return o !== null ? o : x === local ? null : { local: x }
}

// ---- faults ----------------------------------------------------------------------------------

/** Server i crashes: volatile state is lost (and votedFor too when it is not durable). */
export function crashServer(c: Config, r: Rules, i: string, x: Server): Server {
  // mutants: keeping commitIndex across the crash (`x.volatile.commitIndex` for 0 below) changes
  // counts only (raft, raft-crash-two-terms): Figure 2 makes it volatile because it can be
  // relearnt, not because it may turn false. The entries up to it are committed, the log is
  // durable, and a committed entry is never truncated (Leader Completeness, Log Matching), so the
  // kept index stays true (CommitIndexRecorded holds).
  const durable = r.durableVote || x.durable.votedFor === null ? x.durable : durableOf(x.durable.currentTerm, null, x.durable.log)
  return { durable, volatile: followerOf(c, i, 0) }
}

// ---- properties ------------------------------------------------------------------------------
//
// The invariants and the antecedents below are read on every new state, so they are loops, not
// `every`/`some` with closures: those allocated a quarter of the bytes a raft-two-terms run
// allocated (docs/performance.md, "Message-passing models, per state").

/** Election Safety: at most one leader per term (over the whole history). */
export const electionSafety = (_c: Config, s: State): boolean => {
  for (const a of s.elected) for (const b of s.elected) if (a.term === b.term && a.server !== b.server) return false
  return true
}

/** Log Matching: two logs with an entry of equal index and term agree on every entry up to it. */
export const logMatching = (c: Config, s: State): boolean => {
  // Each pair once: `logsMatch` is symmetric, and a log matches itself.
  const n = c.servers.length
  for (let i = 0; i < n; i++) {
    const a = srv(s, c.servers[i] as string).durable.log
    for (let j = i + 1; j < n; j++) if (!logsMatch(a, srv(s, c.servers[j] as string).durable.log)) return false
  }
  return true
}
function logsMatch(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true
  for (let k = Math.min(a.length, b.length); k >= 1; k--) {
    if (a[k - 1] !== b[k - 1]) continue
    for (let n = 0; n < k; n++) if (a[n] !== b[n]) return false
    return true
  }
  return true
}

/** Leader Completeness (Raft's §5.4): an entry committed in term T is in the log of every leader
 * of a term above T. `in` is the earliest currentTerm of a server when it marked the entry
 * committed: a leader commits in its own term, and a follower learns of a commit from a leader of
 * its current term (whose commit index comes from that term or an earlier one), so the entry was
 * committed in a term at most `in`. Comparing with the entry's own term instead (as this model
 * once did) is not Raft's property: a stale leader of term 2 that lacks a term-1 entry committed
 * in term 3 would violate it. */
export const leaderCompleteness = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader' || !isUp(s.net, i)) continue
    for (const e of s.committed) if (e.in < x.durable.currentTerm && x.durable.log[e.index - 1] !== e.term) return false
  }
  return true
}

/** Every server's commitIndex is backed by the history: each entry up to it, with the term it
 * has in the server's log, was committed by the rules (`commitTo`, the only writer of
 * `committed`). A server that counts entries as committed by any other way (a restart that
 * takes its commitIndex from its log: the volatile commitIndex restored from durable state) breaks
 * it, where State Machine Safety, read off the history alone, cannot see it. */
export const commitIndexRecorded = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const x = srv(s, i)
    const log = x.durable.log
    const n = x.volatile.commitIndex
    if (n > log.length) return false
    for (let k = 1; k <= n; k++) if (!recorded(s.committed, k, log[k - 1] as number)) return false
  }
  return true
}
function recorded(committed: SetOf<Committed>, index: number, term: number): boolean {
  for (const e of committed) if (e.index === index && e.term === term) return true
  return false
}

/** State Machine Safety: no two servers ever commit different entries at one index. */
export const stateMachineSafety = (_c: Config, s: State): boolean => {
  for (const a of s.committed) for (const b of s.committed) if (a.index === b.index && a.term !== b.term) return false
  return true
}

/** Leader Append-Only, read on states: a live leader's log still holds, unchanged, every entry
 * it had when it was elected (it only appends). */
export const leaderAppendOnly = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader') continue
    const at = electedAs(s, x.durable.currentTerm, i)
    if (at === undefined) continue
    for (let k = 0; k < at.log.length; k++) if (x.durable.log[k] !== at.log[k]) return false
  }
  return true
}

/** A leader's matchIndex is sound: every server in the leader's term holds the leader's entries up
 * to the matchIndex the leader keeps for it. A leader learns a matchIndex only from a reply of its
 * own term (raft.tla drops the others), and within one term only its leader changes logs, by
 * sending entries of its own log, which a follower appends after a prefix that agrees and never
 * truncates where it agrees; a server that moved to a later term is not compared (a newer leader
 * may have overwritten it, unknown to a stale one). A leader that uses a reply of an earlier term
 * breaks it as soon as its log changed between its terms: Leader Completeness breaks only once it
 * then commits with that reply and a later leader lacks the entry (one term more). */
export const matchIndexSound = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader') continue
    const a = x.durable.log
    for (const j of c.servers) {
      if (j === i) continue
      const y = srv(s, j)
      if (y.durable.currentTerm !== x.durable.currentTerm) continue
      const m = x.volatile.matchIndex[j] as number
      const b = y.durable.log
      if (m > a.length || m > b.length) return false
      for (let k = 0; k < m; k++) if (a[k] !== b[k]) return false
    }
  }
  return true
}

/** The first record of `server` elected in `term`, if any. */
function electedAs(s: State, term: number, server: string): State['elected'][number] | undefined {
  for (const e of s.elected) if (e.term === term && e.server === server) return e
  return undefined
}

/** An entry committed in a later term than its own (behind an entry of the committing term). */
export const committedInLaterTerm = (_c: Config, s: State): boolean => {
  for (const e of s.committed) if (e.in > e.term) return true
  return false
}

/** Leader Completeness' premise reached: a live leader of a term above an entry's commit term. */
export const leaderAfterCommit = (c: Config, s: State): boolean => {
  if (s.committed.length === 0) return false
  for (const i of c.servers) {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader' || !isUp(s.net, i)) continue
    for (const e of s.committed) if (e.in < x.durable.currentTerm) return true
  }
  return false
}

/** Two logs hold different entries at one index (what truncation and the prevLog check are for). */
export const conflictingLogs = (c: Config, s: State): boolean => {
  // Each pair once (the test is symmetric, and a log never conflicts with itself).
  const n = c.servers.length
  for (let i = 0; i < n; i++) {
    const a = srv(s, c.servers[i] as string).durable.log
    if (a.length === 0) continue
    for (let j = i + 1; j < n; j++) {
      const b = srv(s, c.servers[j] as string).durable.log
      if (a === b) continue
      for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return true
    }
  }
  return false
}

/** A server that is not leader has learnt of a commit (State Machine Safety then speaks of two
 * servers). */
export const followerCommitted = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const v = srv(s, i).volatile
    if (v.role !== 'leader' && v.commitIndex > 0) return true
  }
  return false
}

/** Leaders were elected in two terms. */
export const secondLeader = (_c: Config, s: State): boolean => {
  const es = s.elected
  for (let k = 1; k < es.length; k++) if ((es[k] as Elected).term !== (es[0] as Elected).term) return true
  return false
}

/** Two servers stood for election in one term (each voted for itself in its current term):
 * what Election Safety is about within a term. */
export const competingCandidates = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const a = srv(s, i).durable
    if (a.votedFor !== i) continue
    for (const j of c.servers) {
      const b = srv(s, j).durable
      if (i < j && b.votedFor === j && a.currentTerm === b.currentTerm) return true
    }
  }
  return false
}

/** Every log's terms never decrease along it: a leader appends entries of its own term, the
 * highest it has seen, and a follower's log is a prefix of a leader's plus what that leader sent.
 * A follower that replaced a conflicting entry but kept the entries after it (Figure 2 deletes
 * them) held [2, 1], which no other invariant here saw at the bounds that reach it (a helper's
 * hand-written mutant; specs/raft-overwrite-suffix.ts). */
export const logTermsMonotone = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const log = srv(s, i).durable.log
    for (let k = 1; k < log.length; k++) if ((log[k] as number) < (log[k - 1] as number)) return false
  }
  return true
}

/** LogTermsMonotone's premise: a log of two entries or more (where terms could go down). */
export const aLogOfTwoEntries = (c: Config, s: State): boolean => {
  for (const i of c.servers) if (srv(s, i).durable.log.length > 1) return true
  return false
}

/** Log Matching's premise: two servers hold an entry at one index (replication happened). */
export const twoLogsHoldEntries = (c: Config, s: State): boolean => {
  let holding = 0
  for (const i of c.servers) if (srv(s, i).durable.log.length > 0) holding++
  return holding > 1
}

/** Leader Append-Only's premise: a leader that had entries in its log when it was elected. */
export const leaderElectedWithEntries = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader') continue
    for (const e of s.elected) if (e.term === x.durable.currentTerm && e.server === i && e.log.length > 0) return true
  }
  return false
}

/** MatchIndex Soundness' premise: a leader keeps a matchIndex above 0 for a server of its term. */
export const leaderMatched = (c: Config, s: State): boolean => {
  for (const i of c.servers) {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader') continue
    for (const j of c.servers) if (j !== i && (x.volatile.matchIndex[j] as number) > 0 && srv(s, j).durable.currentTerm === x.durable.currentTerm) return true
  }
  return false
}

export function raftModel(name: string, rules: Rules): ActorModel<Config, Roles, Msg, Ghost> {
  const model = actorModel<Config, Roles, Msg, Ghost>({
    name,
    roles: {
      servers: {
        nodes: (c) => c.servers,
        init: serverInit,
        receive: (c, i, x, m) => onReceive(c, rules, i, x, m),
        ignoresForever: (_c, _i, x, m) => ignoredForever(rules, x, m),
        actions: [
          // mutants: the label's `+ 1` is not read by the protocol (golden snapshots pin labels).
          { name: 'Timeout', kind: 'timeout', params: (_c, _i, x) => termParams(x.durable.currentTerm + 1), fire: (c, i, x) => timeout(c, i, x) },
          {
            name: 'ClientRequest',
            params: (_c, _i, x) => (x.volatile.role === 'leader' ? termParams(x.durable.currentTerm) : NONE),
            fire: (c, _i, x) => clientRequest(c, x),
          },
          {
            name: 'AppendEntries',
            // Whether an exchange on the link is in flight (a bound on the network), whether the
            // message is already sent (a `set` network), whether the peer is up (a bag drops a
            // message to a down server: no step then, so commitSent claims nothing that was lost).
            reads: ['inFlight', 'detector'],
            // Those reads are about the link to the peer `to` alone, so the step depends on the
            // leader and that peer only (partial-order reduction; the context enforces it).
            peer: 'to',
            params: (c, i, x) => (x.volatile.role === 'leader' ? appendParams(c, i, x) : NONE),
            fire: (c, i, x, p, ctx) => appendEntries(c, i, x, p.to as string, ctx),
          },
          {
            name: 'AdvanceCommit',
            params: (c, i, x) => {
              if (x.volatile.role !== 'leader') return NONE
              const n = commitCandidate(c, rules, i, x)
              return n === 0 ? NONE : commitParams(n)
            },
            fire: (_c, _i, x, p) => advanceCommit(x, p.commitIndex as number),
          },
        ],
        crash: (c, x, i) => crashServer(c, rules, i, x),
      },
    },
    // No partitions: the servers are never split (this model never offered any; a partition
    // budget in a configuration is ignored).
    network: (c) => ({ semantics: c.semantics ?? 'bag', budget: c.budget, crashable: c.servers, partitions: [] }),
    message: messageSchema,
    ghost: () => ({ elected: [], committed: [] }),
    symmetry, // servers are interchangeable unless the config names some apart (raft-symmetry.ts)
    properties: [
      // Each invariant names the situation it is about (a spec that never reaches it reports the
      // invariant vacuous): two candidates of one term, or leaders of two terms; two servers
      // holding entries; a leader of a term above
      // a commit; a commit known to two servers; a leader elected with a non-empty log.
      always('ElectionSafety', electionSafety, { witness: 'ContestedElection' }),
      always('LogMatching', logMatching, { when: twoLogsHoldEntries }),
      always('LogTermsMonotone', logTermsMonotone, { when: aLogOfTwoEntries }),
      always('LeaderCompleteness', leaderCompleteness, { witness: 'LeaderAfterCommit' }),
      always('StateMachineSafety', stateMachineSafety, { witness: 'FollowerCommitted' }),
      always('LeaderAppendOnly', leaderAppendOnly, { when: leaderElectedWithEntries }),
      always('MatchIndexSound', matchIndexSound, { when: leaderMatched }),
      always('CommitIndexRecorded', commitIndexRecorded, { witness: 'EntryCommitted' }),
      sometimes('LeaderElected', (_c, s) => s.elected.length > 0),
      sometimes('EntryCommitted', (_c, s) => s.committed.length > 0),
      sometimes('SecondLeader', secondLeader),
      sometimes('ContestedElection', (c, s) => competingCandidates(c, s) || secondLeader(c, s)),
      // Witnesses that the safety properties are not vacuous at a spec's bounds:
      sometimes('CommittedInLaterTerm', committedInLaterTerm),
      sometimes('LeaderAfterCommit', leaderAfterCommit),
      sometimes('ConflictingLogs', conflictingLogs),
      sometimes('FollowerCommitted', followerCommitted),
    ],
  })
  // The schema is the model's, not the harness's (see `stateSchema`).
  // The symmetry representative's fingerprint, hashed without building it (raft-symmetry-fingerprint.ts).
  return { ...model, schema: stateSchema, symmetryFingerprint }
}

// Local steps' parameters, shared (one object per value): the harness copies them into the action.
const NONE: readonly Params[] = []
const TERM_PARAMS: (readonly Params[])[] = []
const termParams = (term: number): readonly Params[] => (TERM_PARAMS[term] ??= [Object.freeze({ term })])
const COMMIT_PARAMS: (readonly Params[])[] = []
const commitParams = (n: number): readonly Params[] => (COMMIT_PARAMS[n] ??= [Object.freeze({ commitIndex: n })])
/** Leader i's AppendEntries, one per peer j in order: `{ to: j, index: nextIndex[j] }`. */
function appendParams(c: Config, i: string, x: Server): readonly Params[] {
  const byPeer = derived(c).appendParams[i] as Readonly<Record<string, Params[]>>
  const peers = peersOf(c, i)
  // The list itself is shared per combination of next indexes (all below 64 in any bundled spec).
  let key = peers.length > 8 ? -1 : 0 // exact below 2^53
  for (const j of peers) {
    const index = x.volatile.nextIndex[j] as number
    key = index > 62 || key < 0 ? -1 : key * 64 + index
  }
  const lists = derived(c).appendLists[i] as Map<number, readonly Params[]>
  const known = key < 0 ? undefined : lists.get(key)
  if (known !== undefined) return known
  const out: Params[] = []
  for (const j of peers) {
    const index = x.volatile.nextIndex[j] as number
    const ps = byPeer[j] as Params[]
    out.push((ps[index] ??= Object.freeze({ to: j, index })))
  }
  if (key >= 0 && lists.size < 1 << 16) lists.set(key, out)
  return out
}

export const correctRules: Rules = {
  commitOnlyCurrentTerm: true,
  commitTermAtIndex: true,
  durableVote: true,
  onConflict: 'truncate',
  checkPrevLog: true,
  voteLogCheck: true,
  strictLastTerm: true,
  commitQuorumOffset: 0,
  currentTermVotesOnly: true,
  currentTermRepliesOnly: true,
}

export const raft = raftModel('raft', correctRules)
