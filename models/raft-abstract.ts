/**
 * Raft without messages: each step is one whole exchange, taken atomically between the servers
 * it involves — an election won with a quorum's votes, an entry copied from a leader, a
 * conflicting entry removed, a commit by a quorum, a term learnt from another server. This is the
 * "abstract Raft" style of Schultz et al.'s specifications of MongoDB's protocol, with Raft's own
 * rules (Raft paper, Figure 2 and §5.4). Its steps are what raft.ts's message exchanges achieve
 * when they get through, so its behaviours are raft.ts's with loss and interleaving of partial
 * exchanges left out; what it buys is depth: the paper's Figure 8 needs four terms, which the
 * message-passing model reaches in seconds only with few messages in flight (specs/raft-figure8.ts;
 * bench/consensus.ts has the numbers without that bound).
 *
 * Rules: BecomeLeader(i, Q) — i's term + 1 is a new term for every voter in Q (each votes once per
 * term: its term moves on), and i's log is at least as up to date as each voter's;
 * ClientRequest(i) — a leader appends an entry of its term; GetEntry(i, j) — a server whose log
 * matches leader j's up to its end takes j's next entry (AppendEntries' consistency check);
 * RollbackEntry(i, j) — a server whose last entry conflicts with leader j's log drops it; Commit(i,
 * k, Q) — leader i commits index k when every member of Q, in i's term, holds i's entry k, and
 * (Raft's rule) that entry is from i's term; UpdateTerm(i, j) — i learns j's higher term and
 * becomes a follower. An entry is its term.
 *
 * History variables: `elected` (term, server, log at election), `committed` (index, entry term,
 * term of the commit).
 *
 * Buggy variant: raft-abstract-figure8.ts (commit by counting replicas of an earlier-term entry).
 * Reference counts: none published; specs/raft-abstract*.ts pin measured counts.
 */
import { Steps, always, mapFrom, schema, setAdd, sometimes } from '../src/index.ts'
import type { Model, Schema, SetOf, Value } from '../src/index.ts'
import { majorityQuorums } from './paxos-quorums.ts'
import { interned } from './intern.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly servers: readonly string[]
  readonly maxTerm: number
  readonly maxLog: number
}

export type Rules = {
  /** Raft's §5.4.2: a leader commits by counting replicas only entries of its current term. */
  readonly commitOnlyCurrentTerm: boolean
}

// ---- state -----------------------------------------------------------------------------------

export type Server = {
  readonly currentTerm: number
  readonly role: 'follower' | 'leader'
  readonly log: readonly number[]
}

export type State = {
  readonly servers: Readonly<Record<string, Server>>
  readonly elected: SetOf<{ readonly term: number; readonly server: string; readonly log: readonly number[] }>
  readonly committed: SetOf<{ readonly index: number; readonly term: number; readonly commitTerm: number }>
}

export type Action =
  | { readonly name: 'BecomeLeader'; readonly node: string; readonly term: number; readonly quorum: readonly string[] }
  | { readonly name: 'ClientRequest'; readonly node: string; readonly term: number }
  | { readonly name: 'GetEntry'; readonly node: string; readonly from: string; readonly index: number }
  | { readonly name: 'RollbackEntry'; readonly node: string; readonly from: string; readonly index: number }
  | { readonly name: 'Commit'; readonly node: string; readonly index: number; readonly quorum: readonly string[] }
  | { readonly name: 'UpdateTerm'; readonly node: string; readonly from: string; readonly term: number }

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  return { servers: mapFrom(c.servers, () => ({ currentTerm: 0, role: 'follower', log: [] })), elected: [], committed: [] }
}

const srv = (s: State, i: string): Server => s.servers[i] as Server
const lastTerm = (log: readonly number[]): number => (log.length === 0 ? 0 : (log[log.length - 1] as number))
const upToDate = (mine: readonly number[], theirs: readonly number[]): boolean =>
  lastTerm(mine) > lastTerm(theirs) || (lastTerm(mine) === lastTerm(theirs) && mine.length >= theirs.length)
const put = (s: State, i: string, x: Server): State => ({ ...s, servers: { ...s.servers, [i]: x } })

// ---- actions ---------------------------------------------------------------------------------

/** i wins the election of term currentTerm + 1 with the votes of quorum q (i ∈ q). */
export function becomeLeader(c: Config, s: State, i: string, q: readonly string[]): State | null {
  const x = srv(s, i)
  const term = x.currentTerm + 1
  if (term > c.maxTerm || !q.includes(i)) return null
  if (!q.every((v) => srv(s, v).currentTerm < term && upToDate(x.log, srv(s, v).log))) return null
  let t = s
  for (const v of q) t = put(t, v, { ...srv(t, v), currentTerm: term, role: v === i ? 'leader' : 'follower' })
  return { ...t, elected: setAdd(t.elected, interned({ term, server: i, log: x.log })) }
}

