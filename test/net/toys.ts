/**
 * Tiny models over src/net whose state spaces are counted by hand in the tests' comments.
 * Not bundled specs: they exercise one semantics each.
 */
import { Steps, always, check, defineSpec, setAdd } from '../../src/index.ts'
import type { Model, SetOf, Value } from '../../src/index.ts'
import type { FaultBudget, Message, Network, NodeState, Semantics } from '../../src/net/index.ts'
import {
  afterCrash,
  crash,
  crashable,
  deliverableTo,
  deliveries,
  isUp,
  network,
  networkFaults,
  restart,
  restartable,
  send,
  sendAll,
} from '../../src/net/index.ts'

/** Toy actions: a name and plain parameters. */
type Action = { readonly name: string; readonly [param: string]: Value }

export type Msg = { readonly from: string; readonly to: string; readonly type: string }
const msg = (type: string, from = 'a', to = 'b'): Msg => ({ from, to, type })

/** `a` sends m1, then m2, to `b`; `b` appends what it receives to its log (a set for `set`). */
export type SenderState = { readonly sent: number; readonly log: readonly string[]; readonly net: Network<Msg> }

export function twoMessages(semantics: Semantics): Model<null, SenderState, Action> {
  return {
    name: `two-messages-${semantics}`,
    init: () => [{ sent: 0, log: [], net: network<Msg>(semantics, ['a', 'b']) }],
    next(_c, s) {
      const out = new Steps<Action, SenderState>()
      out.add({ name: 'Send' }, s.sent < 2 ? { ...s, sent: s.sent + 1, net: send(s.net, msg(`m${s.sent + 1}`)) } : null)
      for (const d of deliveries(s.net)) {
        const log = semantics === 'set' ? setAdd(s.log as SetOf<string>, d.action.msg.type) : [...s.log, d.action.msg.type]
        out.add(d.action, { ...s, net: d.net, log })
      }
      return out.list
    },
    properties: [],
  }
}

/** Messages already in flight from `a` to `b`; `b` logs deliveries; network faults under `budget`. */
export type LogState = { readonly log: readonly string[]; readonly net: Network<Msg> }

export function faulty(semantics: Semantics, inFlight: readonly string[], budget: FaultBudget): Model<null, LogState, Action> {
  return {
    name: `faulty-${semantics}`,
    init: () => [{ log: [], net: sendAll(network<Msg>(semantics, ['a', 'b']), inFlight.map((t) => msg(t))) }],
    next(_c, s) {
      const out = new Steps<Action, LogState>()
      for (const d of deliveries(s.net)) out.add(d.action, { ...s, net: d.net, log: [...s.log, d.action.msg.type] })
      for (const f of networkFaults(s.net, budget, { nodes: ['a', 'b'] })) out.add(f.action, { ...s, net: f.net })
      return out.list
    },
    properties: [],
  }
}

/**
 * `b` waits for `m` from `a`; `Timeout(b)` is enabled while it waits and nothing for it can be
 * delivered (the "nothing else will come" timeout); partitions under `budget`.
 */
export type WaitState = { readonly b: 'waiting' | 'got' | 'timedOut'; readonly net: Network<Msg> }

export function waiter(budget: FaultBudget): Model<null, WaitState, Action> {
  return {
    name: 'waiter',
    init: () => [{ b: 'waiting', net: send(network<Msg>('bag'), msg('m')) }],
    next(_c, s) {
      const out = new Steps<Action, WaitState>()
      for (const d of deliveries(s.net)) out.add(d.action, { ...s, net: d.net, b: s.b === 'waiting' ? 'got' : s.b })
      out.add({ name: 'Timeout', node: 'b' }, s.b === 'waiting' && deliverableTo(s.net, 'b').length === 0 ? { ...s, b: 'timedOut' } : null)
      for (const f of networkFaults(s.net, budget, { nodes: ['a', 'b'] })) out.add(f.action, { ...s, net: f.net })
      return out.list
    },
    properties: [],
  }
}

/**
 * One node `n` with a durable flag `d` and a volatile flag `v`: `Bump` sets v, `Save` copies v into
 * d. `Crash` (budget `crashes`) loses v, keeps d; `Restart` brings the node back.
 */
export type CrashState = { readonly n: NodeState<number, number>; readonly net: Network<Message> }

export function crashy(crashes: number): Model<null, CrashState, Action> {
  const budget: FaultBudget = { crash: crashes }
  return {
    name: 'crashy',
    init: () => [{ n: { durable: 0, volatile: 0 }, net: network('bag') }],
    next(_c, s) {
      const out = new Steps<Action, CrashState>()
      const up = isUp(s.net, 'n')
      out.add({ name: 'Bump', node: 'n' }, up && s.n.volatile === 0 ? { ...s, n: { ...s.n, volatile: 1 } } : null)
      out.add({ name: 'Save', node: 'n' }, up && s.n.durable === 0 && s.n.volatile === 1 ? { ...s, n: { ...s.n, durable: 1 } } : null)
      for (const node of crashable(s.net, budget, ['n'])) {
        out.add({ name: 'Crash', node }, { n: afterCrash(s.n, 0), net: crash(s.net, node) })
      }
      for (const node of restartable(s.net, ['n'])) out.add({ name: 'Restart', node }, { ...s, net: restart(s.net, node) })
      return out.list
    },
    properties: [],
  }
}

/** Explores the whole space (an invariant keeps the search from stopping early: with no open
 * property there would be nothing left to decide). */
export async function explore<S>(model: Model<null, S, Action>) {
  const explored = { ...model, properties: [always<null, S>('Explored', () => true)] }
  // Bounded by states, far above every toy's hand count: a fault budget that is never spent makes
  // a bag unbounded, and the test then fails on its counts instead of never ending (an engine
  // mutant did: docs/mutation-testing.md, "Engine mutants").
  return check(defineSpec({ name: model.name, model: explored, config: null }), { maxStates: 10_000 })
}
