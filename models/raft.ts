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
 * Buggy variants: raft-figure8.ts (commit by counting replicas of an earlier-term entry),
 * raft-volatile-vote.ts (votedFor lost on restart).
 *
 * Reference counts: none published for this model; specs/raft*.ts pin measured counts.
 */
import { Steps, always, mapFrom, setAdd, setRemove, sometimes } from '../src/index.ts'
import type { Model, SetOf } from '../src/index.ts'
import type { CrashAction, DeliverAction, FaultBudget, Network, NetworkFaultAction, NodeState, RestartAction } from '../src/net/index.ts'
import { crash, crashable, deliveries, isUp, messages, network, networkFaults, restart, restartable, send, sendAll } from '../src/net/index.ts'
import { interned } from './intern.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly servers: readonly string[]
  /** The servers whose election timer may fire (the others are slower and never start an
   * election). Default: every server. */
  readonly candidates?: readonly string[]
  /** Elections stop at this term. */
  readonly maxTerm: number
  /** Leaders stop appending at this log length. */
  readonly maxLog: number
  readonly budget: FaultBudget
  /** `bag` (default): messages consumed on delivery, loss and duplication budgeted. `set`: every
   * message ever sent stays deliverable (loss, duplication and reordering implicit, as in
   * Paxos.tla); handlers are idempotent, so re-deliveries are stutters. */
  readonly semantics?: 'bag' | 'set'
}

/** The rules the buggy variants change. */
export type Rules = {
  /** Whether a leader may commit only entries of its current term (Raft's §5.4.2 rule). */
  readonly commitOnlyCurrentTerm: boolean
  /** Whether votedFor survives a crash. */
  readonly durableVote: boolean
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
  readonly votesGranted: SetOf<string>
  readonly nextIndex: Readonly<Record<string, number>>
  readonly matchIndex: Readonly<Record<string, number>>
  /** Leader only: per peer, the commit index last sent to it. */
  readonly commitSent: Readonly<Record<string, number>>
  readonly commitIndex: number
}

export type Server = NodeState<Durable, Volatile>

export type State = {
  readonly servers: Readonly<Record<string, Server>>
  readonly net: Network<Msg>
  /** History: every (term, server) that became leader, with its log at that moment. */
  readonly elected: SetOf<{ readonly term: number; readonly server: string; readonly log: readonly number[] }>
  /** History: every (index, term) a server marked committed, with `in`, the earliest term in which
   * a server did (its currentTerm then). */
  readonly committed: SetOf<{ readonly index: number; readonly term: number; readonly in: number }>
}

export type Action =
  | { readonly name: 'Timeout'; readonly node: string; readonly term: number }
  | { readonly name: 'ClientRequest'; readonly node: string; readonly term: number }
  | { readonly name: 'AppendEntries'; readonly node: string; readonly to: string; readonly index: number }
  | { readonly name: 'AdvanceCommit'; readonly node: string; readonly commitIndex: number }
  | DeliverAction<Msg>
  | NetworkFaultAction<Msg>
  | CrashAction
  | RestartAction

const FOLLOWER: Volatile = { role: 'follower', votesGranted: [], nextIndex: {}, matchIndex: {}, commitSent: {}, commitIndex: 0 }

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  return {
    servers: mapFrom(c.servers, () => ({ durable: { currentTerm: 0, votedFor: null, log: [] }, volatile: FOLLOWER })),
    net: network(c.semantics ?? 'bag'),
    elected: [],
    committed: [],
  }
}

// ---- helpers ---------------------------------------------------------------------------------

const srv = (s: State, i: string): Server => s.servers[i] as Server
const lastTerm = (log: readonly number[]): number => (log.length === 0 ? 0 : (log[log.length - 1] as number))
const majority = (c: Config): number => Math.floor(c.servers.length / 2) + 1
const withServer = (s: State, i: string, x: Server): State => ({ ...s, servers: { ...s.servers, [i]: x } })

