/**
 * Basic Paxos (the Paxos consensus algorithm) — an action-for-action port of Lamport's Paxos.tla
 * (tlaplus/Examples, specifications/Paxos/Paxos.tla; the same actions as
 * specifications/PaxosHowToWinATuringAward/Paxos.tla), with the refinement to Voting.tla's
 * `votes`/`chosen` and the inductive invariant split into named conjuncts.
 *
 * There are no explicit proposers or learners: "the ballot b leader" is a role, Phase1a(b) and
 * Phase2a(b, v) are its steps, and a value is chosen when a quorum has voted for it in one ballot.
 * `msgs` is the set of every message ever sent; nothing is removed, so loss, duplication and
 * reordering need no actions (a message may be received any number of times, or never).
 *
 * Left out (as in Paxos.tla): learners, crashes (acceptor state is never lost), liveness. The
 * message-passing version with explicit proposers, faults and restarts is `paxos-net.ts`.
 *
 * Step counting follows TLC: an existential in an action yields one successor per witness, even
 * when witnesses give equal states. Phase2a is enabled once per quorum Q (and, when some of Q
 * reported a vote, once per 1b message reporting the highest vote), so it yields one step per
 * witness; the action records the witness (`quorum`, `reportedBy`).
 *
 * Reference counts (TLC, tlaplus/Examples manifests; `../shared/reference/published-counts.md`):
 * MCPaxos (1 acceptor, 1 value, ballots 0..1): 25 distinct / 82 generated / depth 9;
 * MCPaxosTiny (3 acceptors, 2 values, majority quorums, ballots 0..1): 3,921 / 23,563 / 17.
 */
import {
  Steps,
  always,
  canonicalize,
  mapSet,
  renameEntries,
  renameKeys,
  renameOrNull,
  schema,
  setAdd,
  setOf,
  sometimes,
} from '../src/index.ts'
import type { Model, Rename, SetOf, Value } from '../src/index.ts'
import { majorityQuorums } from './paxos-quorums.ts'

// ---- constants -------------------------------------------------------------------------------

export interface Config {
  readonly acceptors: readonly string[]
  readonly values: readonly string[]
  /** Quorum: sets of acceptors, any two of which intersect (ASSUME QuorumAssumption). */
  readonly quorums: readonly (readonly string[])[]
  /** Ballot = 0..maxBallot (MCBallot). */
  readonly maxBallot: number
}

// ---- messages --------------------------------------------------------------------------------

/** `mbal = -1, mval = null` in a 1b message: the acceptor had not voted (TLA+'s None). */
export type Message =
  | { readonly type: '1a'; readonly bal: number }
  | { readonly type: '1b'; readonly acc: string; readonly bal: number; readonly mbal: number; readonly mval: string | null }
  | { readonly type: '2a'; readonly bal: number; readonly val: string }
  | { readonly type: '2b'; readonly acc: string; readonly bal: number; readonly val: string }

// ---- state -----------------------------------------------------------------------------------

export interface State {
  /** maxBal[a]: the highest ballot a has joined; a never votes below it. -1 initially. */
  readonly maxBal: Readonly<Record<string, number>>
  /** <<maxVBal[a], maxVal[a]>>: a's vote with the largest ballot, <<-1, None>> if none. */
  readonly maxVBal: Readonly<Record<string, number>>
  readonly maxVal: Readonly<Record<string, string | null>>
  /** The set of all messages that have been sent. */
  readonly msgs: SetOf<Message>
}

export type Action =
  | { readonly name: 'Phase1a'; readonly bal: number }
  | { readonly name: 'Phase2a'; readonly bal: number; readonly val: string; readonly quorum: readonly string[]; readonly reportedBy: string | null }
  | { readonly name: 'Phase1b'; readonly acc: string; readonly bal: number }
  | { readonly name: 'Phase2b'; readonly acc: string; readonly bal: number; readonly val: string }

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  const rec = <V extends number | string | null>(v: V): Record<string, V> =>
    Object.fromEntries(c.acceptors.map((a) => [a, v]))
  return { maxBal: rec(-1), maxVBal: rec(-1), maxVal: rec<string | null>(null), msgs: setOf() }
}

const send = (s: State, m: Message): SetOf<Message> => setAdd(s.msgs, intern(m))

/** One shared instance per distinct message: set operations compare shared records by identity
 * first, and their sorted key lists are cached per instance. */
