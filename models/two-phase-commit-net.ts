/**
 * Two-phase commit as message passing, with crashes and restarts — the protocol of the seed's
 * "二阶段提交协议（2PC）" section (distributed-systems-notes.zh.md), with its failure modes left to
 * the checker to find.
 *
 * A coordinator `c` and participants p1..pn are nodes of a `bag` network (src/net): Prepare, votes
 * and decisions are messages. Phase 1: the coordinator sends Prepare; a participant that can commit
 * forces its Yes vote to its log and answers Yes; one that cannot (`Refuse`, spontaneous, like
 * TwoPhase.tla's RMChooseToAbort) logs No and aborts. Phase 2: with every vote Yes the coordinator
 * logs Commit and sends it; on a No, or a timeout while collecting votes, it logs Abort and sends
 * that, one participant at a time (a crash can strike mid-broadcast, as the seed's failures 3 and 4
 * need). Prepare goes out to all in one step. Participants apply the decision they receive.
 *
 * Durable (survives a crash): the coordinator's decision; a participant's vote and outcome.
 * Volatile: the coordinator's phase and the votes it has collected. A restarted coordinator goes
 * on from its log: with a decision it re-sends it (`Recover`); without one it starts the vote
 * again (`Prepare`). A restarted participant answers a Prepare with the vote in its log.
 * Timeouts fire only when no message for the node can be delivered (nothing will come).
 * In this correct version a prepared participant has no timeout: it waits — the blocking the
 * seed describes. `two-phase-commit-net-timeout-abort.ts` adds the common broken fix.
 *
 * Written with the actor harness (src/net/actor.ts): each role's handlers see only their node's
 * state and the message; the harness generates deliveries, faults, crashes and restarts. The
 * counts were those of the hand-written version it replaced (specs/two-phase-commit-net*.ts)
 * until the messages a node ignores for good left the network as soon as they are such
 * (`ignoresForever`; each spec's `source` keeps the count before).
 *
 * Left out: completion acks ("完成" messages; they do not affect the outcome), coordinator
 * election, participant-to-participant termination protocols.
 */
import { always, schema, setAdd, sometimes } from '../src/index.ts'
import type { Params, Schema, SetOf } from '../src/index.ts'
import type { ActorAction, ActorDefinition, ActorModel, ActorState, LocalAction, NodeState, Outcome, Role } from '../src/net/index.ts'
import { actorModel, isUp, messageLabel, messages } from '../src/net/index.ts'
import type { FaultBudget } from '../src/net/index.ts'
import { envelope, lastAnswer, outboxChoices } from './intern.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly coordinator: string
  readonly participants: readonly string[]
  /** The nodes that may crash (within `budget.crash`). */
  readonly crashable: readonly string[]
  readonly budget: FaultBudget
}

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Prepare' }
  | { readonly from: string; readonly to: string; readonly type: 'Vote'; readonly yes: boolean }
  | { readonly from: string; readonly to: string; readonly type: 'Commit' }
  | { readonly from: string; readonly to: string; readonly type: 'Abort' }

// ---- state -----------------------------------------------------------------------------------

export type Decision = 'none' | 'commit' | 'abort'

/** Durable: the decision, logged before it is sent. Volatile: the phase and the Yes votes. */
export type Coordinator = NodeState<
  { readonly decision: Decision },
  {
    readonly phase: 'init' | 'collecting' | 'done'
    readonly yes: SetOf<string>
    /** Participants the decision still has to be sent to (one message per step). */
    readonly outbox: SetOf<string>
  }
>

/** Durable: the vote forced to the log, and the outcome applied. No volatile state. */
export type Participant = NodeState<
  { readonly vote: 'none' | 'yes' | 'no'; readonly outcome: 'none' | 'committed' | 'aborted' },
  null
>

type Roles = { coordinator: Coordinator; participants: Participant }
/** `{ coordinator: { c: … }, participants: { p1: …, p2: … }, net }` */
export type State = ActorState<Roles, Msg>
export type Action = ActorAction<Msg>

const FRESH: Coordinator['volatile'] = { phase: 'init', yes: [], outbox: [] }

const messageSchema = (c: Config): Schema => {
  const node = schema.enum(c.coordinator, ...c.participants)
  return schema.union('type', {
    Prepare: { from: node, to: node },
    Vote: { from: node, to: node, yes: schema.bool() },
    Commit: { from: node, to: node },
    Abort: { from: node, to: node },
  })
}

