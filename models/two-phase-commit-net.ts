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
 * Left out: completion acks ("完成" messages; they do not affect the outcome), coordinator
 * election, participant-to-participant termination protocols.
 */
import { Steps, always, mapFrom, schema, setAdd, sometimes } from '../src/index.ts'
import type { Model, Schema, SetOf } from '../src/index.ts'
import type { CrashAction, DeliverAction, FaultBudget, Network, NetworkFaultAction, NodeState, RestartAction } from '../src/net/index.ts'
import {
  afterCrash,
  crash,
  crashable,
  deliverableTo,
  deliveries,
  isUp,
  messageLabel,
  messages,
  network,
  networkFaults,
  networkSchema,
  restart,
  restartable,
  send,
  sendAll,
} from '../src/net/index.ts'

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

export type State = {
  readonly coord: Coordinator
  readonly parts: Readonly<Record<string, Participant>>
  readonly net: Network<Msg>
}

export type Action =
  | { readonly name: 'Prepare'; readonly node: string }
  | { readonly name: 'Decide'; readonly node: string; readonly decision: 'commit' | 'abort' }
  | { readonly name: 'Recover'; readonly node: string }
  | { readonly name: 'Send'; readonly node: string; readonly to: string; readonly label: string }
  | { readonly name: 'Timeout'; readonly node: string }
  | { readonly name: 'Refuse'; readonly node: string }
  | DeliverAction<Msg>
  | NetworkFaultAction<Msg>
  | CrashAction
  | RestartAction

const FRESH: Coordinator['volatile'] = { phase: 'init', yes: [], outbox: [] }

/** The state's shape: compiles its fingerprint (src/state/schema.ts). */
export function stateSchema(c: Config): Schema {
  const node = schema.enum(c.coordinator, ...c.participants)
  const participant = schema.enum(...c.participants)
  const msg = schema.union('type', {
    Prepare: { from: node, to: node },
    Vote: { from: node, to: node, yes: schema.bool() },
    Commit: { from: node, to: node },
    Abort: { from: node, to: node },
  })
  return schema.record({
    coord: schema.record({
      durable: schema.record({ decision: schema.enum('none', 'commit', 'abort') }),
      volatile: schema.record({ phase: schema.enum('init', 'collecting', 'done'), yes: schema.setOf(participant), outbox: schema.setOf(participant) }),
    }),
    parts: schema.mapOf(
      c.participants,
      schema.record({
        durable: schema.record({ vote: schema.enum('none', 'yes', 'no'), outcome: schema.enum('none', 'committed', 'aborted') }),
        volatile: schema.nullable(schema.record({})), // always null: a participant keeps nothing volatile
      }),
    ),
    net: networkSchema('bag', msg, [c.coordinator, ...c.participants], c.budget),
  })
}

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  return {
    coord: { durable: { decision: 'none' }, volatile: FRESH },
    parts: mapFrom(c.participants, () => ({ durable: { vote: 'none', outcome: 'none' }, volatile: null })),
    net: network('bag'),
  }
}

// ---- helpers used by actions -----------------------------------------------------------------

const part = (s: State, p: string): Participant => s.parts[p] as Participant
const setPart = (s: State, p: string, d: Participant['durable']): State => ({
  ...s,
  parts: { ...s.parts, [p]: { durable: d, volatile: null } },
})
const toAll = (c: Config, type: 'Prepare'): Msg[] => c.participants.map((p) => ({ from: c.coordinator, to: p, type }))

// ---- coordinator actions ---------------------------------------------------------------------

/** The coordinator, with no decision logged, asks every participant to prepare (again, after a
 * restart). */
export function prepare(c: Config, s: State): State | null {
  // mutants: `!isUp(…) && phase !== 'init'` re-sends Prepare while collecting: safe (votes are
  // logged, re-asking is idempotent) but the bag grows without bound (liveness specs time out).
  if (!isUp(s.net, c.coordinator) || s.coord.volatile.phase !== 'init' || s.coord.durable.decision !== 'none') return null
  return { ...s, coord: { ...s.coord, volatile: { phase: 'collecting', yes: [], outbox: [] } }, net: sendAll(s.net, toAll(c, 'Prepare')) }
}

