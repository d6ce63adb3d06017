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
 * a ballot below its promise), multi-paxos-minority-quorum.ts (⌊n/2⌋ acceptors make a quorum),
 * multi-paxos-lowest-vote.ts (a new leader keeps the lowest reported vote). An acceptor that
 * promises on `b >= promised` instead of `b > promised` is not one: it breaks nothing (see
 * `correctRules.promises`).
 *
 * Left out: a real election (any leader may start a ballot), learners other than leaders, log
 * compaction, commands from clients (each leader has a fixed list in the config), acceptor
 * crashes (their state is durable; paxos-net.ts covers restarts).
 *
 * Written with the actor harness (src/net/actor.ts): leaders and acceptors are roles, and each
 * handler sees its node's own state. One thing reaches further, and is declared (`reads: state`):
 * `Elected` and `Learn` read the leader's replies (Promise, Accepted) off the network rather than
 * have them delivered, as Paxos.tla's Phase2a reads its quorum's 1b messages (a delivery to a
 * leader would be a step that only copies a message into its state: more states, no new
 * behaviour). The history the properties read ("chosen") is the set network itself: no ghost
 * variables. The counts are those of the hand-written version it replaced (specs/multi-paxos*.ts,
 * but for the two with the view below).
 *
 * A view, opt-in per spec (`withLiveView`, see `liveView`): the state without the promises no step
 * will read, up to a renaming of the acceptors. Exact (a bisimulation), and 64 times fewer states
 * at specs/multi-paxos-three-ballots.ts's bounds, the first that check which vote a new leader
 * keeps.
 *
 * Reference counts: none published; specs/multi-paxos.ts pins measured counts.
 */
import { always, schema, sometimes } from '../src/index.ts'
import type { Schema, Value } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Context, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { actorModel } from '../src/net/index.ts'
import { interned, memoized, perKey } from './intern.ts'
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
  /** Whether a vote reported with ballot `reported` replaces the one kept so far (ballot `kept`)
   * as a new leader reads its quorum's promises, per instance. The seed keeps the highest. */
  readonly prefer: (reported: number, kept: number) => boolean
  /** The command to propose for an instance, from the vote kept (`prefer`) of those the electing
   * quorum reported for it (null: none) and the leader's own next command (undefined: none left);
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
  /** Per instance, the vote kept (`rules.prefer`: the highest-ballot one) of those reported by the
   * quorum that elected it (null: none). */
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

type Roles = { leaders: Leader; acceptors: Acceptor }
/** `{ leaders: { l1: …, l2: … }, acceptors: { a1: …, … }, net }` */
export type State = ActorState<Roles, Msg>
/** Local steps `{ name, node, ...params }`: Prepare(l, bal), Elected(l, bal, quorum),
 * Propose(l, bal, inst, cmd), Learn(l, bal, inst), Timeout(l, bal); and Deliver. */
export type Action = ActorAction<Msg>

type LeaderStep = Outcome<Leader, Msg, object> | null
type AcceptorStep = Outcome<Acceptor, Msg, object> | null
/** What `Elected` and `Learn` read beyond the leader: the network (see the header). */
type Ctx = Context<Msg, State>

/** The shapes of a message, a leader and an acceptor over the configuration's finite domains: the
 * harness builds the state's schema from them (a compiled fingerprint, and the codec between
 * worker threads, whose decoded messages are the model's interned ones). */
function domains(c: Config): { bal: Schema; inst: Schema; cmd: Schema; votes: Schema } {
  const maxBal = Math.max(0, ...c.leaders.map((l) => ballotOf(c, l, Math.max(1, attemptsOf(c, l)))))
  const cmd = schema.enum(...[...new Set(Object.values(c.commands).flat())].sort())
  const bal = schema.int(0, maxBal)
  return { bal, inst: schema.int(0, Math.max(0, c.instances - 1)), cmd, votes: schema.list(schema.nullable(schema.record({ bal, cmd }))) }
}

export function messageSchema(c: Config): Schema {
  const { bal, inst, cmd, votes } = domains(c)
  const L = schema.enum(...c.leaders)
  const A = schema.enum(...c.acceptors)
  return schema.union(
    'type',
    {
      Prepare: { from: L, to: A, bal },
      Promise: { from: A, to: L, bal, accepted: votes },
      Accept: { from: L, to: A, bal, inst, cmd },
      Accepted: { from: A, to: L, bal, inst, cmd },
    },
    { intern: (m) => interned(m as Msg) },
  )
}

