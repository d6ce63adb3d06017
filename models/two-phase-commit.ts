/**
 * Two-phase commit — an action-for-action port of Lamport's TwoPhase.tla
 * (tlaplus/Examples, specifications/transaction_commit/TwoPhase.tla).
 *
 * A transaction manager (TM) and a set of resource managers (RMs). RMs prepare or choose to abort;
 * the TM commits once every RM has prepared, or aborts at any time before deciding.
 *
 * What it leaves out (as TwoPhase.tla does): failures and timeouts are not modelled explicitly.
 * `msgs` is the set of all messages ever sent and messages are never removed, so loss,
 * duplication and reordering need no actions of their own: a receive may happen any number of
 * times or never. The message-passing version with crashes is `two-phase-commit-net.ts`.
 *
 * An action that changes one variable is written `assoc(s, var, value)`, TLA+'s EXCEPT: it
 * returns the state itself when the value is already there (an RM told to abort again), and the
 * checker skips such a stuttering step without hashing it (2PC-7: 0.98 M of 2.74 M steps).
 *
 * Reference counts (TLC, tlaplus/Examples manifest; `../shared/reference/published-counts.md`):
 * RM=3: 288 distinct / 1,146 generated / depth 11; RM=4: 1,568 / 8,258 / 14;
 * RM=5: 8,832 / 58,146 / 17; RM=6: 50,816 / 402,306 / 20.
 */
import { Steps, always, assoc, canonicalize, mapSet, renameKeys, schema, setAdd, setHas, setOf, sometimes } from '../src/index.ts'
import type { Model, Rename, SetOf } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export interface Config {
  /** RM: the resource managers. */
  readonly rms: readonly string[]
}

// ---- messages --------------------------------------------------------------------------------

export type Message =
  | { readonly type: 'Prepared'; readonly rm: string }
  | { readonly type: 'Commit' }
  | { readonly type: 'Abort' }

// ---- state -----------------------------------------------------------------------------------

export type RMState = 'working' | 'prepared' | 'committed' | 'aborted'

export interface State {
  /** rmState[rm]: the state of resource manager rm. */
  readonly rmState: Readonly<Record<string, RMState>>
  /** The state of the TM. */
  readonly tmState: 'init' | 'committed' | 'aborted'
  /** The set of RMs from which the TM has received "Prepared" messages. */
  readonly tmPrepared: SetOf<string>
  /** The set of all messages that have been sent. */
  readonly msgs: SetOf<Message>
}

export type Action =
  | { readonly name: 'TMCommit' }
  | { readonly name: 'TMAbort' }
  | { readonly name: 'TMRcvPrepared'; readonly rm: string }
  | { readonly name: 'RMPrepare'; readonly rm: string }
  | { readonly name: 'RMChooseToAbort'; readonly rm: string }
  | { readonly name: 'RMRcvCommitMsg'; readonly rm: string }
  | { readonly name: 'RMRcvAbortMsg'; readonly rm: string }

const COMMIT: Message = { type: 'Commit' }
const ABORT: Message = { type: 'Abort' }
const prepared = (rm: string): Message => ({ type: 'Prepared', rm })

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  const rmState: Record<string, RMState> = {}
  for (const rm of c.rms) rmState[rm] = 'working'
  return { rmState, tmState: 'init', tmPrepared: setOf(), msgs: setOf() }
}

// ---- actions ---------------------------------------------------------------------------------

/** The TM receives a "Prepared" message from resource manager rm. */
export function tmRcvPrepared(_c: Config, s: State, rm: string): State | null {
  if (s.tmState !== 'init' || !setHas(s.msgs, prepared(rm))) return null
  return { ...s, tmPrepared: setAdd(s.tmPrepared, rm) }
}

/** The TM commits the transaction; enabled iff the TM is in its initial state and every RM has
 * sent a "Prepared" message. */
export function tmCommit(c: Config, s: State): State | null {
  // mutants: counting the Prepared messages in `msgs` instead of `tmPrepared` (while the TM is in
  // init, msgs holds only Prepared messages) is equivalent for every property: the TM then commits
  // once every RM has sent Prepared, which is what it may do after receiving them all
  // (TMRcvPrepared is enabled for each such message at any time); it only adds states where the
  // TM committed before recording every receipt (counts: 288 → 344 distinct at 3 RMs).
  if (s.tmState !== 'init' || s.tmPrepared.length !== c.rms.length) return null
  return { ...s, tmState: 'committed', msgs: setAdd(s.msgs, COMMIT) }
}

/** The TM spontaneously aborts the transaction. */
export function tmAbort(_c: Config, s: State): State | null {
  if (s.tmState !== 'init') return null
  return { ...s, tmState: 'aborted', msgs: setAdd(s.msgs, ABORT) }
}

/** Resource manager rm prepares. */
export function rmPrepare(_c: Config, s: State, rm: string): State | null {
  if (s.rmState[rm] !== 'working') return null
  return { ...s, rmState: assoc(s.rmState, rm, 'prepared'), msgs: setAdd(s.msgs, prepared(rm)) }
}

/** Resource manager rm spontaneously decides to abort. */
export function rmChooseToAbort(_c: Config, s: State, rm: string): State | null {
  if (s.rmState[rm] !== 'working') return null
  return assoc(s, 'rmState', assoc(s.rmState, rm, 'aborted'))
}

/** Resource manager rm is told by the TM to commit (enabled again and again: a self-loop once
 * committed, exactly as in TwoPhase.tla, which is what TLC counts). */
export function rmRcvCommitMsg(_c: Config, s: State, rm: string): State | null {
  if (!setHas(s.msgs, COMMIT)) return null
  return assoc(s, 'rmState', assoc(s.rmState, rm, 'committed'))
}