/** The coordinator logs its decision; it then sends it to the participants one by one (`send`),
 * so a crash can strike mid-broadcast. Commit needs a Yes from every participant; Abort is
 * decided on a No vote (`onVote`) or a timeout (`coordinatorTimeout`). */
export function decide(c: Config, s: State, decision: 'commit' | 'abort'): State {
  return { ...s, coord: { durable: { decision }, volatile: { phase: 'done', yes: s.coord.volatile.yes, outbox: c.participants } } }
}

/** The coordinator sends its logged decision to participant p. */
export function sendDecision(c: Config, s: State, p: string): State | null {
  const v = s.coord.volatile
  // mutants: this guard is redundant (deleting it, or `||` → `&&`, is equivalent): `steps` offers
  // Send only for p in the outbox, and a crash empties the outbox (it is volatile).
  if (!isUp(s.net, c.coordinator) || !v.outbox.includes(p)) return null
  return {
    ...s,
    coord: { ...s.coord, volatile: { ...v, outbox: v.outbox.filter((x) => x !== p) } },
    net: send(s.net, decisionMsg(c, s, p)),
  }
}

const decisionMsg = (c: Config, s: State, p: string): Msg => ({
  from: c.coordinator,
  to: p,
  type: s.coord.durable.decision === 'commit' ? 'Commit' : 'Abort',
})

export function decideCommit(c: Config, s: State): State | null {
  const v = s.coord.volatile
  // mutants: `!isUp(…) && phase !== 'collecting'` lets a coordinator holding every Yes decide
  // Commit again after deciding it: safe (it re-sends Commit) but unbounded (liveness specs time out).
  if (!isUp(s.net, c.coordinator) || v.phase !== 'collecting' || v.yes.length < c.participants.length) return null
  return decide(c, s, 'commit')
}

/** The coordinator receives a vote while collecting: a Yes is recorded, a No decides Abort. */
export function onVote(c: Config, s: State, m: Msg & { type: 'Vote' }): State {
  if (s.coord.volatile.phase !== 'collecting') return s
  if (!m.yes) return decide(c, s, 'abort')
  return { ...s, coord: { ...s.coord, volatile: { ...s.coord.volatile, yes: setAdd(s.coord.volatile.yes, m.from) } } }
}

/** Collecting votes, the coordinator times out (no vote can arrive any more) and aborts. */
export function coordinatorTimeout(c: Config, s: State): State | null {
  const v = s.coord.volatile
  if (!isUp(s.net, c.coordinator) || v.phase !== 'collecting' || v.yes.length === c.participants.length) return null
  // mutants: deleting this line (a premature timeout, votes still in flight) is safe in 2PC — a
  // coordinator that has not decided may always abort — so it only adds states (counts).
  if (deliverableTo(s.net, c.coordinator).length > 0) return null
  return decide(c, s, 'abort')
}

/** A restarted coordinator with a decision in its log sends it again (to every participant). */
export function recover(c: Config, s: State): State | null {
  const d = s.coord.durable.decision
  if (!isUp(s.net, c.coordinator) || s.coord.volatile.phase !== 'init' || d === 'none') return null
  return { ...s, coord: { ...s.coord, volatile: { phase: 'done', yes: [], outbox: c.participants } } }
}

// ---- participant actions ---------------------------------------------------------------------

/** A participant that has not voted finds it cannot commit: it logs No and aborts. */
export function refuse(_c: Config, s: State, p: string): State | null {
  const d = part(s, p).durable
  if (!isUp(s.net, p) || d.vote !== 'none' || d.outcome !== 'none') return null
  return setPart(s, p, { vote: 'no', outcome: 'aborted' })
}

/** On Prepare a participant answers with the vote in its log, voting Yes (logged first) if it has
 * not voted yet. */
