/**
 * What models/chang-roberts.ts's header claims of its state (the golden suite pins its counts
 * against TLC's): a `bag` network is TLA+'s `msgs`, a set of ids per node, because no id is ever
 * in flight twice (and each only on the link into its receiver); and with the ids not in ring
 * order — where an id stops at one node or another depending on timing — the counts are those of
 * ChangRoberts.tla's Init and Next enumerated directly over its variables msgs, pc, initiator and
 * state (a 40-line script, not TLC: no TLC figure is published for these Ids; at Id[i] = i for
 * N = 1 to 6 it gives this port's counts too, 137 / 227 / 10 at N = 3 as TLC), with no view and
 * no history.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../../src/index.ts'
import { messages } from '../../../src/net/index.ts'
import { changRoberts } from '../../../models/chang-roberts.ts'
import type { Config, State } from '../../../models/chang-roberts.ts'

const ring = (ids: readonly number[]): Config => {
  const nodes = ids.map((_, i) => `p${i + 1}`)
  return { nodes, id: Object.fromEntries(nodes.map((n, i) => [n, ids[i] as number])) }
}

/** Each id in flight at most once, and only on a link from a node to its successor. */
const oneCopyOfEachId = (c: Config, s: State): boolean => {
  const seen = new Set<number>()
  for (const m of messages(s.net)) {
    if (seen.has(m.id) || c.nodes[(c.nodes.indexOf(m.from) + 1) % c.nodes.length] !== m.to) return false
    seen.add(m.id)
  }
  return true
}

const withOneCopy = { ...changRoberts, properties: [...changRoberts.properties, always<Config, State>('OneCopyOfEachId', oneCopyOfEachId)] }

describe('Chang-Roberts: the bag is TLA+\'s msgs', () => {
  it.each([
    [[3, 1, 2], 137, 227, 10],
    [[2, 4, 1, 3], 747, 1586, 14],
  ])('Id = %j: every property holds, no id twice in flight, and the counts are the TLA+ enumeration\'s', async (ids, distinct, total, depth) => {
    const r = await check(defineSpec({ name: 'chang-roberts-permuted', model: withOneCopy, config: ring(ids) }))
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ TypeOK: 'holds', Correctness: 'holds', Liveness: 'holds', OneCopyOfEachId: 'holds' })
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual([distinct, total, depth])
  })
})
