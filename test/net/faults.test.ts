/** Fault semantics on toys with hand-counted state spaces (models in toys.ts). */
import { describe, expect, it } from 'vitest'
import { actionLabel } from '../../src/index.ts'
import { bipartitions, crash, groupsLabel, messages, network, networkFaults, send, separates } from '../../src/net/index.ts'
import { crashy, explore, faulty, waiter } from './toys.ts'

describe('drop and duplicate', () => {
  it('bag, one message, drop budget 1: delivered, or dropped → 3 states', async () => {
    // ({m}, log []) → Deliver → ({}, [m]); → Drop → ({}, [], drop 1). 1 + 2 generated.
    const r = await explore(faulty('bag', ['m'], { drop: 1 }))
    expect(r.stats).toMatchObject({ distinct: 3, total: 3, depth: 2 })
  })

  it('bag, one message, duplicate budget 1: delivered once or twice → 5 states', async () => {
    // ({m},[]) → ({},[m]) | ({m,m},[],dup 1); ({m,m}) → ({m},[m]) → ({},[m,m]).
    // Generated: 1 + 2 + 1 + 1 = 5 ({m,m} offers one Deliver: copies are alike).
    const r = await explore(faulty('bag', ['m'], { duplicate: 1 }))
    expect(r.stats).toMatchObject({ distinct: 5, total: 5, depth: 4 })
  })

  it('bag, one message, drop 1 and duplicate 1 → 8 states', async () => {
    // (copies in flight, delivered, drops, dups): 1000 → 0100, 0010, 2001; 2001 → 1101, 1011;
    // 1101 → 0201, 0111; 1011 → 0111. Distinct 8; generated 1 + 3 + 2 + 2 + 1 = 9.
    const r = await explore(faulty('bag', ['m'], { drop: 1, duplicate: 1 }))
    expect(r.stats).toMatchObject({ distinct: 8, total: 9, depth: 4 })
  })

  it('fifo, m1 m2 queued, drop 1: any one may be lost, order never inverted → 7 states', async () => {
    // A([m1,m2],[]) → B([m2],[m1]), C([m2],[],d), D([m1],[],d); B → E([],[m1,m2]), F([],[m1],d);
    // C → G([],[m2],d); D → F. Distinct 7; generated 1 + 3 + 2 + 1 + 1 = 8.
    const r = await explore(faulty('fifo', ['m1', 'm2'], { drop: 1 }))
    expect(r.stats).toMatchObject({ distinct: 7, total: 8, depth: 3 })
  })

  it('a set network has no drop/duplicate faults (they are implicit)', () => {
    const net = send(network('set'), { from: 'a', to: 'b', type: 'm' })
    expect(networkFaults(net, { drop: 5, duplicate: 5 })).toEqual([])
  })

  it('labels drops as Drop(Type from→to)', () => {
    const net = send(network('bag'), { from: 'c', to: 'p2', type: 'Prepare' })
    const [drop, dup] = networkFaults(net, { drop: 1, duplicate: 1 })
    expect(actionLabel(drop!.action)).toBe('Drop(Prepare c→p2)')
    expect(actionLabel(dup!.action)).toBe('Duplicate(Prepare c→p2)')
    expect(drop!.action).toMatchObject({ from: 'c', to: 'p2', msg: { type: 'Prepare' } })
  })
})

