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
 * Buggy variants, one rule each (`Rules`): three-phase-commit-skeen-ready-commit.ts,
 * -ignore-abort.ts, -uncertain-commit.ts, -early-precommit.ts.
 */
import { Steps, always, mapFrom, setAdd, sometimes } from '../src/index.ts'
import type { Model, SetOf } from '../src/index.ts'
import type { CrashAction, DeliverAction, FaultBudget, Groups, Network, NetworkFaultAction } from '../src/net/index.ts'
import { contains, crash, crashable, deliverableTo, deliveries, isUp, messageLabel, messages, network, networkFaults, send, sendAll, separates } from '../src/net/index.ts'

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

export type State = {
  readonly coord: Coordinator
  readonly parts: Readonly<Record<string, PartState>>
  readonly net: Network<Msg>
}

export type Action =
  | { readonly name: 'Start'; readonly node: string }
  | { readonly name: 'PreCommit'; readonly node: string }
  | { readonly name: 'DoCommit'; readonly node: string }
  | { readonly name: 'Send'; readonly node: string; readonly to: string; readonly label: string }
  | { readonly name: 'Timeout'; readonly node: string }
  | { readonly name: 'Refuse'; readonly node: string }
  | { readonly name: 'Terminate'; readonly node: string; readonly rule: string }
  | DeliverAction<Msg>
  | NetworkFaultAction<Msg>
  | CrashAction

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  return {
    coord: { phase: 'init', got: [], outbox: [] },
    parts: mapFrom(c.participants, () => 'init' as PartState),
    net: network('bag'),
  }
}

// ---- helpers ---------------------------------------------------------------------------------

const st = (s: State, p: string): PartState => s.parts[p] as PartState
const setPart = (s: State, p: string, x: PartState): State => ({ ...s, parts: { ...s.parts, [p]: x } })
const coordUp = (c: Config, s: State): boolean => isUp(s.net, c.coordinator)
const undecided = (x: PartState): boolean => x === 'ready' || x === 'precommitted'
const enter = (c: Config, s: State, phase: CoordPhase): State => ({
  ...s,
  coord: { phase, got: [], outbox: phase === 'waitVotes' ? [] : c.participants },
})

/** The message the coordinator's phase sends to each participant. */
const phaseMessage = (c: Config, s: State, p: string): Msg | null => {
  const phase = s.coord.phase
  const type = phase === 'waitAcks' ? 'PreCommit' : phase === 'committed' ? 'DoCommit' : phase === 'aborted' ? 'Abort' : null
  return type === null ? null : { from: c.coordinator, to: p, type }
}

/** Accurate timeout: nothing for `n` is deliverable and some peer it waits on is down or cut off. */
const mayTimeOut = (s: State, n: string, peers: readonly string[]): boolean =>
  deliverableTo(s.net, n).length === 0 && peers.some((q) => !isUp(s.net, q) || separates(s.net.partition, q, n))

/** The participants up and reachable from `p` (p included), in election order. */
export const view = (c: Config, s: State, p: string): string[] =>
  c.participants.filter((q) => isUp(s.net, q) && !separates(s.net.partition, p, q))

// ---- coordinator actions ---------------------------------------------------------------------

/** CanCommit: the coordinator asks every participant whether it can commit. */
export function start(c: Config, s: State): State | null {
  if (!coordUp(c, s) || s.coord.phase !== 'init') return null
  const net = sendAll(s.net, c.participants.map((p): Msg => ({ from: c.coordinator, to: p, type: 'CanCommit' })))
  return { ...enter(c, s, 'waitVotes'), net }
}

/** Every vote was Yes: the coordinator enters PreCommit (and sends it, `sendTo`). */
export function preCommit(c: Config, r: Rules, s: State): State | null {
  const need = r.preCommitNeedsAllVotes ? c.participants.length : 1
  if (!coordUp(c, s) || s.coord.phase !== 'waitVotes' || s.coord.got.length < need) return null
  return enter(c, s, 'waitAcks')
}

/** Every participant Acked the PreCommit: the coordinator commits (and sends DoCommit). */
export function doCommit(c: Config, s: State): State | null {
  const k = s.coord
  // mutants: committing before every Ack (`… > 0 && k.got.length < …`) is safe while no message is
  // lost (a live participant's PreCommit lands before it can run the termination protocol); a lost
  // PreCommit makes it unsafe: `three-phase-commit-skeen-drops.ts` catches it.
  if (!coordUp(c, s) || k.phase !== 'waitAcks' || k.outbox.length > 0 || k.got.length < c.participants.length) return null
  return enter(c, s, 'committed')
}

/** The coordinator sends this phase's message to participant p. */
export function sendTo(c: Config, s: State, p: string): State | null {
  const m = phaseMessage(c, s, p)
  // mutants: `m === null` and the outbox test are redundant (`next` offers Send only for p in the
  // outbox, with a message): equivalent. Without `!coordUp` a crashed coordinator finishes its
  // broadcast, as if it had sent before crashing: the model already lets such a message land
  // after a termination protocol read the states (safe, counts only).
  if (!coordUp(c, s) || m === null || !s.coord.outbox.includes(p)) return null
  return { ...s, coord: { ...s.coord, outbox: s.coord.outbox.filter((x) => x !== p) }, net: send(s.net, m) }
}

