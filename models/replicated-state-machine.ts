/**
 * A replicated state machine on Multi-Paxos — the seed's "多副本状态机" section: every replica keeps
 * the same log of commands and runs the same deterministic state machine over it in log order, so
 * replicas that applied the same number of commands are in the same state.
 *
 * The consensus layer is multi-paxos.ts unchanged (its leaders are the replicas). On top of it,
 * each replica learns the first instance missing from its log once it is chosen (`LearnChosen`: a
 * majority of acceptors' Accepted votes for one ballot and command are in the network; acceptors'
 * votes reach every learner), and applies its log's complete prefix, in instance order, to a small key-value store
 * (commands `key=value`). A replica applies as soon as the next instance is known: applying later
 * would add interleavings, not behaviours of the store.
 *
 * Property: State Machine Safety — any two replicas' applied sequences are prefixes of one
 * another, and replicas that applied equally many commands hold equal stores.
 *
 * Left out: clients and replies, read commands, snapshots; see multi-paxos.ts for the rest.
 * Reference counts: none published; specs/replicated-state-machine.ts pins measured counts.
 */
import { Steps, always, mapFrom, sometimes } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import * as mp from './multi-paxos.ts'

// ---- constants -------------------------------------------------------------------------------

/** The replicas are Multi-Paxos's leaders; commands are `key=value` writes. */
export type Config = mp.Config

// ---- state -----------------------------------------------------------------------------------

export type Replica = {
  /** The commands applied, in instance order. */
  readonly applied: readonly string[]
  /** The key-value store: the state machine's state. */
  readonly kv: Readonly<Record<string, string>>
}

export type State = mp.State & {
  readonly replicas: Readonly<Record<string, Replica>>
}

export type Action = mp.Action | { readonly name: 'LearnChosen'; readonly node: string; readonly inst: number; readonly cmd: string }

// ---- the state machine -----------------------------------------------------------------------

/** The deterministic state machine: `key=value` sets key to value. */
export function apply(kv: Readonly<Record<string, string>>, cmd: string): Readonly<Record<string, string>> {
  const eq = cmd.indexOf('=')
  return { ...kv, [cmd.slice(0, eq)]: cmd.slice(eq + 1) }
}

// ---- init ------------------------------------------------------------------------------------

export function init(c: Config): State {
  return { ...mp.init(c), replicas: mapFrom(c.leaders, () => ({ applied: [], kv: {} })) }
}

// ---- actions ---------------------------------------------------------------------------------

/** Replica r applies every log entry that follows its applied prefix without a gap. */
function catchUp(s: State, r: string): State {
  const rep = s.replicas[r] as Replica
  const log = (s.leaders[r] as mp.Leader).log
  let { applied, kv } = rep
  while (applied.length < log.length && log[applied.length] !== null) {
    const cmd = log[applied.length] as string
    applied = [...applied, cmd]
    kv = apply(kv, cmd)
  }
  return applied === rep.applied ? s : { ...s, replicas: { ...s.replicas, [r]: { applied, kv } } }
}

/** Replica r learns that cmd is chosen in instance inst, the first instance missing from its log,
 * and applies what it can. (Learning a later instance first would only make it wait.) */
export function learnChosen(c: Config, s: State, r: string, inst: number, cmd: string): State | null {
  const x = s.leaders[r] as mp.Leader
  // mutants: weakening this guard (deleted, or `&&`) lets a replica learn a later instance first or
  // re-learn one (the same chosen command: LogAgreement): catchUp still applies only the gap-free
  // prefix, so the applied sequences are the same (counts only). `===` bars learning the first
  // gap from others: IdleReplicaApplied is lost.
  if (x.log.indexOf(null) !== inst || !(mp.chosen(c, s)[inst] as string[]).includes(cmd)) return null
  return catchUp({ ...s, leaders: { ...s.leaders, [r]: { ...x, log: x.log.map((v, i) => (i === inst ? cmd : v)) } } }, r)
}

// ---- next ------------------------------------------------------------------------------------

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  // Multi-Paxos's steps keep `replicas` (they copy the state); a leader's own Learn is applied too.
  for (const [a, t] of mp.multiPaxos.next(c, s)) {
    const u = t as State
    out.add(a, a.name === 'Learn' ? catchUp(u, a.node) : u)
  }
  const chosen = mp.chosen(c, s)
  for (const r of c.leaders) {
    for (let i = 0; i < c.instances; i++) {
      for (const cmd of chosen[i] as string[]) out.add({ name: 'LearnChosen', node: r, inst: i, cmd }, learnChosen(c, s, r, i, cmd))
    }
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

const isPrefix = (a: readonly string[], b: readonly string[]): boolean => a.every((x, i) => b[i] === x)

/** State Machine Safety: applied sequences are prefixes of one another, and equal lengths mean
 * equal stores. */
export const stateMachineSafety = (c: Config, s: State): boolean =>
  c.leaders.every((r1) =>
    c.leaders.every((r2) => {
      const a = (s.replicas[r1] as Replica).applied
      const b = (s.replicas[r2] as Replica).applied
      if (!(a.length <= b.length ? isPrefix(a, b) : isPrefix(b, a))) return false
      return a.length !== b.length || JSON.stringify(sortedEntries((s.replicas[r1] as Replica).kv)) === JSON.stringify(sortedEntries((s.replicas[r2] as Replica).kv))
    }),
  )

const sortedEntries = (kv: Readonly<Record<string, string>>): [string, string][] =>
  Object.keys(kv)
    .sort()
    .map((k) => [k, kv[k] as string])

/** A replica applies only chosen commands, at their instance. */
export const appliedAreChosen = (c: Config, s: State): boolean => {
  const chosen = mp.chosen(c, s)
  return c.leaders.every((r) => (s.replicas[r] as Replica).applied.every((cmd, i) => (chosen[i] as string[]).includes(cmd)))
}

/** How many replicas have applied a command. */
const applying = (c: Config, s: State): number => c.leaders.filter((r) => (s.replicas[r] as Replica).applied.length > 0).length

export const replicatedStateMachine: Model<Config, State, Action> = {
  name: 'replicated-state-machine',
  init: (c) => [init(c)],
  next,
  actions: [...(mp.multiPaxos.actions ?? []), 'LearnChosen'],
  properties: [
    // Each invariant names the situation it is about (never reached: reported vacuous).
    always('StateMachineSafety', stateMachineSafety, { when: (c, s) => applying(c, s) > 1 }),
    always('AppliedAreChosen', appliedAreChosen, { when: (c, s) => applying(c, s) > 0 }),
    always('LogAgreement', mp.logAgreement, { when: (c, s) => mp.someChosen(c, s) || mp.someLearnt(c, s) }),
    sometimes('AllReplicasAppliedWholeLog', (c, s) =>
      c.leaders.every((r) => (s.replicas[r] as Replica).applied.length === c.instances),
    ),
    sometimes('ReplicasAtDifferentLengths', (c, s) =>
      new Set(c.leaders.map((r) => (s.replicas[r] as Replica).applied.length)).size > 1,
    ),
    // A replica that never led applied a command: it learnt what others chose (`LearnChosen`).
    sometimes('IdleReplicaApplied', (c, s) =>
      c.leaders.some((r) => (s.leaders[r] as mp.Leader).phase === 'idle' && (s.replicas[r] as Replica).applied.length > 0),
    ),
    // `Timeout` taken: a replica leads a second ballot (not reached when maxAttempts is all 1).
    sometimes('LedSecondBallot', mp.ledSecondBallot),
  ],
}
