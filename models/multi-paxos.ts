/**
 * Multi-Paxos — the seed's "Multi Paxos" section: one Paxos instance per log slot (instance ids
 * assigned by the leader, counting up), a leader that runs phase 1 once for all instances and then
 * only phase 2 per instance, and leader change by a higher ballot.
 *
 * Leaders l1..lk and acceptors a1..an over a `set` network (src/net: every message ever sent stays
 * deliverable, so loss, duplication and reordering are implicit, as in Paxos.tla). A leader's
 * ballot is unique to it (attempt r of leader i: (r - 1)·k + i + 1). Phase 1: Prepare(b) to all;
 * an acceptor with b > promised promises b and reports, per instance, what it accepted. With the
 * promises of a majority Q in the network (`Elected(l, Q)`, which reads them together, as
 * Paxos.tla's Phase2a reads its quorum's 1b messages) the leader leads ballot b; from then on it
 * proposes instance after instance (`Propose`) with phase 2 alone — Accept(b, i, cmd) —
 * re-proposing, per instance, the highest-ballot value Q reported, and its own next command where
 * none was. It learns instance i once a majority's Accepted(b, i, cmd) reached it (`Learn`). A
 * leader may give up and start a higher ballot (`Timeout`); another leader's Prepare with a higher
 * ballot takes over. Acceptors receive messages one at a time (`Deliver`).
 *
 * Buggy variants (each a one-rule change, see `Rules`): multi-paxos-own-command.ts (a new leader
 * proposes its own command over a reported one), multi-paxos-accept-lower.ts (an acceptor accepts
 * a ballot below its promise), multi-paxos-minority-quorum.ts (⌊n/2⌋ acceptors make a quorum).
 * An acceptor that promises on `b >= promised` instead of `b > promised` is not one: it breaks
 * nothing (see `correctRules.promises`).
 *
 * Left out: a real election (any leader may start a ballot), learners other than leaders, log
 * compaction, commands from clients (each leader has a fixed list in the config), acceptor
 * crashes (their state is durable; paxos-net.ts covers restarts).
 *
 * Reference counts: none published; specs/multi-paxos.ts pins measured counts.
 */
import { Steps, always, mapFrom, sometimes } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import type { DeliverAction, Network } from '../src/net/index.ts'
import { deliveries, network, sendAll } from '../src/net/index.ts'
import { interned } from './intern.ts'
import { quorumsOfSize } from './paxos-quorums.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly leaders: readonly string[]
  readonly acceptors: readonly string[]
  /** Log slots: instances 0 .. instances-1. */
  readonly instances: number
  /** The commands each leader proposes, in order, for instances nobody reported a value for. */
  readonly commands: Readonly<Record<string, readonly string[]>>
  /** Ballots per leader (the first plus retries after a timeout); 1 when a leader is missing. */
  readonly maxAttempts: Readonly<Record<string, number>>
}

/** The protocol rules the buggy variants change. */
export type Rules = {
  /** How many acceptors a leader waits for, in phase 1 (`Elected`) and phase 2 (`Learn`). */
  readonly quorum: (acceptors: number) => number
  /** The command to propose for an instance, from the highest-ballot vote the electing quorum
   * reported for it (null: none) and the leader's own next command (undefined: none left);
   * undefined: nothing to propose. */
  readonly chooseCommand: (reported: Accepted, own: string | undefined) => string | undefined
  /** Whether an acceptor that promised `promised` promises a Prepare for ballot `bal`. */
  readonly promises: (bal: number, promised: number) => boolean
  /** Whether an acceptor that promised `promised` accepts an Accept for ballot `bal`. */
  readonly accepts: (bal: number, promised: number) => boolean
}

// ---- messages --------------------------------------------------------------------------------

/** A vote reported in a promise: per instance, the ballot and command accepted (null: none). */
export type Accepted = { readonly bal: number; readonly cmd: string } | null

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Prepare'; readonly bal: number }
  | { readonly from: string; readonly to: string; readonly type: 'Promise'; readonly bal: number; readonly accepted: readonly Accepted[] }
  | { readonly from: string; readonly to: string; readonly type: 'Accept'; readonly bal: number; readonly inst: number; readonly cmd: string }
  | { readonly from: string; readonly to: string; readonly type: 'Accepted'; readonly bal: number; readonly inst: number; readonly cmd: string }

// ---- state -----------------------------------------------------------------------------------

