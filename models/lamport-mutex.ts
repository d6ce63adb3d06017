/**
 * Lamport's distributed mutual exclusion (L. Lamport, "Time, Clocks and the Ordering of Events
 * in a Distributed System", CACM 21(7), 1978) — a port of Merz's LamportMutex.tla (tlaplus/Examples,
 * specifications/lamport_mutex/LamportMutex.tla) onto the actor harness (src/net).
 *
 * A process that wants the critical section stamps a request with its Lamport clock and
 * broadcasts it; every other process records the request, advances its clock past the stamp and
 * acknowledges. A process enters once every process has acknowledged and its own request beats
 * every request it has recorded (smaller clock, ties broken by process number); on exit it
 * broadcasts a release, which erases its request at the others. The channels are FIFO: a
 * process's request reaches a peer before its later acknowledgements do, which is what makes
 * "every process acknowledged, none of their requests recorded" mean "none of them requested
 * earlier".
 *
 * The module's variables are the processes' local states and the network: clock[p], req[p],
 * ack[p] and `p \in crit` (a boolean, `inCrit`) are process p's, and `network[p][q]`, a queue per
 * ordered pair, is a `fifo` network's link p→q. Request, Enter and Exit are local actions;
 * ReceiveRequest, ReceiveAck and ReceiveRelease are the delivery of the head of a link (in the
 * module exactly one of the three is enabled for a non-empty link, the one its head's type names,
 * so a delivery is one step, as it is one for TLC). Enter(p) does not require `p \notin crit`: a
 * process in its critical section can take Enter again, a step back to the same state, which TLC
 * counts as generated and so does this port. Processes are p1..pN (TLA+'s 1..N), and beats'
 * tie-break `p < q` compares their positions in `procs`. ReqMessage(c) is `{ type: 'req', clock }`;
 * AckMessage and RelMessage carry no clock (the module's `clock |-> 0` is a constant).
 *
 * Properties: the module's invariants TypeOK, BoundedNetwork and Mutex (Mutex stated about a
 * state where someone is in its critical section, so that a model where nobody enters is
 * reported vacuous), and the witness `SomeoneEnters`, not in the module; the inductive
 * invariants of Merz's proof (LamportMutex_proofs.tla: NetworkInv, CommInv, ClockInv), and
 * `RecordedRequestsCurrent` (a request a process holds is its owner's current one, or its release
 * is on the way), which progress needs of the release. The module's
 * ClockConstraint is the spec's `constraint` (`clockConstraint`). The module states no liveness
 * and no fairness, and none is checked here: every fair behaviour passes the clock bound (each
 * request a process receives advances its clock), so under ClockConstraint a property such as
 * "every request is eventually granted" is about no behaviour at all (the checker reports it
 * vacuous).
 *
 * Reference counts (TLC, tlaplus/Examples manifest, MCLamportMutex.cfg: N = 3, maxClock = 6):
 * 724,274 distinct / 2,729,079 generated / depth 61; here 922,956 distinct (198,682 cut by the
 * constraint, 724,274 within it) / 2,729,079 generated / depth 62 (61 within the constraint).
 * specs/lamport-mutex.ts runs a smaller bound; `--param maxClock=6` is the .cfg's.
 *
 * Buggy variants (models/lamport-mutex-*.ts), each one rule of `Rules` changed: a receiver that
 * advances its clock by one without taking the request's stamp into account, and a tie of clocks
 * that each side reads as its own win; and the module's rules on a `bag` network, which reorders
 * a link's messages. Each breaks Mutex with two processes.
 */
import { always, schema, setAdd, setHas, setOf, sometimes } from '../src/index.ts'
import type { SetOf } from '../src/index.ts'
import type { ActorAction, ActorModel, ActorState, LocalAction, Outcome, Role } from '../src/net/index.ts'
import { actorModel, linkKey, messages } from '../src/net/index.ts'
import { perKey, perLink } from './intern.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** Proc: the processes p1..pN, in the order beats' tie-break reads (TLA+'s 1..N). */
  readonly procs: readonly string[]
  /** maxClock: the bound of ClockConstraint (read by the spec's constraint and the schema). */
  readonly maxClock: number
}