const interned = new Map<string, Message>()
function intern(m: Message): Message {
  const key = m.type === '1a' ? `1a|${m.bal}` : m.type === '1b' ? `1b|${m.acc}|${m.bal}|${m.mbal}|${m.mval}` : m.type === '2a' ? `2a|${m.bal}|${m.val}` : `2b|${m.acc}|${m.bal}|${m.val}`
  const found = interned.get(key)
  if (found) return found
  interned.set(key, m)
  return m
}

// ---- actions ---------------------------------------------------------------------------------

/** The ballot b leader sends "1a" to begin ballot b. Always enabled: re-sending is a stutter. */
export function phase1a(_c: Config, s: State, bal: number): State {
  return { ...s, msgs: send(s, { type: '1a', bal }) }
}

/** Acceptor a receives the 1a message m with m.bal > maxBal[a]: it joins ballot m.bal and reports
 * its last vote in a 1b message. */
export function phase1b(_c: Config, s: State, acc: string, m: Message): State | null {
  // mutants: `>=` (answering a 1a of the ballot a already joined) changes counts only: the new 1b
  // differs from a's first one only if a voted in that ballot since, and then the ballot's one 2a
  // was sent already, so no Phase2a reads it.
  if (m.type !== '1a' || !(m.bal > (s.maxBal[acc] as number))) return null
  const reply: Message = { type: '1b', acc, bal: m.bal, mbal: s.maxVBal[acc] as number, mval: s.maxVal[acc] ?? null }
  return { ...s, maxBal: { ...s.maxBal, [acc]: m.bal }, msgs: send(s, reply) }
}

/** The ballot b leader asks for votes on v: no 2a for b was sent yet, and quorum Q's 1b messages
 * for b show v safe at b — no one in Q voted (v is free), or `report` is a highest vote reported
 * in them and it is for v. `report` is the 1b witness (null for "no one voted"). */
export function phase2a(c: Config, s: State, bal: number, val: string, q: readonly string[], report: Message | null): State | null {
  if (s.msgs.some((m) => m.type === '2a' && m.bal === bal)) return null
  const q1b = s.msgs.filter((m) => m.type === '1b' && m.bal === bal && q.includes(m.acc))
  if (!q.every((a) => q1b.some((m) => m.type === '1b' && m.acc === a))) return null
  const q1bv = q1b.filter((m) => m.type === '1b' && m.mbal >= 0)
  if (report === null) {
    if (q1bv.length > 0) return null
  } else {
    // mutants: `&&` for the first `||` (the membership test dropped) is equivalent: `next` offers
    // as reports only 1b messages of this ballot, from q, that report a vote, which is q1bv.
    if (report.type !== '1b' || !q1bv.includes(report) || report.mval !== val) return null
    if (!q1bv.every((mm) => mm.type === '1b' && report.mbal >= mm.mbal)) return null
  }
  return { ...s, msgs: send(s, { type: '2a', bal, val }) }
}

/** Acceptor a receives the 2a message m with m.bal >= maxBal[a] and votes for m.val in m.bal. */
export function phase2b(_c: Config, s: State, acc: string, m: Message): State | null {
  if (m.type !== '2a' || !(m.bal >= (s.maxBal[acc] as number))) return null
  return {
    maxBal: { ...s.maxBal, [acc]: m.bal },
    maxVBal: { ...s.maxVBal, [acc]: m.bal },
    maxVal: { ...s.maxVal, [acc]: m.val },
    msgs: send(s, { type: '2b', acc, bal: m.bal, val: m.val }),
  }
}

// ---- next ------------------------------------------------------------------------------------

/** Next == \E b : Phase1a(b) \/ \E v : Phase2a(b, v); \/ \E a : Phase1b(a) \/ Phase2b(a). */
export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (let bal = 0; bal <= c.maxBallot; bal++) {
    out.add({ name: 'Phase1a', bal }, phase1a(c, s, bal))
    for (const val of c.values) {
      for (const quorum of c.quorums) {
        out.add({ name: 'Phase2a', bal, val, quorum, reportedBy: null }, phase2a(c, s, bal, val, quorum, null))
        for (const m of s.msgs) {
          // mutants: weakening this filter (`&&` for an `||`) offers more reports, which phase2a
          // refuses (it checks that the report is a vote-reporting 1b of q): equivalent.
          if (m.type !== '1b' || m.bal !== bal || m.mbal < 0 || !quorum.includes(m.acc)) continue
          out.add({ name: 'Phase2a', bal, val, quorum, reportedBy: m.acc }, phase2a(c, s, bal, val, quorum, m))
        }
      }
    }
  }
  for (const acc of c.acceptors) {
    for (const m of s.msgs) if (m.type === '1a') out.add({ name: 'Phase1b', acc, bal: m.bal }, phase1b(c, s, acc, m))
    for (const m of s.msgs) if (m.type === '2a') out.add({ name: 'Phase2b', acc, bal: m.bal, val: m.val }, phase2b(c, s, acc, m))
  }
  return out.list
}

