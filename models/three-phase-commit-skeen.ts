/**
 * Skeen's three-phase commit with its termination protocol (Skeen 1981, "Nonblocking commit
 * protocols"; Bernstein, Hadzilacos & Goodman 1987, "Concurrency Control and Recovery in Database
 * Systems", §7.5), beside the seed's simplified 3PC (`three-phase-commit.ts`), which has no
 * termination protocol.
 *
 * Coordinator: CanCommit to all; a No vote → Abort; every vote Yes → PreCommit (sent one
 * participant at a time, so a crash can strike mid-broadcast); every Ack → DoCommit. Timeouts
 * (accurate, as in the seed model's `on-failure`): waiting for votes → abort; waiting for Acks →
 * **commit**, ignoring the participants that failed (BHG: they are pre-commit-or-later or down).
 * Participant: init —CanCommit→ ready (uncertain, voted Yes) —PreCommit→ precommitted
 * (committable) —DoCommit→ committed; Abort (in any undecided state) → aborted. `Refuse`: a
 * participant that cannot commit aborts and answers No. A participant that has not voted and
 * loses the coordinator aborts on its own (`Timeout`).
 *
 * Termination protocol (`Terminate`): an uncertain or committable participant that loses the
 * coordinator (down, or cut off from it) runs the termination protocol. Its *view* is the
 * participants up and reachable from it; the recovery coordinator is the first *undecided* one of
 * the view in `Config.participants` order (deterministic election: the lowest id). Decided
 * participants only report their state: electing one (it has nothing left to run) would leave
 * the others blocked — `LiveParticipantsDecide` in `three-phase-commit-skeen-crash.ts` found
 * that, with a participant that refused and the coordinator crashed. It decides from the
 * states of its view, BHG's termination rule:
 *   TR1 some aborted (or not yet voted: it may abort unilaterally) → abort;
 *   TR2 some committed → commit;
 *   TR3 all uncertain → abort;
 *   TR4 some committable, none committed → PreCommit to the uncertain ones, and once every one
 *       in the view is committable (a later `Terminate`) → commit.
 * It decides for itself in the step and sends the decision to the undecided in its view.
 *
 * Modelling choices and limits:
 * - The termination protocol's state-report round and its Ack round are one atomic read of the
 *   view's states (BHG's synchronous round with accurate failure detection). Messages already in
 *   flight are *not* flushed first: only the recovery coordinator's own inbox must be empty (a
 *   PreCommit from the dead coordinator may still arrive after the read). A PreCommit is not
 *   re-sent while one is in flight to the same participant (so the bag stays finite).
 * - Crashed nodes stay down: no restart, so BHG's recovery rules (a recovered participant that
 *   voted asks the others) are not modelled; a crashed participant's last state counts in the
 *   properties (it is what its log says).
 * - Liveness is checked under crash faults only (`three-phase-commit-skeen-crash.ts`); under a
 *   partition the specs check safety only.
 * - Network: a `bag` (src/net). Crash-only specs are safe; a partition makes the two sides elect
 *   their own recovery coordinators and decide differently (`three-phase-commit-skeen-partition`).
 *
 * Written with the actor harness (src/net/actor.ts): each role's handlers see their node's own
 * state. What reaches further is declared (`reads`): the timeouts and the termination protocol
 * ask an accurate failure detector whether the coordinator or a peer is down or cut off
 * (`detector`; "nothing for me can arrive" is `whenQuiet`); the termination protocol reads its
 * view's states in one atomic step (`state`: the synchronous round above) and does not re-send a
 * PreCommit still in flight (`inFlight`). Crash-stop: the network offers no restart. The counts
 * were those of the hand-written version it replaced (specs/three-phase-commit-skeen*.ts) until
 * the messages a node ignores for good left the network as soon as they are such
 * (`ignoresForever`; each spec's `source` keeps the count before).
 *
 * Buggy variants, one rule each (`Rules`): three-phase-commit-skeen-ready-commit.ts,
 * -ignore-abort.ts, -uncertain-commit.ts, -early-precommit.ts.
 */
