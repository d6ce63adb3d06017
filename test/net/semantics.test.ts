/**
 * The three message semantics on a two-message toy (`twoMessages` in toys.ts): `a` sends m1 then
 * m2 to `b`, which logs what it receives. State = (sent, log, network); counts by hand below.
 */
import { describe, expect, it } from 'vitest'
import { actionLabel } from '../../src/index.ts'
import { anyDeliverable, canonicalGroups, contains, crash, deliverable, deliverableTo, formatNetwork, messages, netWith, network, receive, send, sendAll } from '../../src/net/index.ts'
import { messagesField } from '../../src/net/network.ts'
import type { Network } from '../../src/net/index.ts'
import { explore, twoMessages } from './toys.ts'

describe('message semantics', () => {
  it('fifo: per-link order kept, consumed on delivery', async () => {
    // sent=0: log [] (1); sent=1: [], [m1] (2); sent=2: [], [m1], [m1,m2] (3) → 6 distinct.
    // Successors: (0,[]) 1, (1,[]) 2, (1,[m1]) 1, (2,[]) 1, (2,[m1]) 1 → 6 + 1 init = 7 generated.
    const r = await explore(twoMessages('fifo'))
    expect(r.stats).toMatchObject({ distinct: 6, total: 7, depth: 5 })
  })

  it('bag: reordering, consumed on delivery', async () => {
    // sent=2 adds [m2] and [m2,m1] to fifo's states → 8 distinct.
    // Successors: (0,[]) 1, (1,[]) 2, (1,[m1]) 1, (2,[]) 2, (2,[m1]) 1, (2,[m2]) 1 → 8 + 1 = 9.
    const r = await explore(twoMessages('bag'))
    expect(r.stats).toMatchObject({ distinct: 8, total: 9, depth: 5 })
  })

  it('set: nothing removed, so every delivery can repeat (self-loops are steps)', async () => {
    // log is the set received: sent=0: {} ; sent=1: {}, {m1}; sent=2: the 4 subsets of {m1,m2} → 7.
    // Successors: (0,{}) 1, (1,{}) 2, (1,{m1}) 2 (Send, re-deliver m1), and each sent=2 state
    // delivers m1 and m2 → 4×2 = 8 → 1 + 1 + 2 + 2 + 8 = 14.
    const r = await explore(twoMessages('set'))
    expect(r.stats).toMatchObject({ distinct: 7, total: 14, depth: 5 })
  })

  it('enumerates messages as plain records and prints the network readably', () => {
    const m1 = { from: 'c', to: 'p1', type: 'Prepare' }
    const v = { from: 'p1', to: 'c', type: 'Vote', yes: true }
    let bag = send(send(send(network('bag'), v), m1), v)
    expect(messages(bag)).toEqual([m1, v, v])
    expect(deliverable(bag)).toEqual([m1, v])
    expect(formatNetwork(bag)).toBe('in flight: Prepare c→p1, Vote(yes) p1→c ×2')
    bag = receive(bag, v)
    expect(messages(bag)).toEqual([m1, v])

    let fifo = send(send(network('fifo', ['c', 'p1']), { ...m1, n: 1 }), { ...m1, n: 2 })
    expect(deliverable(fifo)).toEqual([{ ...m1, n: 1 }])
    fifo = receive(fifo, { ...m1, n: 1 })
    expect(messages(fifo)).toEqual([{ ...m1, n: 2 }])
    expect(formatNetwork(fifo)).toBe('in flight: Prepare(2) c→p1')
    expect(receive(fifo, { ...m1, n: 2 })).toEqual(network('fifo', ['c', 'p1']))

    const set = send(send(network('set'), m1), m1)
    expect(messages(set)).toEqual([m1])
    expect(receive(set, m1)).toBe(set)
    expect(formatNetwork(set)).toBe('sent: Prepare c→p1')
  })

  it('fifo: a delivery takes its link\'s head and leaves every other queue, in its place', () => {
    const m = (from: string, to: string, n: number) => ({ from, to, type: 'M', n })
    const nodes = ['c', 'a', 'b']
    let fifo = sendAll(network('fifo', nodes), [m('a', 'b', 1), m('b', 'a', 1), m('a', 'b', 2), m('c', 'a', 1)])
    fifo = receive(fifo, m('a', 'b', 1))
    expect(fifo.semantics === 'fifo' && Object.entries(fifo.queues).filter(([, q]) => q.length > 0)).toEqual([
      ['a→b', [m('a', 'b', 2)]],
      ['b→a', [m('b', 'a', 1)]],
      ['c→a', [m('c', 'a', 1)]],
    ])
    // An emptied link stays, idle, in its place: every state has every link, in sorted order.
    fifo = receive(fifo, m('b', 'a', 1))
    expect(fifo.semantics === 'fifo' && Object.keys(fifo.queues)).toEqual(['a→a', 'a→b', 'a→c', 'b→a', 'b→b', 'b→c', 'c→a', 'c→b', 'c→c'])
    expect(fifo.semantics === 'fifo' && fifo.queues['b→a']).toEqual([])
    // A message that is not at its link's head is found by value, as before.
    const later = sendAll(network('fifo', nodes), [m('a', 'b', 1), m('a', 'b', 2)])
    expect(messages(receive(later, { ...m('a', 'b', 2) }))).toEqual([m('a', 'b', 1)])
  })

  it('fifo: a network of every link between its nodes, the same whatever the history', () => {
    const m = (from: string, to: string, n: number) => ({ from, to, type: 'M', n })
    const empty = network('fifo', ['b', 'a'])
    expect(empty).toEqual({ semantics: 'fifo', queues: { 'a→a': [], 'a→b': [], 'b→a': [], 'b→b': [] }, partition: null, down: [], spent: { drop: 0, duplicate: 0, partition: 0, crash: 0 } })
    expect(Object.keys(empty)).toEqual(['semantics', 'queues', 'partition', 'down', 'spent'])
    // Sent and delivered, or lost in a crash, or never sent: one network (an emptied link is no
    // state of its own).
    expect(receive(send(empty, m('a', 'b', 1)), m('a', 'b', 1))).toEqual(empty)
    const lost = crash(sendAll(empty, [m('a', 'b', 1), m('b', 'a', 1), m('a', 'b', 2)]), 'b')
    expect(lost).toEqual(crash(send(empty, m('b', 'a', 1)), 'b'))
    expect(messages(lost)).toEqual([m('b', 'a', 1)])
    expect(deliverable(empty)).toEqual([])
    expect(anyDeliverable(empty)).toBe(false)
    // Its nodes are needed, and a message on a link between others is refused.
    expect(() => (network as (semantics: string) => unknown)('fifo')).toThrow(/network\('fifo', nodes\): a FIFO network needs its nodes/)
    expect(() => send(empty, m('a', 'c', 1))).toThrow(/^fifo network: no link a→c \(its nodes are those of network\('fifo', nodes\): a→a, a→b, b→a, b→b\)$/)
  })

  it('labels deliveries as Deliver(Type from→to)', async () => {
    const r = await explore(twoMessages('bag'))
    const labels = r.coverage.map((c) => c.name)
    expect(labels).toEqual(['Send', 'Deliver'])
    const d = { name: 'Deliver', from: 'a', to: 'b', msg: { from: 'a', to: 'b', type: 'm1' }, label: 'm1 a→b' }
    expect(actionLabel(d)).toBe('Deliver(m1 a→b)')
  })
})