describe('partition and heal', () => {
  it('bipartitions: 2^(n-1) - 1 canonical splits', () => {
    expect(bipartitions(['a', 'b']).map(groupsLabel)).toEqual(['{a}|{b}'])
    expect(bipartitions(['c', 'p1', 'p2']).map(groupsLabel)).toEqual(['{c,p2}|{p1}', '{c,p1}|{p2}', '{c}|{p1,p2}'])
    expect(bipartitions(['a', 'b', 'c', 'd'])).toHaveLength(7)
    expect(separates([['a'], ['b', 'c']], 'a', 'b')).toBe(true)
    expect(separates([['a'], ['b', 'c']], 'c', 'b')).toBe(false)
    expect(separates(null, 'a', 'b')).toBe(false)
  })

  it('a partition delays delivery until Heal; timeouts see nothing deliverable → 9 states', async () => {
    // b waits for m (in flight a→b); Timeout(b) only while nothing is deliverable to b; budget 1.
    // A(wait,{m}) → B(got) | C(wait,{m},cut); B → D(got,cut); C → E(timedOut,cut) | F(wait,{m},healed);
    // D → G(got,healed); E → H(timedOut,{m},healed); F → G; H → I(timedOut,{}).
    // Distinct 9; generated 1 + 2 + 1 + 2 + 1 + 1 + 1 + 1 = 10.
    const r = await explore(waiter({ partition: 1 }))
    expect(r.stats).toMatchObject({ distinct: 9, total: 10, depth: 5 })
    const labels = r.coverage.map((c) => c.name).sort()
    expect(labels).toEqual(['Deliver', 'Heal', 'Partition', 'Timeout'])
  })

  it('without faults the timeout never fires; with one drop it does → 2 and 4 states', async () => {
    expect((await explore(waiter({}))).stats).toMatchObject({ distinct: 2, total: 2 })
    // A → B(got) | C(wait,{},drop 1) → D(timedOut).
    expect((await explore(waiter({ drop: 1 }))).stats).toMatchObject({ distinct: 4, total: 4 })
  })

  it('labels partitions as Partition({a}|{b})', () => {
    const net = network('bag')
    const [p] = networkFaults(net, { partition: 1 }, { nodes: ['b', 'a'] })
    expect(actionLabel(p!.action)).toBe('Partition({a}|{b})')
    expect(p!.action).toMatchObject({ groups: [['a'], ['b']] })
    expect(networkFaults(p!.net, { partition: 1 }).map((f) => actionLabel(f.action))).toEqual(['Heal'])
  })

  it('one partition at a time: while partitioned only Heal is offered, whatever budget is left', () => {
    // (A second Partition on top of the first was offered to no bundled spec, whose budgets are
    // at most 1: an engine mutant that dropped the "none in force" test survived.)
    const [p] = networkFaults(network('bag'), { partition: 2 }, { nodes: ['a', 'b'] })
    expect(networkFaults(p!.net, { partition: 2 }, { nodes: ['a', 'b'] }).map((f) => actionLabel(f.action))).toEqual(['Heal'])
    const healed = networkFaults(p!.net, { partition: 2 }, { nodes: ['a', 'b'] })[0]!.net
    expect(networkFaults(healed, { partition: 2 }, { nodes: ['a', 'b'] }).map((f) => actionLabel(f.action))).toEqual(['Partition({a}|{b})'])
  })

  it('a node in no group of a partition is cut off from every other node', () => {
    // (As `separates` says; bipartitions place every node, so only a spec's own candidates can
    // leave one out.)
    expect(separates([['a'], ['b']], 'a', 'c')).toBe(true)
    expect(separates([['a'], ['b']], 'c', 'b')).toBe(true)
    expect(separates([['a'], ['b']], 'c', 'c')).toBe(false)
  })
})

describe('partition candidates', () => {
  it('are the same actions for the same candidate list, and equal ones for a fresh list', () => {
    // (Made once per list and shared by every state: networkFaults keys them by the list.)
    const nodes = ['c', 'a', 'b']
    const partitions = (opts: { nodes?: readonly string[]; partitions?: readonly (readonly string[])[][] }) =>
      networkFaults(network('bag'), { partition: 1 }, opts).map((f) => f.action)
    const first = partitions({ nodes })
    expect(first.map((a) => actionLabel(a))).toEqual(['Partition({a,c}|{b})', 'Partition({a,b}|{c})', 'Partition({a}|{b,c})'])
    partitions({ nodes }).forEach((a, i) => expect(a).toBe(first[i]))
    expect(partitions({ nodes: [...nodes] })).toEqual(first)
    // Given candidates are canonicalised (each group sorted, groups ordered) as before.
    const given = [[['b'], ['c', 'a']]]
    expect(partitions({ nodes, partitions: given })).toEqual([{ name: 'Partition', groups: [['a', 'c'], ['b']], label: '{a,c}|{b}' }])
    expect(partitions({ nodes, partitions: given })[0]).toBe(partitions({ nodes, partitions: given })[0])
  })
})

describe('crash and restart', () => {
  it('restart keeps durable state, crash loses volatile state → 9 states', async () => {
    // (d, v, up, crashes): A(0,0,up,0) → B(0,1) | C(0,0,down,1); B → D(1,1) | C; C → E(0,0,up,1);
    // D → F(1,0,down,1); E → G(0,1,up,1); F → H(1,0,up,1); G → I(1,1,up,1); H → I.
    // Distinct 9; generated 1 + 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1 = 11.
    const r = await explore(crashy(1))
    expect(r.stats).toMatchObject({ distinct: 9, total: 11, depth: 5 })
  })

  it('no crash budget: Bump, Save → 3 states', async () => {
    expect((await explore(crashy(0))).stats).toMatchObject({ distinct: 3, total: 3 })
  })

  it('a crash loses the messages in flight to the node (bag/fifo) and later sends to it', () => {
    let net = send(send(network('bag'), { from: 'a', to: 'b', type: 'x' }), { from: 'b', to: 'a', type: 'y' })
    net = crash(net, 'b')
    expect(messages(net)).toEqual([{ from: 'b', to: 'a', type: 'y' }])
    expect(messages(send(net, { from: 'a', to: 'b', type: 'z' }))).toHaveLength(1)
    expect(net.down).toEqual(['b'])
    expect(net.spent.crash).toBe(1)
  })
})