// ---- init ------------------------------------------------------------------------------------

const coordinatorInit = (): Coordinator => ({ durable: { decision: 'none' }, volatile: FRESH })
const participantInit = (): Participant => ({ durable: { vote: 'none', outcome: 'none' }, volatile: null })

// ---- coordinator actions ---------------------------------------------------------------------

type CoordinatorStep = Outcome<Coordinator, Msg, object> | null

/** The coordinator, with no decision logged, asks every participant to prepare (again, after a
 * restart). */
export function prepare(c: Config, node: string, x: Coordinator): CoordinatorStep {
  // mutants: `phase !== 'init' && …` re-sends Prepare while collecting: safe (votes are logged,
  // re-asking is idempotent) but the bag grows without bound (liveness specs time out).
  if (x.volatile.phase !== 'init' || x.durable.decision !== 'none') return null
  return {
    local: { durable: x.durable, volatile: { phase: 'collecting', yes: [], outbox: [] } },
    send: c.participants.map((p) => envelope<Msg>(node, p, 'Prepare')),
  }
}

/** The coordinator logs its decision; it then sends it to the participants one by one (`send`),
 * so a crash can strike mid-broadcast. Commit needs a Yes from every participant; Abort is
 * decided on a No vote (`onVote`) or a timeout (`coordinatorTimeout`). */
export function decide(c: Config, x: Coordinator, decision: 'commit' | 'abort'): Coordinator {
  return { durable: { decision }, volatile: { phase: 'done', yes: x.volatile.yes, outbox: c.participants } }
}

export function decideCommit(c: Config, _node: string, x: Coordinator): CoordinatorStep {
  const v = x.volatile
  // mutants: `phase !== 'collecting' && …` lets a coordinator holding every Yes decide Commit
  // again after deciding it: safe (it re-sends Commit) but unbounded (liveness specs time out).
  if (v.phase !== 'collecting' || v.yes.length < c.participants.length) return null
  return { local: decide(c, x, 'commit') }
}

/** Collecting votes, the coordinator times out and aborts. The harness fires it only when no
 * message to the coordinator can be delivered (`whenQuiet`: no vote can arrive any more).
 * mutants: firing it with votes still in flight is safe in 2PC — a coordinator that has not
 * decided may always abort — so it only adds states (counts). */
export function coordinatorTimeout(c: Config, _node: string, x: Coordinator): CoordinatorStep {
  const v = x.volatile
  if (v.phase !== 'collecting' || v.yes.length === c.participants.length) return null
  return { local: decide(c, x, 'abort') }
}

/** A restarted coordinator with a decision in its log sends it again (to every participant). */
export function recover(c: Config, _node: string, x: Coordinator): CoordinatorStep {
  if (x.volatile.phase !== 'init' || x.durable.decision === 'none') return null
  return { local: { durable: x.durable, volatile: { phase: 'done', yes: [], outbox: c.participants } } }
}

// mutants: testing `decision !== 'abort'` for `=== 'commit'` is equivalent: a decision message is
// built only for a coordinator with an outbox, which `decide` and `recover` fill only with a
// logged decision, so `decision` is never 'none' here.
const decisionMsg = (node: string, x: Coordinator, p: string): Msg => envelope<Msg>(node, p, x.durable.decision === 'commit' ? 'Commit' : 'Abort')

/** The coordinator sends its logged decision to participant p (one of its outbox). */
export function sendDecision(_c: Config, node: string, x: Coordinator, p: string): CoordinatorStep {
  const v = x.volatile
  // mutants: this guard is redundant (deleting it is equivalent): Send is offered only for p in
  // the outbox, and a crash empties the outbox (it is volatile).
  if (!v.outbox.includes(p)) return null
  return { local: withVolatile(x, v.phase, v.yes, v.outbox.filter((y) => y !== p)), send: [decisionMsg(node, x, p)] }
}

/** The coordinator `x` with its volatile state replaced: written out, not spread
 * (`{ ...x, volatile: { ...x.volatile, yes } }`), which takes V8's slow clone path; `sendDecision`
 * and `onVote` run on most steps of the coordinator. */