import { always, schema, setAdd, sometimes } from '../src/index.ts'
import type { Params, Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Context, FaultBudget, Groups, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { actorModel, isUp, messageLabel, messages, separates } from '../src/net/index.ts'
import { envelope, lastAnswer, outboxChoices } from './intern.ts'
import { messageSchema } from './three-phase-commit.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly coordinator: string
  /** In election order: the first operational one in a view is its recovery coordinator. */
  readonly participants: readonly string[]
  readonly crashable: readonly string[]
  readonly budget: FaultBudget
  /** The partitions a `Partition` fault may make (default: every split into two groups). */
  readonly partitions?: readonly Groups[]
}

/** The protocol rules the buggy variants change (`correctRules`: Skeen's). */
export type Rules = {
  /** What an uncertain (ready) participant does when it loses the coordinator: run the
   * termination protocol, or commit on its own. */
  readonly readyTimeout: 'terminate' | 'commit'
  /** Whether a pre-committed participant obeys an Abort. */
  readonly abortAfterPreCommit: boolean
  /** TR3: what a recovery coordinator decides when every state it sees is uncertain. */
  readonly allUncertain: 'abort' | 'commit'
  /** Whether the coordinator waits for every Yes vote before entering PreCommit (or one is enough). */
  readonly preCommitNeedsAllVotes: boolean
}

export const correctRules: Rules = { readyTimeout: 'terminate', abortAfterPreCommit: true, allUncertain: 'abort', preCommitNeedsAllVotes: true }

// ---- messages --------------------------------------------------------------------------------

type Envelope = { readonly from: string; readonly to: string }
export type Msg =
  | (Envelope & { readonly type: 'CanCommit' })
  | (Envelope & { readonly type: 'Vote'; readonly yes: boolean })
  | (Envelope & { readonly type: 'PreCommit' })
  | (Envelope & { readonly type: 'Ack' })
  | (Envelope & { readonly type: 'DoCommit' })
  | (Envelope & { readonly type: 'Abort' })

// ---- state -----------------------------------------------------------------------------------

export type CoordPhase = 'init' | 'waitVotes' | 'waitAcks' | 'committed' | 'aborted'
export type Coordinator = {
  readonly phase: CoordPhase
  /** Yes votes (waitVotes) or Acks (waitAcks) received. */
  readonly got: SetOf<string>
  /** Participants still to be sent this phase's message. */
  readonly outbox: SetOf<string>
}
/** ready = uncertain (voted Yes); precommitted = committable. */
export type PartState = 'init' | 'ready' | 'precommitted' | 'committed' | 'aborted'

type Roles = { coordinator: Coordinator; participants: PartState }
/** `{ coordinator: { c: … }, participants: { p1: 'init', … }, net }` */
export type State = ActorState<Roles, Msg>
export type Action = ActorAction<Msg>

type CoordinatorStep = Outcome<Coordinator, Msg, object> | null
type ParticipantStep = Outcome<PartState, Msg, object> | null

/** The shapes of the coordinator and a participant over the configuration's nodes: the harness
 * builds the state's schema from them and the message's, three-phase-commit.ts's (the same
 * messages, interned the same way): a compiled fingerprint, and a compact codec between worker
 * threads; a trace writes `got` and `outbox` as sets. A message goes between any two of the
 * configuration's nodes (a recovery coordinator, a participant, sends too); what the coordinator
 * collects and has to send names participants only. */
const coordinatorSchema = (c: Config): Schema => {
  const participant = schema.enum(...c.participants)
  return schema.record({
    phase: schema.enum('init', 'waitVotes', 'waitAcks', 'committed', 'aborted'),
    got: schema.setOf(participant),
    outbox: schema.setOf(participant),
  })
}

const participantSchema = (): Schema => schema.enum('init', 'ready', 'precommitted', 'committed', 'aborted')

// ---- init ------------------------------------------------------------------------------------

const coordinatorInit = (): Coordinator => ({ phase: 'init', got: [], outbox: [] })

