/**
 * The state graph of a small model as Graphviz DOT (`npm run check -- spec --dot graph.dot`, then
 * `dot -Tsvg graph.dot`). Explores with the BFS driver (`explore/bfs.ts`), as an observer of its
 * successor sink, like `check`, honouring the spec's constraint and the
 * view/symmetry that identify states; refuses past `maxStates`, since a graph of thousands of
 * nodes is unreadable and slow to lay out.
 *
 * Nodes are numbered s0, s1, ... in BFS order and labelled with their variables, one per line
 * (a record too long for a line, a field per line), less the lines every state holds, which the
 * graph's own label lists once.
 * Initial states have a double border; states that break a checked `always` property are red and
 * name it; states without successors are boxes; states the constraint excludes are dashed (kept,
 * not expanded). Edges carry action labels; identical steps (same source, target and label) are
 * drawn once. The output is deterministic.
 */
import { actionLabel } from '../core/action.ts'
import { UsageError, option } from '../core/errors.ts'
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
  // The BFS tells the graph every node and step; it checks no property (drawn below, on every
  // state) and stops at no bound but the graph's own. Node ids are visited-set indices: dense, in
  // BFS order.
  const maxStates = limits.maxStates ?? 500
  const states: unknown[] = []
  const inits = new Set<number>()
  const [edges, seenEdges, terminal, excluded] = [[] as string[], new Set<string>(), new Set<number>(), new Set<number>()]
  let from = -1
  const graph: SearchObserver = {
    visited: new VisitedSet(),
    found(s, idx, root) {
      if (idx >= maxStates) {
        throw new UsageError(`${option('dot')}: spec ${spec.name} has more than ${maxStates} states; a DOT graph is for small models (pick a smaller instance, or raise the limit with ${option('maxStates')})`)
      }
      states.push(s)
      if (root) inits.add(idx)
    },
    seenAgain() {},
    begin: (u) => (from = u),
    cut: () => excluded.add(from),
    step(u, _s, a, _ordinal, _t, v) {
      // Identical steps (same source, target and label) are drawn once.
      const label = actionLabel(a)
      const key = `${u}>${v}>${label}`
      if (seenEdges.has(key)) return
      seenEdges.add(key)
      edges.push(`  s${u} -> s${v} [label=${quote(label)}];`)
    },
    toSelf(u, s, a, ordinal, t) {
      graph.step(u, s, a, ordinal, t, u)
    },
    end: (steps) => steps === 0 && terminal.add(from),
    finish() {},
  }
  const r = await bfs({ ...p, safety: [], liveness: [], deadlock: false, reported: 0 }, { ...o, maxStates: Infinity, maxDepth: Infinity }, graph)
  if (!r.complete) throw new UsageError(`${option('dot')}: the search for spec ${spec.name}'s graph stopped (${r.stopReason})`)

  // A line that every state holds tells no two apart (a harness's fault bookkeeping in a model
  // without faults): said once, under the graph, not in every node.
  const texts = states.map((s) => stateLines(s, maxLen))
  const same = texts.length < 2 ? [] : texts[0]!.filter((l) => texts.every((t) => t.includes(l)))
  const lines = [`digraph ${quote(spec.name)} {`, '  node [shape=ellipse, fontname="monospace", fontsize=10];', '  edge [fontname="monospace", fontsize=9];']
  if (same.length > 0) lines.push(`  label=${quote(['the same in every state:', ...same].join('\n'))};`, '  fontname="monospace";', '  fontsize=10;')
  states.forEach((s, id) => {
    const broken = invariants.filter((q) => !evaluate(p.model.name, q.name, q.holds, p.config, s)).map((q) => q.name)
    const own = (texts[id] as string[]).filter((l) => !same.includes(l))
    const attrs = [`label=${quote(own.join('\n') + (broken.length ? `\n✗ ${broken.join(', ')}` : ''))}`]
    if (inits.has(id)) attrs.push('peripheries=2')
    if (broken.length) attrs.push('color=red', 'fontcolor=red')
    if (terminal.has(id)) attrs.push('shape=box')
    if (excluded.has(id)) attrs.push('style=dashed')
    lines.push(`  s${id} [${attrs.join(', ')}];`)
  })
  lines.push(...edges, '}')
  return `${lines.join('\n')}\n`
}

const isRecord = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** One line per top-level variable, or the whole value for a non-record state. A record variable
 * too long for one line gets a line per field (`proc.p1 = …`): an actor model's variables are
 * its roles and its network, and cut at `maxLen` every node read `proc = {p1: …`. */
function stateLines(s: unknown, maxLen: number): string[] {
  const v = toPlain(s)
  if (!isRecord(v)) return [formatValue(v, maxLen)]
  return Object.keys(v).flatMap((k) => {
    const x = v[k] as Value
    if (isRecord(x) && Object.keys(x).length > 0 && formatValue(x, Number.POSITIVE_INFINITY).length > maxLen) {
      return Object.keys(x).map((f) => `${k}.${f} = ${formatValue(x[f] as Value, maxLen)}`)
    }
    return [`${k} = ${formatValue(x, maxLen)}`]
  })
}

/** A DOT double-quoted string: quotes and backslashes escaped, newlines as `\n` (centred lines). */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}
