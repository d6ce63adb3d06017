/**
 * From a fair component to a lasso: a prefix from an initial state to an entry node of the
 * component, then a loop inside it that meets every fairness group's need once per round (a step
 * of each group taken inside the component, a state where each other weakly fair group is
 * disabled) and returns to the entry node. A loop with no step is stuttering in the entry state.
 *
 * Paths are lists of graph steps; `replay-lasso.ts` turns them into states by replaying the model.
 */
import type { LivenessGraph } from './graph.ts'
import type { FairComponent, Tags } from './fair-cycle.ts'

/** One step of a path in the graph: the node reached and how (the step's ordinal in the
 * predecessor's `next` list, or the initial state's index for the first node). */
export interface GraphStep {
  readonly node: number
  readonly ordinal: number
  /** The fairness groups of the step (0 for the initial state). */
  readonly groups: number
}

/** A loop from an entry node: its steps, the last back to the entry being `closing` (null:
 * stuttering in the entry, no step). */
export interface GraphLoop {
  readonly steps: GraphStep[]
  readonly closing: GraphStep | null
}

export interface GraphLasso {
  /** The prefix and the loop, as one path; `path[loopStart]` is the entry node. */
  readonly path: readonly GraphStep[]
  readonly loopStart: number
  /** The step from the last node back to the entry node, or null when the loop stutters. */
  readonly closing: GraphStep | null
}

/** The BFS-tree path from an initial node to `node`. */
export function treePath(g: LivenessGraph, node: number): GraphStep[] {
  return g.visited.pathTo(node).map((v, i, all) => ({
    node: v,
    ordinal: g.visited.ordinal(v),
    groups: i === 0 ? 0 : edgeGroups(g, all[i - 1], g.visited.ordinal(v)),
  }))
}

/** The step edge `e` takes: to its target, by its ordinal, in its groups. */
export const edgeStep = (g: LivenessGraph, e: number): GraphStep => ({ node: g.target.get(e), ordinal: g.ordinal.get(e), groups: g.groups.get(e) })

/** The node edge `e` leaves: the last with `start[v] <= e` (nodes without edges share a start). */
export function sourceOf(g: LivenessGraph, e: number): number {
  let lo = 0
  let hi = g.size - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (g.start.get(mid) <= e) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** The path a search found to `node`, read back from the edge it reached each node by
 * (`edgeInto`, -1 where the path begins): that first node, and the steps after it. */
export function pathInto(g: LivenessGraph, node: number, edgeInto: (v: number) => number): { source: number; steps: GraphStep[] } {
  const steps: GraphStep[] = []
  let w = node
  for (let e = edgeInto(w); e !== -1; e = edgeInto(w)) {
    steps.push(edgeStep(g, e))
    w = sourceOf(g, e)
  }
  return { source: w, steps: steps.reverse() }
}

function edgeGroups(g: LivenessGraph, from: number, ordinal: number): number {
  for (let e = g.start.get(from), end = g.start.get(from + 1); e < end; e++) {
    if (g.ordinal.get(e) === ordinal) return g.groups.get(e)
  }
  return 0
}

/**
 * Shortest path (BFS) from any of `sources` (tried in order) to a node satisfying `goal`, moving
 * only through nodes tagged `tag`. Returns the source and the steps after it, or undefined.
 */
export function searchPath(
  g: LivenessGraph,
  member: Int32Array,
  tag: number,
  sources: readonly number[],
  goal: (v: number) => boolean,
): { source: number; steps: GraphStep[] } | undefined {
  const via = new Map<number, number>() // node → edge that reached it (-1 for a source)
  const queue: number[] = []
  for (const s of sources) {
    if (via.has(s)) continue
    via.set(s, -1)
    queue.push(s)
  }
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h]
    if (goal(v)) return pathInto(g, v, (w) => via.get(w)!)
    for (let e = g.start.get(v), end = g.start.get(v + 1); e < end; e++) {
      const w = g.target.get(e)
      if (member[w] !== tag || via.has(w)) continue
      via.set(w, e)
      queue.push(w)
    }
  }
  return undefined
}

/**
 * The loop through component `c` from `entry`: for each group the component must take, a step of
 * it; for each weakly fair group it does not take, a state where that group is disabled (in the
 * groups' order: `shorter-lasso.ts` then looks for a shorter one).
 */
export function loopThrough(
  g: LivenessGraph,
  tags: Tags,
  c: FairComponent,
  entry: number,
  weak: number,
  groupCount: number,
): GraphLoop {
  const t = tags.mark(c.nodes)
  const member = tags.member
  const steps: GraphStep[] = []
  let cur = entry
  let takenOnLoop = 0
  let disabledOnLoop = ~g.enabled.get(entry)
  const walk = (path: GraphStep[]): void => {
    for (const s of path) {
      steps.push(s)
      takenOnLoop |= s.groups
      disabledOnLoop |= ~g.enabled.get(s.node)
    }
    if (path.length > 0) cur = path[path.length - 1].node
  }
  for (let j = 0; j < groupCount; j++) {
    const bit = 1 << j
    if ((c.taken & bit) !== 0) {
      if ((takenOnLoop & bit) !== 0) continue
      // Walk to a node with a step of group j inside the component, then take it.
      const hasStep = (v: number): boolean => stepOf(g, member, t, v, bit) >= 0
      const found = searchPath(g, member, t, [cur], hasStep)!
      walk(found.steps)
      const e = stepOf(g, member, t, cur, bit)
      walk([edgeStep(g, e)])
    } else if ((weak & bit) !== 0 && (disabledOnLoop & bit) === 0) {
      const found = searchPath(g, member, t, [cur], (v) => (g.enabled.get(v) & bit) === 0)!
      walk(found.steps)
    }
  }
  if (steps.length === 0) return { steps, closing: null }
  // Back to the entry: the last step of this path closes the loop.
  // (If the walk already ended on the entry, its last step closes the loop.)
  const home = cur === entry ? [] : searchPath(g, member, t, [cur], (v) => v === entry)!.steps
  const full = [...steps, ...home]
  const closing = full.pop()!
  return { steps: full, closing }
}

/** An edge of group `bit` from `v` to a node tagged `t`, or -1. */
function stepOf(g: LivenessGraph, member: Int32Array, t: number, v: number, bit: number): number {
  for (let e = g.start.get(v), end = g.start.get(v + 1); e < end; e++) {
    if ((g.groups.get(e) & bit) !== 0 && member[g.target.get(e)] === t) return e
  }
  return -1
}
