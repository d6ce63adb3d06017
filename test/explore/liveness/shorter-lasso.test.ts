/**
 * The shortest lasso the graph offers cheaply (`shorter-lasso.ts`), on toy graphs where the first
 * lasso found (the fair component holding the node first found by BFS, entered where a prefix
 * first reaches it) is longer: another component, another entry of the same component, another
 * trigger of a leads-to. Lengths worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import { check, leadsTo, weakFair } from '../../../src/index.ts'
import type { PropertyResult } from '../../../src/index.ts'
import type { Edge, ToyState } from './toy-graph.ts'
import { reaches, toySpec } from './toy-graph.ts'

const nodes = (p: PropertyResult): number[] => p.trace!.steps.map((s) => (s.state as ToyState).n)
const run = async (...args: Parameters<typeof toySpec>): Promise<PropertyResult> => (await check(toySpec(...args))).properties[0]!

describe('the lasso is the shortest found, not the first', () => {
  it('another fair component: stuttering in 4 (2 states), not the cycle 1 → 2 → 3 → 1 holding the first node found (4 states)', async () => {
    // BFS numbers 0, 1, 4, 2, 3: the cycle's component holds node 1, the one found first.
    const edges: Edge[] = [
      [0, 'a', 1],
      [0, 'b', 4],
      [1, 'a', 2],
      [2, 'a', 3],
      [3, 'a', 1],
    ]
    const p = await run(edges, reaches(9), [weakFair('a'), weakFair('b')])
    expect(p.verdict).toBe('violated')
    expect(nodes(p)).toEqual([0, 4])
    expect(p.trace!.loopStart).toBe(1)
    expect(p.note).toContain('stutters forever in step 2')
  })

  it('another entry of the same component: the short cycle 5 ⇄ 6 two steps in (4 states), not the ring through 1, entered first (7 states)', async () => {
    // One component {1, 2, 3, 4, 5, 6}: the only cycle through 1 is 1 → 2 → 3 → 4 → 5 → 6 → 1;
    // 5 is reached from 0 through 7, outside it.
    const edges: Edge[] = [
      [0, 'x', 1],
      [0, 'x', 7],
      [7, 'x', 5],
      [1, 'x', 2],
      [2, 'x', 3],
      [3, 'x', 4],
      [4, 'x', 5],
      [5, 'x', 6],
      [6, 'x', 5],
      [6, 'x', 1],
    ]
    const p = await run(edges, reaches(9), [weakFair('x')])
    expect(p.verdict).toBe('violated')
    expect(nodes(p)).toEqual([0, 7, 5, 6])
    expect(p.trace!.loopStart).toBe(2)
    expect(p.note).toContain('x leads back to step 3')
  })

  it("a leads-to's other trigger: shallower but farther from the stuck state, the shorter lasso in all (5 states, not 6)", async () => {
    // Triggers 4 (depth 4, one step from 9) and 5 (depth 1, three steps from 9); 9 has no step.
    const edges: Edge[] = [
      [0, 'a', 1],
      [0, 'a', 5],
      [1, 'a', 2],
      [2, 'a', 3],
      [3, 'a', 4],
      [4, 'a', 9],
      [5, 'a', 6],
      [6, 'a', 7],
      [7, 'a', 9],
    ]
    const trigger = leadsTo<null, ToyState>('FromTrigger', (_c, s) => s.n === 4 || s.n === 5, (_c, s) => s.n === 99)
    const p = await run(edges, trigger, [weakFair('a')])
    expect(p.verdict).toBe('violated')
    expect(nodes(p)).toEqual([0, 5, 6, 7, 9])
    expect(p.trace!.loopStart).toBe(4)
  })

  it('keeps the first lasso where every nearest-first walk is longer (no lasso grows)', async () => {
    // The cycle 1 → 3 → 4 → 8 → 9 → 1 takes a (4 → 8) and b (8 → 9), enabled everywhere (their
    // steps to the goal 99 leave the region); from each of its states a decoy (1, 3, 4 → 20 by b;
    // 8, 9 → 20 by a, listed first) is nearer, and 20 comes back only by 21, 22, 23. Meeting the
    // groups in their order from 1 gives the cycle; nearest first from any entry, 8 steps or more.
    const leave = (n: number): Edge[] => [
      [n, 'a', 99],
      [n, 'b', 99],
    ]
    const edges: Edge[] = [
      [0, 'a', 1],
      [1, 'x', 3],
      [1, 'b', 20],
      [3, 'x', 4],
      [3, 'b', 20],
      [4, 'b', 20],
      [4, 'a', 8],
      [8, 'a', 20],
      [8, 'b', 9],
      [9, 'x', 1],
      [9, 'a', 20],
      [20, 'x', 21],
      [21, 'x', 22],
      [22, 'x', 23],
      [23, 'x', 1],
      ...[1, 3, 4, 8, 9, 20, 21, 22, 23].flatMap(leave),
    ]
    const p = await run(edges, reaches(99), [weakFair('a'), weakFair('b')])
    expect(nodes(p)).toEqual([0, 1, 3, 4, 8, 9])
    expect(p.trace!.loopStart).toBe(1)
  })
})