/** Leader i appends an entry of its term. */
export function clientRequest(c: Config, s: State, i: string): State | null {
  const x = srv(s, i)
  // mutants: `>` lets logs grow one entry past the bound: a model error (an entry committed at
  // index maxLog + 1 is outside the schema); counts only before the schema.
  if (x.role !== 'leader' || x.log.length >= c.maxLog) return null
  return put(s, i, { ...x, log: [...x.log, x.currentTerm] })
}

/** i (term not above leader j's) takes j's next entry: i's log matches j's up to its end. */
export function getEntry(_c: Config, s: State, i: string, j: string): State | null {
  const x = srv(s, i)
  const l = srv(s, j)
  // mutants: `i === j && l.role !== 'leader'` lets i copy from a follower whose log extends its own:
  // no safety property fails at the suite's bounds (an entry copied was created by a leader, after
  // a prefix that matches); counts.
  if (i === j || l.role !== 'leader' || x.currentTerm > l.currentTerm || l.log.length <= x.log.length) return null
  const n = x.log.length
  // mutants: `n >= 0` is equivalent (at n = 0 both sides read index -1: undefined).
  if (n > 0 && x.log[n - 1] !== l.log[n - 1]) return null
  return put(s, i, { currentTerm: l.currentTerm, role: 'follower', log: [...x.log, l.log[n] as number] })
}

/** i (term not above leader j's) drops its last entry, which conflicts with j's log. */
export function rollbackEntry(_c: Config, s: State, i: string, j: string): State | null {
  const x = srv(s, i)
  const l = srv(s, j)
  const n = x.log.length
  // mutants: `>=` lets only a server of a lower term roll back: one already in the leader's term
  // keeps its conflicting entry and stops catching up (liveness, not safety); counts.
  if (i === j || l.role !== 'leader' || x.currentTerm > l.currentTerm || n === 0) return null
  if (l.log.length >= n && l.log[n - 1] === x.log[n - 1]) return null
  return put(s, i, { currentTerm: l.currentTerm, role: 'follower', log: x.log.slice(0, n - 1) })
}

/** Leader i commits index k, and with it every entry before it: every member of quorum q is in
 * i's term and holds i's entry k; under Raft's rule the entry must also be from i's term. */
export function commit(_c: Config, r: Rules, s: State, i: string, k: number, q: readonly string[]): State | null {
  const x = srv(s, i)
  // mutants: `next` offers Commit to a leader for k within its log only, so the first two tests
  // are redundant; a quorum without i (guard deleted, or the second `&&`) is still a majority
  // that holds the entry in i's term: safe; generated counts only.
  if (x.role !== 'leader' || k > x.log.length || !q.includes(i)) return null
  const term = x.log[k - 1] as number
  if (r.commitOnlyCurrentTerm && term !== x.currentTerm) return null
  // mutants: dropping the members' term test (a member holding the entry counts whatever its
  // term) is Raft's own rule, not a bug: a leader counts a follower's matchIndex, acknowledged in
  // the leader's term, even after the follower moved to a later term (raft.ts does). It reaches no
  // new state in raft-abstract and raft-abstract-four-terms (generated counts only); the
  // figure-8 variant, which also commits older entries, reaches more states before its violation.
  if (!q.every((v) => srv(s, v).currentTerm === x.currentTerm && srv(s, v).log[k - 1] === term)) return null
  // Committing k commits the whole prefix 1..k (Log Matching makes it the same on the quorum).
  let committed = s.committed
  for (let n = 1; n <= k; n++) committed = setAdd(committed, interned({ index: n, term: x.log[n - 1] as number, commitTerm: x.currentTerm }))
  return committed === s.committed ? null : { ...s, committed }
}

/** i learns j's higher term and becomes a follower. */
export function updateTerm(_c: Config, s: State, i: string, j: string): State | null {
  const x = srv(s, i)
  const t = srv(s, j).currentTerm
  // mutants: `<` also lets a server of j's own term become a follower (a leader that steps down:
  // safe); counts.
  if (t <= x.currentTerm) return null
  return put(s, i, { ...x, currentTerm: t, role: 'follower' })
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, r: Rules, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  const quorums = majorityQuorums(c.servers)
  // mutants: the `+ 1`s in BecomeLeader's and GetEntry's labels are read by no rule (golden
  // snapshots pin labels).
  for (const i of c.servers) {
    const x = srv(s, i)
    for (const q of quorums) out.add({ name: 'BecomeLeader', node: i, term: x.currentTerm + 1, quorum: q }, becomeLeader(c, s, i, q))
    out.add({ name: 'ClientRequest', node: i, term: x.currentTerm }, clientRequest(c, s, i))
    for (const j of c.servers) {
      out.add({ name: 'GetEntry', node: i, from: j, index: x.log.length + 1 }, getEntry(c, s, i, j))
      out.add({ name: 'RollbackEntry', node: i, from: j, index: x.log.length }, rollbackEntry(c, s, i, j))
      out.add({ name: 'UpdateTerm', node: i, from: j, term: srv(s, j).currentTerm }, updateTerm(c, s, i, j))
    }
    if (x.role === 'leader') {
      for (let k = 1; k <= x.log.length; k++) {
        for (const q of quorums) out.add({ name: 'Commit', node: i, index: k, quorum: q }, commit(c, r, s, i, k, q))
      }
    }
  }
  return out.list
}