/** The process's number, for beats' `p < q`. */
const rank = (c: Config, p: string): number => c.procs.indexOf(p)

// ---- messages --------------------------------------------------------------------------------

export type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'req'; readonly clock: number }
  | { readonly from: string; readonly to: string; readonly type: 'ack' }
  | { readonly from: string; readonly to: string; readonly type: 'rel' }

/** The message from→to: a request stamped with clock `k`, or an acknowledgement or a release,
 * one shared instance per distinct message (see models/intern.ts: the harness keeps one delivery
 * action and label per message object, and the fingerprint reuses a message's hash). */
const message = perLink((from: string, to: string, k: number | 'ack' | 'rel'): Msg => (typeof k === 'number' ? { from, to, type: 'req', clock: k } : { from, to, type: k }))

/** Broadcast(s, m): one message to every process but the sender, in process order. */
const broadcast = (c: Config, from: string, make: (to: string) => Msg): Msg[] => c.procs.filter((to) => to !== from).map(make)

// ---- state -----------------------------------------------------------------------------------

export type Proc = {
  /** clock[p]: the process's Lamport clock (from 1). */
  readonly clock: number
  /** req[p][q]: the stamp of q's request as p knows it, 0 if none (req[p][p]: p's own). */
  readonly req: Readonly<Record<string, number>>
  /** ack[p]: the processes that acknowledged p's current request (p itself included). */
  readonly ack: SetOf<string>
  /** p \in crit. */
  readonly inCrit: boolean
}

type Roles = { proc: Proc }
/** `{ proc: { p1: …, p2: …, p3: … }, net }`. */
export type State = ActorState<Roles, Msg>
export type Action = ActorAction<Msg>
export type LamportMutex = ActorModel<Config, Roles, Msg, object>

const proc = (s: State, p: string): Proc => s.proc[p] as Proc
const reqOf = (x: Proc, q: string): number => x.req[q] as number

// ---- init ------------------------------------------------------------------------------------

/** clock = 1, req = [q |-> 0], ack = {}, not in crit; the network empty. */
export const procInit = (c: Config): Proc => ({
  clock: 1,
  req: Object.fromEntries(c.procs.map((q) => [q, 0])),
  ack: setOf<string>(),
  inCrit: false,
})

// ---- the rules a buggy variant changes --------------------------------------------------------

export type Rules = {
  /** The receiver's clock after a request stamped `stamp` (`IF c > clock[p] THEN c + 1 ELSE @ + 1`). */
  readonly clockAfter: (stamp: number, clock: number) => number
  /** beats(p, q) given p's own stamp, q's stamp as p knows it (non-zero) and whether p's number
   * is below q's. */
  readonly beatsRecorded: (own: number, theirs: number, pFirst: boolean) => boolean
}

export const correctRules: Rules = {
  // mutants: `stamp >= clock` is equivalent (an equal stamp takes both branches to clock + 1).
  // `(stamp) => stamp + 1`, a clock that can go back, is a real bug the correct specs see by counts
  // only (the bag variant's BoundedNetwork fails): not with two processes and clocks up to 4, nor
  // three and clocks up to 2; with three and clocks up to 3 (`--param maxClock=3`, 66,275 states,
  // past the suite's budget) ClockInv is violated in 6 states and Mutex in 22.
  clockAfter: (stamp, clock) => (stamp > clock ? stamp + 1 : clock + 1),
  // mutants: a tie won by the larger number (`!pFirst`) is equivalent: any fixed order of the
  // processes breaks ties (Lamport 1978); the state space is this one mirrored (counts equal, the
  // golden snapshots' traces differ).
  beatsRecorded: (own, theirs, pFirst) => own < theirs || (own === theirs && pFirst),
}

// ---- actions ---------------------------------------------------------------------------------

type Step = Outcome<Proc, Msg, object> | null

/** Request(p): stamp a request with the clock, broadcast it, count p's own acknowledgement. */
export function request(c: Config, p: string, x: Proc): Step {
  if (reqOf(x, p) !== 0) return null
  return {
    local: { ...x, req: { ...x.req, [p]: x.clock }, ack: setOf(p) },
    send: broadcast(c, p, (to) => message(p, to, x.clock)),
  }
}