export const init = (c: Config): State => threePhaseCommitSkeen.init(c)[0] as State

// ---- helpers ---------------------------------------------------------------------------------

const st = (s: State, p: string): PartState => s.participants[p] as PartState
const coord = (c: Config, s: State): Coordinator => s.coordinator[c.coordinator] as Coordinator
const undecided = (x: PartState): boolean => x === 'ready' || x === 'precommitted'
const enter = (c: Config, phase: CoordPhase): Coordinator => ({ phase, got: [], outbox: phase === 'waitVotes' ? [] : c.participants })

/** The message the coordinator's phase sends to each participant. */
const phaseMessage = (node: string, x: Coordinator, p: string): Msg | null => {
  const type = x.phase === 'waitAcks' ? 'PreCommit' : x.phase === 'committed' ? 'DoCommit' : x.phase === 'aborted' ? 'Abort' : null
  return type === null ? null : envelope<Msg>(node, p, type)
}

/** The participants `reachable` says are up and reachable (p included), in election order. */
const viewOf = (c: Config, reachable: (q: string) => boolean): string[] => c.participants.filter(reachable)

/** The participants up and reachable from `p` (p included), in election order. */
// mutants: the steps elect through `ctx.reachable` (`terminate`), not through this helper, so the
// specs do not see a change here; test/models/seed/commit.test.ts checks it (a partition's two sides).
export const view = (c: Config, s: State, p: string): string[] =>
  viewOf(c, (q) => isUp(s.net, q) && !separates(s.net.partition, p, q))

// ---- coordinator actions ---------------------------------------------------------------------

/** CanCommit: the coordinator asks every participant whether it can commit. */
export function start(c: Config, node: string, x: Coordinator): CoordinatorStep {
  if (x.phase !== 'init') return null
  return { local: enter(c, 'waitVotes'), send: c.participants.map((p) => envelope<Msg>(node, p, 'CanCommit')) }
}

/** Every vote was Yes: the coordinator enters PreCommit (and sends it, `sendTo`). */
export function preCommit(c: Config, r: Rules, x: Coordinator): CoordinatorStep {
  const need = r.preCommitNeedsAllVotes ? c.participants.length : 1
  if (x.phase !== 'waitVotes' || x.got.length < need) return null
  return { local: enter(c, 'waitAcks') }
}

/** Every participant Acked the PreCommit: the coordinator commits (and sends DoCommit). */
export function doCommit(c: Config, x: Coordinator): CoordinatorStep {
  // mutants: committing before every Ack (`… > 0 && x.got.length < …`) is safe while no message is
  // lost (a live participant's PreCommit lands before it can run the termination protocol); a lost
  // PreCommit makes it unsafe: `three-phase-commit-skeen-drops.ts` catches it. Dropping the
  // outbox test alone (`x.outbox.length < 0`) is equivalent: `enter` empties `got` and fills the
  // outbox once per phase, an Ack answers only the coordinator's PreCommit, and `sendTo` takes p
  // out of the outbox as it sends one, so every Ack in means an empty outbox.
  if (x.phase !== 'waitAcks' || x.outbox.length > 0 || x.got.length < c.participants.length) return null
  return { local: enter(c, 'committed') }
}

/** The coordinator `x` with `got` and `outbox` replaced: written out, not spread (`{ ...x, got }`),
 * which takes V8's slow clone path (as in three-phase-commit.ts). */
const withSets = (x: Coordinator, got: SetOf<string>, outbox: SetOf<string>): Coordinator => ({ phase: x.phase, got, outbox })

/** `Send`'s choices: the phase's message to each participant in the outbox. */
const sendChoices = (n: string, x: Coordinator): readonly Params[] => outboxChoices(x.outbox, n, x, phaseMessage, messageLabel)
const NO_CHOICES: readonly Params[] = []