// ---- Voting refinement: votes, chosen, ShowsSafeAt -------------------------------------------

/** votes[a]: the <<bal, val>> pairs a voted for, read off its 2b messages. */
export const votedFor = (s: State, a: string, b: number, v: string): boolean =>
  s.msgs.some((m) => m.type === '2b' && m.acc === a && m.bal === b && m.val === v)

const votedAt = (_c: Config, s: State, a: string, b: number): boolean =>
  s.msgs.some((m) => m.type === '2b' && m.acc === a && m.bal === b)

export const chosenAt = (c: Config, s: State, b: number, v: string): boolean =>
  c.quorums.some((q) => q.every((a) => votedFor(s, a, b, v)))

/** Voting's `chosen`: the values a quorum voted for in some ballot. */
export function chosen(c: Config, s: State): string[] {
  const out: string[] = []
  for (const v of c.values) {
    for (let b = 0; b <= c.maxBallot; b++) if (chosenAt(c, s, b, v)) { out.push(v); break }
  }
  return out
}

// mutants: `>=` survives: this is Voting's CannotVoteAt, read only by VotesSafe (no action reads
// it); `>=` calls an acceptor that joined b but has not voted in it unable to vote in b, which it
// still can: a weaker SafeAt, not a protocol change (paxos-free-2a still violates VotesSafe).
const cannotVoteAt = (c: Config, s: State, a: string, b: number): boolean =>
  (s.maxBal[a] as number) > b && !votedAt(c, s, a, b)

const noneOtherChoosableAt = (c: Config, s: State, b: number, v: string): boolean =>
  c.quorums.some((q) => q.every((a) => votedFor(s, a, b, v) || cannotVoteAt(c, s, a, b)))

/** SafeAt(b, v): no value other than v has been or can ever be chosen below b. */
export function safeAt(c: Config, s: State, b: number, v: string): boolean {
  for (let x = 0; x < b; x++) if (!noneOtherChoosableAt(c, s, x, v)) return false
  return true
}

/** Voting's ShowsSafeAt(Q, b, v). */
export function showsSafeAt(c: Config, s: State, q: readonly string[], b: number, v: string): boolean {
  if (!q.every((a) => (s.maxBal[a] as number) >= b)) return false
  // mutants: `x <= b` also takes a vote for v in b itself as showing v safe at b: a weaker
  // TwoASafe (property code, read by no action; paxos-free-2a still violates it).
  for (let x = -1; x < b; x++) {
    if (x !== -1 && !q.some((a) => votedFor(s, a, x, v))) continue
    let none = true
    for (let d = x + 1; d < b && none; d++) none = q.every((a) => !votedAt(c, s, a, d))
    if (none) return true
  }
  return false
}

// ---- properties ------------------------------------------------------------------------------

const isBallot = (c: Config, b: number): boolean => Number.isInteger(b) && b >= 0 && b <= c.maxBallot

/** TypeOK. */
export function typeOK(c: Config, s: State): boolean {
  return (
    c.acceptors.every(
      (a) =>
        (s.maxBal[a] === -1 || isBallot(c, s.maxBal[a] as number)) &&
        (s.maxVBal[a] === -1 || isBallot(c, s.maxVBal[a] as number)) &&
        (s.maxVal[a] === null || c.values.includes(s.maxVal[a] as string)),
    ) &&
    s.msgs.every((m) => {
      if (!isBallot(c, m.bal)) return false
      switch (m.type) {
        case '1a':
          return true
        case '1b':
          return c.acceptors.includes(m.acc) && (m.mbal === -1 || isBallot(c, m.mbal)) && (m.mval === null || c.values.includes(m.mval))
        case '2a':
          return c.values.includes(m.val)
        case '2b':
          return c.acceptors.includes(m.acc) && c.values.includes(m.val)
      }
    })
  )
}

/** Inv: maxBal[a] >= maxVBal[a] (PaxosHowToWinATuringAward's extra conjunct). */
export const maxBalCoversVote = (c: Config, s: State): boolean =>
  c.acceptors.every((a) => (s.maxBal[a] as number) >= (s.maxVBal[a] as number))