/** Adds (index, term) committed in term `inTerm` to the history, keeping for each (index, term)
 * only the earliest term it was committed in (the strongest premise for Leader Completeness;
 * later records would only add states). */
function recordCommit(committed: State['committed'], index: number, term: number, inTerm: number): State['committed'] {
  const old = committed.find((e) => e.index === index && e.term === term)
  if (old !== undefined && old.in <= inTerm) return committed
  const rest = old === undefined ? committed : setRemove(committed, old)
  return setAdd(rest, interned({ index, term, in: inTerm }))
}

/** Records the entries a server newly marks committed (history variable). */
function commitTo(s: State, i: string, commitIndex: number): State {
  const x = srv(s, i)
  if (commitIndex <= x.volatile.commitIndex) return s
  let committed = s.committed
  for (let k = x.volatile.commitIndex + 1; k <= commitIndex; k++) {
    committed = recordCommit(committed, k, x.durable.log[k - 1] as number, x.durable.currentTerm)
  }
  return { ...withServer(s, i, { ...x, volatile: { ...x.volatile, commitIndex } }), committed }
}

/** Receiving a message with a higher term: adopt it, become a follower, forget the vote. */
function updateTerm(s: State, i: string, term: number): State {
  const x = srv(s, i)
  if (term <= x.durable.currentTerm) return s
  return withServer(s, i, { durable: { ...x.durable, currentTerm: term, votedFor: null }, volatile: { ...FOLLOWER, commitIndex: x.volatile.commitIndex } })
}

// ---- actions ---------------------------------------------------------------------------------

/** Server i's election timer fires: it becomes a candidate in the next term, votes for itself and
 * asks every peer for its vote. */
export function timeout(c: Config, s: State, i: string): State | null {
  const x = srv(s, i)
  if (!isUp(s.net, i) || x.volatile.role === 'leader' || x.durable.currentTerm >= c.maxTerm) return null
  if (c.candidates && !c.candidates.includes(i)) return null
  const term = x.durable.currentTerm + 1
  const log = x.durable.log
  const req = c.servers
    .filter((j) => j !== i)
    .map((j) => interned<Msg>({ from: i, to: j, type: 'RequestVote', term, lastLogTerm: lastTerm(log), lastLogIndex: log.length }))
  const next = withServer(s, i, {
    durable: { ...x.durable, currentTerm: term, votedFor: i },
    volatile: { ...FOLLOWER, role: 'candidate', votesGranted: [i], commitIndex: x.volatile.commitIndex },
  })
  return { ...next, net: sendAll(s.net, req) }
}

/** Leader i appends a new entry of its term (a client's command). */
export function clientRequest(c: Config, s: State, i: string): State | null {
  const x = srv(s, i)
  if (!isUp(s.net, i) || x.volatile.role !== 'leader' || x.durable.log.length >= c.maxLog) return null
  return withServer(s, i, { ...x, durable: { ...x.durable, log: [...x.durable.log, x.durable.currentTerm] } })
}

/** Leader i sends peer j the entry at nextIndex[j], or a heartbeat carrying a commit index j has
 * not been sent, unless a request to j or j's answer is still in flight (one exchange per link at
 * a time). Heartbeats that tell j nothing new are left out: they cannot change a follower's log or
 * commit index, only its term, which a later message brings too. */