/** The coordinator sends this phase's message to participant p. */
export function sendTo(node: string, x: Coordinator, p: string): CoordinatorStep {
  const m = phaseMessage(node, x, p)
  // mutants: `m === null` and the outbox test are redundant (Send is offered only for p in the
  // outbox, with a message): equivalent. (A crashed coordinator takes no step: the harness offers
  // a node's local actions only while it is up.)
  if (m === null || !x.outbox.includes(p)) return null
  return { local: withSets(x, x.got, x.outbox.filter((y) => y !== p)), send: [m] }
}

/** The coordinator times out on a failed participant: waiting for votes → abort; waiting for
 * Acks → commit (every participant voted Yes; the failed ones learn the outcome on recovery).
 * Accurate: nothing for it can arrive (`whenQuiet`) and the failure detector says a participant
 * it waits on is down or cut off. */
export function coordinatorTimeout(c: Config, x: Coordinator, ctx: Context<Msg, State>): CoordinatorStep {
  const { phase, got, outbox } = x
  if ((phase !== 'waitVotes' && phase !== 'waitAcks') || outbox.length > 0) return null
  const missing = c.participants.filter((p) => !got.includes(p))
  // mutants: an inaccurate timeout here (the detector test deleted) is safe while votes wait
  // (abort is always allowed then) and, like a commit before every Ack, safe while no PreCommit
  // is lost: `three-phase-commit-skeen-drops.ts` catches it.
  if (missing.length === 0 || missing.every((p) => ctx.reachable(p))) return null
  return { local: enter(c, phase === 'waitVotes' ? 'aborted' : 'committed') }
}

/** The coordinator receives a vote while collecting (a No aborts), or an Ack while waiting. */
export function onCoordinatorReceive(c: Config, x: Coordinator, m: Msg): CoordinatorStep {
  if (m.type === 'Vote') {
    if (x.phase !== 'waitVotes') return null
    if (!m.yes) return { local: enter(c, 'aborted') }
    return { local: withSets(x, setAdd(x.got, m.from), x.outbox) }
  }
  if (m.type === 'Ack') return x.phase !== 'waitAcks' ? null : { local: withSets(x, setAdd(x.got, m.from), x.outbox) }
  return null
}

/**
 * Whether the coordinator in state `x` ignores `m` for good (the harness then drops it:
 * `ignoresForever`): a Vote once the phase is past waitVotes, an Ack once it is decided. The
 * phase only goes forward (init, waitVotes, waitAcks, then committed or aborted, both final; a
 * crashed coordinator stays down as it was), and `onCoordinatorReceive` reads a Vote only in
 * waitVotes and an Ack only in waitAcks. (Only Votes and Acks are ever sent to it.)
 * mutants: the harness delivers each message this drops first, and a delivery that changes
 * anything is a model error: a rule that drops a message the handler uses fails every spec that
 * reaches one, and one that drops less changes the counts.
 */
export function coordinatorIgnoresForever(x: Coordinator, m: Msg): boolean {
  const decided = x.phase === 'committed' || x.phase === 'aborted'
  return m.type === 'Vote' ? decided || x.phase === 'waitAcks' : m.type === 'Ack' && decided
}

function coordinatorRole(r: Rules): Role<Config, Coordinator, Msg, object, State> {
  return {
    nodes: (c) => [c.coordinator],
    init: coordinatorInit,
    schema: coordinatorSchema,
    receive: (c, _n, x, m) => onCoordinatorReceive(c, x, m),
    ignoresForever: (_c, _n, x, m) => coordinatorIgnoresForever(x, m),
    actions: [
      { name: 'Start', fire: (c, n, x) => start(c, n, x) },
      { name: 'PreCommit', fire: (c, _n, x) => preCommit(c, r, x) },
      { name: 'DoCommit', fire: (c, _n, x) => doCommit(c, x) },
      {
        name: 'Send',
        params: (_c, n, x) => sendChoices(n, x),
        fire: (_c, n, x, p) => sendTo(n, x, p.to as string),
      },
      { name: 'Timeout', kind: 'timeout', whenQuiet: true, reads: ['detector'], fire: (c, _n, x, _p, ctx) => coordinatorTimeout(c, x, ctx) },
    ],
  }
}

