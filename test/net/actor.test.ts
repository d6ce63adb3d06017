/**
 * The actor harness (src/net/actor.ts): the steps it generates from per-node handlers, in their
 * fixed order, with the delivery rules of each network semantics, crashes that reset what the
 * role says is volatile, ghost variables, the derived schema, the step events, and the one-line
 * errors for a definition it cannot build.
 */
import { describe, expect, it } from 'vitest'
import { actionLabel, always, check, defineSpec, schema } from '../../src/index.ts'
import type { SetOf } from '../../src/index.ts'
import { actorModel, network, send } from '../../src/net/index.ts'
import { sequenceOf } from '../../src/trace/sequence.ts'
import { parseItf, traceToItfJson } from '../../src/trace/itf.ts'
import type { ActorDefinition, ActorState, Semantics } from '../../src/net/index.ts'

// A client asks a server to count; the server counts Inc messages and acknowledges each. The
// client's `Give up` timer fires only when nothing can reach it. The server forgets its count in
// a crash unless the count was saved (`saved`, durable). `log` is a ghost: every count acked.
type Msg =
  | { readonly from: string; readonly to: string; readonly type: 'Inc' }
  | { readonly from: string; readonly to: string; readonly type: 'Ack'; readonly n: number }
type Client = { readonly sent: number; readonly acked: number; readonly gaveUp: boolean }
type Server = { readonly count: number; readonly saved: number }
type Roles = { clients: Client; servers: Server }
type Ghost = { readonly log: SetOf<number> }
type Config = { readonly semantics: Semantics; readonly max: number; readonly crash: number }
type St = ActorState<Roles, Msg, Ghost>

const definition = (over: Partial<ActorDefinition<Config, Roles, Msg, Ghost>> = {}): ActorDefinition<Config, Roles, Msg, Ghost> => ({
  name: 'counter',
  roles: {
    clients: {
      nodes: () => ['c'],
      init: () => ({ sent: 0, acked: 0, gaveUp: false }),
      receive: (_c, _n, x, m) => (m.type === 'Ack' && m.n > x.acked ? { local: { ...x, acked: m.n } } : null),
      actions: [
        {
          name: 'Send',
          params: () => [{ to: 's' }],
          fire: (c, n, x, p) => (x.sent < c.max ? { local: { ...x, sent: x.sent + 1 }, send: [{ from: n, to: p.to as string, type: 'Inc' }] } : null),
        },
        { name: 'GiveUp', kind: 'timeout', whenQuiet: true, fire: (_c, _n, x) => (x.sent > x.acked && !x.gaveUp ? { local: { ...x, gaveUp: true } } : null) },
      ],
      schema: () => schema.record({ sent: schema.int(0, 3), acked: schema.int(0, 3), gaveUp: schema.bool() }),
    },
    servers: {
      nodes: () => ['s'],
      init: () => ({ count: 0, saved: 0 }),
      receive: (_c, n, x, m) => {
        if (m.type !== 'Inc') return null
        const count = x.count + 1
        return { local: { count, saved: x.saved }, send: [{ from: n, to: m.from, type: 'Ack', n: count }], ghost: (g) => ({ log: [...g.log, count] }) }
      },
      crash: (_c, x) => (x.count === x.saved ? x : { count: x.saved, saved: x.saved }),
      schema: () => schema.record({ count: schema.int(0, 3), saved: schema.int(0, 3) }),
    },
  },
  network: (c) => ({ semantics: c.semantics, budget: { crash: c.crash, drop: 1 }, crashable: ['s'] }),
  message: () => {
    const node = schema.enum('c', 's')
    return schema.union('type', { Inc: { from: node, to: node }, Ack: { from: node, to: node, n: schema.int(0, 3) } })
  },
  ghost: () => ({ log: [] }),
  ghostSchema: () => ({ log: schema.list(schema.int(0, 3)) }),
  properties: [always('AckedWasCounted', (_c, s: St) => (s.clients.c as Client).acked <= Math.max(0, ...s.log))],
  ...over,
})

const counter = actorModel(definition())
const bag: Config = { semantics: 'bag', max: 2, crash: 1 }
const labels = (c: Config, s: St): string[] => counter.next(c, s).map(([a]) => actionLabel(a))
const state = (clients: Client, servers: Server, net: St['net'], log: readonly number[] = []): St => ({ clients: { c: clients }, servers: { s: servers }, net, log }) as St

