/** The batch format (`src/distributed/wire.ts`, `outbox.ts`): what a worker sends an owner. */
import { describe, expect, it } from 'vitest'
import { Outbox } from '../../src/distributed/outbox.ts'
import type { StateBatch } from '../../src/distributed/part-states.ts'
import { PART_BYTES, decodeBatch } from '../../src/distributed/wire.ts'

/** States as one byte each (their number), enough to frame a batch. */
function bytesBatch(): StateBatch {
  let states: number[] = []
  return {
    get length() {
      return states.length
    },
    push: (s) => states.push(s as number),
    bytes: (from, to) => Uint8Array.from(states.slice(from, to)),
    clear: () => (states = []),
  }
}

describe('batches', () => {
  it('carry each successor and, with sleep sets, its set (empty ones included) through encode and decode', () => {
    const out = new Outbox(8, bytesBatch())
    const sets = [[1, 2, 4], [], [7, 8, 10, 11, 12, 14]]
    sets.forEach((z, i) => out.add(100 + i, 200 + i, 65536 * i + 3, i, i === 1 ? 'B' : 'A', 40 + i, [9, ...z, 9], 1, 1 + z.length))
    const [msg, ...more] = out.take(5, 1, 7)
    expect(more).toEqual([])
    const b = decodeBatch(msg!)
    expect([b.level, b.sender, b.seq, b.n, [...b.hi], [...b.lo], [...b.parent], [...b.key]]).toEqual([5, 1, 7, 3, [100, 101, 102], [200, 201, 202], [0, 1, 2], [3, 65539, 131075]])
    expect([...b.act].map((a) => b.names[a])).toEqual(['A', 'B', 'A'])
    expect([...b.states]).toEqual([40, 41, 42])
    expect(sets.map((_, i) => [...b.sleep!.subarray(b.sleepOff![i], b.sleepOff![i + 1])])).toEqual(sets)
  })

  it('are split into messages under the max payload, the sleep columns counted, each set with its successor', () => {
    // States of 100 KB and sets of 20,000 entries (80 KB): five successors are too many for one message.
    const big: StateBatch = {
      ...bytesBatch(),
      bytes: (from, to) => new Uint8Array((to - from) * 100_000).fill(from + 1),
    }
    let n = 0
    Object.defineProperty(big, 'length', { get: () => n })
    big.push = () => void n++
    big.clear = () => void (n = 0)
    const out = new Outbox(8, big)
    const sets = Array.from({ length: 5 }, (_, i) => Array.from({ length: 20_000 }, (_, k) => i * 100_000 + k))
    sets.forEach((z, i) => out.add(i, i, i, i, 'A', i, z, 0, z.length))
    const msgs = out.take(1, 0, 0).map(decodeBatch)
    expect(msgs.length).toBeGreaterThan(1)
    for (const m of msgs) expect(m.states.byteLength + 4 * m.sleep!.length).toBeLessThanOrEqual(PART_BYTES)
    const got = msgs.flatMap((m) => [...m.hi].map((h, i) => [h, [...m.sleep!.subarray(m.sleepOff![i], m.sleepOff![i + 1])]] as const))
    expect(got).toEqual(sets.map((z, i) => [i, z]))
  })

  it('carry no sleep columns in a run without them', () => {
    const out = new Outbox(8, bytesBatch())
    out.add(1, 2, 3, 0, 'A', 9)
    const b = decodeBatch(out.take(1, 0, 0)[0]!)
    expect([b.n, b.sleep, b.sleepOff, [...b.states]]).toEqual([1, undefined, undefined, [9]])
  })
})