// ---- participant actions ---------------------------------------------------------------------

/** A participant that cannot commit aborts (it answers No when asked). */
export function refuse(x: PartState): ParticipantStep {
  return x === 'init' ? { local: 'aborted' } : null
}

/** A participant loses the coordinator (nothing for it can arrive, and the failure detector says
 * the coordinator is down or cut off): before voting it aborts on its own; uncertain, it commits
 * on its own only under the buggy rule `readyTimeout: 'commit'` (otherwise `terminate`). */
export function participantTimeout(c: Config, r: Rules, x: PartState, ctx: Context<Msg, State>): ParticipantStep {
  // mutants: weakening this guard (deleted, or `&&`) only lets a participant that has not voted
  // abort at any time, like `Refuse`: safe (nobody can commit without its vote), counts only (the
  // same step as Refuse's under another name; bench/results/mutants-hand-written-7.txt: K4).
  if (ctx.reachable(c.coordinator)) return null
  if (x === 'init') return { local: 'aborted' }
  // mutants: `readyTimeout` is 'terminate' in the correct rules, so a change to this line shows
  // only in the ready-commit variant's spec (its violation still found; counts).
  if (x === 'ready' && r.readyTimeout === 'commit') return { local: 'committed' }
  return null
}

/** BHG's termination rule applied to the states of a view (see the header). */
export function terminationRule(r: Rules, xs: readonly PartState[]): 'TR1' | 'TR2' | 'TR3' | 'TR4-precommit' | 'TR4-commit' {
  if (xs.includes('aborted') || xs.includes('init')) return 'TR1'
  if (xs.includes('committed')) return 'TR2'
  if (xs.every((x) => x === 'ready')) return 'TR3'
  return xs.every((x) => x === 'precommitted') ? 'TR4-commit' : 'TR4-precommit'
}

/** Participant p, the recovery coordinator of its view, runs one round of the termination
 * protocol: it reads its view's states and decides (or moves the uncertain ones to PreCommit).
 * It has lost the coordinator: nothing for it can arrive (`whenQuiet`), and the failure detector
 * says the coordinator is down or cut off. */
export function terminate(c: Config, r: Rules, p: string, x: PartState, ctx: Context<Msg, State>): [string, ParticipantStep] | null {
  // mutants: `!undecided` is implied by the election below (p must be the first undecided
  // participant of its view): weakening it is equivalent. The `readyTimeout` test matters only
  // to the ready-commit variant (whose violation is still found without it).
  if (!undecided(x) || (x === 'ready' && r.readyTimeout !== 'terminate')) return null
  // mutants: a view of only the undecided participants (and p) is equivalent under crash-only
  // faults: a committed participant never coexists with a live ready one, nor an aborted one with
  // a precommitted one, so TR3/TR4 decide as TR1/TR2 would; a participant that has not voted gets
  // no Abort then, and aborts on its own timeout (every verdict unchanged).
  const v = viewOf(c, (q) => ctx.reachable(q))
  const s = ctx.state
  if (v.find((q) => undecided(st(s, q))) !== p || ctx.reachable(c.coordinator)) return null
  const rule = terminationRule(r, v.map((q) => st(s, q)))
  const decide = (d: 'committed' | 'aborted'): ParticipantStep => {
    const type = d === 'committed' ? 'DoCommit' : 'Abort'
    // mutants: `||` also sends the decision to p itself and to those already decided: both ignore
    // it (equivalent, counts only).
    const to = v.filter((q) => q !== p && st(s, q) !== d)
    return { local: d, send: to.map((q) => envelope<Msg>(p, q, type)) }
  }
  switch (rule) {
    case 'TR1':
      return [rule, decide('aborted')]
    case 'TR2':
    case 'TR4-commit':
      return [rule, decide('committed')]
    case 'TR3':
      return [rule, decide(r.allUncertain === 'abort' ? 'aborted' : 'committed')]
    case 'TR4-precommit': {
      const to = v.filter((q) => st(s, q) === 'ready' && q !== p).map((q) => envelope<Msg>(p, q, 'PreCommit'))
      const fresh = to.filter((m) => !ctx.inFlight(m))
      if (x === 'precommitted' && fresh.length === 0) return null // waiting for the PreCommits to land
      return [rule, { local: 'precommitted', send: fresh }]
    }
  }
}