export function appendEntries(_c: Config, s: State, i: string, j: string): State | null {
  const x = srv(s, i)
  if (!isUp(s.net, i) || x.volatile.role !== 'leader') return null
  if (s.net.semantics !== 'set' && messages(s.net).some((m) => (m.type === 'AppendEntries' && m.from === i && m.to === j) || (m.type === 'AppendResult' && m.from === j && m.to === i))) return null
  const next = x.volatile.nextIndex[j] as number
  const log = x.durable.log
  const prevLogIndex = next - 1
  const entries = next <= log.length ? [log[next - 1] as number] : []
  const leaderCommit = Math.min(x.volatile.commitIndex, prevLogIndex + entries.length)
  // Nothing new for j (no entry to send, no commit index it has not been told): no message.
  if ((x.volatile.matchIndex[j] as number) >= log.length && leaderCommit <= (x.volatile.commitSent[j] as number)) return null
  const m = interned<Msg>({
    from: i,
    to: j,
    type: 'AppendEntries',
    term: x.durable.currentTerm,
    prevLogIndex,
    prevLogTerm: prevLogIndex === 0 ? 0 : (log[prevLogIndex - 1] as number),
    entries,
    leaderCommit,
  })
  const net = send(s.net, m)
  if (net === s.net) return null // already sent (set network): nothing new
  const commitSent = { ...x.volatile.commitSent, [j]: leaderCommit }
  return { ...withServer(s, i, { ...x, volatile: { ...x.volatile, commitSent } }), net }
}

/** The index leader i may commit: the highest N above commitIndex that a majority (counting i)
 * has matched and, under Raft's rule, whose entry is from i's current term (0: none). */
export function commitCandidate(c: Config, r: Rules, s: State, i: string): number {
  const x = srv(s, i)
  const log = x.durable.log
  for (let n = log.length; n > x.volatile.commitIndex; n--) {
    const agree = 1 + c.servers.filter((j) => j !== i && (x.volatile.matchIndex[j] as number) >= n).length
    if (agree < majority(c)) continue
    if (r.commitOnlyCurrentTerm && log[n - 1] !== x.durable.currentTerm) continue
    return n
  }
  return 0
}

/** Leader i advances its commitIndex (see `commitCandidate`). */
export function advanceCommit(c: Config, r: Rules, s: State, i: string): State | null {
  const x = srv(s, i)
  if (!isUp(s.net, i) || x.volatile.role !== 'leader') return null
  const n = commitCandidate(c, r, s, i)
  return n === 0 ? null : commitTo(s, i, n)
}

// ---- message handlers ------------------------------------------------------------------------

/** RequestVote: grant when the terms match, the candidate's log is at least as up to date, and
 * no other vote was cast this term. Only grants are answered. */
function onRequestVote(s: State, m: Msg & { type: 'RequestVote' }): State {
  const i = m.to
  const x = srv(s, i)
  const log = x.durable.log
  const logOk = m.lastLogTerm > lastTerm(log) || (m.lastLogTerm === lastTerm(log) && m.lastLogIndex >= log.length)
  const grant = m.term === x.durable.currentTerm && logOk && (x.durable.votedFor === null || x.durable.votedFor === m.from)
  if (!grant) return s // a denial changes nothing for the candidate (the paper's reply carries the term; a later message brings it)
  const voted = withServer(s, i, { ...x, durable: { ...x.durable, votedFor: m.from } })
  return { ...voted, net: send(voted.net, interned<Msg>({ from: i, to: m.from, type: 'Vote', term: x.durable.currentTerm, granted: true })) }
}

/** Vote: a candidate counts granted votes of its term; a majority makes it leader. */
function onVote(c: Config, s: State, m: Msg & { type: 'Vote' }): State {
  const i = m.to
  const x = srv(s, i)
  if (m.term !== x.durable.currentTerm || x.volatile.role !== 'candidate' || !m.granted) return s
  const votesGranted = setAdd(x.volatile.votesGranted, m.from)
  if (votesGranted.length < majority(c)) return withServer(s, i, { ...x, volatile: { ...x.volatile, votesGranted } })
  const peers = c.servers.filter((j) => j !== i)
  const leader: Volatile = {
    role: 'leader',
    votesGranted,
    nextIndex: mapFrom(peers, () => x.durable.log.length + 1),
    matchIndex: mapFrom(peers, () => 0),
    commitSent: mapFrom(peers, () => 0),
    commitIndex: x.volatile.commitIndex,
  }
  return { ...withServer(s, i, { ...x, volatile: leader }), elected: setAdd(s.elected, interned({ term: x.durable.currentTerm, server: i, log: x.durable.log })) }
}

