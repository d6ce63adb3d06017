/**
 * Ricart and Agrawala's distributed mutual exclusion (G. Ricart, A. K. Agrawala, "An Optimal
 * Algorithm for Mutual Exclusion in Computer Networks", CACM 24(1), 1981), designed on the actor
 * harness (src/net) from the paper's description rather than ported from a TLA+ module.
 *
 * A process that wants the critical section stamps a request with its Lamport clock and
 * broadcasts it; it enters once every other process has replied. A process that receives a
 * request advances its clock past the stamp and replies at once, unless it is in its critical
 * section or is itself requesting with a (stamp, process) pair smaller than the request's: then it
 * defers the reply until it exits, when it sends every reply it deferred. Ties of stamps are
 * broken by the processes' order in `procs` (the paper's node numbers). There are no releases and
 * no queues: a deferred reply is the release.
 *
 * The clock is the paper's: `clock` is Highest_Sequence_Number (the largest stamp seen, its own
 * included), a request is stamped `clock + 1` (Our_Sequence_Number), and a request received
 * raises `clock` to its stamp if larger. Replies carry no stamp (as in the paper) and do not
 * touch the clock. The network is a `bag`: the paper needs no FIFO order, and at most one request
 * and one reply are ever in flight on a link.
 *
 * Bound: a process requests only while `clock < maxClock` (a guard on Request, not a spec
 * constraint), so every clock and stamp stays within 0..maxClock and every behaviour ends, with no
 * state cut: the liveness property is decided over every behaviour of the bounded model. (A spec
 * `constraint` on the clock instead would cut behaviours that run past the bound, and leave a
 * liveness verdict about the ones that stay under it.) A process that has reached maxClock simply
 * stops requesting: its last request is still served.
 *
 * Left out: faults (the paper assumes reliable delivery and no crashes), the paper's
 * Sequence_Number overflow discussion, and the processes' work in their critical sections.
 *
 * Properties: Mutex (at most one process in its critical section), stated about a state where
 * someone is in it; `InCsHasAllReplies` (a process in its critical section holds a reply from
 * every other); `EarliestInCs` (its request is earlier, by stamp and then number, than every
 * waiting process's: the order the paper's fairness argument rests on); witnesses that someone enters and that two requests tie on their stamps (so the
 * tie-break is exercised); and per process `Enters(p)`: a waiting process eventually enters
 * (`leadsTo`), under weak fairness per process over its Enter, its Exit and the deliveries to it
 * (Request is not fair: a process may stay idle for ever).
 *
 * Symmetry does not apply: the tie-break reads the processes' order, so renaming two processes
 * changes which of two tied requests goes first.
 *
 * Buggy variants (models/ricart-agrawala-*.ts), each one rule of `Rules` changed: the tie-break
 * left out (stamps compared alone: two tied requesters both reply, both enter), deferred replies
 * forgotten on exit (the deferred requester waits for ever), and a reply sent from inside the
 * critical section.
 */
import { always, leadsTo, schema, setAdd, setHas, setOf, sometimes, weakFair } from '../src/index.ts'
import type { Fairness, Property, SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { actorModel, stepAt } from '../src/net/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** The processes, in the order that breaks ties of stamps (the paper's node numbers). */
  readonly procs: readonly string[]
  /** The largest stamp a request may carry: a process requests only while its clock is below. */
  readonly maxClock: number
}

const rank = (c: Config, p: string): number => c.procs.indexOf(p)
const others = (c: Config, p: string): readonly string[] => c.procs.filter((q) => q !== p)

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Request'; readonly ts: number }
  | { readonly from: string; readonly to: string; readonly type: 'Reply' }

const reply = (from: string, to: string): Msg => ({ from, to, type: 'Reply' })

// ---- state -----------------------------------------------------------------------------------

export type Phase = 'idle' | 'waiting' | 'cs'

export type Proc = {
  /** Highest_Sequence_Number: the largest stamp the process has seen (its own requests' too). */
  readonly clock: number
  /** Our_Sequence_Number: the stamp of the current request, 0 when idle. */
  readonly ts: number
  /** idle; waiting (Requesting_Critical_Section, not yet in); cs (in its critical section). */
  readonly phase: Phase
  /** The processes that have replied to the current request. */
  readonly replies: SetOf<string>
  /** Reply_Deferred: the processes whose requests wait for this one's exit. */
  readonly deferred: SetOf<string>
}