/** A participant receives a message from the coordinator (or a recovery coordinator). */
export function onParticipantReceive(c: Config, r: Rules, p: string, x: PartState, m: Msg): ParticipantStep {
  switch (m.type) {
    case 'CanCommit': {
      if (x === 'init') return { local: 'ready', send: [envelope<Msg>(p, m.from, 'Vote', true)] }
      return x === 'aborted' ? { local: x, send: [envelope<Msg>(p, m.from, 'Vote', false)] } : null
    }
    case 'PreCommit': {
      if (!undecided(x)) return null
      // Acks go to the original coordinator; a recovery coordinator reads states instead.
      return { local: 'precommitted', send: m.from === c.coordinator ? [envelope<Msg>(p, m.from, 'Ack')] : [] }
    }
    case 'DoCommit':
      return undecided(x) ? { local: 'committed' } : null
    case 'Abort': {
      // mutants: dropping `x === 'aborted'` is equivalent (it sets 'aborted' again); dropping
      // `x === 'committed'` only matters once AtomicCommit is already broken (an Abort reaches a
      // committed participant only if someone decided abort while someone committed; handling one,
      // which `participantIgnoresForever` drops, is a model error in the ignore-abort variant). The
      // `abortAfterPreCommit` test matters only to the ignore-abort variant (its violation found).
      if (x === 'committed' || x === 'aborted' || (x === 'precommitted' && !r.abortAfterPreCommit)) return null
      return { local: 'aborted' }
    }
    // mutants: no participant is sent a Vote or an Ack, so these labels are never matched (one
    // made 'Nack' survives).
    case 'Vote':
    case 'Ack':
      return null
  }
}

/**
 * Whether a participant in state `x` ignores `m` for good (the harness then drops it:
 * `ignoresForever`): once decided, everything but a CanCommit to an aborted one (answered No). A
 * decision is final under every rule set: `Refuse`, `Timeout` and `Terminate` act only before it,
 * no handler changes a decided participant, and a crashed node stays down. Most
 * of what this drops is a decision sent to a participant that had already taken it. The
 * termination protocol's `inFlight` read asks about PreCommits to uncertain participants only, and
 * TerminationPreCommits is reached as such a PreCommit is sent, to an undecided participant.
 */
export function participantIgnoresForever(x: PartState, m: Msg): boolean {
  return x === 'committed' || (x === 'aborted' && m.type !== 'CanCommit')
}

/** `[{ rule }]`, Terminate's one choice, one frozen instance per rule: the harness finds a frozen
 * parameter object's step by identity (`LocalAction.params`), where a fresh one costs a record
 * and a key string per step. */
const ruleChoice = (rule: string): readonly Params[] => {
  let made = ruleChoices.get(rule)
  if (made === undefined) ruleChoices.set(rule, (made = Object.freeze([Object.freeze({ rule })])))
  return made
}
const ruleChoices = new Map<string, readonly Params[]>()

function participantRole(r: Rules): Role<Config, PartState, Msg, object, State> {
  const terminateAction: LocalAction<Config, PartState, Msg, object, State> = {
    name: 'Terminate',
    whenQuiet: true,
    reads: ['detector', 'state', 'inFlight'],
    params: (c, n, x, ctx) => {
      const t = terminate(c, r, n, x, ctx)
      return t === null || t[1] === null ? NO_CHOICES : ruleChoice(t[0])
    },
    fire: (c, n, x, _p, ctx) => terminate(c, r, n, x, ctx)?.[1] ?? null,
  }
  return {
    nodes: (c) => c.participants,
    init: () => 'init',
    schema: participantSchema,
    receive: (c, n, x, m) => onParticipantReceive(c, r, n, x, m),
    ignoresForever: (_c, _n, x, m) => participantIgnoresForever(x, m),
    actions: [
      { name: 'Refuse', fire: (_c, _n, x) => refuse(x) },
      { name: 'Timeout', kind: 'timeout', whenQuiet: true, reads: ['detector'], fire: (c, _n, x, _p, ctx) => participantTimeout(c, r, x, ctx) },
      terminateAction,
    ],
  }
}

