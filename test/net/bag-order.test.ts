/**
 * A bag keeps its messages sorted by `compareValues` (so equal bags are equal arrays). `bagAdd`
 * compares cached sort keys instead of the records; this checks that the order is the same, on
 * random messages with shared and distinct instances, and that `bagRemove` and `deliverable`
 * treat equal-but-distinct objects as the same message.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareValues } from '../../src/index.ts'
import type { Value } from '../../src/index.ts'
import { bagAdd, bagRemove } from '../../src/net/network.ts'
import { deliverable, network, send } from '../../src/net/index.ts'
import type { Message } from '../../src/net/index.ts'

const node = fc.constantFrom('a', 'b', 'c')
const message: fc.Arbitrary<Message> = fc.oneof(
  fc.record({ from: node, to: node, type: fc.constant('Ping') }),
  fc.record({ from: node, to: node, type: fc.constant('Vote'), term: fc.integer({ min: 0, max: 3 }), granted: fc.boolean() }),
  fc.record({ from: node, to: node, type: fc.constantFrom('Append', 'Vote'), term: fc.integer({ min: 0, max: 3 }), entries: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }) }),
  fc.record({ from: node, to: node, type: fc.constant('Note'), text: fc.constantFrom('x', 'y'), extra: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }) }),
)
const copy = (m: Message): Message => JSON.parse(JSON.stringify(m)) as Message

describe('bag order', () => {
  it('bagAdd sorts as compareValues does, whatever the instances', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), fc.array(fc.boolean(), { maxLength: 12 }), (ms, fresh) => {
        let bag: readonly Message[] = []
        ms.forEach((m, i) => (bag = bagAdd(bag, fresh[i] ? copy(m) : m)))
        const expected = [...ms].sort((x, y) => compareValues(x as Value, y as Value))
        expect(bag.map((m) => JSON.stringify(m))).toEqual(expected.map((m) => JSON.stringify(m)))
      }),
    )
  })

  it('bagRemove and deliverable see equal copies as one message', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 8 }), (ms) => {
        let net = network<Message>('bag')
        for (const m of ms) net = send(net, m)
        for (const m of ms) net = send(net, copy(m))
        const inFlight = net.semantics === 'bag' ? net.inFlight : []
        const removed = bagRemove(inFlight, copy(ms[0] as Message))
        expect(removed.length).toBe(inFlight.length - 1)
        const distinct = new Set(ms.map((m) => JSON.stringify(m)))
        expect(deliverable(net).length).toBe(distinct.size)
      }),
    )
  })
})
