/**
 * Two-phase commit on packed words — the same action-for-action port of Lamport's TwoPhase.tla as
 * `two-phase-commit.ts`, written against a packed layout so the engine stores, hashes and copies
 * two int32 words per state instead of objects (see `src/packed/`). Its decoded states are exactly
 * the plain model's states, so traces read the same, and the counts are TLC's.
 *
 * What changes for the author: fields are read and written through named handles
 * (`L.rmState.get(s, rm)`), RMs and messages are indices into the configuration's lists, and a
 * successor is built in `edit(s)`, a copy the engine reads before the next action runs.
 *
 * What it leaves out: as TwoPhase.tla (no explicit failures; `msgs` only grows). No symmetry
 * reduction: use the plain model for that.
 *
 * Reference counts (TLC, `../shared/reference/published-counts.md`): RM=3: 288 / 1,146 / depth 11;
 * RM=4: 1,568 / 8,258 / 14; RM=5: 8,832 / 58,146 / 17; RM=6: 50,816 / 402,306 / 20.
 */
import { always, sometimes } from '../src/index.ts'
import { MapOf, Scalar, SetOf, edit, fieldAs, layoutFromSchema, packedModel } from '../src/packed/index.ts'
import type { PackedModelDef, PackedSteps, Words } from '../src/packed/index.ts'
import type { Schema } from '../src/index.ts'
import { twoPhaseCommit } from './two-phase-commit.ts'
import type { Config, Message, RMState, State } from './two-phase-commit.ts'

// ---- constants, messages and state -----------------------------------------------------------

/** What one configuration compiles to: the layout, and each message's index in `msgs`. The layout
 * is derived from the plain model's schema (`layoutFromSchema`): the state's shape is declared
 * once, in `two-phase-commit.ts`. */
export function compile(c: Config) {
  const prepared = c.rms.map((rm): Message => ({ type: 'Prepared', rm }))
  const COMMIT: Message = { type: 'Commit' }
  const ABORT: Message = { type: 'Abort' }
  const L = layoutFromSchema((twoPhaseCommit.schema as (c: Config) => Schema)(c))
  const f = {
    /** rmState[rm]: the state of resource manager rm. */
    rmState: fieldAs(L, 'rmState', MapOf) as MapOf<RMState>,
    /** The state of the TM. */
    tmState: fieldAs(L, 'tmState', Scalar) as Scalar<State['tmState']>,
    /** The RMs from which the TM has received "Prepared" messages. */
    tmPrepared: fieldAs(L, 'tmPrepared', SetOf) as SetOf<string>,
    /** The set of all messages that have been sent. */
    msgs: fieldAs(L, 'msgs', SetOf) as SetOf<Message>,
  }
  return {
    layout: L,
    rms: c.rms.length,
    rmState: f.rmState,
    tmState: f.tmState,
    tmPrepared: f.tmPrepared,
    msgs: f.msgs,
    /** Indices into `rms` and into `msgs`' universe. */
    rmIndex: c.rms.map((rm) => f.tmPrepared.indexOf(rm)),
    preparedMsg: prepared.map((m) => f.msgs.indexOf(m)),
    commitMsg: f.msgs.indexOf(COMMIT),
    abortMsg: f.msgs.indexOf(ABORT),
    rmNames: c.rms,
  }
}

export type K = ReturnType<typeof compile>

export const ACTIONS = ['TMCommit', 'TMAbort', 'TMRcvPrepared', 'RMPrepare', 'RMChooseToAbort', 'RMRcvCommitMsg', 'RMRcvAbortMsg'] as const
const [TM_COMMIT, TM_ABORT, TM_RCV_PREPARED, RM_PREPARE, RM_CHOOSE_TO_ABORT, RM_RCV_COMMIT, RM_RCV_ABORT] = [0, 1, 2, 3, 4, 5, 6]

// ---- init ------------------------------------------------------------------------------------

/** Every RM working, the TM in init, nothing prepared or sent: the all-zero state. */
export function init(k: K): Words[] {
  return [k.layout.blank()]
}

// ---- actions ---------------------------------------------------------------------------------

/** The TM receives a "Prepared" message from resource manager rm. */
export function tmRcvPrepared(k: K, s: Words, rm: number): Words | null {
  if (k.tmState.get(s) !== 'init' || !k.msgs.has(s, k.preparedMsg[rm]!)) return null
  const t = edit(s)
  k.tmPrepared.add(t, k.rmIndex[rm]!)
  return t
}

/** The TM commits the transaction; enabled iff the TM is in its initial state and every RM has
 * sent a "Prepared" message. */