type Roles = { proc: Proc }
/** `{ proc: { p1: …, p2: …, p3: … }, net }`. */
export type State = ActorState<Roles, Msg>
export type Action = ActorAction<Msg>
export type RicartAgrawala = ActorModel<Config, Roles, Msg, object>

const proc = (s: State, p: string): Proc => s.proc[p] as Proc

// ---- init ------------------------------------------------------------------------------------

/** Clock 0, idle, no replies, nothing deferred; the network empty. */
export const procInit = (): Proc => ({ clock: 0, ts: 0, phase: 'idle', replies: setOf<string>(), deferred: setOf<string>() })

// ---- the rules a buggy variant changes --------------------------------------------------------

export type Rules = {
  /** Whether p's request (own, p) comes before q's (theirs, q); `pFirst`: p's number is below q's. */
  readonly precedes: (own: number, theirs: number, pFirst: boolean) => boolean
  /** Whether a process in `phase` defers a request, given whether its own request comes first. */
  readonly defers: (phase: Phase, ownFirst: boolean) => boolean
  /** The processes a process replies to as it exits, given those it deferred. */
  readonly repliesOnExit: (deferred: SetOf<string>) => readonly string[]
}

export const correctRules: Rules = {
  precedes: (own, theirs, pFirst) => own < theirs || (own === theirs && pFirst),
  defers: (phase, ownFirst) => phase === 'cs' || (phase === 'waiting' && ownFirst),
  repliesOnExit: (deferred) => deferred,
}

// ---- actions ---------------------------------------------------------------------------------

type Step = Outcome<Proc, Msg, object> | null

/** Request(p): an idle process below the clock bound stamps a request clock + 1 and broadcasts it. */
export function request(c: Config, p: string, x: Proc): Step {
  if (x.phase !== 'idle') return null
  if (x.clock >= c.maxClock) return null
  const ts = x.clock + 1
  // mutants: keeping `replies` here is equivalent: an idle process's replies are empty (Exit
  // clears them, and none arrive while idle: a reply answers a request), so the states are the same.
  return {
    local: { ...x, clock: ts, ts, phase: 'waiting', replies: setOf<string>() },
    send: others(c, p).map((to) => ({ from: p, to, type: 'Request', ts })),
  }
}

/** Enter(p): a waiting process with a reply from every other enters its critical section. */
export function enter(c: Config, _p: string, x: Proc): Step {
  // mutants: without this guard Enter is also enabled in the critical section (replies complete),
  // a step to the same state: counts only (generated), no behaviour changes. An idle process has
  // no replies, so Enter stays disabled there.
  if (x.phase !== 'waiting') return null
  if (x.replies.length !== c.procs.length - 1) return null
  return { local: { ...x, phase: 'cs' } }
}

/** Exit(p): leave the critical section and send the replies deferred meanwhile. */
export function exit(r: Rules, p: string, x: Proc): Step {
  if (x.phase !== 'cs') return null
  // mutants: leaving `ts` or `replies` as they were changes the states (counts only) and no
  // behaviour: an idle process's stamp is read by nothing (receive compares it only when not
  // idle, the properties only of waiting or entered processes) and Request resets both.
  return {
    local: { ...x, ts: 0, phase: 'idle', replies: setOf<string>(), deferred: setOf<string>() },
    send: r.repliesOnExit(x.deferred).map((to) => reply(p, to)),
  }
}

/** ReceiveRequest: take the stamp into the clock; reply at once or defer. ReceiveReply: count it. */
export function receive(r: Rules, c: Config, p: string, x: Proc, m: Msg): Step {
  const q = m.from
  if (m.type === 'Reply') return { local: { ...x, replies: setAdd(x.replies, q) } }
  const clock = Math.max(x.clock, m.ts)
  // mutants: `rank(c, p) <= rank(c, q)` is equivalent: q is never p (no process sends to itself).
  const ownFirst = x.phase !== 'idle' && r.precedes(x.ts, m.ts, rank(c, p) < rank(c, q))
  if (r.defers(x.phase, ownFirst)) return { local: { ...x, clock, deferred: setAdd(x.deferred, q) } }
  return { local: { ...x, clock }, send: [reply(p, q)] }
}

// ---- properties ------------------------------------------------------------------------------

const inCs = (c: Config, s: State): string[] => c.procs.filter((p) => proc(s, p).phase === 'cs')
const someoneInCs = (c: Config, s: State): boolean => inCs(c, s).length > 0

/** Mutex: at most one process in its critical section. */
export const mutex = (c: Config, s: State): boolean => inCs(c, s).length <= 1