/** AppendEntries: rejected from an old term or when the log does not contain the previous entry;
 * otherwise the entry is stored (a conflicting entry and all that follow it are deleted), the
 * commit index follows the leader's, and the success is reported with the index now matched. */
function onAppendEntries(s: State, m: Msg & { type: 'AppendEntries' }): State {
  const i = m.to
  let x = srv(s, i)
  const reply = (st: State, success: boolean, matchIndex: number): State => ({
    ...st,
    net: send(st.net, interned<Msg>({ from: i, to: m.from, type: 'AppendResult', term: srv(st, i).durable.currentTerm, success, matchIndex })),
  })
  if (m.term < x.durable.currentTerm) return reply(s, false, 0)
  if (x.volatile.role === 'candidate') {
    x = { ...x, volatile: { ...FOLLOWER, commitIndex: x.volatile.commitIndex } }
    s = withServer(s, i, x)
  }
  const log = x.durable.log
  const logOk = m.prevLogIndex === 0 || (m.prevLogIndex <= log.length && log[m.prevLogIndex - 1] === m.prevLogTerm)
  if (!logOk) return reply(s, false, 0)
  let next = log
  if (m.entries.length > 0) {
    const index = m.prevLogIndex + 1
    const term = m.entries[0] as number
    if (log.length >= index && log[index - 1] !== term) next = [...log.slice(0, index - 1), term]
    else if (log.length < index) next = [...log, term]
  }
  const stored = next === log ? s : withServer(s, i, { ...x, durable: { ...x.durable, log: next } })
  const committed = commitTo(stored, i, Math.min(m.leaderCommit, m.prevLogIndex + m.entries.length))
  return reply(committed, true, m.prevLogIndex + m.entries.length)
}

/** AppendResult: success sets the peer's match and next index; failure backs nextIndex off. */
function onAppendResult(s: State, m: Msg & { type: 'AppendResult' }): State {
  const i = m.to
  const x = srv(s, i)
  if (m.term !== x.durable.currentTerm || x.volatile.role !== 'leader') return s
  const v = x.volatile
  const volatile: Volatile = m.success
    ? { ...v, nextIndex: { ...v.nextIndex, [m.from]: m.matchIndex + 1 }, matchIndex: { ...v.matchIndex, [m.from]: m.matchIndex } }
    : { ...v, nextIndex: { ...v.nextIndex, [m.from]: Math.max((v.nextIndex[m.from] as number) - 1, 1) } }
  return withServer(s, i, { ...x, volatile })
}

export function onReceive(c: Config, s: State, m: Msg): State {
  const t = updateTerm(s, m.to, m.term)
  switch (m.type) {
    case 'RequestVote':
      return onRequestVote(t, m)
    case 'Vote':
      return onVote(c, t, m)
    case 'AppendEntries':
      return onAppendEntries(t, m)
    case 'AppendResult':
      return onAppendResult(t, m)
  }
}

// ---- faults ----------------------------------------------------------------------------------