/** The coordinator times out on a failed participant: waiting for votes → abort; waiting for
 * Acks → commit (every participant voted Yes; the failed ones learn the outcome on recovery). */
export function coordinatorTimeout(c: Config, s: State): State | null {
  const { phase, got, outbox } = s.coord
  if (!coordUp(c, s) || (phase !== 'waitVotes' && phase !== 'waitAcks') || outbox.length > 0) return null
  const missing = c.participants.filter((p) => !got.includes(p))
  // mutants: an inaccurate timeout here (guard deleted, or `&&`) is safe while votes wait (abort
  // is always allowed then) and, like a commit before every Ack, safe while no PreCommit is lost:
  // `three-phase-commit-skeen-drops.ts` catches it.
  if (missing.length === 0 || !mayTimeOut(s, c.coordinator, missing)) return null
  return enter(c, s, phase === 'waitVotes' ? 'aborted' : 'committed')
}

// ---- participant actions ---------------------------------------------------------------------

/** A participant that cannot commit aborts (it answers No when asked). */
export function refuse(_c: Config, s: State, p: string): State | null {
  return isUp(s.net, p) && st(s, p) === 'init' ? setPart(s, p, 'aborted') : null
}

/** A participant loses the coordinator: before voting it aborts on its own; uncertain, it commits
 * on its own only under the buggy rule `readyTimeout: 'commit'` (otherwise `terminate`). */
export function participantTimeout(c: Config, r: Rules, s: State, p: string): State | null {
  const x = st(s, p)
  // mutants: weakening this guard (deleted, or `&&`) only lets a participant that has not voted
  // abort at any time, like `Refuse`, or while down: safe (nobody can commit without its vote),
  // counts only.
  if (!isUp(s.net, p) || !mayTimeOut(s, p, [c.coordinator])) return null
  if (x === 'init') return setPart(s, p, 'aborted')
  // mutants: `readyTimeout` is 'terminate' in the correct rules, so a change to this line shows
  // only in the ready-commit variant's spec (its violation still found; counts).
  if (x === 'ready' && r.readyTimeout === 'commit') return setPart(s, p, 'committed')
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
 * protocol: it reads its view's states and decides (or moves the uncertain ones to PreCommit). */
export function terminate(c: Config, r: Rules, s: State, p: string): [string, State] | null {
  const x = st(s, p)
  // mutants: `!isUp` and `!undecided` are implied by the election below (p must be the first up,
  // undecided participant of its view): weakening them is equivalent. The `readyTimeout` test
  // matters only to the ready-commit variant (whose violation is still found without it).
  if (!isUp(s.net, p) || !undecided(x) || (x === 'ready' && r.readyTimeout !== 'terminate')) return null
  const v = view(c, s, p)
  if (v.find((q) => undecided(st(s, q))) !== p || !mayTimeOut(s, p, [c.coordinator])) return null
  const rule = terminationRule(r, v.map((q) => st(s, q)))
  const decide = (d: 'committed' | 'aborted'): State => {
    const type = d === 'committed' ? 'DoCommit' : 'Abort'
    // mutants: `||` also sends the decision to p itself and to those already decided: both ignore
    // it (equivalent, counts only).
    const to = v.filter((q) => q !== p && st(s, q) !== d)
    return { ...setPart(s, p, d), net: sendAll(s.net, to.map((q): Msg => ({ from: p, to: q, type }))) }
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
      const to = v.filter((q) => st(s, q) === 'ready' && q !== p).map((q): Msg => ({ from: p, to: q, type: 'PreCommit' }))
      const fresh = to.filter((m) => !contains(s.net, m))
      if (x === 'precommitted' && fresh.length === 0) return null // waiting for the PreCommits to land
      return [rule, { ...setPart(s, p, 'precommitted'), net: sendAll(s.net, fresh) }]
    }
  }
}