describe('actorModel', () => {
  it('builds the state from the roles, the network and the ghosts, in that order', () => {
    expect(counter.init(bag)).toEqual([
      { clients: { c: { sent: 0, acked: 0, gaveUp: false } }, servers: { s: { count: 0, saved: 0 } }, net: network('bag'), log: [] },
    ])
    expect(Object.keys(counter.init(bag)[0] as object)).toEqual(['clients', 'servers', 'net', 'log'])
  })

  it('orders steps: local actions by role and node, deliveries, network faults, crashes, restarts', () => {
    const net = send(send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' }), { from: 's', to: 'c', type: 'Ack', n: 1 })
    const s = state({ sent: 1, acked: 0, gaveUp: false }, { count: 1, saved: 0 }, net, [1])
    expect(labels(bag, s)).toEqual([
      'Send(c, s)', // GiveUp is not offered: an Ack can still reach c
      'Deliver(Inc c→s)',
      'Deliver(Ack(1) s→c)',
      'Drop(Inc c→s)',
      'Drop(Ack(1) s→c)',
      'Crash(s)',
    ])
    const [, afterInc] = counter.next(bag, s)[1]!
    expect(afterInc.servers.s).toEqual({ count: 2, saved: 0 })
    expect(afterInc.log).toEqual([1, 2])
    // The crash resets the server's count to what it saved, and loses the Inc in flight to it.
    const [, crashed] = counter.next(bag, s)[5]!
    expect(crashed.servers.s).toEqual({ count: 0, saved: 0 })
    expect(crashed.net.down).toEqual(['s'])
    expect(labels(bag, crashed)).toEqual(['Send(c, s)', 'Deliver(Ack(1) s→c)', 'Drop(Ack(1) s→c)', 'Restart(s)'])
  })

  it('fires a whenQuiet timer only when nothing can be delivered to its node', () => {
    const s = state({ sent: 1, acked: 0, gaveUp: false }, { count: 1, saved: 0 }, network('bag'))
    expect(labels(bag, s)).toContain('GiveUp(c)')
    const waiting = { ...s, net: send(s.net, { from: 's', to: 'c', type: 'Ack', n: 1 }) }
    expect(labels(bag, waiting)).not.toContain('GiveUp(c)')
  })

  it('consumes an ignored message on a bag, and generates no stutter on a set', () => {
    const stale: Msg = { from: 's', to: 'c', type: 'Ack', n: 1 }
    const acked = { sent: 1, acked: 1, gaveUp: false }
    const onBag = state(acked, { count: 1, saved: 0 }, send(network<Msg>('bag'), stale))
    const deliver = counter.next(bag, onBag).find(([a]) => a.name === 'Deliver')
    expect(deliver?.[1].net).toEqual(network('bag'))
    expect(deliver?.[1].clients).toBe(onBag.clients)
    const set: Config = { ...bag, semantics: 'set' }
    const onSet = state(acked, { count: 1, saved: 0 }, send(network<Msg>('set'), stale))
    expect(labels(set, onSet)).not.toContain('Deliver(Ack(1) s→c)')
  })

  it('reads each step as a typed event', () => {
    const net = send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' })
    const s = state({ sent: 1, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, net)
    const events = counter.next(bag, s).map(([a]) => counter.event(a))
    expect(events.map((e) => [e.kind, e.node])).toEqual([
      ['local', 'c'],
      ['timeout', 'c'],
      ['deliver', 's'],
      ['drop', null],
      ['crash', 's'],
    ])
  })

  it('derives the schema, and the search runs with it', async () => {
    expect(counter.schema).toBeDefined()
    expect(actorModel(definition({ message: undefined })).schema).toBeUndefined()
    const spec = defineSpec({ name: 'counter', model: counter, config: bag })
    const r = await check(spec)
    expect(r.complete).toBe(true)
    expect(r.stats.distinct).toBeGreaterThan(10)
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([['AckedWasCounted', 'holds']])
    // The same search on the schema-less model reaches the same states.
    const plain = await check(defineSpec({ name: 'counter', model: actorModel(definition({ message: undefined })), config: bag }))
    expect([plain.stats.distinct, plain.stats.total]).toEqual([r.stats.distinct, r.stats.total])
  })

  it('refuses a definition it cannot build, naming the model', () => {
    const roles = definition().roles
    expect(() => actorModel(definition({ roles: { ...roles, net: roles.servers } as unknown as typeof roles }))).toThrow(
      "actor model counter: a role may not be called 'net'",
    )
    const clash = { ...roles, clients: { ...roles.clients, actions: [{ name: 'Deliver', fire: () => null }] } }
    expect(() => actorModel(definition({ roles: clash }))).toThrow('actor model counter: local action Deliver has the name of a harness step')
    const twice = actorModel(definition({ roles: { ...roles, servers: { ...roles.servers, nodes: () => ['c'] } } }))
    expect(() => twice.init(bag)).toThrow('actor model counter: node c is in two roles')
  })
  it('stores each trace step\'s event, in the result and in the ITF file, and the viewer draws from it', async () => {
    // `GiveUp` is a timer only because the role says so: its name says nothing of the kind.
    const model = actorModel(definition({ properties: [always('NeverGivesUp', (_c, s: St) => !(s.clients.c as Client).gaveUp)] }))
    const r = await check(defineSpec({ name: 'counter', model, config: bag }))
    const trace = r.properties[0]?.trace
    expect(trace?.steps.map((s) => (s.event ? `${s.event.kind}@${s.event.node}` : 'init'))).toEqual(['init', 'local@c', 'timeout@c'])
    const marks = (t: NonNullable<typeof trace>) => sequenceOf(t).marks.map((m) => [m.kind, m.node, m.step])
    expect(marks(trace!)).toEqual([['timeout', 'c', 2]])
    const origin = { spec: 'counter', model: 'counter', params: {}, property: 'NeverGivesUp', propertyKind: 'always' as const, verdict: 'violated' as const }
    const stored = parseItf(traceToItfJson(trace!, origin))
    expect(stored.trace.steps.map((s) => s.event)).toEqual(trace!.steps.map((s) => s.event))
    expect(marks(stored.trace)).toEqual([['timeout', 'c', 2]])
    // Without the events, the name alone does not make GiveUp a timer.
    expect(marks({ steps: trace!.steps.map(({ action, state }) => ({ action, state })) })).toEqual([])
  })
})
