/**
 * Raft leader election only — the rules of the Raft paper (Figure 2: RequestVote, "Rules for
 * Servers") for terms, votes and roles — shaped for liveness: can split votes go on forever?
 * `models/raft.ts` is the full model (log replication, network, faults); its `maxTerm` bound turns
 * every endless election into a stuck state, so it cannot show a livelock or its absence.
 *
 * Servers s1..sn. `Timeout(i)`: a follower or candidate starts an election: term + 1, candidate,
 * votes for itself. `RequestVote(i, j)`: candidate i's request reaches j and j's answer reaches i,
 * in one step: j first adopts a higher term (becoming a follower, vote cleared); j grants iff the
 * terms are equal and it has not voted for another server in that term (logs are left out: with no
 * entries every log is up to date); i adopts a higher term from the answer (stepping down), or
 * counts the vote and becomes leader with a majority. The action records whether the vote was
 * granted (`granted`), so fairness can speak of granted votes.
 *
 * One timing fact is kept (a weak form of Raft's broadcastTime ≪ electionTimeout): a server two
 * or more terms behind the highest term hears from a newer candidate before its own timer fires, so
 * it does not time out. This does not prevent split votes (servers in the same term time out
 * together), and it keeps the state finite under the view.
 *
 * View: Raft only compares terms and adds one. Terms within one of the highest keep their distance
 * to it; older terms (servers that cannot time out) keep only their order. States with equal views
 * behave alike, so an endless series of elections is a cycle of the explored graph.
 *
 * Left out: logs and replication, heartbeats, crashes, message loss.
 */
import { Steps, always, eventually, mapFrom, permutations, schema, setAdd, sometimes } from '../src/index.ts'
import type { Model, Schema, SetOf, Value } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly servers: readonly string[]
}

// ---- state -----------------------------------------------------------------------------------

export type Server = {
  readonly term: number
  readonly role: 'follower' | 'candidate' | 'leader'
  /** The server this one voted for in `term` (null: none yet). */
  readonly votedFor: string | null
  /** As a candidate: the servers that granted their vote in `term`, and those that answered. */
  readonly votes: SetOf<string>
  readonly answered: SetOf<string>
}

export type State = {
  readonly servers: Readonly<Record<string, Server>>
}

export type Action =
  | { readonly name: 'Timeout'; readonly node: string; readonly term: number }
  | { readonly name: 'RequestVote'; readonly node: string; readonly to: string; readonly granted: boolean }

const FOLLOWER: Server = { term: 0, role: 'follower', votedFor: null, votes: [], answered: [] }

// ---- init ------------------------------------------------------------------------------------

export const init = (c: Config): State => ({ servers: mapFrom(c.servers, () => FOLLOWER) })

// ---- actions ---------------------------------------------------------------------------------

const srv = (s: State, i: string): Server => s.servers[i] as Server
// mutants: `Math.ceil(n / 2)` is a majority at three servers; specs/raft-split-vote-four-servers.ts
// catches it (ElectionSafety).
const majority = (c: Config): number => Math.floor(c.servers.length / 2) + 1

const highest = (c: Config, s: State): number => Math.max(...c.servers.map((i) => srv(s, i).term))

/** Server i (a follower or candidate not two terms behind) starts an election. */
export function timeout(c: Config, s: State, i: string): State | null {
  const x = srv(s, i)
  // mutants: letting a leader time out (the role test dropped) is safe: it becomes a candidate of a
  // new term, as a leader does on a higher term, and EventuallyLeader is about some leader being
  // reached (counts only). A leader that keeps disrupting elections is a liveness loss that no
  // property here states (as in raft.ts's `timeout`).
  if (x.role === 'leader' || x.term < highest(c, s) - 1) return null
  return { servers: { ...s.servers, [i]: { term: x.term + 1, role: 'candidate', votedFor: i, votes: [i], answered: [] } } }
}