const withVolatile = (x: Coordinator, phase: Coordinator['volatile']['phase'], yes: SetOf<string>, outbox: SetOf<string>): Coordinator => ({
  durable: x.durable,
  volatile: { phase, yes, outbox },
})

/** `Send`'s choices: the decision to each participant in the outbox. */
const sendChoices = (n: string, x: Coordinator): readonly Params[] => outboxChoices(x.volatile.outbox, n, x, decisionMsg, messageLabel)
/** Decide's one choice, one frozen instance (the harness finds its step by identity). */
const COMMIT_CHOICE: readonly Params[] = Object.freeze([Object.freeze({ decision: 'commit' })])

/** The coordinator receives a vote while collecting: a Yes is recorded, a No decides Abort. */
export function onVote(c: Config, x: Coordinator, m: Msg & { type: 'Vote' }): CoordinatorStep {
  if (x.volatile.phase !== 'collecting') return null
  if (!m.yes) return { local: decide(c, x, 'abort') }
  return { local: withVolatile(x, x.volatile.phase, setAdd(x.volatile.yes, m.from), x.volatile.outbox) }
}

export const coordinatorActions: readonly LocalAction<Config, Coordinator, Msg, object>[] = [
  { name: 'Prepare', fire: (c, n, x) => prepare(c, n, x) },
  // mutants: `decision` (in `COMMIT_CHOICE`) is the step's label only (`Decide(c, commit)`); made
  // 'abort', no spec's verdict or count changes, and the golden snapshots' traces (test/golden) fail.
  { name: 'Decide', params: () => COMMIT_CHOICE, fire: (c, n, x) => decideCommit(c, n, x) },
  { name: 'Timeout', kind: 'timeout', whenQuiet: true, fire: (c, n, x) => coordinatorTimeout(c, n, x) },
  { name: 'Recover', fire: (c, n, x) => recover(c, n, x) },
  {
    name: 'Send',
    params: (_c, n, x) => sendChoices(n, x),
    fire: (c, n, x, p) => sendDecision(c, n, x, p.to as string),
  },
]

/**
 * Whether the coordinator in state `x` ignores `m` for good (the harness then drops it:
 * `ignoresForever`): a Vote once it has logged a decision. The decision is durable and final, and
 * with one logged the coordinator never collects again (`prepare` needs none; a restart goes
 * from init to done by `Recover`), while `onVote` reads a vote only while collecting. (Only Votes
 * are ever sent to it.)
 * mutants: the harness delivers each message this drops first, and a delivery that changes
 * anything is a model error: a rule that drops a message the handler uses fails every spec that
 * reaches one, and one that drops less changes the counts.
 */
export function coordinatorIgnoresForever(x: Coordinator, m: Msg): boolean {
  return m.type === 'Vote' && x.durable.decision !== 'none'
}

const coordinatorRole: Role<Config, Coordinator, Msg, object> = {
  nodes: (c) => [c.coordinator],
  init: coordinatorInit,
  receive: (c, _n, x, m) => (m.type === 'Vote' ? onVote(c, x, m) : null),
  ignoresForever: (_c, _n, x, m) => coordinatorIgnoresForever(x, m),
  actions: coordinatorActions,
  // mutants: keeping the volatile state over a crash (whole, the votes or the outbox) is safe: the
  // Yes votes it keeps were logged by their voters, and the outbox names participants still owed
  // the logged decision, which `Recover` sends to all anyway (counts only, before
  // CrashedCoordinatorForgets, checked in two-phase-commit-net-drops, stated the split). Keeping
  // just the phase is caught too (a coordinator `done` with an empty outbox never recovers:
  // liveness); losing the decision breaks AtomicCommit, and so does logging it lazily (only once a
  // first copy went out): safe under one crash, caught by two (two-phase-commit-net-two-crashes).
  crash: (_c, x) => (x.volatile === FRESH ? x : { durable: x.durable, volatile: FRESH }),
  schema: (c) => {
    const participant = schema.enum(...c.participants)
    return schema.record({
      durable: schema.record({ decision: schema.enum('none', 'commit', 'abort') }),
      volatile: schema.record({ phase: schema.enum('init', 'collecting', 'done'), yes: schema.setOf(participant), outbox: schema.setOf(participant) }),
    })
  },
}

// ---- participant actions ---------------------------------------------------------------------

