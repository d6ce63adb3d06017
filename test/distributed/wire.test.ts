/** The batch format (`src/distributed/wire.ts`, `outbox.ts`): what a worker sends an owner. */
import { describe, expect, it } from 'vitest'
import { Outbox } from '../../src/distributed/outbox.ts'
import type { StateBatch } from '../../src/distributed/part-states.ts'
import { decodeBatch } from '../../src/distributed/wire.ts'

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

  it('carry no sleep columns in a run without them', () => {
    const out = new Outbox(8, bytesBatch())
    out.add(1, 2, 3, 0, 'A', 9)
    const b = decodeBatch(out.take(1, 0, 0)[0]!)
    expect([b.n, b.sleep, b.sleepOff, [...b.states]]).toEqual([1, undefined, undefined, [9]])
  })
})