const leaderSchema = (c: Config): Schema => {
  const { bal, cmd, votes } = domains(c)
  return schema.record({
    attempt: schema.int(0, Math.max(1, ...c.leaders.map((l) => attemptsOf(c, l)))),
    phase: schema.enum('idle', 'preparing', 'leading'),
    bal,
    reported: votes,
    proposed: schema.list(schema.nullable(cmd)),
    used: schema.int(0, Math.max(0, ...Object.values(c.commands).map((xs) => xs.length))),
    log: schema.list(schema.nullable(cmd)),
  })
}

// `intern: (x) => x`: a worker's decoded acceptors are shared by their bytes, so the memo of
// acceptor steps (`acceptorRole`), kept by identity, hits there as it does on one thread.
const acceptorSchema = (c: Config): Schema => schema.record({ promised: domains(c).bal, accepted: domains(c).votes }, { intern: (x) => x })

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

const acceptorInit = (c: Config): Acceptor => ({ promised: 0, accepted: nulls(c) })

const leader = (s: State, l: string): Leader => s.leaders[l] as Leader
/** The size of a majority: what defines "chosen" (the properties), whatever the rules' quorum. */
const majority = (c: Config): number => Math.floor(c.acceptors.length / 2) + 1
const attemptsOf = (c: Config, l: string): number => c.maxAttempts[l] ?? 1

const setAt = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, j) => (j === i ? v : x))

// mutants: dropping `- 1` shifts every ballot up by k, still unique to a leader and attempt and in
// the same order: an equivalent renumbering (same state counts); `+ 2` for `+ 1` shifts them all
// up by one, the same renumbering.
export const ballotOf = (c: Config, l: string, attempt: number): number =>
  (attempt - 1) * c.leaders.length + c.leaders.indexOf(l) + 1

// ---- leader actions --------------------------------------------------------------------------

/** Phase 1a for all instances at once: a fresh ballot, Prepare(b) to every acceptor. The leader
 * keeps its log (what it learnt stays learnt). */
function startBallot(c: Config, l: string, x: Leader): LeaderStep {
  const attempt = x.attempt + 1
  const bal = ballotOf(c, l, attempt)
  return {
    // mutants: dropping `log: x.log` makes the leader forget what it learnt when it starts a
    // ballot: knowledge lost, nothing learnt wrong (what it learns again is what was chosen, which
    // LogAgreement and ChosenOnce check), so counts only.
    local: { ...idle(c), attempt, phase: 'preparing', bal, used: x.used, log: x.log },
    send: c.acceptors.map((a) => interned<Msg>({ from: l, to: a, type: 'Prepare', bal })),
  }
}

/** Leader l starts its first ballot. */
export function prepare(c: Config, l: string, x: Leader): LeaderStep {
  return x.phase === 'idle' ? startBallot(c, l, x) : null
}

/** Leader l gives up on its ballot (no majority, or it was overtaken) and starts a higher one. */
export function timeout(c: Config, l: string, x: Leader): LeaderStep {
  // mutants: the attempts test is the search's bound, not a protocol rule: `>` gives one ballot more
  // (counts only), deleting it or `&&` ever more ballots (specs unknown under a time limit).
  if (x.phase === 'idle' || x.attempt >= attemptsOf(c, l)) return null
  return startBallot(c, l, x)
}

/** The next instance leader l proposes for, and the command `rules.chooseCommand` picks (the
 * reported value if a promise carried one, else its own next command); null when there is none or
 * the log is full. `own`: the command is the leader's next own one (it is then used up). */