/** A process in its critical section holds a reply from every other process. */
export const inCsHasAllReplies = (c: Config, s: State): boolean =>
  inCs(c, s).every((p) => others(c, p).every((q) => setHas(proc(s, p).replies, q)))

/** (a, p) before (b, q): the requests' total order, stamps first, ties by process number. */
const earlier = (c: Config, a: number, p: string, b: number, q: string): boolean => a < b || (a === b && rank(c, p) < rank(c, q))

/** A process in its critical section holds a request earlier than every waiting process's: the
 * waiting one replied to it either before requesting (so its clock, and then its stamp, went past
 * it) or because its own request came later. This is what the clock update on a received request
 * is for: a process that replies without taking the stamp into its clock (`clock = x.clock`, a
 * mutant) can later request with an earlier stamp and overtake, and with three processes break
 * Mutex too (specs/ricart-agrawala.ts: EarliestInCs in 8 states, Mutex in 13). */
export const earliestInCs = (c: Config, s: State): boolean =>
  inCs(c, s).every((q) => c.procs.every((p) => proc(s, p).phase !== 'waiting' || earlier(c, proc(s, q).ts, q, proc(s, p).ts, p)))

/** Two processes wait on requests with equal stamps (the tie-break decides between them). */
export const tiedRequests = (c: Config, s: State): boolean =>
  c.procs.some((p) => c.procs.some((q) => rank(c, p) < rank(c, q) && proc(s, p).phase === 'waiting' && proc(s, q).phase === 'waiting' && proc(s, p).ts === proc(s, q).ts))

/** Enters(p): once p waits, it is eventually in its critical section. */
export const entersFor = (c: Config): Property<Config, State>[] =>
  c.procs.map((p) =>
    leadsTo<Config, State>(
      `Enters(${p})`,
      (_c, s) => proc(s, p).phase === 'waiting',
      (_c, s) => proc(s, p).phase === 'cs',
    ),
  )

/** Weak fairness per process over its Enter, its Exit and the deliveries to it (not Request). */
export const procFairness = (c: Config): Fairness[] =>
  c.procs.map((p) =>
    weakFair(stepAt(p, ['Deliver', 'Enter', 'Exit']), `proc(${p})`),
  )

// ---- the model -------------------------------------------------------------------------------

export function validate(c: Config): string | undefined {
  if (c.procs.length < 1) return 'at least one process is needed'
  if (!Number.isInteger(c.maxClock) || c.maxClock < 0) return `maxClock must be a whole number of at least 0 (got ${c.maxClock})`
  return undefined
}

/** The model with `rules` (`correctRules`: the paper's). */
export function ricartAgrawalaModel(name: string, rules: Rules): RicartAgrawala {
  const actions: readonly LocalAction<Config, Proc, Msg, object>[] = [
    { name: 'Request', fire: (c, p, x) => request(c, p, x) },
    { name: 'Enter', fire: (c, p, x) => enter(c, p, x) },
    { name: 'Exit', fire: (_c, p, x) => exit(rules, p, x) },
  ]
  const stamp = (c: Config) => schema.int(0, c.maxClock)
  const role: Role<Config, Proc, Msg, object> = {
    nodes: (c) => c.procs,
    init: procInit,
    receive: (c, p, x, m) => receive(rules, c, p, x, m),
    actions,
    schema: (c) =>
      schema.record({
        clock: stamp(c),
        ts: stamp(c),
        phase: schema.enum('idle', 'waiting', 'cs'),
        replies: schema.setOf(schema.enum(...c.procs)),
        deferred: schema.setOf(schema.enum(...c.procs)),
      }),
  }
  return actorModel<Config, Roles, Msg, object>({
    name,
    roles: { proc: role },
    network: () => ({ semantics: 'bag', budget: {} }),
    message: (c) => {
      const p = schema.enum(...c.procs)
      return schema.union('type', { Request: { from: p, to: p, ts: schema.int(1, Math.max(1, c.maxClock)) }, Reply: { from: p, to: p } })
    },
    properties: [
      always('Mutex', mutex, { when: someoneInCs }),
      always('InCsHasAllReplies', inCsHasAllReplies, { when: someoneInCs }),
      always('EarliestInCs', earliestInCs, { when: someoneInCs }),
      sometimes('SomeoneEnters', someoneInCs),
      sometimes('TiedRequests', tiedRequests),
    ],
    propertiesFor: entersFor,
    fairness: procFairness,
    validate,
  })
}

export const ricartAgrawala: RicartAgrawala = ricartAgrawalaModel('ricart-agrawala', correctRules)