export type Leader = {
  readonly attempt: number
  readonly phase: 'idle' | 'preparing' | 'leading'
  readonly bal: number
  /** Per instance, the highest-ballot vote reported by the quorum that elected it (null: none). */
  readonly reported: readonly Accepted[]
  /** Per instance, the command proposed in this ballot (null: not yet). */
  readonly proposed: readonly (string | null)[]
  /** How many of its own commands the leader has proposed. */
  readonly used: number
  /** The leader's log: per instance, the command it learnt is chosen (null: unknown). */
  readonly log: readonly (string | null)[]
}

export type Acceptor = {
  readonly promised: number
  readonly accepted: readonly Accepted[]
}

export type State = {
  readonly leaders: Readonly<Record<string, Leader>>
  readonly acceptors: Readonly<Record<string, Acceptor>>
  readonly net: Network<Msg>
}

export type Action =
  | { readonly name: 'Prepare'; readonly node: string; readonly bal: number }
  | { readonly name: 'Timeout'; readonly node: string; readonly bal: number }
  | { readonly name: 'Elected'; readonly node: string; readonly bal: number; readonly quorum: readonly string[] }
  | { readonly name: 'Propose'; readonly node: string; readonly bal: number; readonly inst: number; readonly cmd: string }
  | { readonly name: 'Learn'; readonly node: string; readonly bal: number; readonly inst: number }
  | DeliverAction<Msg>

// ---- init ------------------------------------------------------------------------------------

const nulls = <T>(c: Config): T[] => Array.from({ length: c.instances }, () => null as T)

const idle = (c: Config): Leader => ({
  attempt: 0,
  phase: 'idle',
  bal: 0,
  reported: nulls(c),
  proposed: nulls(c),
  used: 0,
  log: nulls(c),
})

export function init(c: Config): State {
  return {
    leaders: mapFrom(c.leaders, () => idle(c)),
    acceptors: mapFrom(c.acceptors, () => ({ promised: 0, accepted: nulls(c) })),
    net: network('set'),
  }
}

const leader = (s: State, l: string): Leader => s.leaders[l] as Leader
const acceptor = (s: State, a: string): Acceptor => s.acceptors[a] as Acceptor
/** The size of a majority: what defines "chosen" (the properties), whatever the rules' quorum. */
const majority = (c: Config): number => Math.floor(c.acceptors.length / 2) + 1
const attemptsOf = (c: Config, l: string): number => c.maxAttempts[l] ?? 1

const setAt = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, j) => (j === i ? v : x))

// mutants: dropping `- 1` shifts every ballot up by k, still unique to a leader and attempt and in
// the same order: an equivalent renumbering (same state counts).
export const ballotOf = (c: Config, l: string, attempt: number): number =>
  (attempt - 1) * c.leaders.length + c.leaders.indexOf(l) + 1

// ---- leader actions --------------------------------------------------------------------------

/** Phase 1a for all instances at once: a fresh ballot, Prepare(b) to every acceptor. The leader
 * keeps its log (what it learnt stays learnt). */
function startBallot(c: Config, s: State, l: string): State {
  const x = leader(s, l)
  const attempt = x.attempt + 1
  const bal = ballotOf(c, l, attempt)
  return {
    ...s,
    leaders: { ...s.leaders, [l]: { ...idle(c), attempt, phase: 'preparing', bal, used: x.used, log: x.log } },
    net: sendAll(s.net, c.acceptors.map((a) => interned<Msg>({ from: l, to: a, type: 'Prepare', bal }))),
  }
}

/** Leader l starts its first ballot. */
export function prepare(c: Config, s: State, l: string): State | null {
  return leader(s, l).phase === 'idle' ? startBallot(c, s, l) : null
}

/** Leader l gives up on its ballot (no majority, or it was overtaken) and starts a higher one. */
export function timeout(c: Config, s: State, l: string): State | null {
  const x = leader(s, l)
  // mutants: the attempts test is the search's bound, not a protocol rule: loosening or deleting it
  // gives ever more ballots, and the specs no longer finish (undecided under a time limit).
  if (x.phase === 'idle' || x.attempt >= attemptsOf(c, l)) return null
  return startBallot(c, s, l)
}

/** The next instance leader l proposes for, and the command `rules.chooseCommand` picks (the
 * reported value if a promise carried one, else its own next command); null when there is none or
 * the log is full. `own`: the command is the leader's next own one (it is then used up). */
export function nextProposal(c: Config, r: Rules, s: State, l: string): { inst: number; cmd: string; own: boolean } | null {
  const x = leader(s, l)
  if (x.phase !== 'leading') return null
  const inst = x.proposed.indexOf(null)
  if (inst < 0) return null
  const own = (c.commands[l] ?? [])[x.used]
  const cmd = r.chooseCommand(x.reported[inst] ?? null, own)
  // A reported command is never the leader's next own one: it proposes each own command once.
  return cmd === undefined ? null : { inst, cmd, own: cmd === own }
}

