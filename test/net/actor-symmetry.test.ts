/**
 * Symmetry derived from a state schema (src/state/schema-relabel.ts, `symmetricNodes` in the actor
 * harness): the relabelling renames ids where the schema says they are and keeps sets and bags
 * sorted, and the orbits it gives 2PC-net are exactly the orbits of its full state space, counted
 * here without the checker's canonical form (every image of every state written as text).
 */
import { describe, expect, it } from 'vitest'
import { always, check, compareValues, defineSpec, renamings, schema } from '../../src/index.ts'
import { actorModel } from '../../src/net/index.ts'
import type { Value } from '../../src/index.ts'
import { relabelBySchema } from '../../src/state/schema-relabel.ts'
import { twoPhaseCommitNet } from '../../models/two-phase-commit-net.ts'
import type { Config } from '../../models/two-phase-commit-net.ts'
import symmetric from '../../specs/two-phase-commit-net-symmetry.ts'

describe('relabelBySchema', () => {
  const node = schema.enum('c', 'p1', 'p2', 'p3')
  const msg = schema.union('type', { Vote: { from: node, to: node, yes: schema.bool() }, Ping: { n: schema.int(0, 3) } })
  const s = schema.record({
    parts: schema.mapOf(['p1', 'p2', 'p3'], schema.record({ vote: schema.enum('none', 'yes'), peer: schema.nullable(node) })),
    voters: schema.setOf(node),
    order: schema.list(node),
    inFlight: schema.bagOf(msg),
    flags: schema.record({ open: schema.bool(), mode: schema.enum('fast', 'slow') }),
  })
  const relabel = relabelBySchema<Record<string, Value>>(s)
  const swap = (id: string): string => (id === 'p1' ? 'p3' : id === 'p3' ? 'p1' : id)
  const state: Record<string, Value> = {
    parts: { p1: { vote: 'yes', peer: 'p2' }, p2: { vote: 'none', peer: null }, p3: { vote: 'none', peer: 'p1' } },
    voters: ['c', 'p1'],
    order: ['p1', 'p2', 'p3'],
    inFlight: [{ type: 'Ping', n: 1 }, { type: 'Vote', from: 'p1', to: 'c', yes: true }, { type: 'Vote', from: 'p1', to: 'c', yes: true }, { type: 'Vote', from: 'p2', to: 'c', yes: true }],
    flags: { open: true, mode: 'fast' },
  }

  it('moves map entries to the renamed keys (in schema order), renames enum values, re-sorts sets and bags, keeps lists in order', () => {
    const out = relabel(state, swap)
    expect(out).toEqual({
      parts: { p1: { vote: 'none', peer: 'p3' }, p2: { vote: 'none', peer: null }, p3: { vote: 'yes', peer: 'p2' } },
      voters: ['c', 'p3'],
      order: ['p3', 'p2', 'p1'],
      inFlight: [{ type: 'Ping', n: 1 }, { type: 'Vote', from: 'p2', to: 'c', yes: true }, { type: 'Vote', from: 'p3', to: 'c', yes: true }, { type: 'Vote', from: 'p3', to: 'c', yes: true }],
      flags: { open: true, mode: 'fast' },
    })
    expect(Object.keys(out.parts as object)).toEqual(['p1', 'p2', 'p3'])
    const sorted = (xs: readonly Value[]) => [...xs].sort(compareValues)
    expect(out.inFlight).toEqual(sorted(out.inFlight as Value[]))
  })

  it('is a group action: the identity changes nothing, and a swap done twice is the identity', () => {
    expect(relabel(state, (id) => id)).toEqual(state)
    expect(relabel(relabel(state, swap), swap)).toEqual(state)
  })

  it('with the ids a renaming may move, keeps every part that cannot hold one as it is', () => {
    const narrow = relabelBySchema<Record<string, Value>>(s, new Set(['p1', 'p3']))
    const out = narrow(state, swap)
    expect(out).toEqual(relabel(state, swap))
    // No id can be in `flags`, nor in a Ping (a union's variant without one): not copied.
    expect(out.flags).toBe(state.flags)
    expect(relabel(state, swap).flags).not.toBe(state.flags)
    const ping = (state.inFlight as Value[])[0]
    expect((out.inFlight as Value[])[0]).toBe(ping)
  })

  it('refuses a schema that cannot say where ids are', () => {
    expect(() => relabelBySchema(schema.record({ net: schema.record({ queues: schema.any() }) }))).toThrow(
      "state.net.queues: a schema with 'any' cannot be relabelled",
    )
  })
})

