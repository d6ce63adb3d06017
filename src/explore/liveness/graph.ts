/**
 * The explored state graph that liveness is decided on, built breadth-first (so node ids are in BFS
 * order and the parent tree gives shortest prefixes).
 *
 * Compact layout, no JS object per state or edge:
 * - nodes are 32-bit indices into the visited set (fingerprint, BFS parent, step ordinal);
 * - edges in CSR form: `start[u]..start[u+1]` index the edge columns `target` (Int32), `ordinal`
 *   (Uint16: which of the state's `next` steps) and `groups` (the fairness groups the step's action
 *   belongs to, one bit each);
 * - per node: `enabled` (the fairness groups with a step out of it), `labels` (one bit per liveness
 *   predicate, evaluated on the first state found with that key) and `flags` (expanded or cut).
 *
 * A step that changes nothing (the same state, not merely the same view) is a stuttering step:
 * TLA+'s WF/SF speak of ⟨A⟩_vars, so such a step neither enables nor satisfies a fairness group,
 * and it is not stored (every state may stutter anyway). States outside the spec's constraint are
 * kept but not expanded ("cut"): the analysis never treats them as stuck.
 *
 * Built by one thread whatever `--workers` says: the graph is the same for every run.
 */
import { ModelError, UsageError } from '../../core/errors.ts'
import type { Action } from '../../core/action.ts'
import type { Fairness } from '../../core/fairness.ts'
import type { CheckOptions } from '../../core/options.ts'
import type { StopReason } from '../../core/result.ts'
import { fingerprint, fp } from '../../state/fingerprint.ts'
import { Limits } from '../limits.ts'
import type { Prepared } from '../prepare.ts'
import { evaluate } from '../sink.ts'
import { NO_PARENT, VisitedSet } from '../visited-set.ts'
import { Column, bitsColumn } from './column.ts'

export const EXPANDED = 1

/** A state predicate the analysis needs, with the property it belongs to (for messages). */
export interface LabelledPredicate {
  readonly property: string
  readonly holds: (config: unknown, state: unknown) => boolean
}

export class LivenessGraph {
  readonly visited = new VisitedSet()
  /** The distinct initial nodes, in `init` order. */
  readonly roots: number[] = []
  readonly start = new Column(Int32Array)
  readonly target = new Column(Int32Array)
  readonly ordinal = new Column(Uint16Array)
  readonly groups: Column
  readonly enabled: Column
  readonly labels: Column
  readonly flags = new Column(Uint8Array)
  /** States not expanded because they fail the spec's constraint. */
  cut = 0
  stopReason: StopReason | undefined
  seconds = 0

  constructor(groupCount: number, labelCount: number) {
    this.groups = bitsColumn(groupCount)
    this.enabled = bitsColumn(groupCount)
    this.labels = bitsColumn(labelCount)
  }

  get size(): number {
    return this.visited.size
  }

  get edgeCount(): number {
    return this.target.length
  }

  /** Bytes held by the graph: visited set (fingerprints, parent tree) plus node and edge columns. */
  bytes(): { nodes: number; edges: number } {
    const nodes =
      this.visited.bytes() + this.start.bytes() + this.enabled.bytes() + this.labels.bytes() + this.flags.bytes()
    const edges = this.target.bytes() + this.ordinal.bytes() + this.groups.bytes()
    return { nodes, edges }
  }
}

/** Bit j of the result: fairness group j contains `action`. */
export function groupMask(fairness: readonly Fairness[], action: Action): number {
  let m = 0
  for (let j = 0; j < fairness.length; j++) if (fairness[j].matches(action)) m |= 1 << j
  return m >>> 0
}