export function onPrepare(_c: Config, s: State, m: Msg & { type: 'Prepare' }): State {
  const p = m.to
  const d = part(s, p).durable
  const reply = (yes: boolean): Msg => ({ from: p, to: m.from, type: 'Vote', yes })
  if (d.vote === 'none' && d.outcome === 'none') return { ...setPart(s, p, { vote: 'yes', outcome: 'none' }), net: send(s.net, reply(true)) }
  if (d.vote === 'none') return s
  // mutants: answering only while undecided (`d.vote !== 'none'` above) is safe and live: a
  // restarted coordinator that gets no vote times out and aborts (fewer commits, counts only).
  return { ...s, net: send(s.net, reply(d.vote === 'yes')) }
}

/**
 * A participant applies the decision it receives. There is no "commit only after voting Yes" guard:
 * it would be dead code, since a Commit is only ever sent after every participant's Yes, and votes
 * are durable. `CommitReachesOnlyYesVoters` checks exactly that (`two-phase-commit-net-drops.ts`:
 * with a crash and a lost message, it holds).
 */
export function onDecision(_c: Config, s: State, m: Msg & { type: 'Commit' | 'Abort' }): State {
  const p = m.to
  const d = part(s, p).durable
  if (d.outcome !== 'none') return s
  return setPart(s, p, { ...d, outcome: m.type === 'Commit' ? 'committed' : 'aborted' })
}

export function onReceive(c: Config, s: State, m: Msg): State {
  switch (m.type) {
    case 'Prepare':
      return onPrepare(c, s, m)
    case 'Vote':
      return onVote(c, s, m)
    case 'Commit':
    case 'Abort':
      return onDecision(c, s, m)
  }
}

// ---- faults ----------------------------------------------------------------------------------

export function crashNode(c: Config, s: State, n: string): State {
  const net = crash(s.net, n)
  // mutants: `!==` here keeps the coordinator's volatile state over its crash (and clears it when
  // a participant crashes): safe, the Yes votes it keeps were logged by their voters (counts only).
  if (n === c.coordinator) return { ...s, coord: afterCrash(s.coord, FRESH), net }
  return { ...s, net }
}

// ---- next ------------------------------------------------------------------------------------

/** The steps of the protocol and its faults, in a fixed order; variants append theirs. */
export function steps(c: Config, s: State): Steps<Action, State> {
  const out = new Steps<Action, State>()
  const co = c.coordinator
  out.add({ name: 'Prepare', node: co }, prepare(c, s))
  out.add({ name: 'Decide', node: co, decision: 'commit' }, decideCommit(c, s))
  out.add({ name: 'Timeout', node: co }, coordinatorTimeout(c, s))
  out.add({ name: 'Recover', node: co }, recover(c, s))
  for (const p of s.coord.volatile.outbox) {
    out.add({ name: 'Send', node: co, to: p, label: messageLabel(decisionMsg(c, s, p)) }, sendDecision(c, s, p))
  }
  for (const p of c.participants) out.add({ name: 'Refuse', node: p }, refuse(c, s, p))
  for (const d of deliveries(s.net)) out.add(d.action, onReceive(c, { ...s, net: d.net }, d.action.msg))
  for (const f of networkFaults(s.net, c.budget, { nodes: [co, ...c.participants] })) out.add(f.action, { ...s, net: f.net })
  for (const n of crashable(s.net, c.budget, c.crashable)) out.add({ name: 'Crash', node: n }, crashNode(c, s, n))
  for (const n of restartable(s.net, [co, ...c.participants])) out.add({ name: 'Restart', node: n }, { ...s, net: restart(s.net, n) })
  return out
}

export const next = (c: Config, s: State): [Action, State][] => steps(c, s).list

// ---- properties ------------------------------------------------------------------------------

const outcomes = (c: Config, s: State) => c.participants.map((p) => part(s, p).durable.outcome)

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
    o === 'none' ? true : o === 'committed' ? s.coord.durable.decision === 'commit' : s.coord.durable.decision !== 'commit',
  )

/** True when participant p has no enabled step of its own: no delivery to it, no action of its
 * own (faults that may strike it — Crash — are not steps it takes). */