/** Inv!2: <<maxVBal[a], maxVal[a]>> is one of a's votes (or <<-1, None>>). */
export const lastVoteRecorded = (c: Config, s: State): boolean =>
  c.acceptors.every((a) =>
    s.maxVBal[a] === -1 ? s.maxVal[a] === null : votedFor(s, a, s.maxVBal[a] as number, s.maxVal[a] as string),
  )

/** Inv!3, 1b part: a 1b message never overstates what its sender promised or voted. */
export const oneBTruthful = (_c: Config, s: State): boolean =>
  s.msgs.every(
    (m) => m.type !== '1b' || ((s.maxBal[m.acc] as number) >= m.bal && (m.mbal < 0 || votedFor(s, m.acc, m.mbal, m.mval as string))),
  )

/** Inv!3, 2a part: a 2a message proposes a value some quorum shows safe. */
export const twoASafe = (c: Config, s: State): boolean =>
  s.msgs.every((m) => m.type !== '2a' || c.quorums.some((q) => showsSafeAt(c, s, q, m.bal, m.val)))

/** Inv!3, 2a part: at most one 2a message per ballot. */
export const twoAUnique = (_c: Config, s: State): boolean =>
  s.msgs.every((m) => m.type !== '2a' || s.msgs.every((mm) => mm.type !== '2a' || mm.bal !== m.bal || mm.val === m.val))

/** 2b part (PaxosHowToWinATuringAward): every vote answers a 2a message and is covered by maxVBal. */
export const twoBFrom2A = (_c: Config, s: State): boolean =>
  s.msgs.every(
    (m) => m.type !== '2b' || ((s.maxVBal[m.acc] as number) >= m.bal && s.msgs.some((mm) => mm.type === '2a' && mm.bal === m.bal && mm.val === m.val)),
  )

/** Voting's VotesSafe: a vote for v in b implies v is safe at b. */
export const votesSafe = (c: Config, s: State): boolean =>
  s.msgs.every((m) => m.type !== '2b' || safeAt(c, s, m.bal, m.val))

/** Voting's OneValuePerBallot: two votes in one ballot are for one value. */
export const oneValuePerBallot = (_c: Config, s: State): boolean =>
  s.msgs.every((m) => m.type !== '2b' || s.msgs.every((mm) => mm.type !== '2b' || mm.bal !== m.bal || mm.val === m.val))

/** Consensus: at most one value is chosen. */
export const agreement = (c: Config, s: State): boolean => chosen(c, s).length <= 1

/** Only a proposed value (one carried by a 2a message) can be chosen. */
export const validity = (c: Config, s: State): boolean =>
  chosen(c, s).every((v) => s.msgs.some((m) => m.type === '2a' && m.val === v))

/** Antecedents (each covers every state that could break its invariant, so `A ⇒ P` is P): some
 * acceptor has voted; messages of one type sent; two votes in one ballot. */
const someVote = (c: Config, s: State): boolean => c.acceptors.some((a) => (s.maxVBal[a] as number) >= 0)
const sent = (s: State, type: Message['type']): number => s.msgs.filter((m) => m.type === type).length
const twoVotesInOneBallot = (_c: Config, s: State): boolean =>
  s.msgs.some((m) => m.type === '2b' && s.msgs.some((mm) => mm.type === '2b' && mm.bal === m.bal && mm !== m))

/** Witness: a 2a re-proposes a value that a 1b of its ballot reported a vote for (Phase2a's second
 * case, the one that carries a value across ballots). Without it, a Phase2a that can only propose
 * a free value (its report test made unsatisfiable: `bench/mutants.ts`) changed counts only. */
export const reportedValueReproposed = (_c: Config, s: State): boolean =>
  s.msgs.some((m) => m.type === '2a' && s.msgs.some((r) => r.type === '1b' && r.bal === m.bal && r.mbal >= 0 && r.mval === m.val))