export function onReceive(c: Config, r: Rules, s: State, m: Msg): State {
  const reply = (x: Msg): State => ({ ...s, net: send(s.net, x) })
  const p = m.to
  switch (m.type) {
    case 'CanCommit': {
      const x = st(s, p)
      if (x === 'init') return setPart(reply({ from: p, to: m.from, type: 'Vote', yes: true }), p, 'ready')
      return x === 'aborted' ? reply({ from: p, to: m.from, type: 'Vote', yes: false }) : s
    }
    case 'PreCommit': {
      if (!undecided(st(s, p))) return s
      // Acks go to the original coordinator; a recovery coordinator reads states instead.
      const acked = m.from === c.coordinator ? reply({ from: p, to: m.from, type: 'Ack' }) : s
      return setPart(acked, p, 'precommitted')
    }
    case 'DoCommit':
      return undecided(st(s, p)) ? setPart(s, p, 'committed') : s
    case 'Abort': {
      const x = st(s, p)
      // mutants: dropping `x === 'aborted'` is equivalent (it sets 'aborted' again); dropping
      // `x === 'committed'` only matters once AtomicCommit is already broken (an Abort reaches a
      // committed participant only if someone decided abort while someone committed). The
      // `abortAfterPreCommit` test matters only to the ignore-abort variant (its violation found).
      if (x === 'committed' || x === 'aborted' || (x === 'precommitted' && !r.abortAfterPreCommit)) return s
      return setPart(s, p, 'aborted')
    }
    case 'Vote': {
      if (s.coord.phase !== 'waitVotes') return s
      if (!m.yes) return enter(c, s, 'aborted')
      return { ...s, coord: { ...s.coord, got: setAdd(s.coord.got, m.from) } }
    }
    case 'Ack':
      return s.coord.phase !== 'waitAcks' ? s : { ...s, coord: { ...s.coord, got: setAdd(s.coord.got, m.from) } }
  }
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, r: Rules, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  const co = c.coordinator
  out.add({ name: 'Start', node: co }, start(c, s))
  out.add({ name: 'PreCommit', node: co }, preCommit(c, r, s))
  out.add({ name: 'DoCommit', node: co }, doCommit(c, s))
  for (const p of s.coord.outbox) {
    const m = phaseMessage(c, s, p)
    if (m) out.add({ name: 'Send', node: co, to: p, label: messageLabel(m) }, sendTo(c, s, p))
  }
  out.add({ name: 'Timeout', node: co }, coordinatorTimeout(c, s))
  for (const p of c.participants) {
    out.add({ name: 'Refuse', node: p }, refuse(c, s, p))
    out.add({ name: 'Timeout', node: p }, participantTimeout(c, r, s, p))
    const t = terminate(c, r, s, p)
    if (t) out.add({ name: 'Terminate', node: p, rule: t[0] }, t[1])
  }
  for (const d of deliveries(s.net)) out.add(d.action, onReceive(c, r, { ...s, net: d.net }, d.action.msg))
  for (const f of networkFaults(s.net, c.budget, { nodes: [co, ...c.participants], ...(c.partitions ? { partitions: c.partitions } : {}) })) out.add(f.action, { ...s, net: f.net })
  for (const n of crashable(s.net, c.budget, c.crashable)) out.add({ name: 'Crash', node: n }, { ...s, net: crash(s.net, n) })
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

const states = (c: Config, s: State): PartState[] => c.participants.map((p) => st(s, p))
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
  const { phase } = s.coord
  return !(phase === 'committed' && x.includes('aborted')) && !(phase === 'aborted' && x.includes('committed'))
}

const decided = (x: PartState): boolean => x === 'committed' || x === 'aborted'

export function threePhaseCommitSkeenModel(name: string, rules: Rules): Model<Config, State, Action> {
  return {
    name,
    init: (c) => [init(c)],
    next: (c, s) => next(c, rules, s),
    actions: ['Start', 'PreCommit', 'DoCommit', 'Send', 'Timeout', 'Refuse', 'Terminate', 'Deliver', 'Drop', 'Duplicate', 'Partition', 'Heal', 'Crash'],
    properties: [
      // What each compares (never reached: reported vacuous): two decided participants; a
      // decided participant and a decided coordinator. That decisions are taken with the
      // coordinator lost is shown by the Termination* witnesses.
      always('AtomicCommit', atomicCommit, { when: (c, s) => states(c, s).filter(decided).length > 1 }),
      always('FollowsCoordinator', followsCoordinator, { when: (c, s) => (s.coord.phase === 'committed' || s.coord.phase === 'aborted') && states(c, s).some(decided) }),
      sometimes('AllCommitted', (c, s) => states(c, s).every((x) => x === 'committed')),
      sometimes('AllAborted', (c, s) => states(c, s).every((x) => x === 'aborted')),
      // The termination protocol decides after the coordinator was lost between PreCommit and
      // DoCommit (every participant voted Yes and the coordinator has not decided, so only a
      // recovery coordinator can have decided):
      sometimes('TerminationCommits', (c, s) => coordLost(c, s) && s.coord.phase === 'waitAcks' && states(c, s).includes('committed')),
      sometimes('TerminationAborts', (c, s) => coordLost(c, s) && s.coord.phase === 'waitAcks' && states(c, s).includes('aborted')),
      // TR4: a recovery coordinator moves an uncertain participant to pre-commit.
      sometimes('TerminationPreCommits', (c, s) => messages(s.net).some((m) => m.type === 'PreCommit' && m.from !== c.coordinator)),
    ],
    validate: (c) => (c.participants.length < 1 ? 'at least one participant is needed' : undefined),
  }
}

export const threePhaseCommitSkeen = threePhaseCommitSkeenModel('three-phase-commit-skeen', correctRules)