export function stuck(model: Model<Config, State, Action>, c: Config, s: State, p: string): boolean {
  for (const [a] of model.next(c, s)) {
    const x = a as { node?: string; to?: string }
    if (a.name === 'Crash' || a.name === 'Restart') continue
    if (x.node === p || (a.name === 'Deliver' && x.to === p)) return false
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
export const blocked = (model: () => Model<Config, State, Action>) => (c: Config, s: State): boolean =>
  !isUp(s.net, c.coordinator) &&
  c.participants.every((p) => prepared(s, p) && isUp(s.net, p) && stuck(model(), c, s, p))

/**
 * The seed's fourth failure mode: the coordinator and the only participant that committed are
 * both down, and every live participant is prepared, undecided and stuck. The live participants
 * see exactly what they would see had the transaction aborted (see `inDoubtAborted`).
 */
export const inDoubtCommitted = (model: () => Model<Config, State, Action>) => (c: Config, s: State): boolean => {
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
export const inDoubtAborted = (model: () => Model<Config, State, Action>) => (c: Config, s: State): boolean => {
  const down = c.participants.filter((p) => !isUp(s.net, p))
  const live = c.participants.filter((p) => isUp(s.net, p))
  return (
    !isUp(s.net, c.coordinator) &&
    s.coord.durable.decision !== 'commit' &&
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
export function properties(model: () => Model<Config, State, Action>) {
  return [
    // Each invariant names the situation it is about (never reached: reported vacuous): a
    // commit; a decision; a Commit in flight.
    always('AtomicCommit', atomicCommit, { when: someCommitted }),
    always('CommitNeedsAllYes', commitNeedsAllYes, { when: someCommitted }),
    always('FollowsCoordinator', followsCoordinator, { when: (c: Config, s: State) => outcomes(c, s).some((o) => o !== 'none') }),
    always('CommitReachesOnlyYesVoters', commitReachesOnlyYesVoters, { when: (_c: Config, s: State) => messages(s.net).some((m) => m.type === 'Commit') }),
    sometimes('AllCommitted', (c: Config, s: State) => allAre(c, s, 'committed')),
    sometimes('AllAborted', (c: Config, s: State) => allAre(c, s, 'aborted')),
    sometimes('PartiallyCommitted', partiallyCommitted),
    // A participant refuses on its own, before any decision (TwoPhase.tla's RMChooseToAbort), so
    // the coordinator can abort on a No vote.
    sometimes('RefusedBeforeDecision', (c: Config, s: State) =>
      s.coord.durable.decision === 'none' && c.participants.some((p) => part(s, p).durable.vote === 'no')),
    // Every participant voted Yes, a message was lost, and the coordinator aborted (its timeout)
    // holding some Yes votes but not all: a Yes vote was lost on the way. (Some but not all: a
    // restarted coordinator that recovered an Abort holds none; with the timeout firing only on
    // a full set of votes — a one-line mutant — this is unreachable.)
    sometimes('AbortedAfterLostMessage', (c: Config, s: State) =>
      s.net.spent.drop > 0 &&
      s.coord.durable.decision === 'abort' &&
      s.coord.volatile.yes.length > 0 &&
      s.coord.volatile.yes.length < c.participants.length &&
      c.participants.every((p) => part(s, p).durable.vote === 'yes')),
    sometimes('Blocked', blocked(model)),
    sometimes('InDoubtCommitted', inDoubtCommitted(model)),
    sometimes('InDoubtAborted', inDoubtAborted(model)),
  ]
}

export const ACTIONS = ['Prepare', 'Decide', 'Timeout', 'Recover', 'Send', 'Refuse', 'Deliver', 'Drop', 'Duplicate', 'Partition', 'Heal', 'Crash', 'Restart']

export const validate = (c: Config): string | undefined =>
  c.participants.length < 1 ? 'at least one participant is needed' : undefined

export const twoPhaseCommitNet: Model<Config, State, Action> = {
  name: 'two-phase-commit-net',
  init: (c) => [init(c)],
  next,
  actions: ACTIONS,
  schema: stateSchema,
  properties: properties(() => twoPhaseCommitNet),
  validate,
}
