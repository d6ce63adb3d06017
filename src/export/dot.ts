/**
 * The state graph of a small model as Graphviz DOT (`npm run check -- spec --dot graph.dot`, then
 * `dot -Tsvg graph.dot`). Explores with the BFS driver (`explore/bfs.ts`), as an observer of its
 * successor sink, like `check`, honouring the spec's constraint and the
 * view/symmetry that identify states; refuses past `maxStates`, since a graph of thousands of
 * nodes is unreadable and slow to lay out.
 *
 * Nodes are numbered s0, s1, ... in BFS order and labelled with their variables, one per line.
 * Initial states have a double border; states that break a checked `always` property are red and
 * name it; states without successors are boxes; states the constraint excludes are dashed (kept,
 * not expanded). Edges carry action labels; identical steps (same source, target and label) are
 * drawn once. The output is deterministic.
 */
import { actionLabel } from '../core/action.ts'
import type { Action } from '../core/action.ts'
import { UsageError } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import { resolveOptions } from '../core/options.ts'
import type { Property } from '../core/property.ts'
import type { AnySpec } from '../core/spec.ts'
import type { Value } from '../core/value.ts'
import { bfs } from '../explore/bfs.ts'
import { prepare } from '../explore/prepare.ts'
import type { SearchObserver } from '../explore/search-sink.ts'
import { evaluate } from '../explore/sink.ts'
import { VisitedSet } from '../explore/visited-set.ts'
import { formatValue, toPlain } from '../trace/format-value.ts'

export interface DotLimits {
  /** Refuse graphs with more distinct states than this (default 500). */
  readonly maxStates?: number
  /** Cut each variable's text in a node label to this many characters (default 60). */
  readonly maxValueLength?: number
}

export async function toDot(spec: AnySpec, options: Partial<CheckOptions> = {}, limits: DotLimits = {}): Promise<string> {
  const maxLen = limits.maxValueLength ?? 60
  const o = resolveOptions(options)
  const p = prepare(spec, o)
  const invariants = p.safety.filter((q: Property<unknown, unknown>) => q.kind === 'always') as Extract<Property<unknown, unknown>, { kind: 'always' }>[]
  const g = new DotGraph(spec.name, limits.maxStates ?? 500)
  // The BFS tells the graph every node and step; it checks no property (drawn below, on every
  // state) and stops at no bound but the graph's own.
  const r = await bfs({ ...p, safety: [], liveness: [], deadlock: false, reported: 0 }, { ...o, maxStates: Infinity, maxDepth: Infinity }, g)
  if (!r.complete) throw new UsageError(`--dot: the search for spec ${spec.name}'s graph stopped (${r.stopReason})`)

  const lines = [`digraph ${quote(spec.name)} {`, '  node [shape=ellipse, fontname="monospace", fontsize=10];', '  edge [fontname="monospace", fontsize=9];']
  g.states.forEach((s, id) => {
    const broken = invariants.filter((q) => !evaluate(q.name, q.holds, p.config, s)).map((q) => q.name)
    const attrs = [`label=${quote(stateText(s, maxLen) + (broken.length ? `\n✗ ${broken.join(', ')}` : ''))}`]
    if (g.inits.has(id)) attrs.push('peripheries=2')
    if (broken.length) attrs.push('color=red', 'fontcolor=red')
    if (g.terminal.has(id)) attrs.push('shape=box')
    if (g.excluded.has(id)) attrs.push('style=dashed')
    lines.push(`  s${id} [${attrs.join(', ')}];`)
  })
  lines.push(...g.edges, '}')
  return `${lines.join('\n')}\n`
}

/** The graph as the BFS finds it. Node ids are visited-set indices: dense, in BFS order. */
class DotGraph implements SearchObserver {
  readonly visited = new VisitedSet()
  readonly states: unknown[] = []
  readonly inits = new Set<number>()
  readonly edges: string[] = []
  readonly terminal = new Set<number>()
  readonly excluded = new Set<number>()
  private readonly seenEdges = new Set<string>()
  private from = -1

  constructor(
    private readonly name: string,
    private readonly maxStates: number,
  ) {}

  found(s: unknown, idx: number, root: boolean): void {
    if (idx >= this.maxStates) {
      throw new UsageError(`--dot: spec ${this.name} has more than ${this.maxStates} states; a DOT graph is for small models (pick a smaller instance, or raise the limit with --max-states)`)
    }
    this.states.push(s)
    if (root) this.inits.add(idx)
  }

  seenAgain(): void {}

  begin(u: number): void {
    this.from = u
  }

  cut(): void {
    this.excluded.add(this.from)
  }

  /** Identical steps (same source, target and label) are drawn once. */
  step(u: number, _s: unknown, a: Action, _ordinal: number, _t: unknown, v: number): void {
    const label = actionLabel(a)
    const key = `${u}>${v}>${label}`
    if (this.seenEdges.has(key)) return
    this.seenEdges.add(key)
    this.edges.push(`  s${u} -> s${v} [label=${quote(label)}];`)
  }

  end(steps: number): void {
    if (steps === 0) this.terminal.add(this.from)
  }

  finish(): void {}
}

/** One line per top-level variable, or the whole value for a non-record state. */
function stateText(s: unknown, maxLen: number): string {
  const v = toPlain(s)
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const rec = v as Record<string, Value>
    return Object.keys(rec)
      .map((k) => `${k} = ${formatValue(rec[k] as Value, maxLen)}`)
      .join('\n')
  }
  return formatValue(v, maxLen)
}

/** A DOT double-quoted string: quotes and backslashes escaped, newlines as `\n` (centred lines). */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}
