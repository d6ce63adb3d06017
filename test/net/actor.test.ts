/**
 * The actor harness (src/net/actor.ts): the steps it generates from per-node handlers, in their
 * fixed order, with the delivery rules of each network semantics, crashes that reset what the
 * role says is volatile, ghost variables, the derived schema, the step events, and the one-line
 * errors for a definition it cannot build.
 */
import { describe, expect, it } from 'vitest'
import { actionLabel, always, check, defineSpec, schema } from '../../src/index.ts'
import type { SetOf } from '../../src/index.ts'
import { WAIT, actorModel, crash, messages, network, send } from '../../src/net/index.ts'
import { sequenceOf } from '../../src/trace/sequence.ts'
import { parseItf, traceToItfJson } from '../../src/trace/itf.ts'
import type { ActorDefinition, ActorState, Semantics } from '../../src/net/index.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import constantSpec, { model as constantModel } from './fixtures/keep-ignored-constant.ts'
import setConstantSpec from './fixtures/set-constant.ts'

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

  it('builds every combination of the nodes\' inits, the first node\'s choice varying slowest, each one started', async () => {
    // Two servers that may each start with a count of 0 or 1 (TLA+'s `count \\in [S -> {0, 1}]`);
    // the client's start sends one Inc, so every initial state holds it.
    const base = definition()
    const roles = base.roles
    const two = actorModel(
      definition({
        roles: {
          clients: { ...roles.clients, nodes: () => ['c'], start: (_c, n, x) => ({ local: { ...x, sent: 1 }, send: [{ from: n, to: 's1', type: 'Inc' }] }) },
          servers: { ...roles.servers, nodes: () => ['s1', 's2'], inits: () => [{ count: 0, saved: 0 }, { count: 1, saved: 1 }] },
        },
        message: () => {
          const node = schema.enum('c', 's1', 's2')
          return schema.union('type', { Inc: { from: node, to: node }, Ack: { from: node, to: node, n: schema.int(0, 3) } })
        },
        network: (c) => ({ semantics: c.semantics, budget: { crash: 0, drop: 0 } }),
      }),
    )
    const inits = two.init(bag)
    expect(inits.map((s) => [(s.servers.s1 as Server).count, (s.servers.s2 as Server).count])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]])
    expect(inits.every((s) => (s.clients.c as Client).sent === 1 && two.next(bag, s).length > 0)).toBe(true)
    expect(inits.map((s) => JSON.stringify(s.net))).toEqual(Array(4).fill(JSON.stringify(inits[0]?.net)))
    // A search starts from all four (the server that starts at 1 acks 2).
    const r = await check(defineSpec({ name: 'inits', model: two, config: { ...bag, max: 1 } }))
    expect(r.stats.levels?.[0]?.distinct).toBe(4)
    // An empty choice is a model error naming the node.
    const none = actorModel(definition({ roles: { ...roles, servers: { ...roles.servers, inits: () => [] } } }))
    expect(() => none.init(bag)).toThrow("actor model counter: inits(c, 's') must give an array of at least one initial local state, got an empty one")
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

  it('gives a node one Crash and one Restart action, shared by every state (as a message has one Deliver)', () => {
    const idle = state({ sent: 0, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, network('bag'))
    const busy = state({ sent: 1, acked: 0, gaveUp: false }, { count: 1, saved: 0 }, send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' }), [1])
    const crashOf = (s: St) => counter.next(bag, s).find(([a]) => a.name === 'Crash') as [unknown, St]
    const [a, down] = crashOf(idle)
    expect(crashOf(busy)[0]).toBe(a)
    expect(a).toEqual({ name: 'Crash', node: 's' })
    const restartOf = (s: St) => counter.next(bag, s).find(([x]) => x.name === 'Restart')?.[0]
    expect(restartOf(down)).toEqual({ name: 'Restart', node: 's' })
    expect(restartOf(crashOf(busy)[1])).toBe(restartOf(down))
  })

  it('keeps, in every successor, a field that a model wrapping this one added to the state', () => {
    const net = send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' })
    const plain = state({ sent: 1, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, net)
    const wrapped = { ...plain, extra: 'kept' } as St
    const steps = counter.next(bag, wrapped)
    expect(steps.map(([a]) => actionLabel(a))).toEqual(counter.next(bag, plain).map(([a]) => actionLabel(a)))
    // Each the harness's own successor with the field added: the ghost writes too (the Inc's log).
    steps.forEach(([, t], i) => expect(t).toEqual({ ...(counter.next(bag, plain)[i]![1] as object), extra: 'kept' }))
    for (const [, t] of counter.next(bag, plain)) expect(Object.keys(t)).toEqual(['clients', 'servers', 'net', 'log'])
  })

  it('takes a step that only writes a ghost variable (the node unchanged, nothing sent)', () => {
    const base = definition()
    const mark = { name: 'Mark', fire: (_c: Config, _n: string, x: Client) => ({ local: x, ghost: (g: Ghost) => ({ log: g.log.length === 0 ? [0] : g.log }) }) }
    const clients = { ...base.roles.clients, actions: [mark] }
    const marking = actorModel({ ...base, roles: { ...base.roles, clients } })
    const [s] = marking.init(bag)
    const step = marking.next(bag, s!).find(([a]) => a.name === 'Mark')
    expect(step?.[1].log).toEqual([0])
    expect(step?.[1].clients).toBe(s!.clients)
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
    // The same off the fast paths: a FIFO link's ignored head is consumed (else it would block
    // the link for good), and a set network with a node down still makes no stutter of it.
    const fifo: Config = { ...bag, semantics: 'fifo' }
    const onFifo = state(acked, { count: 1, saved: 0 }, send(network<Msg>('fifo', ['c', 's']), stale))
    expect(counter.next(fifo, onFifo).find(([a]) => a.name === 'Deliver')?.[1].net).toEqual(network('fifo', ['c', 's']))
    const onSetDown = state(acked, { count: 1, saved: 0 }, crash(send(network<Msg>('set'), stale), 's'))
    expect(labels(set, onSetDown)).toEqual(['Send(c, s)', 'Restart(s)'])
  })

  it('declares as actions its local actions, Deliver, and only the faults the configuration allows', () => {
    const actions = counter.actions as (c: Config) => readonly string[]
    // The counter's network: bag, one drop, one crash of s.
    expect(actions(bag)).toEqual(['Send', 'GiveUp', 'Deliver', 'Drop', 'Crash', 'Restart'])
    // A set network loses nothing by a fault (loss is implicit), and no crash budget means no crash.
    expect(actions({ ...bag, semantics: 'set', crash: 0 })).toEqual(['Send', 'GiveUp', 'Deliver'])
  })

  it('counts deliveries in coverage by message type, and names a type no message of reaches as never taken', async () => {
    const names = counter.coverageNames as (c: Config) => readonly string[]
    expect(names(bag)).toEqual(['Send', 'GiveUp', 'Deliver Inc', 'Deliver Ack', 'Drop', 'Crash', 'Restart'])
    const r = await check(defineSpec({ name: 'counter', model: counter, config: bag }))
    const taken = r.coverage.map((c) => c.name)
    expect(taken).toEqual(expect.arrayContaining(['Deliver Inc', 'Deliver Ack']))
    expect(taken).not.toContain('Deliver')
    // A server that never acknowledges: no Ack is ever delivered, which its own line says.
    const mute = definition()
    const servers = { ...mute.roles.servers, receive: (_c: Config, _n: string, x: Server, m: Msg) => (m.type === 'Inc' ? { local: { ...x, count: Math.min(3, x.count + 1) } } : null) }
    const silent = await check(defineSpec({ name: 'mute', model: actorModel({ ...mute, roles: { ...mute.roles, servers } }), config: bag }))
    expect(silent.neverFired).toEqual(['Deliver Ack'])
    // Without a message schema the types are not known: deliveries count as one action.
    const plain = await check(defineSpec({ name: 'counter', model: actorModel(definition({ message: undefined })), config: bag }))
    expect(plain.coverage.map((c) => c.name)).toContain('Deliver')
    expect(plain.coverage.map((c) => c.name)).not.toContain('Deliver Inc')
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

  // A model without constants given `config: null` failed with "Invalid value used as weak map
  // key" (the harness keys what it builds per configuration object), naming nothing the user wrote.
  it('refuses a configuration that is not an object, saying what to give instead', async () => {
    const model = actorModel(definition({ roles: { ...definition().roles, clients: { ...definition().roles.clients, nodes: () => ['c'] } } }))
    const message = 'actor model counter: its configuration is null, not an object (the harness keeps what it builds per configuration object): give {} to a model without constants'
    expect(() => model.init(null as unknown as Config)).toThrow(message)
    await expect(check(defineSpec({ name: 'null-config', model, config: null as unknown as Config }), {})).rejects.toThrow(message)
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

describe('actorModel escapes: reads, onFault, order, crash-stop', () => {
  // Two clients; `Probe` uses every escape: the failure detector (is the server reachable?), the
  // network (is an Inc from me in flight?) and the whole state (the server's count).
  type Probe = { readonly server: boolean; readonly inc: boolean; readonly mine: boolean; readonly count: number }
  const probes: Probe[] = []
  const roles = definition().roles
  const probing: ActorDefinition<Config, Roles, Msg, Ghost> = definition({
    roles: {
      ...roles,
      clients: {
        ...roles.clients,
        nodes: () => ['c', 'd'],
        order: 'action',
        actions: [
          ...(roles.clients.actions ?? []),
          {
            name: 'Probe',
            reads: ['detector', 'inFlight', 'state'],
            fire: (_c, n, x, _p, ctx) => {
              probes.push({
                server: ctx.reachable('s'),
                inc: ctx.inFlight({ from: n, to: 's', type: 'Inc' }),
                mine: ctx.anyInFlight((m) => m.from === n),
                count: (ctx.state.servers.s as Server).count,
              })
              return null
            },
          },
        ],
      },
    },
    network: (c) => ({ semantics: c.semantics, budget: { crash: c.crash, drop: 1, partition: 1 }, crashable: ['s'], restart: false }),
    // A fault clears the log (history "since the last fault"); a heal does not.
    onFault: (_c, f) => (f.name === 'Heal' ? {} : { log: [] }),
  })
  const model = actorModel(probing)
  const st2 = (net: St['net'], log: readonly number[] = [1]): St =>
    ({ clients: { c: { sent: 0, acked: 0, gaveUp: false }, d: { sent: 0, acked: 0, gaveUp: false } }, servers: { s: { count: 1, saved: 0 } }, net, log }) as St

  it("gives a local action what it declared in reads: the failure detector, the network, the state", () => {
    probes.length = 0
    const net = send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' })
    model.next(bag, st2(net))
    expect(probes).toEqual([
      { server: true, inc: true, mine: true, count: 1 },
      { server: true, inc: false, mine: false, count: 1 },
    ])
    probes.length = 0
    model.next(bag, st2({ ...net, partition: [['c'], ['d', 's']] }))
    expect(probes.map((p) => p.server)).toEqual([false, true])
    probes.length = 0
    model.next(bag, st2({ ...net, down: ['s'] }))
    expect(probes.map((p) => p.server)).toEqual([false, false])
  })

  it('throws, naming the model and the action, when an action reads what it did not declare', () => {
    const sneaky = actorModel(
      definition({
        roles: { ...roles, clients: { ...roles.clients, actions: [{ name: 'Peek', fire: (_c, _n, _x, _p, ctx) => (ctx.state.log.length > 0 ? null : null) }] } },
      }),
    )
    expect(() => sneaky.next(bag, state({ sent: 0, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, network('bag')))).toThrow(
      "actor model counter: local action Peek reads the whole state without declaring reads: ['state']",
    )
    const detector = actorModel(
      definition({ roles: { ...roles, clients: { ...roles.clients, actions: [{ name: 'Ping', reads: ['state'], fire: (_c, _n, _x, _p, ctx) => (ctx.reachable('s') ? null : null) }] } } }),
    )
    expect(() => detector.next(bag, state({ sent: 0, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, network('bag')))).toThrow(
      "actor model counter: local action Ping reads the failure detector without declaring reads: ['detector']",
    )
    const scan = actorModel(
      definition({ roles: { ...roles, clients: { ...roles.clients, actions: [{ name: 'Scan', reads: ['state'], fire: (_c, _n, _x, _p, ctx) => (ctx.anyInFlight(() => true) ? null : null) }] } } }),
    )
    expect(() => scan.next(bag, state({ sent: 0, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, network('bag')))).toThrow(
      "actor model counter: local action Scan reads the network without declaring reads: ['inFlight']",
    )
  })

  // `peer: 'too'` for a choice `{ to: 's' }` left the context unscoped (the action read any node
  // and link, no throw) while the footprint counted the action's own node alone: --por took it to
  // commute with deliveries it depends on (the spot check then blamed "the model's footprint").
  it('refuses a peer naming no parameter of the choice, naming the action and the choice', () => {
    const misnamed = actorModel(
      definition({
        roles: {
          ...roles,
          clients: { ...roles.clients, actions: [{ name: 'Look', reads: ['detector'], peer: 'too', params: () => [{ to: 's' }], fire: (_c, _n, _x, _p, ctx) => (ctx.reachable('s') ? null : null) }] },
        },
      }),
    )
    expect(() => misnamed.next(bag, state({ sent: 0, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, network('bag')))).toThrow(
      "actor model counter: local action Look scopes its reads by peer: 'too', but its choice {to: s} has no parameter too naming a node",
    )
  })

  it('tells crash which node crashed', () => {
    const crashed: string[] = []
    const model = actorModel(
      definition({
        roles: {
          ...roles,
          servers: {
            ...roles.servers,
            crash: (_c, x, node) => {
              crashed.push(node)
              return x
            },
          },
        },
      }),
    )
    model.next(bag, state({ sent: 0, acked: 0, gaveUp: false }, { count: 1, saved: 0 }, network('bag')))
    expect(crashed).toEqual(['s'])
  })

  it("orders a role's local steps action by action with order: 'action'", () => {
    const labelsOf = (m: typeof model, s: St) => m.next(bag, s).map(([a]) => actionLabel(a)).filter((l) => /^(Send|GiveUp)/.test(l))
    const waiting = { sent: 1, acked: 0, gaveUp: false }
    const s = { ...st2(network('bag')), clients: { c: waiting, d: waiting } }
    expect(labelsOf(model, s)).toEqual(['Send(c, s)', 'Send(d, s)', 'GiveUp(c)', 'GiveUp(d)'])
    const byNode = actorModel({ ...probing, roles: { ...probing.roles, clients: { ...probing.roles.clients, order: 'node' } } })
    expect(labelsOf(byNode, s)).toEqual(['Send(c, s)', 'GiveUp(c)', 'Send(d, s)', 'GiveUp(d)'])
  })

  it('puts the local actions marked afterDeliveries after the deliveries, in the role\'s order', () => {
    const late = actorModel({
      ...probing,
      roles: {
        ...probing.roles,
        clients: { ...probing.roles.clients, actions: (probing.roles.clients.actions ?? []).map((a) => (a.name === 'GiveUp' ? { ...a, afterDeliveries: true } : a)) },
      },
    })
    const waiting = { sent: 1, acked: 0, gaveUp: false }
    const s = { ...st2(send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' })), clients: { c: waiting, d: waiting } }
    const labelsOf = (m: typeof model): string[] => m.next(bag, s).map(([a]) => actionLabel(a)).filter((l) => /^(Send|GiveUp|Deliver)/.test(l))
    expect(labelsOf(model)).toEqual(['Send(c, s)', 'Send(d, s)', 'GiveUp(c)', 'GiveUp(d)', 'Deliver(Inc c→s)'])
    expect(labelsOf(late)).toEqual(['Send(c, s)', 'Send(d, s)', 'Deliver(Inc c→s)', 'GiveUp(c)', 'GiveUp(d)'])
    // The same steps, reordered: the successors are the same states.
    const states = (m: typeof model): string[] => m.next(bag, s).map(([a, t]) => actionLabel(a) + JSON.stringify(t)).sort()
    expect(states(late)).toEqual(states(model))
  })

  it('gives a receive handler what its role declared in receiveReads: the state with the message taken off the network', () => {
    const servers = definition().roles.servers
    const handle = servers.receive as NonNullable<typeof servers.receive>
    const seen: { inFlight: boolean; log: readonly number[] }[] = []
    const reading = actorModel(
      definition({
        roles: {
          ...roles,
          servers: {
            ...servers,
            receiveReads: ['state', 'inFlight'],
            receive: (c, n, x, m, ctx) => {
              seen.push({ inFlight: ctx.inFlight(m), log: ctx.state.log })
              return handle(c, n, x, m, ctx)
            },
          },
        },
      }),
    )
    const inc: Msg = { from: 'c', to: 's', type: 'Inc' }
    const one = send(network<Msg>('bag'), inc)
    const idle = { sent: 1, acked: 0, gaveUp: false }
    reading.next(bag, state(idle, { count: 0, saved: 0 }, one, [7]))
    reading.next(bag, state(idle, { count: 0, saved: 0 }, send(one, inc), [7]))
    expect(seen).toEqual([
      { inFlight: false, log: [7] },
      { inFlight: true, log: [7] },
    ])
    // The successors are those of the handler that reads nothing.
    const s = state(idle, { count: 0, saved: 0 }, one, [7])
    expect(reading.next(bag, s)).toEqual(counter.next(bag, s))
    const sneaky = actorModel(
      definition({ roles: { ...roles, servers: { ...servers, receive: (c, n, x, m, ctx) => (ctx.state.log.length > 0 ? null : handle(c, n, x, m, ctx)) } } }),
    )
    expect(() => sneaky.next(bag, s)).toThrow("actor model counter: the receive handler of role servers reads the whole state without declaring receiveReads: ['state']")
  })

  it('lets faults write ghost variables (onFault), and offers no restart on a crash-stop network', () => {
    const s = st2(send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' }))
    const byName = new Map(model.next(bag, s).map(([a, t]) => [actionLabel(a), t]))
    expect(byName.get('Drop(Inc c→s)')?.log).toEqual([])
    expect(byName.get('Crash(s)')?.log).toEqual([])
    const cut = [...byName.entries()].find(([l]) => l.startsWith('Partition'))?.[1] as St
    expect(cut.log).toEqual([])
    const healed = model.next(bag, { ...cut, log: [1] }).find(([a]) => a.name === 'Heal')?.[1]
    expect(healed?.log).toEqual([1])
    const crashed = byName.get('Crash(s)') as St
    expect(model.next(bag, crashed).map(([a]) => a.name)).not.toContain('Restart')
    expect(counter.next(bag, { ...crashed, clients: { c: crashed.clients.c as Client } } as St).map(([a]) => a.name)).toContain('Restart')
  })
})

describe('actorModel options: atomic restart, whenQuiet by configuration, send, unchanged ghosts', () => {
  const set: Config = { semantics: 'set', max: 2, crash: 1 }
  const inc: Msg = { from: 'c', to: 's', type: 'Inc' }
  const idle: Client = { sent: 1, acked: 0, gaveUp: false }
  const roles = definition().roles

  it("makes a crash and its restart one step with restart: 'atomic', and generates no crash that loses nothing", () => {
    const atomic = actorModel(definition({ network: (c) => ({ semantics: c.semantics, budget: { crash: c.crash }, crashable: ['s'], restart: 'atomic' }) }))
    const losing = state(idle, { count: 1, saved: 0 }, send(network<Msg>('set'), inc), [1])
    const crashes = atomic.next(set, losing).filter(([a]) => a.name === 'Crash')
    expect(crashes.map(([a]) => actionLabel(a))).toEqual(['Crash(s)'])
    const after = crashes[0]?.[1] as St
    expect(after.servers.s).toEqual({ count: 0, saved: 0 })
    expect(after.net.down).toEqual([])
    expect(after.net.spent.crash).toBe(1)
    expect(atomic.next(set, after).map(([a]) => a.name)).not.toContain('Crash') // the budget is spent
    expect(atomic.next(set, after).map(([a]) => a.name)).not.toContain('Restart')
    // A crash that loses nothing is a stutter: not generated, the budget not spent.
    const saved = state(idle, { count: 1, saved: 1 }, send(network<Msg>('set'), inc), [1])
    expect(atomic.next(set, saved).map(([a]) => a.name)).not.toContain('Crash')
    // The default (crash-recovery) generates it, and the node stays down until Restart.
    const down = counter.next(set, saved).find(([a]) => a.name === 'Crash')?.[1] as St
    expect(down.net.down).toEqual(['s'])
  })

  it('takes whenQuiet as a function of the configuration', () => {
    const giveUp = (roles.clients.actions ?? []).find((a) => a.name === 'GiveUp')
    const onBagOnly = actorModel(
      definition({ roles: { ...roles, clients: { ...roles.clients, actions: [{ ...giveUp!, whenQuiet: (c: Config) => c.semantics === 'bag' }] } } }),
    )
    const waiting = (semantics: Semantics) => state(idle, { count: 1, saved: 0 }, send(network<Msg>(semantics, ['c', 's']), { from: 's', to: 'c', type: 'Ack', n: 1 }))
    const names = (c: Config) => onBagOnly.next(c, waiting(c.semantics)).map(([a]) => a.name)
    expect(names(bag)).not.toContain('GiveUp')
    expect(names(set)).toContain('GiveUp')
    expect(counter.next(set, waiting('set')).map(([a]) => a.name)).not.toContain('GiveUp')
  })

  it("puts sends on the network with the definition's send, and its successors are sendAll's", () => {
    const calls: number[] = []
    const custom = actorModel(
      definition({
        send: (_c, net, ms) => {
          calls.push(ms.length)
          let out = net
          for (const m of ms) out = send(out, m)
          return out
        },
      }),
    )
    for (const c of [bag, set]) {
      const s = state(idle, { count: 0, saved: 0 }, send(network<Msg>(c.semantics, ['c', 's']), inc))
      calls.length = 0
      expect(custom.next(c, s)).toEqual(counter.next(c, s))
      expect(calls.length).toBeGreaterThan(0)
    }
  })

  it('sees a step that writes its ghosts with their own values and changes nothing else as a stutter on a set network', () => {
    const servers = roles.servers
    const echo = actorModel(
      definition({
        roles: {
          ...roles,
          // The server acks every Inc with its count, unchanged; the log is written as it is.
          servers: { ...servers, receive: (_c, n, x, m) => (m.type === 'Inc' ? { local: x, send: [{ from: n, to: m.from, type: 'Ack', n: x.count }], ghost: (g) => ({ log: g.log }) } : null) },
        },
      }),
    )
    const ack: Msg = { from: 's', to: 'c', type: 'Ack', n: 1 }
    const acked = { sent: 1, acked: 1, gaveUp: false }
    const before = state(acked, { count: 1, saved: 0 }, send(network<Msg>('set'), inc), [1])
    expect(echo.next(set, before).map(([a]) => actionLabel(a))).toContain('Deliver(Inc c→s)')
    const after = state(acked, { count: 1, saved: 0 }, send(send(network<Msg>('set'), inc), ack), [1])
    expect(echo.next(set, after).map(([a]) => actionLabel(a))).not.toContain('Deliver(Inc c→s)')
  })

  it('delivers on a set network every sent message in order, none to a down node', () => {
    const a2: Msg = { from: 's', to: 'c', type: 'Ack', n: 2 }
    const net = send(send(network<Msg>('set'), inc), a2)
    const s = state(idle, { count: 0, saved: 0 }, net)
    const delivered = (x: St) => counter.next(set, x).filter(([a]) => a.name === 'Deliver').map(([a]) => actionLabel(a))
    expect(delivered(s)).toEqual(['Deliver(Inc c→s)', 'Deliver(Ack(2) s→c)'])
    expect(delivered({ ...s, net: { ...net, down: ['s'] } })).toEqual(['Deliver(Ack(2) s→c)'])
  })
})

describe("actorModel options for Stateright's actor semantics: start, keepIgnored", () => {
  // Stateright's own test of no-op deliveries (its actor/model.rs, `no_op_depends_on_network`): a
  // client sends Ignored then Interesting as it starts; the server changes only on Interesting.
  type PMsg = { readonly from: string; readonly to: string; readonly type: 'Ignored' | 'Interesting' }
  type PRoles = { clients: string; servers: string }
  type PGhost = { readonly sent: number }
  /** The configuration: none (an object: the harness keeps its layout per configuration). */
  const CFG = {}
  const pingModel = (net: { semantics: Semantics; keepIgnored?: boolean }, ignore: 'null' | 'same' = 'null') =>
    actorModel<object, PRoles, PMsg, PGhost>({
      name: 'no-op',
      roles: {
        clients: {
          nodes: () => ['c'],
          init: () => 'idle',
          start: (_c, n) => ({ local: 'started', send: [{ from: n, to: 's', type: 'Ignored' }, { from: n, to: 's', type: 'Interesting' }], ghost: (g) => ({ sent: g.sent + 2 }) }),
        },
        servers: {
          nodes: () => ['s'],
          init: () => 'awaiting',
          // An ignored message: no outcome, or (`same`) an outcome that changes nothing.
          receive: (_c, _n, x, m) => (m.type === 'Interesting' ? { local: 'got it' } : ignore === 'null' ? null : { local: x, send: [] }),
        },
      },
      network: () => ({ budget: {}, ...net }),
      ghost: () => ({ sent: 0 }),
      properties: [always('Anything', () => true)],
    })
  const count = async (m: ReturnType<typeof pingModel>) => (await check(defineSpec({ name: 'no-op', model: m, config: CFG }))).stats

  it('starts every node with its start step: its local state, its sends and its ghost writes are in the initial state', () => {
    const [s] = pingModel({ semantics: 'bag' }).init(CFG)
    expect(s).toEqual({
      clients: { c: 'started' },
      servers: { s: 'awaiting' },
      net: send(send(network<PMsg>('bag'), { from: 'c', to: 's', type: 'Ignored' }), { from: 'c', to: 's', type: 'Interesting' }),
      sent: 2,
    })
  })

  it('refuses a start step that is no outcome, in one line naming it', () => {
    const roles = definition().roles
    const bad = actorModel(definition({ roles: { ...roles, clients: { ...roles.clients, start: () => 7 as unknown as null } } }))
    expect(() => bad.init(bag)).toThrow(/^actor model counter: start\(c\) returned 7, not an outcome/)
  })

  it('keepIgnored: a delivery that changes nothing is no step and the message stays, as on Stateright\'s unordered networks', async () => {
    // Consumed (the default): initial, Ignored consumed, Interesting delivered, both: 4 states.
    expect(await count(pingModel({ semantics: 'bag' }))).toMatchObject({ distinct: 4, total: 5 })
    // Kept: initial, and Interesting delivered with Ignored still in flight: 2 (Stateright: 2).
    for (const ignore of ['null', 'same'] as const) {
      const kept = pingModel({ semantics: 'bag', keepIgnored: true }, ignore)
      expect(await count(kept)).toMatchObject({ distinct: 2, total: 2 })
      const [s] = kept.init(CFG)
      const steps = kept.next(CFG, s!)
      expect(steps.map(([a]) => actionLabel(a))).toEqual(['Deliver(Interesting c→s)'])
      expect(messages(steps[0]![1].net)).toEqual([{ from: 'c', to: 's', type: 'Ignored' }])
    }
  })

  it('keepIgnored compares what a delivery leaves by value: a decoded copy of a state has the same steps', () => {
    // The server holds the shared constant IDLE, and a Reset returns it: no step, on the state the
    // search built and on a copy (a worker thread's or a checkpoint's decoded state) alike.
    const [s] = constantModel.init({ semantics: 'bag' })
    const labelsOf = (x: typeof s) => constantModel.next({ semantics: 'bag' }, x!).map(([a]) => actionLabel(a))
    expect(labelsOf(s)).toEqual(['Deliver(Go c→s)'])
    expect(labelsOf(structuredClone(s))).toEqual(['Deliver(Go c→s)'])
  })

  it('keepIgnored: the same states on worker threads as on one (states decoded there)', async () => {
    const specUrl = new URL('./fixtures/keep-ignored-constant.ts', import.meta.url).href
    const one = await check(constantSpec, { workers: 1 })
    const o = resolveOptions({ workers: 2, specUrl })
    // Every level on the workers (none expanded on the coordinating thread), one state per task.
    const two = await parallelBfs(prepare(constantSpec, o), o, { pool: 'threads', minSlice: 1, inlineBelow: 0 })
    expect([one.stats.distinct, one.stats.total]).toEqual([3, 3])
    expect([two.stats.distinct, two.stats.total, two.coverage]).toEqual([one.stats.distinct, one.stats.total, one.coverage])
  })

  it('a set network: a delivery that leaves the state equal by value is no step, on the search\'s states and on decoded copies', async () => {
    const specUrl = new URL('./fixtures/set-constant.ts', import.meta.url).href
    const c = { semantics: 'set' } as const
    const [s] = constantModel.init(c)
    const labelsOf = (x: typeof s) => constantModel.next(c, x!).map(([a]) => actionLabel(a))
    expect(labelsOf(s)).toEqual(['Deliver(Go c→s)'])
    expect(labelsOf(structuredClone(s))).toEqual(['Deliver(Go c→s)'])
    // After Go: Reset changes the server back; Go again leaves it with an equal copy (no step).
    const [[, after]] = constantModel.next(c, s!)
    expect(labelsOf(after)).toEqual(['Deliver(Reset c→s)'])
    expect(labelsOf(structuredClone(after))).toEqual(['Deliver(Reset c→s)'])
    const one = await check(setConstantSpec, { workers: 1 })
    const o = resolveOptions({ workers: 2, specUrl })
    const two = await parallelBfs(prepare(setConstantSpec, o), o, { pool: 'threads', minSlice: 1, inlineBelow: 0 })
    expect([one.stats.distinct, one.stats.total]).toEqual([2, 3])
    expect([two.stats.distinct, two.stats.total, two.coverage]).toEqual([one.stats.distinct, one.stats.total, one.coverage])
  })

  it('refuses keepIgnored on a fifo network, in one line', () => {
    expect(() => pingModel({ semantics: 'fifo', keepIgnored: true }).init(CFG)).toThrow(/^actor model no-op: network: keepIgnored on a fifo network \(.*\); use a bag$/)
  })
})

describe('actorModel option ignoresForever: messages a node ignores for good are dropped', () => {
  // The counter's client ignores an Ack no higher than what it has acked, for good (acked only
  // grows). With ignoresForever it says so, and such an Ack leaves the network at once.
  const base = definition()
  const withClaim = (claim: (x: Client, m: Msg) => boolean, semantics: Semantics = 'bag') =>
    actorModel({
      ...base,
      network: (c: Config) => ({ ...base.network(c), semantics }),
      roles: { ...base.roles, clients: { ...base.roles.clients, ignoresForever: (_c: Config, _n: string, x: Client, m: Msg) => claim(x, m) } },
    })
  const pruned = withClaim((x, m) => m.type === 'Ack' && m.n <= x.acked)
  const acks = (n: number[]) => n.reduce((net, k) => send(net, { from: 's', to: 'c', type: 'Ack', n: k }), network<Msg>('bag'))

  it('drops such a message by the step that makes it so (here: its receiver acking a higher one)', () => {
    const s = state({ sent: 2, acked: 0, gaveUp: false }, { count: 2, saved: 2 }, acks([1, 2]), [1, 2])
    const deliver2 = (m: typeof counter, t: St) => m.next(bag, t).find(([a]) => actionLabel(a) === 'Deliver(Ack(2) s→c)')?.[1] as St
    expect(messages(deliver2(counter, s).net).map((m) => m.type === 'Ack' && m.n)).toEqual([1])
    expect(messages(deliver2(pruned, s).net)).toEqual([])
  })

  it('finds fewer states and the same verdicts', async () => {
    const cfg: Config = { semantics: 'bag', max: 3, crash: 0 }
    const full = await check(defineSpec({ name: 'counter', model: counter, config: cfg }))
    const less = await check(defineSpec({ name: 'counter', model: pruned, config: cfg }))
    expect(less.stats.distinct).toBeLessThan(full.stats.distinct)
    expect(less.properties.map((p) => [p.name, p.verdict])).toEqual(full.properties.map((p) => [p.name, p.verdict]))
  })

  it('delivers each message it drops first: a claim the handler belies is a model error naming the message', () => {
    const wrong = withClaim((_x, m) => m.type === 'Ack')
    const s = state({ sent: 1, acked: 0, gaveUp: false }, { count: 0, saved: 0 }, send(network<Msg>('bag'), { from: 'c', to: 's', type: 'Inc' }))
    expect(() => wrong.next(bag, s)).toThrow(/^actor model counter: ignoresForever says c ignores Ack\(1\) s→c for good, but delivering it now changes c's state$/)
  })

  it('asks about a message only where it is new to the network or its receiver changed', () => {
    // Each message is asked about once per receiver state: prunedNet walks the bag alongside the
    // parent's and asks about the rest (here with two copies of one message object, a duplicate).
    const asked: string[] = []
    const counting = withClaim((x, m) => {
      asked.push(m.type === 'Ack' ? `Ack(${m.n})` : m.type)
      return m.type === 'Ack' && m.n <= x.acked
    })
    const a1: Msg = { from: 's', to: 'c', type: 'Ack', n: 1 }
    const inFlight: Msg[] = [a1, a1, { from: 's', to: 'c', type: 'Ack', n: 2 }, { from: 'c', to: 's', type: 'Inc' }]
    const s = state({ sent: 1, acked: 0, gaveUp: false }, { count: 1, saved: 1 }, inFlight.reduce((n, m) => send(n, m), network<Msg>('bag')), [1])
    expect(counting.next(bag, s).map(([a]) => actionLabel(a))).toEqual([
      'Send(c, s)', // c changed: its three Acks
      'Deliver(Inc c→s)', // c unchanged: only the Ack(2) the server sends
      'Deliver(Ack(1) s→c)', // c acked 1: the other Ack(1) (dropped) and Ack(2)
      'Deliver(Ack(2) s→c)', // c acked 2: both copies of Ack(1) (dropped)
      'Drop(Inc c→s)', // no node changed, nothing new: none
      'Drop(Ack(1) s→c)',
      'Drop(Ack(2) s→c)',
      'Crash(s)', // no client changed, nothing new: none
    ])
    expect(asked).toEqual(['Ack(1)', 'Ack(1)', 'Ack(2)', 'Ack(2)', 'Ack(1)', 'Ack(2)', 'Ack(1)', 'Ack(1)'])
  })

  it('drops nothing on a set network', () => {
    const onSet = withClaim((x, m) => m.type === 'Ack' && m.n <= x.acked, 'set')
    const s = state({ sent: 2, acked: 2, gaveUp: false }, { count: 2, saved: 2 }, send(network<Msg>('set'), { from: 's', to: 'c', type: 'Ack', n: 1 }), [1, 2])
    const [, after] = onSet.next({ ...bag, semantics: 'set' }, s)[0]!
    expect(messages(after.net)).toHaveLength(1)
  })

  it('gives a receiveReads handler, in the delivery it checks, the state the step builds with the message taken off', () => {
    // (primary/backup's handlers read the replication mode; the messages it drops do not.)
    const clients = base.roles.clients
    const handle = clients.receive as NonNullable<typeof clients.receive>
    const seen: { acked: number; inFlight: boolean }[] = []
    const reading = (stateful: boolean) =>
      actorModel({
        ...base,
        roles: {
          ...base.roles,
          clients: {
            ...clients,
            receiveReads: ['state', 'inFlight'],
            ignoresForever: (_c: Config, _n: string, x: Client, m: Msg) => m.type === 'Ack' && m.n <= x.acked,
            receive: (c, n, x, m, ctx) => {
              seen.push({ acked: (ctx.state.clients.c as Client).acked, inFlight: ctx.inFlight(m) })
              // A handler whose answer the state decides, which belies the claim only in the state
              // the step builds (where c has acked 2), not in the one it started from.
              if (stateful && (ctx.state.clients.c as Client).acked >= (m.type === 'Ack' ? m.n : 0)) return { local: { ...x, sent: x.sent + 1 } }
              return handle(c, n, x, m, ctx)
            },
          },
        },
      })
    const s = state({ sent: 2, acked: 0, gaveUp: false }, { count: 2, saved: 2 }, acks([1, 2]), [1, 2])
    const deliver2 = (t: St, m = reading(false)) => m.next(bag, t).find(([a]) => actionLabel(a) === 'Deliver(Ack(2) s→c)')?.[1] as St
    expect(messages(deliver2(s).net)).toEqual([])
    // Asked about Ack(1) in the state after c acked 2, without Ack(1) in flight.
    expect(seen).toContainEqual({ acked: 2, inFlight: false })
    expect(() => deliver2(s, reading(true))).toThrow(/^actor model counter: ignoresForever says c ignores Ack\(1\) s→c for good, but delivering it now changes c's state$/)
  })
})

// A sender `a` that starts by sending First then Second to `b`; `b` takes nothing before its
// local action Ready (it returns WAIT), then takes First, and Second only after First.
describe('a receive that returns WAIT', () => {
  type WMsg = { readonly from: string; readonly to: string; readonly type: 'First' | 'Second' }
  type B = { readonly ready: boolean; readonly got: readonly string[] }
  type WRoles = { senders: Record<string, never>; receivers: B }
  type WConfig = { readonly semantics: Semantics }
  const def: ActorDefinition<WConfig, WRoles, WMsg, object> = {
    name: 'waits',
    roles: {
      senders: {
        nodes: () => ['a'],
        init: () => ({}),
        start: (_c, n) => ({ local: {}, send: [{ from: n, to: 'b', type: 'First' }, { from: n, to: 'b', type: 'Second' }] }),
      },
      receivers: {
        nodes: () => ['b'],
        init: () => ({ ready: false, got: [] }),
        receive: (_c, _n, x, m) => {
          if (!x.ready || (m.type === 'Second' && !x.got.includes('First'))) return WAIT
          return { local: { ...x, got: [...x.got, m.type] } }
        },
        actions: [{ name: 'Ready', fire: (_c, _n, x) => (x.ready ? null : { local: { ...x, ready: true } }) }],
      },
    },
    network: (c) => ({ semantics: c.semantics, budget: {} }),
    properties: [],
  }
  const waiting = actorModel(def)
  const run = (semantics: Semantics) => {
    const c: WConfig = { semantics }
    const [s0] = waiting.init(c)
    const steps = (s: unknown): string[] => waiting.next(c, s as never).map(([a]) => actionLabel(a))
    const after = (s: unknown, label: string): unknown => waiting.next(c, s as never).find(([a]) => actionLabel(a) === label)?.[1]
    return { s0, steps, after }
  }

  it.each(['bag', 'fifo', 'set'] as const)('is no step and leaves the message in flight (%s)', (semantics) => {
    const { s0, steps, after } = run(semantics)
    // Before Ready: only Ready (no delivery is a step).
    expect(steps(s0)).toEqual(['Ready(b)'])
    const ready = after(s0, 'Ready(b)')
    // Then First only: Second waits for it (on a FIFO link it is behind First anyway).
    expect(steps(ready)).toEqual(['Deliver(First a→b)'])
    const first = after(ready, 'Deliver(First a→b)')
    // (A set network keeps First deliverable, and b takes it again.)
    expect(steps(first)).toEqual(semantics === 'set' ? ['Deliver(First a→b)', 'Deliver(Second a→b)'] : ['Deliver(Second a→b)'])
    expect((after(first, 'Deliver(Second a→b)') as { receivers: { b: B } }).receivers.b.got).toEqual(['First', 'Second'])
  })

  it('counts as deliverable: a whenQuiet timer of its receiver does not fire while it is in flight', () => {
    // b's timer may fire only once nothing to b can be delivered; a message b WAITs on still can be.
    const timed = actorModel<WConfig, WRoles, WMsg, object>({
      ...def,
      roles: {
        ...def.roles,
        receivers: {
          ...def.roles.receivers,
          actions: [
            ...(def.roles.receivers.actions ?? []),
            { name: 'Tick', kind: 'timeout', whenQuiet: true, fire: (_c, _n, x) => (x.got.includes('Tick') ? null : { local: { ...x, got: [...x.got, 'Tick'] } }) },
          ],
        },
      },
    })
    const c: WConfig = { semantics: 'bag' }
    const steps = (s: unknown): string[] => timed.next(c, s as never).map(([a]) => actionLabel(a))
    const after = (s: unknown, label: string): unknown => timed.next(c, s as never).find(([a]) => actionLabel(a) === label)?.[1]
    const [s0] = timed.init(c)
    expect(steps(s0)).toEqual(['Ready(b)'])
    const first = after(after(s0, 'Ready(b)'), 'Deliver(First a→b)')
    expect(steps(first)).toEqual(['Deliver(Second a→b)'])
    expect(steps(after(first, 'Deliver(Second a→b)'))).toEqual(['Tick(b)'])
  })

  it('blocks a FIFO link at its head: a later message is not delivered past a waiting one', () => {
    // Second sent first on the link: b waits on it (it needs First), and First behind it waits too.
    const swapped = actorModel<WConfig, WRoles, WMsg, object>({
      ...def,
      roles: {
        ...def.roles,
        senders: { ...def.roles.senders, start: (_c, n) => ({ local: {}, send: [{ from: n, to: 'b', type: 'Second' }, { from: n, to: 'b', type: 'First' }] }) },
      },
    })
    const c: WConfig = { semantics: 'fifo' }
    const [s0] = swapped.init(c)
    const ready = swapped.next(c, s0 as never).find(([a]) => actionLabel(a) === 'Ready(b)')?.[1]
    expect(swapped.next(c, ready as never).map(([a]) => actionLabel(a))).toEqual([])
    // On a bag, First is taken first.
    const [b0] = swapped.init({ semantics: 'bag' })
    const bReady = swapped.next({ semantics: 'bag' }, b0 as never).find(([a]) => actionLabel(a) === 'Ready(b)')?.[1]
    expect(swapped.next({ semantics: 'bag' }, bReady as never).map(([a]) => actionLabel(a))).toEqual(['Deliver(First a→b)'])
  })
})