type ParticipantStep = Outcome<Participant, Msg, object> | null
const decided = (d: Participant['durable']): Participant => ({ durable: d, volatile: null })

/** A participant that has not voted finds it cannot commit: it logs No and aborts. */
export function refuse(_c: Config, _node: string, x: Participant): ParticipantStep {
  const d = x.durable
  if (d.vote !== 'none' || d.outcome !== 'none') return null
  return { local: decided({ vote: 'no', outcome: 'aborted' }) }
}

/** On Prepare a participant answers with the vote in its log, voting Yes (logged first) if it has
 * not voted yet. */
export function onPrepare(node: string, x: Participant, m: Msg & { type: 'Prepare' }): ParticipantStep {
  const d = x.durable
  const reply = (yes: boolean): Msg => envelope<Msg>(node, m.from, 'Vote', yes)
  if (d.vote === 'none' && d.outcome === 'none') return { local: decided({ vote: 'yes', outcome: 'none' }), send: [reply(true)] }
  if (d.vote === 'none') return null
  // mutants: answering only while undecided (`d.vote !== 'none'` above) is safe and live: a
  // restarted coordinator that gets no vote times out and aborts (fewer commits, counts only),
  // but it also answers a Prepare to a participant told Abort before it voted, which
  // `participantIgnoresForever` drops: a model error.
  return { local: x, send: [reply(d.vote === 'yes')] }
}

/**
 * A participant applies the decision it receives. There is no "commit only after voting Yes" guard:
 * it would be dead code, since a Commit is only ever sent after every participant's Yes, and votes
 * are durable. `CommitReachesOnlyYesVoters` checks exactly that (`two-phase-commit-net-drops.ts`:
 * with a crash and a lost message, it holds).
 */
export function onDecision(x: Participant, m: Msg & { type: 'Commit' | 'Abort' }): ParticipantStep {
  const d = x.durable
  if (d.outcome !== 'none') return null
  return { local: decided({ vote: d.vote, outcome: m.type === 'Commit' ? 'committed' : 'aborted' }) }
}

/**
 * Whether a participant in state `x` ignores `m` for good (the harness then drops it:
 * `ignoresForever`): once it has an outcome, a decision, and a Prepare if it never voted (it was
 * told Abort first). The outcome and the vote are durable, the outcome is final, and the vote
 * changes only while there is no outcome (`refuse`, `onPrepare`); `onDecision` reads a decision
 * only without an outcome. A Commit is dropped only at a Yes voter, so CommitReachesOnlyYesVoters,
 * which reads the Commits in flight, still sees one sent to any other. A variant that gives the
 * participant another action (two-phase-commit-net-timeout-abort) keeps this rule: it must not
 * leave an outcome either. The participant `stuck` asks about is prepared (no outcome): nothing
 * to it is dropped.
 * mutants: dropping a Commit at a participant that did not vote Yes instead (`d.vote !== 'yes'`)
 * changes the counts only (no such Commit is ever sent), but would hide a coordinator that sends
 * one from CommitReachesOnlyYesVoters.
 */
export function participantIgnoresForever(x: Participant, m: Msg): boolean {
  const d = x.durable
  if (d.outcome === 'none') return false
  return m.type === 'Abort' || (m.type === 'Commit' && d.vote === 'yes') || (m.type === 'Prepare' && d.vote === 'none')
}

export const participantRole: Role<Config, Participant, Msg, object> = {
  nodes: (c) => c.participants,
  init: participantInit,
  receive: (_c, n, x, m) => {
    switch (m.type) {
      case 'Prepare':
        return onPrepare(n, x, m)
      case 'Commit':
      case 'Abort':
        return onDecision(x, m)
      case 'Vote':
        return null
    }
  },
  ignoresForever: (_c, _n, x, m) => participantIgnoresForever(x, m),
  actions: [{ name: 'Refuse', fire: (c, n, x) => refuse(c, n, x) }],
  schema: () =>
    schema.record({
      durable: schema.record({ vote: schema.enum('none', 'yes', 'no'), outcome: schema.enum('none', 'committed', 'aborted') }),
      volatile: schema.nullable(schema.record({})), // always null: a participant keeps nothing volatile
    }),
}

// ---- properties ------------------------------------------------------------------------------