/** beats(p, q): p has no request of q's, or p's own request comes first. (mutants: `rank(c, p) <=
 * rank(c, q)` is equivalent: beats is read for q ≠ p only, and processes' ranks differ; `>` too:
 * ties then go to the larger number, another fixed order, see `correctRules`.) */
export const beats = (r: Rules, c: Config, p: string, x: Proc, q: string): boolean =>
  reqOf(x, q) === 0 || r.beatsRecorded(reqOf(x, p), reqOf(x, q), rank(c, p) < rank(c, q))

/** Enter(p): every process acknowledged, and p beats every other process. (Enabled again while p
 * is in its critical section: a step to the same state, as in the module.) */
export function enter(r: Rules, c: Config, p: string, x: Proc): Step {
  if (x.ack.length !== c.procs.length) return null
  if (!c.procs.every((q) => q === p || beats(r, c, p, x, q))) return null
  return { local: x.inCrit ? x : { ...x, inCrit: true } }
}

/** Exit(p): leave, broadcast a release, forget p's own request and its acknowledgements. */
export function exit(c: Config, p: string, x: Proc): Step {
  if (!x.inCrit) return null
  return {
    local: { ...x, inCrit: false, req: { ...x.req, [p]: 0 }, ack: setOf<string>() },
    send: broadcast(c, p, (to) => message(p, to, 'rel')),
  }
}

/** ReceiveRequest, ReceiveAck, ReceiveRelease: p takes the head of the link from `m.from`. */
export function receive(r: Rules, p: string, x: Proc, m: Msg): Step {
  const q = m.from
  switch (m.type) {
    case 'req':
      return { local: { ...x, req: { ...x.req, [q]: m.clock }, clock: r.clockAfter(m.clock, x.clock) }, send: [message(p, q, 'ack')] }
    case 'ack':
      return { local: { ...x, ack: setAdd(x.ack, q) } }
    case 'rel':
      return { local: { ...x, req: { ...x.req, [q]: 0 } } }
  }
}

// ---- properties ------------------------------------------------------------------------------

/** ClockConstraint: every clock at most maxClock (the spec's `constraint`). */
export const clockConstraint = (c: Config, s: State): boolean => c.procs.every((p) => proc(s, p).clock <= c.maxClock)

/** TypeOK: clocks positive, requests' stamps natural numbers, acknowledgements and messages
 * between processes. (The shape is the schema's; this reads the ranges the module states.) */
export function typeOK(c: Config, s: State): boolean {
  return (
    c.procs.every((p) => {
      const x = proc(s, p)
      return nat(x.clock) && x.clock >= 1 && c.procs.every((q) => nat(reqOf(x, q))) && x.ack.every((q) => c.procs.includes(q))
    }) && messages(s.net).every((m) => c.procs.includes(m.from) && c.procs.includes(m.to) && (m.type !== 'req' || (nat(m.clock) && m.clock >= 1)))
  )
}

const nat = (n: number): boolean => Number.isInteger(n) && n >= 0

/** An ordered pair of distinct processes, with the keys of its two links p→q and q→p. */
type Pair = { readonly p: string; readonly q: string; readonly pq: string; readonly qp: string }
/** The channels: every ordered pair of distinct processes, p's in process order (made once per
 * configuration: the invariants read them in every state). */
const pairs = perKey((c: Config): readonly Pair[] =>
  c.procs.flatMap((p) => c.procs.filter((q) => q !== p).map((q) => ({ p, q, pq: linkKey(p, q), qp: linkKey(q, p) }))),
)
/** The pairs (p, q) of each p, by p's rank. */
const pairsOf = perKey((c: Config): readonly (readonly Pair[])[] => c.procs.map((p) => pairs(c).filter((x) => x.p === p)))
/** Link from→to (its key `key`), oldest first (a FIFO network's queue). */
const link = (s: State, from: string, to: string, key: string): readonly Msg[] =>
  s.net.semantics === 'fifo' ? (s.net.queues[key] ?? []) : messages(s.net).filter((m) => m.from === from && m.to === to)
/** The pair's links p→q and q→p. */
const there = (s: State, x: Pair): readonly Msg[] => link(s, x.p, x.q, x.pq)
const back = (s: State, x: Pair): readonly Msg[] => link(s, x.q, x.p, x.qp)