describe('sendAll and contains', () => {
  type M = { readonly from: string; readonly to: string; readonly type: string; readonly n: number }
  const m = (to: string, n: number): M => ({ from: 'a', to, type: 'T', n })
  const ms = [m('b', 2), m('c', 1), m('b', 1), m('b', 2)]

  it('sendAll equals one send per message, in order, on every semantics (a bag with a node down too)', () => {
    for (const semantics of ['set', 'bag', 'fifo'] as const) {
      const up = network<M>(semantics, ['a', 'b', 'c'])
      const down = crash(up, 'c')
      for (const net of [up, down]) {
        let one: Network<M> = net
        for (const x of ms) one = send(one, x)
        expect(sendAll(net, ms)).toEqual(one)
        expect(sendAll(net, [])).toBe(net)
      }
    }
    // A bag where every receiver is down: nothing is added, and the network is the same instance.
    const bag = crash(network<M>('bag'), 'b')
    expect(sendAll(bag, [m('b', 1), m('b', 2)])).toBe(bag)
  })

  it('contains finds an equal message (not only the same object) and nothing else', () => {
    for (const semantics of ['set', 'bag', 'fifo'] as const) {
      const net = sendAll(network<M>(semantics, ['a', 'b', 'c']), ms)
      expect(contains(net, m('c', 1))).toBe(true)
      expect(contains(net, m('c', 2))).toBe(false)
      expect(contains(receive(net, m('c', 1)), m('c', 1))).toBe(semantics === 'set')
    }
  })
})

describe('anyDeliverable', () => {
  type M = { readonly from: string; readonly to: string; readonly type: string }
  const all: M[] = []
  for (const from of ['a', 'b', 'c']) for (const to of ['a', 'b', 'c']) if (from !== to) all.push({ from, to, type: 'T' })

  it('answers as deliverable and deliverableTo do, on every semantics, with nodes down and links cut', () => {
    let compared = 0
    for (const semantics of ['set', 'bag', 'fifo'] as const) {
      // Every subset of the six links' messages (a copy each, two on a→b for the bag and fifo).
      for (let bits = 0; bits < 1 << all.length; bits++) {
        const sent = all.filter((_, i) => bits & (1 << i))
        const base = sendAll(network<M>(semantics, ['a', 'b', 'c']), bits & 1 ? [...sent, all[0] as M] : sent)
        const nets = [
          base,
          crash(base, 'b'),
          netWith(base, messagesField(base), canonicalGroups([['a'], ['b', 'c']])),
          netWith(crash(base, 'c'), messagesField(base), canonicalGroups([['a', 'c'], ['b']])),
        ]
        for (const net of nets) {
          expect(anyDeliverable(net)).toBe(deliverable(net).length > 0)
          for (const node of ['a', 'b', 'c']) expect(anyDeliverable(net, node)).toBe(deliverableTo(net, node).length > 0)
          compared++
        }
      }
    }
    expect(compared).toBe(3 * 64 * 4)
  })
})
