/**
 * Transaction commit — a port of Lamport's TCommit.tla (tlaplus/Examples,
 * specifications/transaction_commit/TCommit.tla): the specification that two-phase commit
 * implements. No TM and no messages: each RM moves working → prepared, and then commits only if
 * every RM is prepared or committed, or aborts only if no RM has committed.
 *
 * Reference counts (TLC, tlaplus/Examples manifest): RM = 3: 34 distinct / 94 generated / depth 7.
 */
import { Steps, always, schema, sometimes } from '../src/index.ts'
import type { Model } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export interface Config {
  readonly rms: readonly string[]
}

// ---- state -----------------------------------------------------------------------------------

export type RMState = 'working' | 'prepared' | 'committed' | 'aborted'

export interface State {
  /** rmState[rm]: the state of resource manager rm. */
  readonly rmState: Readonly<Record<string, RMState>>
}

export type Action =
  | { readonly name: 'Prepare'; readonly rm: string }
  | { readonly name: 'Decide'; readonly rm: string }

// ---- init ------------------------------------------------------------------------------------

export const init = (c: Config): State => ({
  rmState: Object.fromEntries(c.rms.map((rm) => [rm, 'working' as RMState])),
})

// ---- actions ---------------------------------------------------------------------------------

/** canCommit: every RM is prepared or committed. */
const canCommit = (c: Config, s: State): boolean =>
  c.rms.every((rm) => s.rmState[rm] === 'prepared' || s.rmState[rm] === 'committed')

/** notCommitted: no RM has committed. */
const notCommitted = (c: Config, s: State): boolean => c.rms.every((rm) => s.rmState[rm] !== 'committed')

const set = (s: State, rm: string, st: RMState): State => ({ rmState: { ...s.rmState, [rm]: st } })

/** Resource manager rm prepares. */
export function prepare(_c: Config, s: State, rm: string): State | null {
  // mutants: letting an aborted RM prepare again (`=== 'committed'` for `!== 'working'`) reaches
  // the same 34 states: while no RM has committed, every mix of working, prepared and aborted is
  // reachable already, and an RM that re-prepares after aborting leads only to those (or, once all
  // are prepared, to commits no other path misses). Only the transitions change (generated
  // counts); "abort is final" is a property of steps, which no state invariant can state.
  if (s.rmState[rm] !== 'working') return null
  return set(s, rm, 'prepared')
}

/** Resource manager rm decides: TCommit's Decide(rm) is a disjunction of a commit and an abort
 * step; each enabled disjunct is its own successor (as TLC generates them). */
export function decide(c: Config, s: State, rm: string): State[] {
  const out: State[] = []
  if (s.rmState[rm] === 'prepared' && canCommit(c, s)) out.push(set(s, rm, 'committed'))
  // mutants: either `===` made `!==` (a working RM may not abort, or a prepared one may not) reaches
  // the same states: the other way to abort is still there (abort at once, or prepare first), and
  // while no RM has committed every mix of working, prepared and aborted is reachable, so the
  // steps it removes and the stutters it adds (an aborted RM aborting again) are as many, and the
  // counts, depth and verdicts stay TLC's. Only the transition relation changes, which no state
  // property can see.
  if ((s.rmState[rm] === 'working' || s.rmState[rm] === 'prepared') && notCommitted(c, s)) out.push(set(s, rm, 'aborted'))
  return out
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (const rm of c.rms) {
    out.add({ name: 'Prepare', rm }, prepare(c, s, rm))
    for (const t of decide(c, s, rm)) out.add({ name: 'Decide', rm }, t)
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

/** TCConsistent: no RM has committed while another has aborted. */
export const consistent = (c: Config, s: State): boolean =>
  !(c.rms.some((rm) => s.rmState[rm] === 'committed') && c.rms.some((rm) => s.rmState[rm] === 'aborted'))

export const transactionCommit: Model<Config, State, Action> = {
  name: 'transaction-commit',
  init: (c) => [init(c)],
  next,
  actions: ['Prepare', 'Decide'],
  schema: (c) => schema.record({ rmState: schema.mapOf(c.rms, schema.enum('working', 'prepared', 'committed', 'aborted')) }),
  properties: [
    always('TCTypeOK', (c, s) => c.rms.every((rm) => ['working', 'prepared', 'committed', 'aborted'].includes(s.rmState[rm] as string))),
    // About an RM that committed (never reached: reported vacuous); TCTypeOK is about every state.
    always('TCConsistent', consistent, { witness: 'SomeCommitted' }),
    sometimes('SomeCommitted', (c, s) => c.rms.some((rm) => s.rmState[rm] === 'committed')),
    sometimes('SomeAborted', (c, s) => c.rms.some((rm) => s.rmState[rm] === 'aborted')),
    // Every RM committed: TCommit's commit rule lets each RM commit once all are prepared or
    // committed. Without this witness a rule that counts only prepared RMs (the first to commit
    // then bars the others, which can neither commit nor abort) changed only the counts.
    sometimes('AllCommitted', (c, s) => c.rms.every((rm) => s.rmState[rm] === 'committed')),
  ],
}