// ---- properties ------------------------------------------------------------------------------

/** The participants' states, in `c.participants` order, remembered for the last participants
 * record (as in three-phase-commit.ts). */
const statesOf = lastAnswer((c: Config, parts: State['participants']): readonly PartState[] => c.participants.map((p) => parts[p] as PartState))
const states = (c: Config, s: State): readonly PartState[] => statesOf(c, s.participants)
/** The coordinator is down or cut off from some participant (what starts the termination protocol). */
const coordLost = (c: Config, s: State): boolean =>
  !isUp(s.net, c.coordinator) || c.participants.some((p) => separates(s.net.partition, c.coordinator, p))

/** Atomic commit: no participant committed while another aborted. */
export const atomicCommit = (c: Config, s: State): boolean => {
  const x = states(c, s)
  return !(x.includes('committed') && x.includes('aborted'))
}

/** No participant decided against the coordinator's decision. */
export const followsCoordinator = (c: Config, s: State): boolean => {
  const x = states(c, s)
  const { phase } = coord(c, s)
  return !(phase === 'committed' && x.includes('aborted')) && !(phase === 'aborted' && x.includes('committed'))
}

const decided = (x: PartState): boolean => x === 'committed' || x === 'aborted'

export type SkeenModel = ActorModel<Config, Roles, Msg, object>

export function threePhaseCommitSkeenModel(name: string, rules: Rules): SkeenModel {
  return actorModel<Config, Roles, Msg, object>({
    name,
    roles: { coordinator: coordinatorRole(rules), participants: participantRole(rules) },
    // Crash-stop: crashed nodes stay down (see the header).
    network: (c) => ({ semantics: 'bag', budget: c.budget, crashable: c.crashable, restart: false, ...(c.partitions ? { partitions: c.partitions } : {}) }),
    message: messageSchema,
    properties: [
      // What each compares (never reached: reported vacuous): two decided participants; a
      // decided participant and a decided coordinator. That decisions are taken with the
      // coordinator lost is shown by the Termination* witnesses.
      always('AtomicCommit', atomicCommit, { when: (c, s) => states(c, s).filter(decided).length > 1 }),
      always('FollowsCoordinator', followsCoordinator, {
        when: (c, s) => (coord(c, s).phase === 'committed' || coord(c, s).phase === 'aborted') && states(c, s).some(decided),
      }),
      sometimes('AllCommitted', (c, s) => states(c, s).every((x) => x === 'committed')),
      sometimes('AllAborted', (c, s) => states(c, s).every((x) => x === 'aborted')),
      // The termination protocol decides after the coordinator was lost between PreCommit and
      // DoCommit (every participant voted Yes and the coordinator has not decided, so only a
      // recovery coordinator can have decided):
      sometimes('TerminationCommits', (c, s) => coordLost(c, s) && coord(c, s).phase === 'waitAcks' && states(c, s).includes('committed')),
      sometimes('TerminationAborts', (c, s) => coordLost(c, s) && coord(c, s).phase === 'waitAcks' && states(c, s).includes('aborted')),
      // TR4: a recovery coordinator moves an uncertain participant to pre-commit.
      sometimes('TerminationPreCommits', (c, s) => messages(s.net).some((m) => m.type === 'PreCommit' && m.from !== c.coordinator)),
    ],
    validate: (c) => (c.participants.length < 1 ? 'at least one participant is needed' : undefined),
  })
}

export const threePhaseCommitSkeen: SkeenModel = threePhaseCommitSkeenModel('three-phase-commit-skeen', correctRules)