/** BoundedNetwork: no channel (ordered pair of processes) holds more than three messages. */
export const boundedNetwork = (c: Config, s: State): boolean => pairs(c).every((x) => there(s, x).length <= 3)

const inCrit = (c: Config, s: State): string[] => c.procs.filter((p) => proc(s, p).inCrit)

/** Mutex: at most one process in its critical section. */
export const mutex = (c: Config, s: State): boolean => inCrit(c, s).length <= 1

const someoneInCrit = (c: Config, s: State): boolean => inCrit(c, s).length > 0

// ---- the proof's invariants ------------------------------------------------------------------
//
// Merz's LamportMutex_proofs.tla (tlaplus/Examples) proves Mutex from two inductive invariants,
// BasicInv (NetworkInv and CommInv: which messages can be on which link in each phase of a
// process) and ClockInv (how the stamps in req, clock and the request messages relate). They are
// stated here as the proof states them, but for ClockInv's `beats`, which is the rules' (`beats(r,
// …)`): the proof needs only that it orders two requests one way (Lamport 1978 breaks ties by an
// arbitrary total order of the processes), and a tie that both sides win is Mutex's to catch.
// Being inductive, each fails at the first step that breaks it: a bug shows with clocks too small
// for two processes ever to be in their critical sections together (the suite's N = 3 spec stops
// at clock 2, where no process can acknowledge two requests). They are FIFO invariants
// (`Precedes` reads a link's order): the bag variant's spec checks the module's properties only.

// (Loops, not `map`/`filter`: these run for every pair of processes in every state. With every
// invariant checked, the search took 5.60 CPU-s at maxClock = 5 against 3.58 with Mutex alone;
// the loops took it to 5.04.)
const contains = (l: readonly Msg[], t: Msg['type']): boolean => l.some((m) => m.type === t)
/** Precedes(s, t1, t2): every message of type t1 on the link is before every one of type t2. */
const precedes = (l: readonly Msg[], t1: Msg['type'], t2: Msg['type']): boolean => {
  let seenT2 = false
  for (const m of l) {
    if (m.type === t2) seenT2 = true
    else if (m.type === t1 && seenT2) return false
  }
  return true
}
/** How many messages of type t the link holds. */
const count = (l: readonly Msg[], t: Msg['type']): number => {
  let n = 0
  for (const m of l) if (m.type === t) n++
  return n
}

/** NetworkInv: a link holds at most one message of each type. */
export const networkInv = (c: Config, s: State): boolean =>
  pairs(c).every((x) => {
    const l = there(s, x)
    return l.length <= 1 || (count(l, 'req') <= 1 && count(l, 'ack') <= 1 && count(l, 'rel') <= 1)
  })

/** CommInv(p): p has no request and nothing of one in flight; or p has requested (and
 * acknowledged itself), is in its critical section only with every acknowledgement, and each other
 * q has acknowledged, has its acknowledgement on the way, or has the request on the way (after any
 * release of p's). */
export const commInv = (c: Config, s: State): boolean =>
  c.procs.every((p, rankP) => {
    const x = proc(s, p)
    const others = pairsOf(c)[rankP] as readonly Pair[]
    if (reqOf(x, p) === 0) return x.ack.length === 0 && !x.inCrit && others.every((o) => !contains(there(s, o), 'req') && !contains(back(s, o), 'ack'))
    return (
      setHas(x.ack, p) &&
      (!x.inCrit || x.ack.length === c.procs.length) &&
      others.every((o) => {
        const q = o.q
        const pq = there(s, o)
        const qp = back(s, o)
        if (setHas(x.ack, q)) return !contains(pq, 'req') && !contains(qp, 'ack') && !contains(pq, 'rel')
        if (contains(qp, 'ack')) return !contains(pq, 'req') && !contains(pq, 'rel')
        return contains(pq, 'req') && precedes(pq, 'rel', 'req')
      })
    )
  })

/** ClockInv(p, q): p's request messages carry p's stamp; once q has acknowledged it (or its
 * acknowledgement is on the way), q has recorded that stamp, q's clock is past it, and any request
 * of q's behind that acknowledgement is stamped later; and p in its critical section beats q. */
