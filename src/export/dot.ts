/**
 * The state graph of a small model as Graphviz DOT (`npm run check -- spec --dot graph.dot`, then
 * `dot -Tsvg graph.dot`). Explores by BFS, like `check`, honouring the spec's constraint and the
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
import { UsageError } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import { resolveOptions } from '../core/options.ts'
import type { Property } from '../core/property.ts'
import type { AnySpec } from '../core/spec.ts'
import type { Value } from '../core/value.ts'
import { prepare } from '../explore/prepare.ts'
import { evaluate } from '../explore/sink.ts'
import { NO_PARENT, VisitedSet } from '../explore/visited-set.ts'
import { fp } from '../state/fingerprint.ts'
import { formatValue, toPlain } from '../trace/format-value.ts'

export interface DotLimits {
  /** Refuse graphs with more distinct states than this (default 500). */
  readonly maxStates?: number
  /** Cut each variable's text in a node label to this many characters (default 60). */
  readonly maxValueLength?: number
}

export async function toDot(spec: AnySpec, options: Partial<CheckOptions> = {}, limits: DotLimits = {}): Promise<string> {
  const maxStates = limits.maxStates ?? 500
  const maxLen = limits.maxValueLength ?? 60
  const p = prepare(spec, resolveOptions(options))
  const invariants = p.safety.filter((q: Property<unknown, unknown>) => q.kind === 'always') as Extract<Property<unknown, unknown>, { kind: 'always' }>[]

  // Node ids are visited-set indices: dense, in BFS discovery order.
  const visited = new VisitedSet()
  const states: unknown[] = []
  const idOf = (s: unknown, via: Parameters<typeof p.fingerprintOf>[1]): { id: number; fresh: boolean } => {
    p.fingerprintOf(s, via)
    const idx = visited.insert(fp.hi, fp.lo, NO_PARENT, 0)
    if (idx < 0) return { id: -idx - 1, fresh: false }
    if (idx >= maxStates) {
      throw new UsageError(`--dot: spec ${spec.name} has more than ${maxStates} states; a DOT graph is for small models (pick a smaller instance, or raise the limit with --max-states)`)
    }
    states.push(s)
    return { id: idx, fresh: true }
  }

  const inits = new Set<number>()
  let frontier: number[] = []
  for (const s of p.initStates()) {
    const { id, fresh } = idOf(s, null)
    inits.add(id)
    if (fresh) frontier.push(id)
  }
  const edges: string[] = []
  const seenEdges = new Set<string>()
  const terminal = new Set<number>()
  const excluded = new Set<number>()
  while (frontier.length > 0) {
    const next: number[] = []
    for (const from of frontier) {
      const s = states[from]
      if (p.constraint && !p.constraint(s)) {
        excluded.add(from)
        continue
      }
      const steps = p.expand(s)
      if (steps.length === 0) terminal.add(from)
      for (const [a, t] of steps) {
        const { id: to, fresh } = idOf(t, a)
        if (fresh) next.push(to)
        const label = actionLabel(a)
        const key = `${from}>${to}>${label}`
        if (seenEdges.has(key)) continue
        seenEdges.add(key)
        edges.push(`  s${from} -> s${to} [label=${quote(label)}];`)
      }
    }
    frontier = next
  }

  const lines = [`digraph ${quote(spec.name)} {`, '  node [shape=ellipse, fontname="monospace", fontsize=10];', '  edge [fontname="monospace", fontsize=9];']
  states.forEach((s, id) => {
    const broken = invariants.filter((q) => !evaluate(q.name, q.holds, p.config, s)).map((q) => q.name)
    const attrs = [`label=${quote(stateText(s, maxLen) + (broken.length ? `\n✗ ${broken.join(', ')}` : ''))}`]
    if (inits.has(id)) attrs.push('peripheries=2')
    if (broken.length) attrs.push('color=red', 'fontcolor=red')
    if (terminal.has(id)) attrs.push('shape=box')
    if (excluded.has(id)) attrs.push('style=dashed')
    lines.push(`  s${id} [${attrs.join(', ')}];`)
  })
  lines.push(...edges, '}')
  return `${lines.join('\n')}\n`
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