/** Phase 2a only (phase 1 is behind it): leader l asks the acceptors to accept cmd in its next
 * instance under its current ballot. */
export function propose(c: Config, r: Rules, s: State, l: string): State | null {
  const p = nextProposal(c, r, s, l)
  // mutants: deleting this guard survives: `next` offers Propose only when there is a proposal.
  if (!p) return null
  const x = leader(s, l)
  return {
    ...s,
    leaders: { ...s.leaders, [l]: { ...x, proposed: setAt(x.proposed, p.inst, p.cmd), used: p.own ? x.used + 1 : x.used } },
    net: sendAll(s.net, c.acceptors.map((a) => interned<Msg>({ from: l, to: a, type: 'Accept', bal: x.bal, inst: p.inst, cmd: p.cmd }))),
  }
}

/** The promises for ballot `bal` sent to leader l by quorum q (null unless all are there). */
function quorumPromises(s: State, l: string, bal: number, q: readonly string[]): (Msg & { type: 'Promise' })[] | null {
  // mutants: deleting this guard survives: the model's network is always a set (`init`).
  if (s.net.semantics !== 'set') return null
  const ps = s.net.sent.filter((m): m is Msg & { type: 'Promise' } => m.type === 'Promise' && m.to === l && m.bal === bal && q.includes(m.from))
  return ps.length === q.length ? ps : null
}

/** Leader l, preparing ballot b, has the promises of quorum q (one of `quorumsOfSize` for
 * `rules.quorum`): it leads b, knowing per instance the highest-ballot vote q reported. */
export function elected(c: Config, s: State, l: string, q: readonly string[]): State | null {
  const x = leader(s, l)
  // mutants: deleting this guard survives: `next` offers Elected only to a preparing leader.
  if (x.phase !== 'preparing') return null
  const ps = quorumPromises(s, l, x.bal, q)
  if (!ps) return null
  const reported = x.reported.map((_, i) => {
    let best: Accepted = null
    for (const m of ps) {
      const v = m.accepted[i] ?? null
      // mutants: `v.bal >= best.bal` is equivalent: a ballot's leader proposes one command per
      // instance, so two votes of one ballot for instance i carry the same command.
      if (v !== null && (best === null || v.bal > best.bal)) best = v
    }
    return best
  })
  return { ...s, leaders: { ...s.leaders, [l]: { ...x, phase: 'leading', reported } } }
}

/** Leader l has the Accepted of a quorum (`rules.quorum`: a majority) for its proposal in
 * instance i: it learns the command. */
export function learn(c: Config, r: Rules, s: State, l: string, inst: number): State | null {
  const x = leader(s, l)
  const cmd = x.proposed[inst]
  // mutants: every test but the quorum's below is redundant. A proposal (`cmd` not null) exists
  // only in the current ballot, and only once the leader leads it (`startBallot` clears
  // `proposed`), and Accepted for (l, x.bal, inst) exist only for such a proposal: weakening the
  // phase or null tests (`&&`) survives, since without a proposal the quorum test fails anyway.
  // Deleting the guard, or the already-learnt test (`&&` on either side of it), lets a leader
  // learn an instance again in a later ballot: Paxos's own safety makes that the same command
  // (`LogAgreement`, `LearntIsChosen` hold), so the log is unchanged: generated counts only.
  // `undefined` (an instance past the log) is never offered by `next`.
  if (x.phase !== 'leading' || cmd === null || cmd === undefined || x.log[inst] !== null || s.net.semantics !== 'set') return null
  const acks = s.net.sent.filter((m) => m.type === 'Accepted' && m.to === l && m.bal === x.bal && m.inst === inst).length
  if (acks < r.quorum(c.acceptors.length)) return null
  return { ...s, leaders: { ...s.leaders, [l]: { ...x, log: setAt(x.log, inst, cmd) } } }
}

// ---- acceptor actions ------------------------------------------------------------------------

/** Phase 1b for every instance: promise a higher ballot (`rules.promises`) and report all
 * accepted values. */
export function onPrepare(_c: Config, r: Rules, s: State, m: Msg & { type: 'Prepare' }): State {
  const a = m.to
  const x = acceptor(s, a)
  if (!r.promises(m.bal, x.promised)) return s
  return {
    ...s,
    acceptors: { ...s.acceptors, [a]: { ...x, promised: m.bal } },
    net: sendAll(s.net, [interned<Msg>({ from: a, to: m.from, type: 'Promise', bal: m.bal, accepted: x.accepted })]),
  }
}

