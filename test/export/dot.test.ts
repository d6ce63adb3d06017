/** Graphviz DOT export of small state graphs. */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import { toDot } from '../../src/export/dot.ts'
import twoPhase from '../../specs/two-phase-commit.ts'
import counterSpec from '../fixtures/counter.ts'
import type { State as CounterState } from '../fixtures/counter.ts'
import diamondSpec from '../fixtures/diamond.ts'
import { graphSpec, triangle } from '../fixtures/graph.ts'
import replyInCs from '../../specs/ricart-agrawala-reply-in-cs.ts'

/** An invariant that throws from x = 2 on. */
function fragile(x: number): boolean {
  if (x >= 2) throw new Error('oops')
  return true
}

const nodes = (dot: string) => dot.split('\n').filter((l) => /^ {2}s\d+ \[/.test(l))
const edges = (dot: string) => dot.split('\n').filter((l) => /^ {2}s\d+ -> s\d+/.test(l))

describe('toDot', () => {
  it('draws the counter: initial state doubled, violating states red, every step labelled', async () => {
    expect(await toDot(counterSpec, { params: { limit: 2 } })).toBe(
      [
        'digraph "counter" {',
        '  node [shape=ellipse, fontname="monospace", fontsize=10];',
        '  edge [fontname="monospace", fontsize=9];',
        '  s0 [label="x = 0", peripheries=2];',
        '  s1 [label="x = 1"];',
        '  s2 [label="x = 2\\n✗ Below", color=red, fontcolor=red];',
        '  s3 [label="x = 3\\n✗ Below", color=red, fontcolor=red];',
        '  s0 -> s1 [label="Inc"];',
        '  s1 -> s2 [label="Inc"];',
        '  s1 -> s0 [label="Reset"];',
        '  s2 -> s3 [label="Inc"];',
        '  s2 -> s0 [label="Reset"];',
        '  s3 -> s0 [label="Reset"];',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('marks states without successors as boxes and merges identical steps', async () => {
    const dot = await toDot(diamondSpec)
    expect(nodes(dot)).toEqual([
      '  s0 [label="a = false\\nb = false", peripheries=2];',
      '  s1 [label="a = true\\nb = false"];',
      '  s2 [label="a = false\\nb = true"];',
      '  s3 [label="a = true\\nb = true", shape=box];',
    ])
    // The triangle graph has two identical steps 2 → 2: drawn once; 7 generated steps, 5 edges.
    expect(edges(await toDot(graphSpec(triangle), { properties: ['True'] }))).toEqual([
      '  s0 -> s1 [label="Go(1)"];',
      '  s0 -> s2 [label="Go(2)"];',
      '  s1 -> s2 [label="Go(2)"];',
      '  s2 -> s0 [label="Go(0)"];',
      '  s2 -> s2 [label="Go(2)"];',
    ])
  })

  it('has one node per distinct state: TwoPhase with 3 RMs gives 288 nodes', async () => {
    const dot = await toDot(twoPhase, {}, { maxStates: 300 })
    const r = await check(twoPhase)
    expect(nodes(dot)).toHaveLength(r.stats.distinct)
    // Every edge joins declared nodes.
    const declared = new Set(nodes(dot).map((l) => l.trim().split(' ')[0]))
    for (const e of edges(dot)) {
      const [, from, to] = /^ {2}(s\d+) -> (s\d+)/.exec(e)!
      expect(declared.has(from!) && declared.has(to!)).toBe(true)
    }
  })

  it('draws one node per symmetry orbit when the spec asks for symmetry (TwoPhase, 5 RMs: 314)', async () => {
    const { default: sym } = await import('../../specs/two-phase-commit-symmetry.ts')
    expect(nodes(await toDot(sym, {}, { maxStates: 400 }))).toHaveLength(314)
  })

  it('refuses a graph larger than maxStates with a clear error', async () => {
    await expect(toDot(twoPhase, {}, { maxStates: 100 })).rejects.toThrow(/^dot: spec two-phase-commit has more than 100 states; a DOT graph is for small models/)
    await expect(toDot(twoPhase)).resolves.toContain('digraph')
    await expect(toDot(twoPhase, { params: { rms: 4 } })).rejects.toThrow(/more than 500 states/)
  })

  it('names an invariant that throws, as the explorers do', async () => {
    const spec = defineSpec({
      ...counterSpec,
      model: { ...counterSpec.model, properties: [always('Fragile', (_c, s: CounterState) => fragile(s.x))] },
    })
    await expect(toDot(spec)).rejects.toThrow(/^model counter: property Fragile threw: oops \(at fragile \(.*dot\.test\.ts:\d+\)\)/)
  })

  it('dashes constraint-excluded states and escapes quotes and backslashes', async () => {
    const spec = defineSpec({ ...counterSpec, name: 'say "hi"\\', constraint: (_c, s) => s.x < 1 })
    const dot = await toDot(spec)
    expect(dot.split('\n')[0]).toBe('digraph "say \\"hi\\"\\\\" {')
    expect(nodes(dot)).toEqual(['  s0 [label="x = 0", peripheries=2];', '  s1 [label="x = 1", style=dashed];'])
  })

  // A new user's actor model: every node read `proc = {p1: …` (cut at 60 characters), and the
  // network's fault bookkeeping, the same everywhere, filled each label.
  it("gives a long record variable a line per field, and says once, under the graph, what every state holds", async () => {
    const dot = await toDot(replyInCs)
    const labels = nodes(dot)
    expect(labels[0]).toBe('  s0 [label="proc.p1 = {clock: 0, ts: 0, phase: idle, replies: [], deferred: []}\\nproc.p2 = {clock: 0, ts: 0, phase: idle, replies: [], deferred: []}\\nnet.inFlight = []", peripheries=2];')
    expect(labels.filter((l) => /net\.(spent|down|partition|semantics)/.test(l))).toEqual([])
    expect(dot).toContain('  label="the same in every state:\\nnet.semantics = bag\\nnet.partition = null\\nnet.down = []\\nnet.spent = {drop: 0, duplicate: 0, partition: 0, crash: 0}";')
    // One state: nothing to tell apart, every line in its node.
    const still = defineSpec({ name: 'still', model: { name: 'still', init: () => [{ x: 0, y: 'a' }], next: () => [], properties: [always('True', () => true)] }, config: null })
    const one = await toDot(still)
    expect(nodes(one)).toEqual(['  s0 [label="x = 0\\ny = a", peripheries=2, shape=box];'])
    expect(one).not.toContain('the same in every state')
  })
})