/** Server i crashes: volatile state is lost (and votedFor too when it is not durable). */
export function crashServer(r: Rules, s: State, i: string): State {
  const x = srv(s, i)
  const durable = r.durableVote ? x.durable : { ...x.durable, votedFor: null }
  return { ...withServer(s, i, { durable, volatile: FOLLOWER }), net: crash(s.net, i) }
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, r: Rules, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (const i of c.servers) {
    const x = srv(s, i)
    out.add({ name: 'Timeout', node: i, term: x.durable.currentTerm + 1 }, timeout(c, s, i))
    out.add({ name: 'ClientRequest', node: i, term: x.durable.currentTerm }, clientRequest(c, s, i))
    if (x.volatile.role === 'leader') {
      for (const j of c.servers) {
        if (j !== i) out.add({ name: 'AppendEntries', node: i, to: j, index: x.volatile.nextIndex[j] as number }, appendEntries(c, s, i, j))
      }
      out.add({ name: 'AdvanceCommit', node: i, commitIndex: commitCandidate(c, r, s, i) }, advanceCommit(c, r, s, i))
    }
  }
  for (const d of deliveries(s.net)) {
    const before = d.net === s.net ? s : { ...s, net: d.net }
    const after = onReceive(c, before, d.action.msg)
    out.add(d.action, after === s ? null : after) // a re-delivery that changes nothing: a stutter
  }
  for (const f of networkFaults(s.net, c.budget)) out.add(f.action, { ...s, net: f.net })
  for (const i of crashable(s.net, c.budget, c.servers)) out.add({ name: 'Crash', node: i }, crashServer(r, s, i))
  for (const i of restartable(s.net, c.servers)) out.add({ name: 'Restart', node: i }, { ...s, net: restart(s.net, i) })
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

/** Election Safety: at most one leader per term (over the whole history). */
export const electionSafety = (_c: Config, s: State): boolean =>
  s.elected.every((a) => s.elected.every((b) => a.term !== b.term || a.server === b.server))

/** Log Matching: two logs with an entry of equal index and term agree on every entry up to it. */
export const logMatching = (c: Config, s: State): boolean =>
  c.servers.every((i) =>
    c.servers.every((j) => {
      const a = srv(s, i).durable.log
      const b = srv(s, j).durable.log
      for (let k = Math.min(a.length, b.length); k >= 1; k--) {
        if (a[k - 1] === b[k - 1]) return a.slice(0, k).every((t, n) => b[n] === t)
      }
      return true
    }),
  )

/** Leader Completeness (Raft's §5.4): an entry committed in term T is in the log of every leader
 * of a term above T. `in` is the committing server's currentTerm when it marked the entry
 * committed: a leader commits in its own term, and a follower learns of a commit from a leader of
 * its current term (or an earlier one), so the entry was committed in a term at most `in`.
 * Comparing with the entry's own term instead (as this model once did) is not Raft's property: a
 * stale leader of term 2 that lacks a term-1 entry committed in term 3 would violate it. */
export const leaderCompleteness = (c: Config, s: State): boolean =>
  c.servers.every((i) => {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader' || !isUp(s.net, i)) return true
    return s.committed.every((e) => e.in >= x.durable.currentTerm || x.durable.log[e.index - 1] === e.term)
  })

/** State Machine Safety: no two servers ever commit different entries at one index. */
export const stateMachineSafety = (_c: Config, s: State): boolean =>
  s.committed.every((a) => s.committed.every((b) => a.index !== b.index || a.term === b.term))

/** Leader Append-Only, read on states: a live leader's log still holds, unchanged, every entry
 * it had when it was elected (it only appends). */
export const leaderAppendOnly = (c: Config, s: State): boolean =>
  c.servers.every((i) => {
    const x = srv(s, i)
    if (x.volatile.role !== 'leader') return true
    const at = s.elected.find((e) => e.term === x.durable.currentTerm && e.server === i)
    return at === undefined || at.log.every((t, k) => x.durable.log[k] === t)
  })

export function raftModel(name: string, rules: Rules): Model<Config, State, Action> {
  return {
    name,
    init: (c) => [init(c)],
    next: (c, s) => next(c, rules, s),
    actions: ['Timeout', 'ClientRequest', 'AppendEntries', 'AdvanceCommit', 'Deliver', 'Drop', 'Duplicate', 'Crash', 'Restart'],
    properties: [
      always('ElectionSafety', electionSafety),
      always('LogMatching', logMatching),
      always('LeaderCompleteness', leaderCompleteness),
      always('StateMachineSafety', stateMachineSafety),
      always('LeaderAppendOnly', leaderAppendOnly),
      sometimes('LeaderElected', (_c, s) => s.elected.length > 0),
      sometimes('EntryCommitted', (_c, s) => s.committed.length > 0),
      sometimes('SecondLeader', (_c, s) => new Set(s.elected.map((e) => e.term)).size > 1),
    ],
  }
}

export const correctRules: Rules = { commitOnlyCurrentTerm: true, durableVote: true }

export const raft = raftModel('raft', correctRules)
