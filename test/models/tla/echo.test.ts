/**
 * What models/echo.ts's header claims (the golden suite pins specs/echo.ts's counts against
 * TLC's, 75 / 116 / 16): that the `bag` network is Echo.tla's `inbox`, a set of [kind, sndr]
 * records per node, because no message is ever in flight twice (the model's InboxIsASet); that
 * the translation's Terminating disjunct is one stutter per final state; and, on graphs TLC has
 * no figure for, that the counts are those of Echo.tla's Init and Next enumerated directly over
 * its variables inbox, pc, parent, children and rcvd (`enumerate` below, written from the
 * module, not from the model).
 */
import { describe, expect, it } from 'vitest'
import { check, defineSpec } from '../../../src/index.ts'
import { echo } from '../../../models/echo.ts'
import type { Config } from '../../../models/echo.ts'
import { mcConfig } from '../../../specs/echo.ts'

type TlaState = {
  inbox: Record<string, string[]> // sorted "kind sndr"
  pc: Record<string, string>
  parent: Record<string, string | null>
  children: Record<string, string[]>
  rcvd: Record<string, number>
}

/** BFS over Echo.tla's translation: distinct states, states generated (TLC's count: initial
 * states plus every successor, duplicates included), depth. */
function enumerate(c: Config): [number, number, number] {
  const by = <T>(f: (n: string) => T): Record<string, T> => Object.fromEntries(c.nodes.map((n) => [n, f(n)]))
  const add = (xs: readonly string[], x: string): string[] => [...new Set([...xs, x])].sort()
  const multicast = (inbox: Record<string, string[]>, p: string, dest: readonly string[], knd: string) =>
    by((m) => (dest.includes(m) ? add(inbox[m]!, `${knd} ${p}`) : inbox[m]!))
  const succ = (s: TlaState): TlaState[] => {
    const out: TlaState[] = []
    for (const self of c.nodes) {
      const nbrs = c.nbrs[self]!
      const set = <K extends keyof TlaState>(k: K, v: TlaState[K][string]): TlaState[K] => ({ ...s[k], [self]: v })
      if (s.pc[self] === 'n0') {
        out.push({ ...s, inbox: self === c.initiator ? multicast(s.inbox, self, nbrs, 'm') : s.inbox, pc: set('pc', 'n1') })
      }
      if (s.pc[self] === 'n1') {
        if (s.rcvd[self]! < nbrs.length) {
          for (const msg of s.inbox[self]!) {
            const [kind, sndr] = msg.split(' ') as [string, string]
            const net = { ...s.inbox, [self]: s.inbox[self]!.filter((x) => x !== msg) }
            const rcvd = s.rcvd[self]! + 1
            const first = self !== c.initiator && rcvd === 1
            out.push({
              ...s,
              rcvd: set('rcvd', rcvd),
              parent: first ? set('parent', sndr) : s.parent,
              inbox: first ? multicast(net, self, nbrs.filter((n) => n !== sndr), 'm') : net,
              children: kind === 'c' ? set('children', add(s.children[self]!, sndr)) : s.children,
            })
          }
        } else out.push({ ...s, pc: set('pc', 'n2') })
      }
      if (s.pc[self] === 'n2') {
        const p = s.parent[self]!
        out.push({ ...s, inbox: self !== c.initiator ? { ...s.inbox, [p]: add(s.inbox[p]!, `c ${self}`) } : s.inbox, pc: set('pc', 'Done') })
      }
    }
    if (c.nodes.every((n) => s.pc[n] === 'Done')) out.push(s) // Terminating
    return out
  }
  const init: TlaState = { inbox: by(() => []), pc: by(() => 'n0'), parent: by(() => null), children: by(() => []), rcvd: by(() => 0) }
  const seen = new Set([JSON.stringify(init)])
  let level = [init]
  let total = 1
  let depth = 0
  while (level.length > 0) {
    depth++
    const nextLevel: TlaState[] = []
    for (const s of level) {
      for (const t of succ(s)) {
        total++
        const k = JSON.stringify(t)
        if (!seen.has(k)) {
          seen.add(k)
          nextLevel.push(t)
        }
      }
    }
    level = nextLevel
  }
  return [seen.size, total, depth]
}

const verdicts = (r: Awaited<ReturnType<typeof check>>) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))

describe('Echo: the bag is Echo.tla\'s inbox', () => {
  it('the enumeration of the module gives TLC\'s counts on MCEcho.cfg', () => {
    expect(enumerate(mcConfig({ n: 3, graph: 'complete' }))).toEqual([75, 116, 16])
  })

  it.each([
    [3, 'line', 1],
    [4, 'line', 1],
    [4, 'complete', 16],
  ])('n = %i, %s graph: every property holds (InboxIsASet: no message twice in flight), the module\'s counts, one Terminating per final state', async (n, graph, trees) => {
    const config = mcConfig({ n, graph })
    const r = await check(defineSpec({ name: `echo-${graph}-${n}`, model: echo, config, deadlock: true }))
    expect(new Set(Object.values(verdicts(r)))).toEqual(new Set(['holds']))
    expect([r.stats.distinct, r.stats.total, r.stats.depth]).toEqual(enumerate(config))
    // Each final state is one spanning tree the run can build (on a line, the line itself).
    expect(r.coverage.find((a) => a.name === 'Terminating')?.fired).toBe(trees)
  })
})