describe('symmetricNodes on 2PC-net', () => {
  it('explores one state per orbit: as many as the full state space has orbits', async () => {
    const reduced = await check(symmetric)
    const full = await check(symmetric, { symmetry: false, maxStates: 20_000 })
    expect(full.complete).toBe(true)
    expect(full.properties.map((p) => [p.name, p.verdict])).toEqual(reduced.properties.map((p) => [p.name, p.verdict]))

    // Every reachable state, by a search of our own, and its orbit named by the smallest text of
    // its images under every permutation of the participants.
    const config = (symmetric.config as (p: typeof symmetric.params) => Config)(symmetric.params)
    const relabel = relabelBySchema<Value>(twoPhaseCommitNet.schema!(config))
    const renames = renamings([config.participants])
    const key = (s: Value) => JSON.stringify(s)
    const seen = new Set<string>()
    const queue: Value[] = [...twoPhaseCommitNet.init(config)] as Value[]
    queue.forEach((s) => seen.add(key(s)))
    for (let i = 0; i < queue.length; i++) {
      for (const [, t] of twoPhaseCommitNet.next(config, queue[i] as never)) {
        if (!seen.has(key(t as Value))) (seen.add(key(t as Value)), queue.push(t as Value))
      }
    }
    const orbits = new Set(queue.map((s) => renames.map((r) => key(relabel(s, r))).sort()[0]))
    expect([queue.length, orbits.size]).toEqual([full.stats.distinct, reduced.stats.distinct])
    expect(reduced.stats.distinct).toBeLessThan(full.stats.distinct / 4)
  })

  it('is refused without a schema, or beside a hand-written symmetry', async () => {
    const { actorModel } = await import('../../src/net/index.ts')
    const { definition, participantRole } = await import('../../models/two-phase-commit-net.ts')
    const def = definition('x', participantRole, () => twoPhaseCommitNet)
    expect(() => actorModel({ ...def, message: undefined })).toThrow(/^actor model x: symmetricNodes needs the state schema .*; missing: message$/)
    const { schema: _s, ...unschemed } = participantRole
    expect(() => actorModel({ ...def, roles: { ...def.roles, participants: unschemed } })).toThrow(/; missing: role participants's schema$/)
    expect(() => actorModel({ ...def, symmetry: (_c, s) => s })).toThrow('actor model x: give either symmetry or symmetricNodes, not both')
  })
})

/**
 * Two derived-symmetry cases a new user's tour found counting more states than orbits: a
 * signature from a local state that names a node of *another* group (renaming that group changed
 * it), and a partition renamed in place (a partition value the network never builds). Orbits are
 * counted here with a renaming of our own (every id string, wherever it is; the network's bag,
 * down set and partition sorted again as text), not the checker's.
 */
describe('symmetricNodes: orbits counted independently', () => {
  type Cfg = { readonly clients: readonly string[]; readonly servers: readonly string[]; readonly partitions?: number }
  type Join = { readonly from: string; readonly to: string; readonly type: 'Join' }
  const joiningDef = {
    name: 'joining',
    roles: {
      clients: {
        nodes: (c: Cfg) => c.clients,
        init: (): { readonly server: string | null } => ({ server: null }),
        actions: [
          {
            name: 'Join',
            params: (c: Cfg) => c.servers.map((to) => ({ to })),
            fire: (_c: Cfg, n: string, x: { readonly server: string | null }, p: Record<string, unknown>) => (x.server === null ? { local: { server: p.to as string }, send: [{ from: n, to: p.to as string, type: 'Join' as const }] } : null),
          },
        ],
        schema: (c: Cfg) => schema.record({ server: schema.nullable(schema.enum(...c.servers)) }),
      },
      servers: {
        nodes: (c: Cfg) => c.servers,
        init: (): { readonly owner: string | null } => ({ owner: null }),
        receive: (_c: Cfg, _n: string, x: { readonly owner: string | null }, m: Join) => ({ local: { owner: x.owner ?? m.from } }),
        schema: (c: Cfg) => schema.record({ owner: schema.nullable(schema.enum(...c.clients)) }),
      },
    },
    network: (c: Cfg) => ({ semantics: 'bag' as const, budget: { partition: c.partitions ?? 0 } }),
    message: (c: Cfg) => {
      const node = schema.enum(...c.clients, ...c.servers)
      return schema.union('type', { Join: { from: node, to: node } })
    },
    symmetricNodes: (c: Cfg) => [c.clients, c.servers],
    properties: [always('True', () => true)],
  }
  const joining = actorModel(joiningDef)

  // (Keys sorted: a renamed role's record lists its nodes in another order.)
  const text = (v: unknown): string =>
    Array.isArray(v) ? `[${v.map(text).join(',')}]` : v !== null && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${text((v as Record<string, unknown>)[k])}`).join(',')}}` : JSON.stringify(v)
  const byText = (xs: readonly unknown[]): unknown[] => [...xs].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0))
  const renamed = (v: unknown, r: (id: string) => string): unknown =>
    typeof v === 'string' ? r(v) : Array.isArray(v) ? v.map((x) => renamed(x, r)) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [r(k), renamed(x, r)])) : v
  const image = (s: Record<string, unknown>, r: (id: string) => string): string => {
    const t = renamed(s, r) as Record<string, Record<string, unknown>>
    const net = t.net as { inFlight: unknown[]; down: unknown[]; partition: string[][] | null }
    return text({ ...t, net: { ...net, inFlight: byText(net.inFlight), down: byText(net.down), partition: net.partition === null ? null : byText(net.partition.map((g) => byText(g))) } })
  }
  const orbits = (c: Cfg): [number, number] => {
    const seen = new Set<string>()
    const queue = [...joining.init(c)] as Record<string, unknown>[]
    queue.forEach((s) => seen.add(text(s)))
    for (let i = 0; i < queue.length; i++) {
      for (const [, t] of joining.next(c, queue[i] as never)) if (!seen.has(text(t))) (seen.add(text(t)), queue.push(t as Record<string, unknown>))
    }
    const renames = renamings([c.clients, c.servers])
    return [queue.length, new Set(queue.map((s) => renames.map((r) => image(s, r)).sort()[0])).size]
  }
  const run = async (c: Cfg) => {
    const spec = defineSpec({ name: 'joining', model: joining, config: c })
    return [(await check(spec, { symmetry: false })).stats.distinct, (await check(spec, { symmetry: true })).stats.distinct]
  }

  it('a local state naming a node of another group is no signature (it split orbits: 12 for 9)', async () => {
    for (const c of [{ clients: ['a1', 'a2'], servers: ['s1', 's2'] }, { clients: ['a1', 'a2', 'a3'], servers: ['s1', 's2'] }]) expect(await run(c)).toEqual(orbits(c))
    expect(orbits({ clients: ['a1', 'a2'], servers: ['s1', 's2'] })).toEqual([27, 9])
  })

  it('a FIFO network is refused with a line saying why (it said "a schema with \'any\' cannot be relabelled")', async () => {
    const fifo = actorModel({ ...joiningDef, network: () => ({ semantics: 'fifo' as const, budget: {} }) })
    await expect(check(defineSpec({ name: 'fifo', model: fifo, config: { clients: ['a1', 'a2'], servers: ['s1'] } }), { symmetry: true })).rejects.toThrow(
      /^actor model joining: symmetricNodes cannot rename a FIFO network \(its queues are keyed by link\); use a bag or set network, or write symmetry by hand$/,
    )
  })

  it('groups that cannot be a symmetry are refused in one line (a client and a server declared interchangeable ran, merging states)', async () => {
    const c = { clients: ['a1', 'a2'], servers: ['s1', 's2'] }
    const refused = (groups: readonly (readonly string[])[]) =>
      check(defineSpec({ name: 'groups', model: actorModel({ ...joiningDef, symmetricNodes: () => groups }), config: c }), { symmetry: true })
    await expect(refused([['a1', 's1']])).rejects.toThrow(/^actor model joining: symmetricNodes: group \[a1, s1\] mixes roles \(a1: clients, s1: servers\); only nodes of one role can be interchangeable$/)
    await expect(refused([['a1', 'a3']])).rejects.toThrow(/^actor model joining: symmetricNodes: "a3" is no node of any role$/)
    await expect(refused([['a1', 'a2'], ['a2']])).rejects.toThrow(/^actor model joining: symmetricNodes: node a2 is in two groups \(or twice in one\)$/)
    // A group of some nodes of one role stays allowed.
    expect((await refused([['s1', 's2']])).stats.distinct).toBeGreaterThan(0)
  })

  it('a partition is sorted again when renamed (kept in order it split orbits: 4 for 3)', async () => {
    const c = { clients: ['a1', 'a2'], servers: ['s1'], partitions: 1 }
    expect(await run(c)).toEqual(orbits(c))
  })
})