export function nextProposal(c: Config, r: Rules, l: string, x: Leader): { inst: number; cmd: string; own: boolean } | null {
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
export function propose(c: Config, r: Rules, l: string, x: Leader): LeaderStep {
  const p = nextProposal(c, r, l, x)
  // mutants: deleting this guard survives: `next` offers Propose only when there is a proposal.
  // (Propose's parameters are the proposal, so the harness offers it only when there is one.)
  if (!p) return null
  return {
    local: { ...x, proposed: setAt(x.proposed, p.inst, p.cmd), used: p.own ? x.used + 1 : x.used },
    send: c.acceptors.map((a) => interned<Msg>({ from: l, to: a, type: 'Accept', bal: x.bal, inst: p.inst, cmd: p.cmd })),
  }
}

/** The promises for ballot `bal` sent to leader l by quorum q (null unless all are there). */
function quorumPromises(s: State, l: string, bal: number, q: readonly string[]): (Msg & { type: 'Promise' })[] | null {
  // mutants: deleting this guard survives: the model's network is always a set (`network`).
  if (s.net.semantics !== 'set') return null
  const ps: (Msg & { type: 'Promise' })[] = []
  for (const m of s.net.sent) if (m.type === 'Promise' && m.to === l && m.bal === bal && q.includes(m.from)) ps.push(m)
  return ps.length === q.length ? ps : null
}

/** Leader l, preparing ballot b, has the promises of quorum q (one of `quorumsOfSize` for
 * `rules.quorum`): it leads b, knowing per instance the vote q reported that `rules.prefer` keeps
 * (the highest-ballot one). It reads the promises off the network (`ctx.state`, see the header). */
export function elected(r: Rules, l: string, x: Leader, q: readonly string[], ctx: Ctx): LeaderStep {
  // mutants: deleting this guard survives: `next` offers Elected only to a preparing leader.
  // (Elected's parameters, the quorums, are offered only to a preparing leader.)
  if (x.phase !== 'preparing') return null
  const ps = quorumPromises(ctx.state, l, x.bal, q)
  if (!ps) return null
  const reported = x.reported.map((_, i) => {
    let best: Accepted = null
    for (const m of ps) {
      const v = m.accepted[i] ?? null
      if (v !== null && (best === null || r.prefer(v.bal, best.bal))) best = v
    }
    return best
  })
  return { local: { ...x, phase: 'leading', reported } }
}

/** Leader l has the Accepted of a quorum (`rules.quorum`: a majority) for its proposal in
 * instance i: it learns the command. It reads the Accepted off the network (`ctx.state`). */
export function learn(c: Config, r: Rules, l: string, x: Leader, inst: number, ctx: Ctx): LeaderStep {
  const cmd = x.proposed[inst]
  const s = ctx.state
  // mutants: every test but the quorum's below is redundant. A proposal (`cmd` not null) exists
  // only in the current ballot, and only once the leader leads it (`startBallot` clears
  // `proposed`), and Accepted for (l, x.bal, inst) exist only for such a proposal: weakening the
  // phase or null tests (`&&`) survives, since without a proposal the quorum test fails anyway.
  // Deleting the guard, or the already-learnt test (`&&` on either side of it), lets a leader
  // learn an instance again in a later ballot: Paxos's own safety makes that the same command
  // (`LogAgreement`, `LearntIsChosen` hold), so the log is unchanged: generated counts only.
  // `undefined` (an instance past the log) is never offered by `next` (Learn's parameters).
  if (x.phase !== 'leading' || cmd === null || cmd === undefined || x.log[inst] !== null || s.net.semantics !== 'set') return null
  let acks = 0
  for (const m of s.net.sent) if (m.type === 'Accepted' && m.to === l && m.bal === x.bal && m.inst === inst) acks++
  if (acks < r.quorum(c.acceptors.length)) return null
  return { local: { ...x, log: setAt(x.log, inst, cmd) } }
}

// ---- acceptor actions ------------------------------------------------------------------------

/** Phase 1b for every instance: promise a higher ballot (`rules.promises`) and report all
 * accepted values. */
export function onPrepare(r: Rules, a: string, x: Acceptor, m: Msg & { type: 'Prepare' }): AcceptorStep {
  if (!r.promises(m.bal, x.promised)) return null
  return {
    local: { ...x, promised: m.bal },
    send: [interned<Msg>({ from: a, to: m.from, type: 'Promise', bal: m.bal, accepted: x.accepted })],
  }
}

/** Phase 2b for one instance: accept when the ballot is not below the promise (`rules.accepts`).
 * The promise never goes down (it would only under the accept-lower bug). */
export function onAccept(r: Rules, a: string, x: Acceptor, m: Msg & { type: 'Accept' }): AcceptorStep {
  const cur = x.accepted[m.inst]
  // mutants: the second test only makes a re-delivered Accept a stutter; `cur.cmd !== m.cmd` is
  // equivalent (one ballot never carries two commands for an instance): generated counts only.
  if (!r.accepts(m.bal, x.promised) || (cur && cur.bal === m.bal && cur.cmd === m.cmd)) return null
  // mutants: `Math.min` (the promise not raised to the accepted ballot, Paxos.tla's Phase2b does
  // raise it) is equivalent at two acceptors (an Accept(b) comes after both promised b) and at two
  // ballots (multi-paxos-three-acceptors: no Prepare falls between them). At three ballots an
  // acceptor outside the electing quorum keeps a lower promise and still takes an older ballot's
  // messages: multi-paxos-three-ballots violates LogAgreement (bench/results, three-ballots run).
  return {
    local: { promised: Math.max(m.bal, x.promised), accepted: setAt(x.accepted, m.inst, interned<Accepted>({ bal: m.bal, cmd: m.cmd })) },
    send: [interned<Msg>({ from: a, to: m.from, type: 'Accepted', bal: m.bal, inst: m.inst, cmd: m.cmd })],
  }
}

/** Acceptors handle what is delivered to them; leaders read their replies with `Elected` and
 * `Learn` instead (the leader role has no receive handler: on a set network a delivery to a
 * leader is then no step). */
export function onReceive(r: Rules, a: string, x: Acceptor, m: Msg): AcceptorStep {
  switch (m.type) {
    case 'Prepare':
      return onPrepare(r, a, x, m)
    case 'Accept':
      return onAccept(r, a, x, m)
    case 'Promise':
    case 'Accepted':
      return null
  }
}

// ---- next ------------------------------------------------------------------------------------

/** The leaders' local steps, in the order the hand-written `next` took them (per leader: Prepare,
 * Elected per quorum, Propose, Learn per instance, Timeout), each labelled with its ballot, and
 * offered where that `next` offered them (Elected to a preparing leader, Propose when there is a
 * proposal, the others always): each step's function keeps every guard. */
function leaderActions(r: Rules): LocalAction<Config, Leader, Msg, object, State>[] {
  const quorums = perKey((c: Config) => quorumsOfSize(c.acceptors, r.quorum(c.acceptors.length)))
  // A leader's proposal is a function of the configuration, the leader and its state: remembered
  // per configuration and state (leader states are shared by the states around them).
  const proposals = perKey((c: Config) => memoized((x: Leader, l: string) => propose(c, r, l, x)))
  const proposeStep = (c: Config, l: string, x: Leader): LeaderStep => proposals(c)(x, l)
  // Every step's parameters are shared, frozen instances (one per ballot, quorum or proposal),
  // asked for per leader per state: the harness finds a frozen parameter object's step by
  // identity, where a fresh one costs an object and a key string per step.
  const electedParams = perKey((c: Config) => {
    const byBal = new Map<number, readonly Readonly<{ bal: number; quorum: readonly string[] }>[]>()
    return (bal: number) => {
      let ps = byBal.get(bal)
      if (ps === undefined) byBal.set(bal, (ps = quorums(c).map((q) => Object.freeze({ bal, quorum: q }))))
      return ps
    }
  })
  const proposeParams = perKey((c: Config) =>
    memoized((x: Leader, l: string): readonly Readonly<{ bal: number; inst: number; cmd: string }>[] => {
      const p = nextProposal(c, r, l, x)
      return p ? [Object.freeze({ bal: x.bal, inst: p.inst, cmd: p.cmd })] : []
    }),
  )
  return [
    { name: 'Prepare', params: (c, l) => balParams(ballotOf(c, l, 1)), fire: (c, l, x) => prepare(c, l, x) },
    {
      name: 'Elected',
      reads: ['state'],
      params: (c, _l, x) => (x.phase === 'preparing' ? electedParams(c)(x.bal) : []),
      fire: (_c, l, x, p, ctx) => elected(r, l, x, p.quorum as readonly string[], ctx),
    },
    {
      name: 'Propose',
      params: (c, l, x) => proposeParams(c)(x, l),
      fire: (c, l, x) => proposeStep(c, l, x),
    },
    {
      name: 'Learn',
      reads: ['state'],
      // mutants: `i <= c.instances` survives (Learn past the log finds no proposal: `learn` returns
      // null).
      params: (c, _l, x) => learnParams(c, x.bal),
      fire: (c, l, x, p, ctx) => learn(c, r, l, x, p.inst as number, ctx),
    },
    {
      name: 'Timeout',
      kind: 'timeout',
      // mutants: dropping the label's `+ 1` (or `+ 2` for it) survives (a label no rule reads, in no
      // pinned trace).
      params: (c, l, x) => balParams(ballotOf(c, l, x.attempt + 1)),
      fire: (c, l, x) => timeout(c, l, x),
    },
  ]
}

/** Learn's parameters for a leader at ballot `bal`: one per instance (shared, frozen: asked per state). */
function learnParams(c: Config, bal: number): readonly { bal: number; inst: number }[] {
  const byBal = learnParamsFor(c)
  let ps = byBal.get(bal)
  if (ps === undefined) byBal.set(bal, (ps = Array.from({ length: c.instances }, (_, i) => Object.freeze({ bal, inst: i }))))
  return ps
}
const learnParamsFor = perKey((_c: Config) => new Map<number, readonly { bal: number; inst: number }[]>())

/** Prepare's and Timeout's parameters for ballot `bal`, shared (see `leaderActions`). */
const balParams = (bal: number): readonly Readonly<{ bal: number }>[] => (BAL_PARAMS[bal] ??= [Object.freeze({ bal })])
const BAL_PARAMS: (readonly Readonly<{ bal: number }>[])[] = []

export function leaderRole(r: Rules): Role<Config, Leader, Msg, object, State> {
  return { nodes: (c) => c.leaders, init: (c) => idle(c), schema: leaderSchema, actions: leaderActions(r) }
}

export function acceptorRole(r: Rules): Role<Config, Acceptor, Msg, object, State> {
  // An acceptor's step is a function of its state and the message alone (it reads neither the
  // configuration nor the network, and the message names the acceptor): remembered, since on the
  // set network every message sent is delivered again in every later state, and most deliveries
  // meet an acceptor state they met before (docs/performance.md, "multi-paxos").
  const receive = memoized((x: Acceptor, m: Msg) => onReceive(r, m.to, x, m))
  return { nodes: (c) => c.acceptors, init: (c) => acceptorInit(c), schema: acceptorSchema, receive: (_c, _a, x, m) => receive(x, m) }
}

// ---- properties ------------------------------------------------------------------------------

/** Per instance, the commands chosen: accepted by a majority in one ballot (read off the
 * Accepted messages, which a set network keeps). Remembered per `sent` list (by identity, for
 * the last configuration): four properties and their antecedents ask for it per state, and many
 * states share their network (it was a sixth of a run's CPU). */
export function chosen(c: Config, s: State): readonly (readonly string[])[] {
  if (s.net.semantics !== 'set') return Array.from({ length: c.instances }, () => [])
  const sent = s.net.sent
  // Remembered for the last two networks: the properties ask for one state's answer several times
  // in a row, and a parent's successors (checked one after the other) share its network when their
  // step sent nothing. (A WeakMap of every network asked about cost more than it saved.)
  if (c !== chosenConfig) {
    chosenConfig = c
    lastSent = prevSent = undefined
  }
  if (sent === lastSent) return lastChosen
  if (sent === prevSent) {
    ;[prevSent, prevChosen, lastSent, lastChosen] = [lastSent, lastChosen, prevSent, prevChosen]
    return lastChosen
  }
  prevSent = lastSent
  prevChosen = lastChosen
  lastSent = sent
  lastChosen = chosenIn(c, sent)
  return lastChosen
}
let chosenConfig: Config | undefined
let lastSent: readonly Msg[] | undefined
let lastChosen: readonly (readonly string[])[] = []
let prevSent: readonly Msg[] | undefined
let prevChosen: readonly (readonly string[])[] = []

/** A command is chosen in an instance once a majority's Accepted for it carry one ballot: the
 * Accepted are counted per (instance, ballot, command) in one pass, in the order sent. */
function chosenIn(c: Config, sent: readonly Msg[]): string[][] {
  const out: string[][] = Array.from({ length: c.instances }, () => [])
  const need = majority(c)
  // The votes of each (instance, ballot, command) met so far, counted in one pass: a few groups
  // (at most one per ballot and instance), searched linearly, in scratch arrays kept across calls.
  // (It compared each Accepted with every one before it: 7.5% of a run's CPU.)
  let groups = 0
  for (let i = 0; i < sent.length; i++) {
    const m = sent[i] as Msg
    if (m.type !== 'Accepted') continue
    let g = 0
    while (g < groups && (groupInst[g] !== m.inst || groupBal[g] !== m.bal || groupCmd[g] !== m.cmd)) g++
    if (g === groups) {
      groupInst[g] = m.inst
      groupBal[g] = m.bal
      groupCmd[g] = m.cmd
      groupVotes[g] = 0
      groups++
    }
    const votes = (groupVotes[g] as number) + 1
    groupVotes[g] = votes
    if (votes === need && !(out[m.inst] as string[]).includes(m.cmd)) (out[m.inst] as string[]).push(m.cmd)
  }
  return out
}
const groupInst: number[] = []
const groupBal: number[] = []
const groupCmd: string[] = []
const groupVotes: number[] = []

/** Log agreement: no instance has two different commands chosen, and no two leaders' logs hold
 * different commands for one instance. */
export const logAgreement = (c: Config, s: State): boolean => {
  if (!chosen(c, s).every((cmds) => cmds.length <= 1)) return false
  for (let i = 0; i < c.instances; i++) {
    let learnt: string | null | undefined = null
    for (const l of c.leaders) {
      const v = leader(s, l).log[i]
      if (v === null) continue
      if (learnt === null) learnt = v
      else if (v !== learnt) return false
    }
  }
  return true
}

/** A leader's log holds only chosen commands. */
export const learntIsChosen = (c: Config, s: State): boolean => {
  const ch = chosen(c, s)
  return c.leaders.every((l) => leader(s, l).log.every((v, i) => v === null || (ch[i] as readonly string[]).includes(v)))
}

/** Only commands some leader was given can be chosen. */
export const validity = (c: Config, s: State): boolean =>
  chosen(c, s).every((cmds) => cmds.every((cmd) => c.leaders.some((l) => (c.commands[l] ?? []).includes(cmd))))

/** Each command is chosen in one instance at most: a leader proposes each of its own commands
 * once, in one instance (a later ballot re-proposes only what an instance reported), so no
 * command is executed twice by the replicated state machine (the seed: every replica runs the same
 * operations in the same order; a client's operation is one entry of that log). */
export const chosenOnce = (c: Config, s: State): boolean => {
  const ch = chosen(c, s)
  for (let i = 0; i < ch.length; i++) {
    const cmds = ch[i] as readonly string[]
    for (let k = 0; k < cmds.length; k++) {
      const cmd = cmds[k] as string
      if (cmds.indexOf(cmd) !== k) return false
      for (let j = 0; j < i; j++) if ((ch[j] as readonly string[]).includes(cmd)) return false
    }
  }
  return true
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

/** A leader preparing its ballot holds the promises of a majority, two of which report votes with
 * different commands for one instance (so a majority containing both can elect it): which vote it
 * keeps (`rules.prefer`) decides what it proposes there. Reached from three acceptors and three
 * ballots only (with two acceptors every vote for an instance carries the first command proposed
 * there; with two ballots a promise reports a ballot-1 vote at most). */
export const promisesReportTwoCommands = (c: Config, s: State): boolean => {
  if (s.net.semantics !== 'set') return false
  const sent = s.net.sent
  return c.leaders.some((l) => {
    const x = leader(s, l)
    if (x.phase !== 'preparing') return false
    const ps = sent.filter((m): m is Msg & { type: 'Promise' } => m.type === 'Promise' && m.to === l && m.bal === x.bal)
    if (ps.length < majority(c)) return false
    return x.reported.some((_, i) => new Set(ps.map((m) => m.accepted[i]?.cmd).filter((v) => v !== undefined)).size > 1)
  })
}

/** Antecedents: some instance has a chosen command; some leader learnt an instance. */
export const someChosen = (c: Config, s: State): boolean => chosen(c, s).some((cmds) => cmds.length > 0)
export const someLearnt = (c: Config, s: State): boolean => c.leaders.some((l) => leader(s, l).log.some((v) => v !== null))

export type MultiPaxosModel = ActorModel<Config, Roles, Msg, object>

// ---- view ------------------------------------------------------------------------------------

/** The acceptor a message goes to or comes from (every message is between a leader and one). */
const acceptorOf = (m: Msg): string => (m.type === 'Prepare' || m.type === 'Accept' ? m.to : m.from)

const vote = (v: Accepted): string => (v === null ? '-' : `${v.bal}/${v.cmd}`)

const anonymous = new WeakMap<Msg, string>()
/** A message with its acceptor's name left out, as a string (cached: messages are shared). */
function withoutAcceptor(m: Msg): string {
  let k = anonymous.get(m)
  if (k === undefined) {
    switch (m.type) {
      case 'Prepare':
        k = `Prepare ${m.from} ${m.bal}`
        break
      case 'Accept':
        k = `Accept ${m.from} ${m.bal} ${m.inst} ${m.cmd}`
        break
      case 'Promise':
        k = `Promise ${m.to} ${m.bal} ${m.accepted.map(vote).join(',')}`
        break
      case 'Accepted':
        k = `Accepted ${m.to} ${m.bal} ${m.inst} ${m.cmd}`
        break
    }
    anonymous.set(m, k)
  }
  return k
}

/**
 * A view (like TLC's VIEW) for the specs that ask for it (`withLiveView`): the state without the
 * Promise messages no step will read, and up to a renaming of the acceptors. Two reductions, each
 * exact (equal views behave alike, step for step, with equal property values: a bisimulation, so
 * no behaviour is lost and shortest counterexamples keep their length):
 * - Dead promises. A Promise(b) to leader l is read only by `Elected` while l prepares ballot b,
 *   and l's ballot only grows; no property reads a dead one (`chosen` reads Accepted, the
 *   witnesses Prepare, Accept and Accepted, `promisesReportTwoCommands` live promises only). A
 *   late promise carries its acceptor's votes of that moment: those combinations are most of the
 *   raw state space.
 * - Acceptor symmetry. Acceptors are interchangeable (quorums are all the majorities; no rule or
 *   property depends on an acceptor's name), and every message is between a leader and one
 *   acceptor, while leaders' states name none. So a state is its leaders plus the multiset of
 *   acceptor parts (an acceptor's state and its messages, its name left out): sorting the parts
 *   gives one value per orbit, exactly, without trying the n! renamings.
 * The network is `sent` alone: this model has no faults (`network` below).
 * Measured at specs/multi-paxos-three-ballots.ts's bounds: 141,465 states raw, 10,033 without the
 * dead promises, 2,203 with symmetry as well. The older specs keep the raw states (their pinned
 * counts). Limit: the argument is about this model's rules; a mutant that lets a leader prepare an
 * old ballot again, or names an acceptor in a rule, could be checked on too few states (a bug
 * hidden, never one made up: a view only merges states).
 */
export function liveView(c: Config, s: State): Value {
  if (s.net.semantics !== 'set') throw new Error('multi-paxos liveView needs the set network')
  const parts = new Map<string, string[]>(c.acceptors.map((a) => [a, []]))
  for (const m of s.net.sent) {
    if (m.type === 'Promise' && !(leader(s, m.to).phase === 'preparing' && leader(s, m.to).bal === m.bal)) continue
    parts.get(acceptorOf(m))?.push(withoutAcceptor(m))
  }
  const acceptors = c.acceptors.map((a) => {
    const x = s.acceptors[a] as Acceptor
    return `${x.promised} ${x.accepted.map(vote).join(',')}; ${(parts.get(a) as string[]).sort().join('; ')}`
  })
  return { leaders: s.leaders, acceptors: acceptors.sort() } as unknown as Value
}

/** The model with `liveView`. */
export const withLiveView = (m: MultiPaxosModel): MultiPaxosModel => ({ ...m, view: liveView })

export function multiPaxosModel(name: string, rules: Rules): MultiPaxosModel {
  return actorModel<Config, Roles, Msg, object>({
    name,
    roles: { leaders: leaderRole(rules), acceptors: acceptorRole(rules) },
    // Every message stays deliverable (loss, duplication and reordering implicit); no faults.
    network: () => ({ semantics: 'set', budget: {} }),
    message: messageSchema,
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
      // Witness that the vote a new leader keeps matters (three acceptors, three ballots).
      sometimes('PromisesReportTwoCommands', promisesReportTwoCommands),
    ],
  })
}

/** The seed's rules: majority quorums, the highest-ballot reported value wins, promise a higher
 * ballot, accept one not below the promise.
 *
 * `prefer` as `reported >= kept` is no bug: one ballot's leader proposes one command per instance,
 * so two votes of one ballot for an instance carry the same command. `reported < kept` (the lowest
 * vote) is multi-paxos-lowest-vote.ts, caught by specs/multi-paxos-three-ballots.ts: the pick
 * matters only from three acceptors and three ballots (`promisesReportTwoCommands`).
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
  prefer: (reported, kept) => reported > kept,
  chooseCommand: (reported, own) => reported?.cmd ?? own,
  promises: (bal, promised) => bal > promised,
  accepts: (bal, promised) => bal >= promised,
}

export const multiPaxos: MultiPaxosModel = multiPaxosModel('multi-paxos', correctRules)