// ---- schema ----------------------------------------------------------------------------------

/** The state schema (compiled fingerprint, codec between workers). An entry is the term of the
 * leader that appended it (1..maxTerm); a log holds at most maxLog entries, so a committed index
 * is 1..maxLog. */
export function stateSchema(c: Config): Schema {
  const server = schema.enum(...c.servers)
  const term = schema.int(0, c.maxTerm)
  const entry = schema.int(1, c.maxTerm)
  const log = schema.list(entry)
  // The history records are the model's interned instances: a worker's decoded states hold them
  // too, so `setAdd` finds them by identity.
  const own = { intern: (v: unknown) => interned(v as Value) }
  return schema.record({
    servers: schema.mapOf(c.servers, schema.record({ currentTerm: term, role: schema.enum('follower', 'leader'), log })),
    elected: schema.setOf(schema.record({ term: entry, server, log }, own)),
    committed: schema.setOf(schema.record({ index: schema.int(1, c.maxLog), term: entry, commitTerm: entry }, own)),
  })
}

// ---- properties ------------------------------------------------------------------------------

export const electionSafety = (_c: Config, s: State): boolean =>
  s.elected.every((a) => s.elected.every((b) => a.term !== b.term || a.server === b.server))

export const logMatching = (c: Config, s: State): boolean =>
  c.servers.every((i) =>
    c.servers.every((j) => {
      const a = srv(s, i).log
      const b = srv(s, j).log
      for (let k = Math.min(a.length, b.length); k >= 1; k--) {
        if (a[k - 1] === b[k - 1]) return a.slice(0, k).every((t, n) => b[n] === t)
      }
      return true
    }),
  )

/** Leader Completeness: every leader of a term above the one an entry was committed in holds it. */
export const leaderCompleteness = (_c: Config, s: State): boolean =>
  s.elected.every((e) => s.committed.every((x) => e.term <= x.commitTerm || e.log[x.index - 1] === x.term)) &&
  Object.values(s.servers).every((l) => l.role !== 'leader' || s.committed.every((x) => l.currentTerm <= x.commitTerm || l.log[x.index - 1] === x.term))

export const stateMachineSafety = (_c: Config, s: State): boolean =>
  s.committed.every((a) => s.committed.every((b) => a.index !== b.index || a.term === b.term))

export const leaderAppendOnly = (c: Config, s: State): boolean =>
  c.servers.every((i) => {
    const x = srv(s, i)
    if (x.role !== 'leader') return true
    const at = s.elected.find((e) => e.term === x.currentTerm && e.server === i)
    return at === undefined || at.log.every((t, k) => x.log[k] === t)
  })

/** A server's term covers its log: no entry of its log has a term above its currentTerm (Raft
 * moves a server to the term of any leader it takes entries from). A follower that took an entry
 * and kept its lower term is not caught by the other invariants here (the leader's electing
 * majority already holds the term), but it is no longer Raft. */
export const termCoversLog = (c: Config, s: State): boolean =>
  c.servers.every((i) => {
    const x = srv(s, i)
    for (const t of x.log) if (t > x.currentTerm) return false
    return true
  })

/** Leader Completeness' premise: a leader elected in a term above some entry's commit term. */
export const leaderAfterCommit = (_c: Config, s: State): boolean =>
  s.elected.some((e) => s.committed.some((x) => e.term > x.commitTerm)) ||
  Object.values(s.servers).some((l) => l.role === 'leader' && s.committed.some((x) => l.currentTerm > x.commitTerm))

export function raftAbstractModel(name: string, rules: Rules): Model<Config, State, Action> {
  return {
    name,
    init: (c) => [init(c)],
    next: (c, s) => next(c, rules, s),
    actions: ['BecomeLeader', 'ClientRequest', 'GetEntry', 'RollbackEntry', 'Commit', 'UpdateTerm'],
    schema: stateSchema,
    properties: [
      // Each invariant names the situation it is about (never reached: reported vacuous).
      always('ElectionSafety', electionSafety, { when: (_c, s) => s.elected.length > 1 }),
      always('LogMatching', logMatching, { when: (c, s) => c.servers.filter((i) => srv(s, i).log.length > 0).length > 1 }),
      always('LeaderCompleteness', leaderCompleteness, { when: leaderAfterCommit }),
      always('StateMachineSafety', stateMachineSafety, { when: (_c, s) => s.committed.length > 1 }),
      always('LeaderAppendOnly', leaderAppendOnly, { when: (_c, s) => s.elected.some((e) => e.log.length > 0) }),
      always('TermCoversLog', termCoversLog, { when: (c, s) => c.servers.some((i) => srv(s, i).log.length > 0) }),
      sometimes('EntryCommitted', (_c, s) => s.committed.length > 0),
      sometimes('CommittedInLaterTerm', (_c, s) => s.committed.some((x) => x.commitTerm > x.term)),
    ],
  }
}

export const raftAbstract = raftAbstractModel('raft-abstract', { commitOnlyCurrentTerm: true })