const coord = (c: Config, s: State): Coordinator => s.coordinator[c.coordinator] as Coordinator
const part = (s: State, p: string): Participant => s.participants[p] as Participant
/** The participants' outcomes, in `c.participants` order, remembered for the last participants
 * record (as in three-phase-commit.ts): six properties ask for them per state. */
const outcomesOf = lastAnswer((c: Config, parts: State['participants']): readonly Participant['durable']['outcome'][] => c.participants.map((p) => (parts[p] as Participant).durable.outcome))
const outcomes = (c: Config, s: State): readonly Participant['durable']['outcome'][] => outcomesOf(c, s.participants)

/** Atomic commit (TwoPhase.tla's TCConsistent): no participant committed while another aborted. */
export const atomicCommit = (c: Config, s: State): boolean => {
  const o = outcomes(c, s)
  return !(o.includes('committed') && o.includes('aborted'))
}

const someCommitted = (c: Config, s: State): boolean => outcomes(c, s).includes('committed')

/** Commit validity: a participant commits only if every participant voted Yes. */
export const commitNeedsAllYes = (c: Config, s: State): boolean =>
  !outcomes(c, s).includes('committed') || c.participants.every((p) => part(s, p).durable.vote === 'yes')

/** A Commit in flight goes only to a participant that voted Yes (why `onDecision` needs no guard). */
export const commitReachesOnlyYesVoters = (_c: Config, s: State): boolean =>
  messages(s.net).every((m) => m.type !== 'Commit' || part(s, m.to).durable.vote === 'yes')

/** Participants follow the coordinator: an outcome contradicts no logged decision. */
export const followsCoordinator = (c: Config, s: State): boolean =>
  outcomes(c, s).every((o) =>
    o === 'none' ? true : o === 'committed' ? coord(c, s).durable.decision === 'commit' : coord(c, s).durable.decision !== 'commit',
  )

/** The durable/volatile split: a down coordinator holds only its logged decision (its phase,
 * votes and outbox are lost with its memory; a restart begins from them fresh). */
export const crashedCoordinatorForgets = (c: Config, s: State): boolean => {
  const v = coord(c, s).volatile
  return v.phase === 'init' && v.yes.length === 0 && v.outbox.length === 0
}

type Net2pc = ActorModel<Config, Roles, Msg, object>

/** True when participant p has no enabled step of its own: no delivery to it, no action of its
 * own (faults that may strike it — Crash, Restart — are not steps it takes). Read from the
 * harness's step events. */
export function stuck(model: Net2pc, c: Config, s: State, p: string): boolean {
  for (const [a] of model.next(c, s)) {
    const e = model.event(a)
    if (e.node === p && e.kind !== 'crash' && e.kind !== 'restart') return false
  }
  return true
}

const prepared = (s: State, p: string): boolean => {
  const d = part(s, p).durable
  return d.vote === 'yes' && d.outcome === 'none'
}

/**
 * The seed's blocking case: the coordinator is down after every participant voted Yes, and every
 * prepared participant has no step it can take — it can neither commit nor abort, only wait.
 * (Judged from the model's own `next`: `stuck`.)
 */
export const blocked = (model: () => Net2pc) => (c: Config, s: State): boolean =>
  !isUp(s.net, c.coordinator) &&
  c.participants.every((p) => prepared(s, p) && isUp(s.net, p) && stuck(model(), c, s, p))

/**
 * The seed's fourth failure mode: the coordinator and the only participant that committed are
 * both down, and every live participant is prepared, undecided and stuck. The live participants
 * see exactly what they would see had the transaction aborted (see `inDoubtAborted`).
 */
export const inDoubtCommitted = (model: () => Net2pc) => (c: Config, s: State): boolean => {
  const down = c.participants.filter((p) => !isUp(s.net, p))
  const live = c.participants.filter((p) => isUp(s.net, p))
  return (
    !isUp(s.net, c.coordinator) &&
    down.length === 1 &&
    part(s, down[0] as string).durable.outcome === 'committed' &&
    live.length > 0 &&
    live.every((p) => prepared(s, p) && stuck(model(), c, s, p))
  )
}

/** The mirror image: same live view, but nobody committed (the down participant is undecided or
 * aborted, the coordinator logged no commit). */