/** Phase 2b for one instance: accept when the ballot is not below the promise (`rules.accepts`).
 * The promise never goes down (it would only under the accept-lower bug). */
export function onAccept(_c: Config, r: Rules, s: State, m: Msg & { type: 'Accept' }): State {
  const a = m.to
  const x = acceptor(s, a)
  const cur = x.accepted[m.inst]
  // mutants: the second test only makes a re-delivered Accept a stutter; `cur.cmd !== m.cmd` is
  // equivalent (one ballot never carries two commands for an instance): generated counts only.
  if (!r.accepts(m.bal, x.promised) || (cur && cur.bal === m.bal && cur.cmd === m.cmd)) return s
  return {
    ...s,
    acceptors: { ...s.acceptors, [a]: { promised: Math.max(m.bal, x.promised), accepted: setAt(x.accepted, m.inst, interned<Accepted>({ bal: m.bal, cmd: m.cmd })) } },
    net: sendAll(s.net, [interned<Msg>({ from: a, to: m.from, type: 'Accepted', bal: m.bal, inst: m.inst, cmd: m.cmd })]),
  }
}

/** Acceptors handle what is delivered to them; leaders read their replies with `Elected` and
 * `Learn` instead (a delivery to a leader changes nothing). */
export function onReceive(c: Config, r: Rules, s: State, m: Msg): State {
  switch (m.type) {
    case 'Prepare':
      return onPrepare(c, r, s, m)
    case 'Accept':
      return onAccept(c, r, s, m)
    case 'Promise':
    case 'Accepted':
      return s
  }
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, r: Rules, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  const quorums = quorumsOfSize(c.acceptors, r.quorum(c.acceptors.length))
  for (const l of c.leaders) {
    const x = leader(s, l)
    out.add({ name: 'Prepare', node: l, bal: ballotOf(c, l, 1) }, prepare(c, s, l))
    if (x.phase === 'preparing') {
      for (const q of quorums) out.add({ name: 'Elected', node: l, bal: x.bal, quorum: q }, elected(c, s, l, q))
    }
    const p = nextProposal(c, r, s, l)
    if (p) out.add({ name: 'Propose', node: l, bal: x.bal, inst: p.inst, cmd: p.cmd }, propose(c, r, s, l))
    // mutants: `i <= c.instances` survives (Learn past the log finds no proposal: `learn` returns
    // null); so does dropping Timeout's label `+ 1` (a label no rule reads, in no pinned trace).
    for (let i = 0; i < c.instances; i++) out.add({ name: 'Learn', node: l, bal: x.bal, inst: i }, learn(c, r, s, l, i))
    out.add({ name: 'Timeout', node: l, bal: ballotOf(c, l, x.attempt + 1) }, timeout(c, s, l))
  }
  for (const d of deliveries(s.net)) {
    const after = onReceive(c, r, s, d.action.msg)
    out.add(d.action, after === s ? null : after) // re-delivery of a handled message: a stutter
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

/** Per instance, the commands chosen: accepted by a majority in one ballot (read off the
 * Accepted messages, which a set network keeps). */
export function chosen(c: Config, s: State): string[][] {
  const out: string[][] = Array.from({ length: c.instances }, () => [])
  if (s.net.semantics !== 'set') return out
  const count = new Map<string, number>()
  for (const m of s.net.sent) {
    if (m.type !== 'Accepted') continue
    const k = `${m.inst}|${m.bal}|${m.cmd}`
    const n = (count.get(k) ?? 0) + 1
    count.set(k, n)
    if (n === majority(c) && !(out[m.inst] as string[]).includes(m.cmd)) (out[m.inst] as string[]).push(m.cmd)
  }
  return out
}

/** Log agreement: no instance has two different commands chosen, and no two leaders' logs hold
 * different commands for one instance. */
export const logAgreement = (c: Config, s: State): boolean => {
  if (!chosen(c, s).every((cmds) => cmds.length <= 1)) return false
  for (let i = 0; i < c.instances; i++) {
    const learnt = c.leaders.map((l) => leader(s, l).log[i]).filter((v) => v !== null)
    if (!learnt.every((v) => v === learnt[0])) return false
  }
  return true
}

/** A leader's log holds only chosen commands. */
export const learntIsChosen = (c: Config, s: State): boolean => {
  const ch = chosen(c, s)
  return c.leaders.every((l) => leader(s, l).log.every((v, i) => v === null || (ch[i] as string[]).includes(v)))
}

/** Only commands some leader was given can be chosen. */
export const validity = (c: Config, s: State): boolean =>
  chosen(c, s).every((cmds) => cmds.every((cmd) => c.leaders.some((l) => (c.commands[l] ?? []).includes(cmd))))

/** Each command is chosen in one instance at most: a leader proposes each of its own commands
 * once, in one instance (a later ballot re-proposes only what an instance reported), so no
 * command is executed twice by the replicated state machine (the seed: every replica runs the same
 * operations in the same order; a client's operation is one entry of that log). */
export const chosenOnce = (c: Config, s: State): boolean => {
  const all = chosen(c, s).flat()
  return new Set(all).size === all.length
}

const prepares = (s: State, l: string): number =>
  s.net.semantics === 'set' ? new Set(s.net.sent.filter((m) => m.type === 'Prepare' && m.from === l).map((m) => m.bal)).size : 0

/** A leader leads a ballot after its first (it timed out at least once). */
export const ledSecondBallot = (c: Config, s: State): boolean =>
  c.leaders.some((l) => leader(s, l).phase === 'leading' && leader(s, l).attempt >= 2)

/** Some acceptor accepted cmd for instance i in ballot b, and a leader proposed the same cmd for i
 * in a higher ballot (read off the messages, which a set network keeps). */
export const reproposedInHigherBallot = (_c: Config, s: State): boolean => {
  if (s.net.semantics !== 'set') return false
  const sent = s.net.sent
  return sent.some(
    (v) => v.type === 'Accepted' && sent.some((p) => p.type === 'Accept' && p.inst === v.inst && p.cmd === v.cmd && p.bal > v.bal),
  )
}

/** Antecedents: some instance has a chosen command; some leader learnt an instance. */
export const someChosen = (c: Config, s: State): boolean => chosen(c, s).some((cmds) => cmds.length > 0)
export const someLearnt = (c: Config, s: State): boolean => c.leaders.some((l) => leader(s, l).log.some((v) => v !== null))

export function multiPaxosModel(name: string, rules: Rules): Model<Config, State, Action> {
  return {
    name,
    init: (c) => [init(c)],
    next: (c, s) => next(c, rules, s),
    actions: ['Prepare', 'Elected', 'Propose', 'Learn', 'Timeout', 'Deliver'],
    properties: [
      // Each invariant names the situation it is about (never reached: reported vacuous).
      always('LogAgreement', logAgreement, { when: (c, s) => someChosen(c, s) || someLearnt(c, s) }),
      always('LearntIsChosen', learntIsChosen, { when: someLearnt }),
      always('Validity', validity, { when: someChosen }),
      always('ChosenOnce', chosenOnce, { when: someChosen }),
      // Witness of the phase-1 skip: one leader learnt every instance with a single Prepare round.
      sometimes('WholeLogAfterOnePhase1', (c, s) =>
        c.leaders.some((l) => leader(s, l).log.every((v) => v !== null) && prepares(s, l) === 1),
      ),
      // Witness of a leader change: a leader learnt an instance that another leader proposed.
      sometimes('LeaderChangeKeepsValue', (c, s) =>
        c.leaders.some((l) =>
          leader(s, l).log.some((v) => v !== null && !(c.commands[l] ?? []).includes(v)),
        ),
      ),
      // Witnesses that Timeout is taken and what a later ballot does (vacuous when maxAttempts is 1).
      sometimes('LedSecondBallot', ledSecondBallot),
      sometimes('ReproposedInHigherBallot', reproposedInHigherBallot),
    ],
  }
}

/** The seed's rules: majority quorums, the highest-ballot reported value wins, promise a higher
 * ballot, accept one not below the promise.
 *
 * `promises` as `bal >= promised` would be no bug: ballots are unique to one leader and attempt, so
 * a Prepare(b) that meets promised = b comes from the same Prepare delivered again (the promise it
 * sends is the same message, a stutter on a set network), or follows an Accept(b), which only a
 * leader already leading b sends; a second Promise(b) then reaches a leader that no longer reads
 * promises for b (`Elected` needs phase 'preparing'). No one acts on it: more states (those unread
 * messages: over 30,000 instead of 8,504 at specs/multi-paxos.ts's bounds), the same behaviours.
 * test/models/consensus/multi-paxos.test.ts checks both rules at one instance: same verdicts. */
export const correctRules: Rules = {
  quorum: (n) => Math.floor(n / 2) + 1,
  chooseCommand: (reported, own) => reported?.cmd ?? own,
  promises: (bal, promised) => bal > promised,
  accepts: (bal, promised) => bal >= promised,
}

export const multiPaxos = multiPaxosModel('multi-paxos', correctRules)

