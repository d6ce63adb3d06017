/**
 * Property test: on random small graphs with random weak/strong fairness, the checker's verdict
 * equals a brute-force reference, and every lasso it reports is a real, fair, goal-free behaviour.
 *
 * The reference needs no SCCs: a fair behaviour that stays in a set S of states forever (visiting
 * each infinitely often) exists iff S is strongly connected (a single state counts: it may
 * stutter) and, for every weakly fair group, S takes it or disables it somewhere, and for every
 * strongly fair group, S takes it or never enables it. So it tries every subset of states.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check, strongFair, weakFair } from '../../../src/index.ts'
import type { Fairness, Property } from '../../../src/index.ts'
import { alwaysEventually, eventually, leadsTo } from '../../../src/index.ts'
import type { Edge, ToyState } from './toy-graph.ts'
import { toySpec } from './toy-graph.ts'

const GROUPS = ['g0', 'g1', 'g2'] as const
type Kind = 'eventually' | 'leadsTo' | 'alwaysEventually'

interface Case {
  readonly n: number
  readonly edges: readonly Edge[]
  readonly fair: readonly ('none' | 'weak' | 'strong')[]
  readonly goal: readonly boolean[]
  readonly from: readonly boolean[]
  readonly kind: Kind
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.uniqueArray(
      fc.tuple(fc.nat(n - 1), fc.constantFrom('g0', 'g1', 'g2', 'x'), fc.nat(n - 1)),
      { maxLength: 14, selector: ([f, a, t]) => `${f} ${a} ${t}` },
    ),
    fair: fc.array(fc.constantFrom('none' as const, 'weak' as const, 'strong' as const), { minLength: 3, maxLength: 3 }),
    goal: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    from: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    kind: fc.constantFrom<Kind>('eventually', 'leadsTo', 'alwaysEventually'),
  }),
)

function reachable(c: Case, sources: number[], through: (v: number) => boolean): Set<number> {
  const seen = new Set(sources.filter(through))
  const queue = [...seen]
  while (queue.length) {
    const v = queue.shift()!
    for (const [f, , t] of c.edges) if (f === v && through(t) && !seen.has(t)) (seen.add(t), queue.push(t))
  }
  return seen
}

const groupOf = (a: string): number => GROUPS.indexOf(a as (typeof GROUPS)[number])
/** Groups enabled in v: steps that change the state (self-loops are stutters). */
const enabled = (c: Case, v: number): Set<number> =>
  new Set(c.edges.filter(([f, a, t]) => f === v && t !== v && groupOf(a) >= 0).map(([, a]) => groupOf(a)))

function fairSet(c: Case, s: Set<number>, takenEdges: readonly Edge[]): boolean {
  const taken = new Set(takenEdges.filter(([f, , t]) => f !== t).map(([, a]) => groupOf(a)))
  return c.fair.every((kind, g) => {
    if (kind === 'none' || taken.has(g)) return true
    const en = [...s].map((v) => enabled(c, v).has(g))
    return kind === 'weak' ? en.some((e) => !e) : en.every((e) => !e)
  })
}

function referenceViolated(c: Case): boolean {
  const free = (v: number): boolean => !c.goal[v]
  const all = reachable(c, [0], () => true)
  const region =
    c.kind === 'eventually'
      ? reachable(c, [0], free)
      : c.kind === 'alwaysEventually'
        ? new Set([...all].filter(free))
        : reachable(c, [...all].filter((v) => c.from[v]), free)
  const nodes = [...region]
  for (let mask = 1; mask < 1 << nodes.length; mask++) {
    const s = new Set(nodes.filter((_, i) => mask & (1 << i)))
    const inside = c.edges.filter(([f, , t]) => s.has(f) && s.has(t))
    const first = [...s][0]!
    const strongly = [...s].every((v) => reachable({ ...c, edges: inside }, [first], (w) => s.has(w)).has(v) && reachable({ ...c, edges: inside }, [v], (w) => s.has(w)).has(first))
    if (strongly && fairSet(c, s, inside)) return true
  }
  return false
}

function property(c: Case): Property<null, ToyState> {
  const goal = (_: null, s: ToyState): boolean => c.goal[s.n]!
  if (c.kind === 'eventually') return eventually('P', goal)
  if (c.kind === 'alwaysEventually') return alwaysEventually('P', goal)
  return leadsTo('P', (_, s) => c.from[s.n]!, goal)
}

function fairness(c: Case): Fairness[] {
  const out: Fairness[] = []
  c.fair.forEach((k, g) => {
    if (k === 'weak') out.push(weakFair(GROUPS[g]!))
    if (k === 'strong') out.push(strongFair(GROUPS[g]!))
  })
  return out
}

describe('liveness against a brute-force reference on random graphs', () => {
  it('same verdict, and every lasso is a real fair goal-free behaviour', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const r = await check(toySpec(c.edges, property(c), fairness(c)))
        const p = r.properties[0]!
        // A leads-to whose trigger no reachable state meets holds vacuously.
        const vacuous = c.kind === 'leadsTo' && ![...reachable(c, [0], () => true)].some((v) => c.from[v])
        expect(p.verdict).toBe(referenceViolated(c) ? 'violated' : vacuous ? 'vacuous' : 'holds')
        if (p.verdict !== 'violated') return
        const states = p.trace!.steps.map((s) => (s.state as ToyState).n)
        const k = p.trace!.loopStart!
        expect(states[0]).toBe(0)
        const path: Edge[] = p.trace!.steps.slice(1).map((s, i) => [states[i]!, s.action!.name, states[i + 1]!])
        for (const e of path) expect(c.edges).toContainEqual(e)
        // The closing step, named in the note ("…, g1 leads back to state k+1"), or stuttering.
        const closing = /, (\S+) leads back to step (\d+)/.exec(p.note ?? '')
        const loopEdges = path.slice(k)
        if (closing) {
          expect(Number(closing[2])).toBe(k + 1)
          const e: Edge = [states[states.length - 1]!, closing[1]!, states[k]!]
          expect(c.edges).toContainEqual(e)
          loopEdges.push(e)
        } else {
          expect(k).toBe(states.length - 1)
        }
        const loop = new Set(states.slice(k))
        expect(fairSet(c, loop, loopEdges)).toBe(true)
        const goalFreeFrom = c.kind === 'eventually' ? 0 : k
        for (const v of states.slice(goalFreeFrom)) expect(c.goal[v]).toBe(false)
        if (c.kind === 'leadsTo') {
          const i = states.findIndex((v, j) => c.from[v] && states.slice(j).every((w) => !c.goal[w]))
          expect(i).toBeGreaterThanOrEqual(0)
          expect(i).toBeLessThanOrEqual(k)
        }
      }),
      { numRuns: 400, seed: 6 },
    )
  })
})