export const clockInv = (r: Rules) => (c: Config, s: State): boolean =>
  pairs(c).every((o) => {
    const { p, q } = o
    const x = proc(s, p)
    const y = proc(s, q)
    const own = reqOf(x, p)
    const pq = there(s, o)
    const qp = back(s, o)
    if (!pq.every((m) => m.type !== 'req' || m.clock === own)) return false
    if (contains(qp, 'ack') || setHas(x.ack, q)) {
      if (reqOf(y, p) !== own || y.clock <= own) return false
      if (precedes(qp, 'ack', 'req') && !qp.every((m) => m.type !== 'req' || m.clock > own)) return false
    }
    return !x.inCrit || beats(r, c, p, x, q)
  })

/** Not in the proof (Mutex does not need it; progress does): a request p has recorded for q is
 * q's current one, or q has released it and the release is on its way to p. Lamport's rule 3 (a
 * release removes the request from every queue) as a state predicate: it fails for a release
 * that is not sent or not applied, which is safe for Mutex and blocks p for ever. */
export const recordedRequestsCurrent = (c: Config, s: State): boolean =>
  pairs(c).every((o) => {
    const theirs = reqOf(proc(s, o.p), o.q)
    return theirs === 0 || reqOf(proc(s, o.q), o.q) === theirs || contains(back(s, o), 'rel')
  })

// ---- the model -------------------------------------------------------------------------------

export function validate(c: Config): string | undefined {
  if (c.procs.length < 1) return 'at least one process is needed'
  if (!Number.isInteger(c.maxClock) || c.maxClock < 1) return `maxClock must be a whole number of at least 1 (got ${c.maxClock})`
  return undefined
}

/** The model with `rules` (`correctRules`: the module's), on a network of `semantics`. */
export function lamportMutexModel(name: string, rules: Rules, semantics: 'fifo' | 'bag' = 'fifo'): LamportMutex {
  const actions: readonly LocalAction<Config, Proc, Msg, object>[] = [
    { name: 'Request', fire: (c, p, x) => request(c, p, x) },
    { name: 'Enter', fire: (c, p, x) => enter(rules, c, p, x) },
    { name: 'Exit', fire: (c, p, x) => exit(c, p, x) },
  ]
  // A generated state's clock is at most maxClock + 1 (a request stamped at most maxClock,
  // received by a process whose clock is at most maxClock); the constraint cuts it there. (This
  // is MCLamportMutex's Nat <- 0..MaxNat with MaxNat = maxClock + 1; a spec without the
  // constraint fails with a state outside the schema once a clock passes it.)
  const clock = (c: Config) => schema.int(0, c.maxClock + 1)
  const role: Role<Config, Proc, Msg, object> = {
    nodes: (c) => c.procs,
    init: procInit,
    receive: (_c, p, x, m) => receive(rules, p, x, m),
    actions,
    schema: (c) =>
      schema.record({ clock: clock(c), req: schema.mapOf(c.procs, clock(c)), ack: schema.setOf(schema.enum(...c.procs)), inCrit: schema.bool() }),
  }
  return actorModel<Config, Roles, Msg, object>({
    name,
    roles: { proc: role },
    network: () => ({ semantics, budget: {} }),
    message: (c) => {
      const p = schema.enum(...c.procs)
      return schema.union('type', { req: { from: p, to: p, clock: clock(c) }, ack: { from: p, to: p }, rel: { from: p, to: p } })
    },
    properties: [
      always('TypeOK', typeOK),
      always('BoundedNetwork', boundedNetwork),
      always('Mutex', mutex, { when: someoneInCrit }),
      always('NetworkInv', networkInv),
      always('CommInv', commInv),
      always('ClockInv', clockInv(rules)),
      always('RecordedRequestsCurrent', recordedRequestsCurrent),
      sometimes('SomeoneEnters', someoneInCrit),
    ],
    validate,
  })
}

/** The properties LamportMutex.tla states (and the witness), without the proof's invariants: what
 * a spec checks where those do not apply (a bag network has no link order) or would report a bug
 * before Mutex does. */
export const MODULE_PROPERTIES: readonly string[] = ['TypeOK', 'BoundedNetwork', 'Mutex', 'SomeoneEnters']

export const lamportMutex: LamportMutex = lamportMutexModel('lamport-mutex', correctRules)
