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
 * Written with the actor harness (src/net/actor.ts), on multi-paxos.ts's roles: a replica is its
 * leader node, whose local state holds Multi-Paxos's leader state and the replica's (`applied`,
 * `kv`); the acceptors are multi-paxos.ts's role unchanged. Multi-Paxos's leader steps are taken as
 * they are, keeping the replica's part (a Learn then applies what it can). `LearnChosen` reads the
 * acceptors' votes off the network (`reads: state`, as `Elected` and `Learn` do) and comes after
 * the deliveries (`afterDeliveries`: the order of the composed version it replaced, whose counts
 * specs/replicated-state-machine.ts keeps). (That version kept the replicas in a `replicas`
 * field beside `leaders`; a node's state is now one record.)
 *
 * Left out: clients and replies, read commands, snapshots; see multi-paxos.ts for the rest.
 * Reference counts: none published; specs/replicated-state-machine.ts pins measured counts.
 */
import { always, schema, sometimes } from '../src/index.ts'
import type { Schema } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, Context, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { actorModel } from '../src/net/index.ts'
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

/** A replica node: Multi-Paxos's leader state (its log) and the state machine applied over it. */
export type Node = mp.Leader & Replica

type Roles = { leaders: Node; acceptors: mp.Acceptor }
/** `{ leaders: { l1: …, l2: … }, acceptors: { a1: …, … }, net }` */
export type State = ActorState<Roles, mp.Msg>
/** Multi-Paxos's steps, and `LearnChosen(node, inst, cmd)`. */
export type Action = ActorAction<mp.Msg>

type NodeStep = Outcome<Node, mp.Msg, object> | null

// ---- the state machine -----------------------------------------------------------------------

/** The deterministic state machine: `key=value` sets key to value. */
export function apply(kv: Readonly<Record<string, string>>, cmd: string): Readonly<Record<string, string>> {
  const eq = cmd.indexOf('=')
  return { ...kv, [cmd.slice(0, eq)]: cmd.slice(eq + 1) }
}

// ---- actions ---------------------------------------------------------------------------------

/** The replica applies every log entry that follows its applied prefix without a gap. */
function catchUp(x: Node): Node {
  const log = x.log
  let { applied, kv } = x
  while (applied.length < log.length && log[applied.length] !== null) {
    const cmd = log[applied.length] as string
    applied = [...applied, cmd]
    // mutants: applying each command to the store from before the catch-up (`x.kv` for `kv`) keeps
    // only the last command of a catch-up of two: invisible while every command writes one key
    // (the store is then the last value, as the replay's), caught with two keys
    // (specs/replicated-state-machine-two-keys.ts: StoreMatchesApplied, StateMachineSafety).
    kv = apply(kv, cmd)
  }
  return applied === x.applied ? x : { ...x, applied, kv }
}

/** Replica r learns that cmd is chosen in instance inst, the first instance missing from its log,
 * and applies what it can. (Learning a later instance first would only make it wait.) It reads
 * the acceptors' votes off the network (`ctx.state`). */
export function learnChosen(c: Config, x: Node, inst: number, cmd: string, ctx: Context<mp.Msg, State>): NodeStep {
  // mutants: weakening this guard (deleted, or `&&`) lets a replica learn a later instance first or
  // re-learn one (the same chosen command: LogAgreement): catchUp still applies only the gap-free
  // prefix, so the applied sequences are the same (counts only). `===` bars learning the first
  // gap from others: IdleReplicaApplied is lost.
  // mutants: the chosen test is redundant as `LearnChosen`'s parameters stand (they offer only
  // chosen commands): `length === 0` for `!includes(cmd)` (learn any command once something is
  // chosen in inst) is equivalent, and so is dropping the test altogether (survived,
  // bench/results/mutants-hand-written-7.txt: S1); it guards the handler against a caller offering others.
  if (x.log.indexOf(null) !== inst || !(mp.chosen(c, ctx.state)[inst] as readonly string[]).includes(cmd)) return null
  return { local: catchUp({ ...x, log: x.log.map((v, i) => (i === inst ? cmd : v)) }) }
}

// ---- next ------------------------------------------------------------------------------------

/** One of Multi-Paxos's leader steps, taken by a replica node: the replica's part is kept, and
 * after its own Learn the replica applies what it can. */
function replicaStep(a: LocalAction<Config, mp.Leader, mp.Msg, object, mp.State>): LocalAction<Config, Node, mp.Msg, object, State> {
  const learns = a.name === 'Learn'
  return {
    ...a,
    fire: (c, n, x, p, ctx) => {
      const o = a.fire(c, n, x, p, ctx)
      if (o === null) return null
      // Multi-Paxos's steps rebuild a leader's state (a new ballot starts from an idle one).
      const y: Node = { ...o.local, applied: x.applied, kv: x.kv }
      return { ...o, local: learns ? catchUp(y) : y }
    },
  }
}

const learnChosenAction: LocalAction<Config, Node, mp.Msg, object, State> = {
  name: 'LearnChosen',
  reads: ['state'],
  afterDeliveries: true,
  params: (c, _n, _x, ctx) => {
    const chosen = mp.chosen(c, ctx.state)
    return chosen.flatMap((cmds, i) => cmds.map((cmd) => ({ inst: i, cmd })))
  },
  fire: (c, _n, x, p, ctx) => learnChosen(c, x, p.inst as number, p.cmd as string, ctx),
}

/** A replica node's shape: Multi-Paxos's leader's, then the replica's. */
function nodeSchema(leader: Schema, c: Config): Schema {
  if (leader.kind !== 'record') throw new Error('replicated-state-machine: a leader schema is a record')
  const cmd = schema.enum(...[...new Set(Object.values(c.commands).flat())].sort())
  return schema.record({
    ...leader.fields,
    applied: schema.list(cmd),
    // A key is in the store once a command wrote it: a record schema's keys are all present, so
    // the store has no schema (hashed generically; it leaves states to msgpackr between workers).
    kv: schema.any(),
  })
}

function replicaRole(): Role<Config, Node, mp.Msg, object, State> {
  const leader = mp.leaderRole(mp.correctRules)
  return {
    nodes: leader.nodes,
    init: (c, n) => ({ ...leader.init(c, n), applied: [], kv: {} }),
    schema: (c) => nodeSchema((leader.schema as (c: Config) => Schema)(c), c),
    actions: [...(leader.actions ?? []).map(replicaStep), learnChosenAction],
  }
}

// ---- properties ------------------------------------------------------------------------------

const node = (s: State, r: string): Node => s.leaders[r] as Node

const isPrefix = (a: readonly string[], b: readonly string[]): boolean => a.every((x, i) => b[i] === x)

/** State Machine Safety: applied sequences are prefixes of one another, and equal lengths mean
 * equal stores. */
export const stateMachineSafety = (c: Config, s: State): boolean =>
  c.leaders.every((r1) =>
    c.leaders.every((r2) => {
      const a = node(s, r1).applied
      const b = node(s, r2).applied
      if (!(a.length <= b.length ? isPrefix(a, b) : isPrefix(b, a))) return false
      return a.length !== b.length || sameStore(node(s, r1).kv, node(s, r2).kv)
    }),
  )

const sortedEntries = (kv: Readonly<Record<string, string>>): [string, string][] =>
  Object.keys(kv)
    .sort()
    .map((k) => [k, kv[k] as string])
/** Two stores hold the same keys and values (whatever order their keys were written in). */
const sameStore = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean =>
  JSON.stringify(sortedEntries(a)) === JSON.stringify(sortedEntries(b))

/** A replica's store is what its applied sequence makes of the empty store: the state machine
 * really ran the commands it records as applied (StateMachineSafety compares replicas with each
 * other, so a replica that records commands without running them passes it: every store empty).
 * Read off the commands without `apply`: a state machine that is wrong the same way on every
 * replica (a set that keeps the key's first value) passes StateMachineSafety, and a replay by
 * `apply` would be wrong the same way too (a helper's hand-written mutant survived the suite so,
 * bench/results/mutants-hand-written-7.txt: S2). Each key holds the value of the last applied
 * command that sets it, and no key is unset that one sets. */
export const storeMatchesApplied = (c: Config, s: State): boolean =>
  c.leaders.every((r) => {
    const x = node(s, r)
    for (const key of Object.keys(x.kv)) if (lastSet(x.applied, key) !== x.kv[key]) return false
    return x.applied.every((cmd) => Object.hasOwn(x.kv, cmd.slice(0, cmd.indexOf('='))))
  })
/** The value the last of `cmds` that sets `key` gives it (undefined: none sets it). */
function lastSet(cmds: readonly string[], key: string): string | undefined {
  for (let i = cmds.length - 1; i >= 0; i--) {
    const cmd = cmds[i] as string
    const eq = cmd.indexOf('=')
    if (cmd.slice(0, eq) === key) return cmd.slice(eq + 1)
  }
  return undefined
}

/** A replica applies only chosen commands, at their instance. */
export const appliedAreChosen = (c: Config, s: State): boolean => {
  const chosen = mp.chosen(c, s)
  return c.leaders.every((r) => node(s, r).applied.every((cmd, i) => (chosen[i] as readonly string[]).includes(cmd)))
}

/** A replica has applied everything it knows: its applied sequence is its log's gap-free prefix
 * (it runs each entry as soon as the entries before it are known, `catchUp`). One that learns an
 * instance and does not apply it keeps a store behind its own log for good, which the other
 * invariants (they compare what was applied) do not see. */
export const appliesWhatItKnows = (c: Config, s: State): boolean => {
  for (const r of c.leaders) {
    const x = node(s, r)
    const gap = x.log.indexOf(null)
    if (x.applied.length !== (gap < 0 ? x.log.length : gap)) return false
  }
  return true
}

/** How many replicas have applied a command. */
const applying = (c: Config, s: State): number => c.leaders.filter((r) => node(s, r).applied.length > 0).length

export const replicatedStateMachine: ActorModel<Config, Roles, mp.Msg, object> = actorModel<Config, Roles, mp.Msg, object>({
  name: 'replicated-state-machine',
  roles: { leaders: replicaRole(), acceptors: mp.acceptorRole(mp.correctRules) },
  network: () => ({ semantics: 'set', budget: {} }),
  message: mp.messageSchema,
  properties: [
    // Each invariant names the situation it is about (never reached: reported vacuous).
    always('StateMachineSafety', stateMachineSafety, { when: (c, s) => applying(c, s) > 1 }),
    always('AppliedAreChosen', appliedAreChosen, { when: (c, s) => applying(c, s) > 0 }),
    always('StoreMatchesApplied', storeMatchesApplied, { when: (c, s) => applying(c, s) > 0 }),
    always('AppliesWhatItKnows', appliesWhatItKnows, { when: (c, s) => mp.someLearnt(c, s) }),
    always('LogAgreement', mp.logAgreement, { when: (c, s) => mp.someChosen(c, s) || mp.someLearnt(c, s) }),
    sometimes('AllReplicasAppliedWholeLog', (c, s) =>
      c.leaders.every((r) => node(s, r).applied.length === c.instances),
    ),
    sometimes('ReplicasAtDifferentLengths', (c, s) =>
      new Set(c.leaders.map((r) => node(s, r).applied.length)).size > 1,
    ),
    // A replica that never led applied a command: it learnt what others chose (`LearnChosen`).
    sometimes('IdleReplicaApplied', (c, s) =>
      c.leaders.some((r) => node(s, r).phase === 'idle' && node(s, r).applied.length > 0),
    ),
    // `Timeout` taken: a replica leads a second ballot (not reached when maxAttempts is all 1).
    sometimes('LedSecondBallot', mp.ledSecondBallot),
  ],
})