/** Candidate i asks j for its vote and gets the answer; returns the state and whether j granted. */
export function requestVote(c: Config, s: State, i: string, j: string): { state: State; granted: boolean } | null {
  const x = srv(s, i)
  if (x.role !== 'candidate' || x.answered.includes(j)) return null
  // j: a higher term makes it a follower of that term with no vote yet.
  let y = srv(s, j)
  if (x.term > y.term) y = { ...FOLLOWER, term: x.term }
  const granted = x.term === y.term && (y.votedFor === null || y.votedFor === i)
  if (granted) y = { ...y, votedFor: i }
  // i: a higher term in the answer makes it a follower; a granted vote is counted.
  let z: Server
  // mutants: stepping down to term 0 (`term` left out) is caught with four servers all standing
  // (specs/raft-split-vote-four-servers-all.ts: a server reset to term 0 takes a stale lower term
  // from a request and votes twice in it, ElectionSafety violated in 16 states); at three servers,
  // or four with two standing, it changes counts only. Not recording `answered` below lets i ask j
  // again, which j answers as before (counts only). Adopting the term but staying a candidate
  // with the old term's votes (`{ ...x, term: y.term }`) elects two leaders of one term only from
  // five servers on (specs/raft-split-vote-five-servers.ts: ElectionSafety violated in 8 states).
  if (y.term > x.term) z = { ...FOLLOWER, term: y.term }
  else {
    const votes = granted ? setAdd(x.votes, j) : x.votes
    z = { ...x, votes, answered: setAdd(x.answered, j), role: votes.length >= majority(c) ? 'leader' : 'candidate' }
  }
  return { state: { servers: { ...s.servers, [j]: y, [i]: z } }, granted }
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (const i of c.servers) {
    // mutants: `term` is the step's label only; its `+ 1` changed, no verdict or count changes,
    // and the golden snapshots' traces (test/golden) fail.
    out.add({ name: 'Timeout', node: i, term: srv(s, i).term + 1 }, timeout(c, s, i))
    for (const j of c.servers) {
      if (j === i) continue
      const r = requestVote(c, s, i, j)
      if (r) out.add({ name: 'RequestVote', node: i, to: j, granted: r.granted }, r.state)
    }
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

const leaders = (c: Config, s: State): string[] => c.servers.filter((i) => srv(s, i).role === 'leader')

/** Election safety: at most one leader per term. */
export const electionSafety = (c: Config, s: State): boolean => {
  const terms = leaders(c, s).map((i) => srv(s, i).term)
  return new Set(terms).size === terms.length
}

export const leaderElected = (c: Config, s: State): boolean => leaders(c, s).length > 0

// ---- view ------------------------------------------------------------------------------------

/** Terms within one of the highest: 0 or 1 (the highest); older terms: -1, -2, … by order. */
export function view(c: Config, s: State): Value {
  const term = viewTerm(c, s)
  return mapFrom(c.servers, (i) => ({ ...srv(s, i), term: term(srv(s, i).term) }))
}

/** A term as the view gives it, in state `s`. */
function viewTerm(c: Config, s: State): (t: number) => number {
  const top = highest(c, s)
  const old = [...new Set(c.servers.map((i) => srv(s, i).term).filter((t) => t < top - 1))].sort((a, b) => b - a)
  return (t) => (t >= top - 1 ? t - (top - 1) : -1 - old.indexOf(t))
}

/**
 * `view`, the same for servers renamed: the least, over every renaming of the servers, of the
 * view's servers listed in renamed order, each as [term, role, votedFor, votes, answered] with
 * servers named by their renamed positions (sets as bit masks). The properties are about all
 * servers alike (at most one leader per term; some leader), so states one renaming apart answer
 * them alike, and the search (which checks that, `src/explore/key-soundness.ts`) may keep one.
 * n! renamings per state: for the small server counts this model is checked at.
 */
export function symmetricView(c: Config, s: State): Value {
  const ids = c.servers
  const n = ids.length
  const term = viewTerm(c, s)
  // Each server's row with servers named by their index in `ids`: renamed below per ordering.
  const base: number[] = []
  for (const id of ids) {
    const x = srv(s, id)
    base.push(term(x.term), ROLE[x.role], x.votedFor === null ? -1 : ids.indexOf(x.votedFor), maskOf(ids, x.votes), maskOf(ids, x.answered))
  }
  let best: number[] | undefined
  const row = new Array<number>(5 * n)
  for (const to of orderings(n)) {
    for (let k = 0; k < n; k++) {
      const at = 5 * (to[k] as number)
      const b = 5 * k
      const voted = base[b + 2] as number
      row[at] = base[b] as number
      row[at + 1] = base[b + 1] as number
      row[at + 2] = voted < 0 ? -1 : (to[voted] as number)
      row[at + 3] = renameMask(base[b + 3] as number, to)
      row[at + 4] = renameMask(base[b + 4] as number, to)
    }
    if (best === undefined || less(row, best)) best = row.slice()
  }
  return best as number[]
}

const ROLE = { follower: 0, candidate: 1, leader: 2 } as const
const maskOf = (ids: readonly string[], set: SetOf<string>): number => set.reduce((m, id) => m | (1 << ids.indexOf(id)), 0)
function renameMask(m: number, to: readonly number[]): number {
  let out = 0
  for (let k = 0; m !== 0; k++, m >>>= 1) if (m & 1) out |= 1 << (to[k] as number)
  return out
}

const less = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number)
  return false
}

const perms = new Map<number, readonly (readonly number[])[]>()
/** Every ordering of 0..n-1, made once per n. */
function orderings(n: number): readonly (readonly number[])[] {
  let out = perms.get(n)
  if (out === undefined) perms.set(n, (out = permutations([...Array(n).keys()])))
  return out
}

// ---- schema ----------------------------------------------------------------------------------

/** The state schema. Under the view, states are fingerprinted by their view (generically), so it
 * gives the codec between worker threads and the ITF types of traces. */
export function stateSchema(c: Config): Schema {
  const server = schema.enum(...c.servers)
  // Terms have no bound in the configuration: elections go on forever (the view, not a bound,
  // makes the graph finite). So a term is any whole number hashed as one (an int32); a term past
  // it would only send its states through the generic codec.
  const term = schema.int(0, 2 ** 31 - 1)
  return schema.record({
    servers: schema.mapOf(
      c.servers,
      schema.record({
        term,
        role: schema.enum('follower', 'candidate', 'leader'),
        votedFor: schema.nullable(server),
        votes: schema.setOf(server),
        answered: schema.setOf(server),
      }),
    ),
  })
}

// ---- model -----------------------------------------------------------------------------------

export const raftSplitVote: Model<Config, State, Action> = {
  name: 'raft-split-vote',
  init: (c) => [init(c)],
  next,
  view,
  schema: stateSchema,
  actions: ['Timeout', 'RequestVote'],
  properties: [
    // About two servers that both won an election (never reached: reported vacuous).
    always('ElectionSafety', electionSafety, { when: (c, s) => leaders(c, s).length > 1 }),
    sometimes('LeaderElectedOnce', leaderElected),
    eventually('EventuallyLeader', leaderElected),
  ],
  validate: (c) => (c.servers.length < 2 ? 'at least two servers' : undefined),
}