export function tmCommit(k: K, s: Words): Words | null {
  if (k.tmState.get(s) !== 'init' || k.tmPrepared.size(s) !== k.rms) return null
  const t = edit(s)
  k.tmState.set(t, 'committed')
  k.msgs.add(t, k.commitMsg)
  return t
}

/** The TM spontaneously aborts the transaction. */
export function tmAbort(k: K, s: Words): Words | null {
  if (k.tmState.get(s) !== 'init') return null
  const t = edit(s)
  k.tmState.set(t, 'aborted')
  k.msgs.add(t, k.abortMsg)
  return t
}

/** Resource manager rm prepares. */
export function rmPrepare(k: K, s: Words, rm: number): Words | null {
  if (k.rmState.get(s, rm) !== 'working') return null
  const t = edit(s)
  k.rmState.set(t, rm, 'prepared')
  k.msgs.add(t, k.preparedMsg[rm]!)
  return t
}

/** Resource manager rm spontaneously decides to abort. */
export function rmChooseToAbort(k: K, s: Words, rm: number): Words | null {
  if (k.rmState.get(s, rm) !== 'working') return null
  const t = edit(s)
  k.rmState.set(t, rm, 'aborted')
  return t
}

/** Resource manager rm is told by the TM to commit (a self-loop once committed, as in
 * TwoPhase.tla, which is what TLC counts). */
export function rmRcvCommitMsg(k: K, s: Words, rm: number): Words | null {
  if (!k.msgs.has(s, k.commitMsg)) return null
  const t = edit(s)
  k.rmState.set(t, rm, 'committed')
  return t
}

/** Resource manager rm is told by the TM to abort. */
export function rmRcvAbortMsg(k: K, s: Words, rm: number): Words | null {
  if (!k.msgs.has(s, k.abortMsg)) return null
  const t = edit(s)
  k.rmState.set(t, rm, 'aborted')
  return t
}

// ---- next: TPNext, in the plain model's order ------------------------------------------------

export function next(k: K, s: Words, out: PackedSteps): void {
  nextWith(tmCommit, k, s, out)
}

/** TPNext with the TM's commit step as a parameter, so a variant can replace that one action. */
export function nextWith(commit: typeof tmCommit, k: K, s: Words, out: PackedSteps): void {
  out.add(TM_COMMIT, 0, commit(k, s))
  out.add(TM_ABORT, 0, tmAbort(k, s))
  for (let rm = 0; rm < k.rms; rm++) {
    out.add(TM_RCV_PREPARED, rm, tmRcvPrepared(k, s, rm))
    out.add(RM_PREPARE, rm, rmPrepare(k, s, rm))
    out.add(RM_CHOOSE_TO_ABORT, rm, rmChooseToAbort(k, s, rm))
    out.add(RM_RCV_COMMIT, rm, rmRcvCommitMsg(k, s, rm))
    out.add(RM_RCV_ABORT, rm, rmRcvAbortMsg(k, s, rm))
  }
}

// ---- properties ------------------------------------------------------------------------------

/** TCConsistent: no RM has committed while another has aborted. */
export function consistent(k: K, s: Words): boolean {
  return !(k.rmState.some(s, 'committed') && k.rmState.some(s, 'aborted'))
}

/** TMDecisionSent: the TM's state is the decision it sent (two-phase-commit.ts says why). */
export function tmDecisionSent(k: K, s: Words): boolean {
  const tm = k.tmState.get(s)
  return (tm === 'committed') === k.msgs.has(s, k.commitMsg) && (tm === 'aborted') === k.msgs.has(s, k.abortMsg)
}

/** The model's definition, for variants (`packedModel({ ...definition, next: ... })`). */
export const definition: PackedModelDef<Config, K> = {
  name: 'two-phase-commit-packed',
  compile,
  init,
  next,
  actions: ACTIONS,
  label: (k, action, rm) =>
    action === TM_COMMIT || action === TM_ABORT ? { name: ACTIONS[action]! } : { name: ACTIONS[action]!, rm: k.rmNames[rm]! },
  properties: [
    // TPTypeOK holds by construction: every field is a value of its declared domain.
    // About an RM that committed (never reached: reported vacuous).
    always('TCConsistent', consistent, { when: (k, s) => k.rmState.some(s, 'committed') }),
    always('TMDecisionSent', tmDecisionSent),
    sometimes('AllCommitted', (k, s) => k.rmState.every(s, 'committed')),
    sometimes('AllAborted', (k, s) => k.rmState.every(s, 'aborted')),
  ],
  validate: (c) => (c.rms.length < 1 ? 'at least one resource manager is needed' : undefined),
}

export const twoPhaseCommitPacked = packedModel(definition)