export async function buildGraph(
  p: Prepared,
  options: CheckOptions,
  predicates: readonly LabelledPredicate[],
): Promise<LivenessGraph> {
  const fairness = p.fairness
  if (fairness.length > 32) throw new UsageError(`spec ${p.spec.name}: at most 32 fairness groups (it has ${fairness.length})`)
  if (predicates.length > 32) throw new UsageError(`spec ${p.spec.name}: at most 32 liveness predicates at once (check fewer properties)`)
  const g = new LivenessGraph(fairness.length, predicates.length)
  const limits = new Limits(options)
  const visited = g.visited
  const keyed = p.model.view !== undefined || p.symmetry
  const label = (s: unknown): number => {
    let bits = 0
    for (let j = 0; j < predicates.length; j++) {
      const pred = predicates[j]
      if (evaluate(pred.property, pred.holds, p.config, s)) bits |= 1 << j
    }
    return bits >>> 0
  }
  /** With a view or symmetry, states with one key must agree on every predicate, or the
   * analysis of the key graph says nothing about the real behaviours. */
  const checkSameLabels = (s: unknown, node: number): void => {
    const bits = label(s)
    const known = g.labels.get(node)
    if (bits === known) return
    const j = 31 - Math.clz32(bits ^ known)
    const what = p.model.view ? 'view' : 'symmetry'
    throw new ModelError(
      `model ${p.model.name}: its ${what} is unsound for property ${predicates[j].property}: two states with the same ${what} disagree on it (make the ${what} keep what the property reads)`,
    )
  }

  let frontier: unknown[] = []
  const inits = p.initStates()
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i]
    p.fingerprintOf(s, null)
    const idx = visited.insert(fp.hi, fp.lo, NO_PARENT, i)
    if (idx < 0) {
      if (keyed) checkSameLabels(s, -idx - 1)
      continue
    }
    g.roots.push(idx)
    g.labels.push(label(s))
    frontier.push(s)
  }

  let depth = 1
  let u = 0
  while (frontier.length > 0 && !g.stopReason) {
    if (depth >= options.maxDepth) {
      g.stopReason = 'max-depth'
      break
    }
    const next: unknown[] = []
    for (let f = 0; f < frontier.length; f++, u++) {
      const s = frontier[f]
      g.start.push(g.target.length)
      if (p.constraint && !p.constraint(s)) {
        g.cut++
        g.enabled.push(0)
        g.flags.push(0)
        continue
      }
      const steps = p.expand(s)
      let en = 0
      for (let i = 0; i < steps.length; i++) {
        const [a, t] = steps[i]
        p.fingerprintOf(t, a)
        const idx = visited.insert(fp.hi, fp.lo, u, i)
        let v: number
        if (idx >= 0) {
          v = idx
          g.labels.push(label(t))
          next.push(t)
        } else {
          v = -idx - 1
          if (keyed) checkSameLabels(t, v)
        }
        if (v === u && isStutter(keyed, s, t)) continue
        const m = groupMask(fairness, a)
        g.target.push(v)
        g.ordinal.push(i)
        g.groups.push(m)
        en |= m
      }
      g.enabled.push(en >>> 0)
      g.flags.push(EXPANDED)
      if ((f & 511) === 0) {
        g.stopReason = await limits.poll(visited.size, g.target.length, frontier.length - f + next.length, depth)
        if (g.stopReason) {
          u++
          break
        }
      }
      if (visited.size >= options.maxStates && next.length + frontier.length - f - 1 > 0) {
        g.stopReason = 'max-states'
        u++
        break
      }
    }
    frontier = next
    if (frontier.length > 0) depth++
  }
  // Nodes found but never expanded (the search stopped): no edges, not expanded.
  for (; u < visited.size; u++) {
    g.start.push(g.target.length)
    g.enabled.push(0)
    g.flags.push(0)
  }
  g.start.push(g.target.length)
  g.seconds = limits.elapsed()
  return g
}

/** A step to a state with the same key is a stutter only if the state itself is unchanged. */
function isStutter(keyed: boolean, s: unknown, t: unknown): boolean {
  if (!keyed) return true
  if (s === t) return true
  fingerprint(s)
  const hi = fp.hi
  const lo = fp.lo
  fingerprint(t)
  return fp.hi === hi && fp.lo === lo
}