/** Resource manager rm is told by the TM to abort. */
export function rmRcvAbortMsg(_c: Config, s: State, rm: string): State | null {
  if (!setHas(s.msgs, ABORT)) return null
  // mutants: skipping the update (an RM that ignores the Abort) changes counts only: an RM that
  // never aborts breaks no invariant, and TwoPhase.tla states no liveness.
  return assoc(s, 'rmState', assoc(s.rmState, rm, 'aborted'))
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  return nextWith(tmCommit, c, s)
}

/** TPNext with the TM's commit step as a parameter, so a variant can replace that one action. */
export function nextWith(commit: typeof tmCommit, c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  out.add({ name: 'TMCommit' }, commit(c, s))
  out.add({ name: 'TMAbort' }, tmAbort(c, s))
  for (const rm of c.rms) {
    out.add({ name: 'TMRcvPrepared', rm }, tmRcvPrepared(c, s, rm))
    out.add({ name: 'RMPrepare', rm }, rmPrepare(c, s, rm))
    out.add({ name: 'RMChooseToAbort', rm }, rmChooseToAbort(c, s, rm))
    out.add({ name: 'RMRcvCommitMsg', rm }, rmRcvCommitMsg(c, s, rm))
    out.add({ name: 'RMRcvAbortMsg', rm }, rmRcvAbortMsg(c, s, rm))
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

const RM_STATES: readonly string[] = ['working', 'prepared', 'committed', 'aborted']

/** TPTypeOK: every variable holds a value of its type. */
export function typeOK(c: Config, s: State): boolean {
  return (
    c.rms.every((rm) => RM_STATES.includes(s.rmState[rm] as string)) &&
    Object.keys(s.rmState).length === c.rms.length &&
    ['init', 'committed', 'aborted'].includes(s.tmState) &&
    s.tmPrepared.every((rm) => c.rms.includes(rm)) &&
    s.msgs.every((m) => m.type !== 'Prepared' || c.rms.includes(m.rm))
  )
}

/** TCConsistent: no RM has committed while another has aborted. */
export function consistent(c: Config, s: State): boolean {
  let committed = false
  let aborted = false
  for (const rm of c.rms) {
    const st = s.rmState[rm]
    if (st === 'committed') committed = true
    else if (st === 'aborted') aborted = true
  }
  return !(committed && aborted)
}

/** TMDecisionSent: the TM's state is the decision it sent (committed iff Commit is in `msgs`,
 * aborted iff Abort is). Not in TwoPhase.tla, whose invariants read the RMs only: there a TM that
 * sends Commit and records "aborted" (or the reverse) passes TCConsistent, since nothing reads
 * `tmState` once it has left "init"; but a TM that recovers from its own state, as any real one
 * does, would then tell a late RM the opposite of what the others heard. The state counts are the
 * same either way, so without this invariant those two one-line bugs pass every spec. */
export function tmDecisionSent(_c: Config, s: State): boolean {
  return (s.tmState === 'committed') === setHas(s.msgs, COMMIT) && (s.tmState === 'aborted') === setHas(s.msgs, ABORT)
}

const allAre = (c: Config, s: State, st: RMState): boolean => c.rms.every((rm) => s.rmState[rm] === st)

export const twoPhaseCommit: Model<Config, State, Action> = {
  name: 'two-phase-commit',
  init: (c) => [init(c)],
  next,
  actions: ['TMCommit', 'TMAbort', 'TMRcvPrepared', 'RMPrepare', 'RMChooseToAbort', 'RMRcvCommitMsg', 'RMRcvAbortMsg'],
  properties: [
    always('TypeOK', typeOK),
    // About an RM that committed (never reached: reported vacuous); TypeOK is about every state.
    always('TCConsistent', consistent, { when: (c, s) => c.rms.some((rm) => s.rmState[rm] === 'committed') }),
    always('TMDecisionSent', tmDecisionSent),
    sometimes('AllCommitted', (c, s) => allAre(c, s, 'committed')),
    sometimes('AllAborted', (c, s) => allAre(c, s, 'aborted')),
  ],
  symmetry: (c, s) => canonicalize(s, [c.rms], relabel, rmSignature),
  validate: (c) => (c.rms.length < 1 ? 'at least one resource manager is needed' : undefined),
  // The state's shape: compiles a faster fingerprint (equal to the generic one) and validates states.
  schema: (c) =>
    schema.record({
      rmState: schema.mapOf(c.rms, schema.enum('working', 'prepared', 'committed', 'aborted')),
      tmState: schema.enum('init', 'committed', 'aborted'),
      tmPrepared: schema.setOf(schema.enum(...c.rms)),
      msgs: schema.setOf(schema.union('type', { Prepared: { rm: schema.enum(...c.rms) }, Commit: {}, Abort: {} })),
    }),
}

/** The state with resource manager ids renamed: RMs are interchangeable, so a spec may explore
 * one state per orbit (`symmetry: true`; 5 RMs: 314 orbits of 8,832 states). */
export function relabel(s: State, rename: Rename): State {
  return {
    rmState: renameKeys(s.rmState, rename),
    tmState: s.tmState,
    tmPrepared: mapSet(s.tmPrepared, rename),
    msgs: mapSet(s.msgs, (m) => (m.type === 'Prepared' ? prepared(rename(m.rm)) : m)),
  }
}

/** What one RM holds, naming no other RM: orbits are searched only over orders that sort it. */
const rmSignature = (s: State, rm: string): string =>
  `${s.rmState[rm]}/${setHas(s.tmPrepared, rm)}/${setHas(s.msgs, prepared(rm))}`