export const paxos: Model<Config, State, Action> = {
  name: 'paxos',
  init: (c) => [init(c)],
  next,
  actions: ['Phase1a', 'Phase2a', 'Phase1b', 'Phase2b'],
  symmetry,
  schema: (c) => {
    // TypeOK's domains: a ballot is 0..maxBallot, and -1 where nothing was joined or voted.
    const bal = schema.int(0, c.maxBallot)
    const joined = schema.int(-1, c.maxBallot)
    const acc = schema.enum(...c.acceptors)
    const val = schema.enum(...c.values)
    return schema.record({
      maxBal: schema.mapOf(c.acceptors, joined),
      maxVBal: schema.mapOf(c.acceptors, joined),
      maxVal: schema.mapOf(c.acceptors, schema.nullable(val)),
      msgs: schema.setOf(
        schema.union('type', {
          '1a': { bal },
          '1b': { acc, bal, mbal: joined, mval: schema.nullable(val) },
          '2a': { bal, val },
          '2b': { acc, bal, val },
        }),
      ),
    })
  },
  properties: [
    // Each invariant names the situation it is about, so a bound that never reaches it reports
    // the invariant vacuous instead of held (TypeOK is about every state).
    always('TypeOK', typeOK),
    always('MaxBalCoversVote', maxBalCoversVote, { when: someVote }),
    always('LastVoteRecorded', lastVoteRecorded, { when: (c, s) => c.acceptors.some((a) => s.maxVBal[a] !== -1 || s.maxVal[a] !== null) }),
    always('OneBTruthful', oneBTruthful, { when: (_c, s) => sent(s, '1b') > 0 }),
    always('TwoASafe', twoASafe, { when: (_c, s) => sent(s, '2a') > 0 }),
    always('TwoAUnique', twoAUnique, { when: (_c, s) => sent(s, '2a') > 1 }),
    always('TwoBFrom2A', twoBFrom2A, { when: (_c, s) => sent(s, '2b') > 0 }),
    always('VotesSafe', votesSafe, { when: (_c, s) => s.msgs.some((m) => m.type === '2b' && m.bal > 0) }),
    always('OneValuePerBallot', oneValuePerBallot, { when: twoVotesInOneBallot }),
    always('Agreement', agreement, { witness: 'ValueChosen' }),
    always('Validity', validity, { witness: 'ValueChosen' }),
    sometimes('ValueChosen', (c, s) => chosen(c, s).length > 0),
    sometimes('ReportedValueReproposed', reportedValueReproposed),
  ],
  validate: (c) => {
    if (c.acceptors.length < 1 || c.values.length < 1) return 'at least one acceptor and one value are needed'
    if (c.quorums.some((q) => q.some((a) => !c.acceptors.includes(a)))) return 'a quorum names an unknown acceptor'
    return undefined
  },
}

// ---- symmetry --------------------------------------------------------------------------------

/** The state with acceptor and value ids renamed (both are symmetry sets, as in MCPaxos.tla's
 * MCSymmetry). Only valid when the quorum system is symmetric too (majority quorums). */
export function relabel(s: State, rename: Rename): State {
  const val = (v: string | null): string | null => renameOrNull(v, rename)
  return {
    maxBal: renameKeys(s.maxBal, rename),
    maxVBal: renameKeys(s.maxVBal, rename),
    maxVal: renameEntries(s.maxVal, rename, val),
    msgs: mapSet(s.msgs, (m): Message => {
      switch (m.type) {
        case '1a':
          return m
        case '1b':
          return intern({ ...m, acc: rename(m.acc), mval: val(m.mval) })
        case '2a':
          return intern({ ...m, val: rename(m.val) })
        case '2b':
          return intern({ ...m, acc: rename(m.acc), val: rename(m.val) })
      }
    }),
  }
}

/** For an acceptor (group 0), what it holds and the ballots of its messages; for a value
 * (group 1), the ballots of the 2a/2b messages that carry it. Both name no other acceptor or value
 * and are sorted (message order depends on ids), so renaming preserves them. */
const signature = (s: State, id: string, group: number): Value => {
  const tags: string[] = []
  for (const m of s.msgs) {
    if (group === 0 ? (m.type === '1b' || m.type === '2b') && m.acc === id : (m.type === '2a' || m.type === '2b') && m.val === id) {
      tags.push(`${m.type}${m.bal}`)
    }
  }
  tags.sort()
  return group === 0 ? [s.maxBal[id] as number, s.maxVBal[id] as number, tags] : tags
}

export function symmetry(c: Config, s: State): State {
  if (!sameQuorums(c.quorums, majorityQuorums(c.acceptors))) {
    throw new Error('paxos symmetry needs majority quorums (other quorum systems are not symmetric)')
  }
  return canonicalize(s, [c.acceptors, c.values], relabel, signature)
}

const sameQuorums = (a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean =>
  a.length === b.length && a.every((q, i) => q.join() === (b[i] as string[]).join())