export const inDoubtAborted = (model: () => Net2pc) => (c: Config, s: State): boolean => {
  const down = c.participants.filter((p) => !isUp(s.net, p))
  const live = c.participants.filter((p) => isUp(s.net, p))
  return (
    !isUp(s.net, c.coordinator) &&
    coord(c, s).durable.decision !== 'commit' &&
    down.length === 1 &&
    part(s, down[0] as string).durable.outcome !== 'committed' &&
    live.length > 0 &&
    live.every((p) => prepared(s, p) && stuck(model(), c, s, p))
  )
}

/** Seed failure 3 (数据不一致): some participants committed while others have not heard yet. */
export const partiallyCommitted = (c: Config, s: State): boolean => {
  const o = outcomes(c, s)
  return o.includes('committed') && o.includes('none')
}

const allAre = (c: Config, s: State, o: 'committed' | 'aborted'): boolean => outcomes(c, s).every((x) => x === o)

/** The properties, judged against `model` (for `stuck`), shared by the variants. */
export function properties(model: () => Net2pc) {
  return [
    // Each invariant names the situation it is about (never reached: reported vacuous): a
    // commit; a decision; a Commit in flight.
    always('AtomicCommit', atomicCommit, { when: someCommitted }),
    always('CommitNeedsAllYes', commitNeedsAllYes, { when: someCommitted }),
    always('FollowsCoordinator', followsCoordinator, { when: (c: Config, s: State) => outcomes(c, s).some((o) => o !== 'none') }),
    always('CommitReachesOnlyYesVoters', commitReachesOnlyYesVoters, { when: (_c: Config, s: State) => messages(s.net).some((m) => m.type === 'Commit') }),
    always('CrashedCoordinatorForgets', crashedCoordinatorForgets, { when: (c: Config, s: State) => !isUp(s.net, c.coordinator) }),
    sometimes('AllCommitted', (c: Config, s: State) => allAre(c, s, 'committed')),
    sometimes('AllAborted', (c: Config, s: State) => allAre(c, s, 'aborted')),
    sometimes('PartiallyCommitted', partiallyCommitted),
    // A participant refuses on its own, before any decision (TwoPhase.tla's RMChooseToAbort), so
    // the coordinator can abort on a No vote.
    sometimes('RefusedBeforeDecision', (c: Config, s: State) =>
      coord(c, s).durable.decision === 'none' && c.participants.some((p) => part(s, p).durable.vote === 'no')),
    // Every participant voted Yes, a message was lost, and the coordinator aborted (its timeout)
    // holding some Yes votes but not all: a Yes vote was lost on the way. (Some but not all: a
    // restarted coordinator that recovered an Abort holds none; with the timeout firing only on
    // a full set of votes — a one-line mutant — this is unreachable.)
    sometimes('AbortedAfterLostMessage', (c: Config, s: State) =>
      s.net.spent.drop > 0 &&
      coord(c, s).durable.decision === 'abort' &&
      coord(c, s).volatile.yes.length > 0 &&
      coord(c, s).volatile.yes.length < c.participants.length &&
      c.participants.every((p) => part(s, p).durable.vote === 'yes')),
    sometimes('Blocked', blocked(model)),
    sometimes('InDoubtCommitted', inDoubtCommitted(model)),
    sometimes('InDoubtAborted', inDoubtAborted(model)),
  ]
}

// ---- the model -------------------------------------------------------------------------------

export const validate = (c: Config): string | undefined =>
  c.participants.length < 1 ? 'at least one participant is needed' : undefined

/** The model's definition, which variants copy and change one rule of. */
export function definition(name: string, participant: Role<Config, Participant, Msg, object>, model: () => Net2pc): ActorDefinition<Config, Roles, Msg, object> {
  return {
    name,
    roles: { coordinator: coordinatorRole, participants: participant },
    network: (c) => ({ semantics: 'bag', budget: c.budget, crashable: c.crashable }),
    message: messageSchema,
    // Participants are interchangeable (no rule names one), within the ones that may crash and
    // within the ones that may not.
    symmetricNodes: (c) => {
      const crash = c.participants.filter((p) => c.crashable.includes(p))
      const stay = c.participants.filter((p) => !c.crashable.includes(p))
      return [crash, stay].filter((g) => g.length > 1)
    },
    properties: properties(model),
    validate,
  }
}

export const twoPhaseCommitNet: Net2pc = actorModel(definition('two-phase-commit-net', participantRole, () => twoPhaseCommitNet))
