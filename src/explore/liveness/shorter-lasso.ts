/**
 * A shorter lasso than the first one found, looked for cheaply and deterministically. The first
 * lasso (`check-liveness.ts`: the fair component holding the node first found by BFS, the entry
 * first reached, a loop that meets the groups in their order) is valid but often longer than the
 * graph allows, and a reader learning a protocol from it wants the shortest that shows the bug.
 * It stays the answer unless a strictly shorter lasso is found, so no lasso ever grows. Tried:
 *
 * - prefixes: one BFS gives the shortest prefix to every node of the region, its sources seeded at
 *   their BFS depth (a leads-to may then start from whichever trigger state gives the shortest);
 * - loops: from the nearest entries of every fair component, a greedy walk that goes each time to
 *   the nearest state or step meeting a fairness need still unmet, then back to the entry (the
 *   shortest walk covering every need is a covering-tour problem, NP-hard: greedy it is, and not
 *   always the shortest loop);
 * - rotations: a loop may be entered at any of its states: the one with the shortest prefix.
 *
 * Bounded: at most `MAX_ENTRIES` entries are tried (by prefix length, then BFS order), a walk gives
 * up as soon as it cannot beat the best lasso so far, and the walks together visit at most
 * `budget` states. Counts, not times: the graph is the same for every run, strategy and worker
 * count, and so is the lasso. Ties keep the first found, entries being tried in that order.
 */
import type { FairComponent, Tags } from './fair-cycle.ts'
import type { LivenessGraph } from './graph.ts'
import { NO_PARENT } from '../visited-set.ts'
import { edgeStep, pathInto, treePath } from './lasso.ts'
import type { GraphLoop, GraphStep } from './lasso.ts'

/** Entries whose loops are tried, the nearest first: each costs a few searches in its component. */
export const MAX_ENTRIES = 64

/** States the loop searches may visit together: four passes over the graph, and at least 100,000
 * (the entries of a small graph are all tried). */
export const searchBudget = (states: number): number => Math.max(100_000, 4 * states)

/** Per-state scratch of the prefix search, allocated once per check (for the first violated
 * property) and reused by the others. */
export class LassoScratch {
  /** Steps of the shortest prefix to each node (-1: unreached). */
  readonly dist: Int32Array
  /** The edge into each node on that prefix (-1: the node is a source, reached by its BFS path). */
  readonly via: Int32Array
  readonly queue: Int32Array
  private depths: Int32Array | undefined

  constructor(private readonly g: LivenessGraph) {
    this.dist = new Int32Array(g.size)
    this.via = new Int32Array(g.size)
    this.queue = new Int32Array(g.size)
  }

  bytes(): number {
    return this.dist.byteLength * 3 + (this.depths?.byteLength ?? 0)
  }

  /** Each node's depth in the BFS tree (only leads-to and □◇ need it: their sources are not roots). */
  depth(): Int32Array {
    if (this.depths) return this.depths
    const { visited } = this.g
    const d = (this.depths = new Int32Array(this.g.size))
    for (let v = 0; v < d.length; v++) {
      const p = visited.parent(v)
      // The BFS numbers a parent before its children; any other order walks the chain.
      d[v] = p === NO_PARENT ? 0 : p < v ? d[p] + 1 : visited.pathTo(v).length - 1
    }
    return d
  }
}

export interface LassoSearch {
  readonly g: LivenessGraph
  readonly tags: Tags
  readonly scratch: LassoScratch
  /** The region: goal-free nodes reachable from the starts through goal-free nodes. */
  readonly region: readonly number[]
  /** Where a prefix may enter the region, each after its BFS-tree path. */
  readonly starts: readonly number[]
  /** The starts are initial states (an `eventually`): no depth needed. */
  readonly startsAreRoots: boolean
  /** Every fair component, found in the region. */
  readonly fair: readonly FairComponent[]
  readonly weak: number
  readonly strong: number
}

/** A lasso: the prefix (ending at the loop's entry) and the loop from it. */
export interface PathLasso {
  readonly prefix: GraphStep[]
  readonly loop: GraphLoop
}

/** The number of states a lasso's trace shows (the prefix's, then the loop's after its entry). */
export const lassoStates = (l: PathLasso): number => l.prefix.length + l.loop.steps.length

/** `first`, or a strictly shorter lasso through the fair components of `s`. */
export function shorterLasso(s: LassoSearch, first: PathLasso): PathLasso {
  const { g, tags, scratch, weak, strong } = s
  const { dist } = scratch
  prefixDistances(s)
  let bestCost = lassoStates(first)
  let best: { cycle: GraphStep[]; entry: number; at: number } | undefined
  const consider = (cycle: GraphStep[], entry: number): void => {
    const r = bestRotation(cycle, entry, dist)
    if (r.cost < bestCost) {
      bestCost = r.cost
      best = { cycle, entry, at: r.at }
    }
  }
  // The first loop, entered where its prefix is shortest.
  consider(cycleOf(first.loop), first.prefix[first.prefix.length - 1].node)

  const compTags = s.fair.map((c) => tags.mark(c.nodes))
  const entries = nearestEntries(s.fair, dist)
  const minDist = entries.length > 0 ? dist[entries[0].node] : 0
  const walker = new LoopWalker(g, tags.member, weak, strong, searchBudget(g.size))
  for (const { node, comp } of entries) {
    // Even stuttering in it (one state) is no shorter.
    if (dist[node] + 1 >= bestCost) break
    // A loop longer than this is no shorter entered anywhere.
    const cycle = walker.loopFrom(compTags[comp], node, bestCost - minDist - 1)
    if (cycle) consider(cycle, node)
    if (walker.left < 0) break
  }
  if (!best) return first
  return { prefix: prefixTo(g, scratch, nodeAt(best.cycle, best.entry, best.at)), loop: rotate(best.cycle, best.at) }
}

/**
 * Shortest prefixes (`scratch.dist`, `scratch.via`) to every node of the region: an initial
 * state's BFS path to a start, then steps through the region. The starts join the search at their
 * BFS depth (the queue then holds only nodes that far), so the sum is what is minimised.
 */
function prefixDistances(s: LassoSearch): void {
  const { g, tags, scratch } = s
  const { dist, via, queue } = scratch
  const depth = s.startsAreRoots ? undefined : scratch.depth()
  const depthOf = (v: number): number => (depth ? depth[v] : 0)
  const starts = [...s.starts]
  // In BFS numbering the starts (listed in node order) are already by depth.
  if (starts.some((v, i) => i > 0 && depthOf(v) < depthOf(starts[i - 1]))) starts.sort((a, b) => depthOf(a) - depthOf(b) || a - b)
  dist.fill(-1)
  const t = tags.mark(s.region)
  const member = tags.member
  let head = 0
  let tail = 0
  let next = 0
  while (head < tail || next < starts.length) {
    const d = head < tail ? dist[queue[head]] : depthOf(starts[next])
    for (; next < starts.length && depthOf(starts[next]) <= d; next++) {
      const v = starts[next]
      if (dist[v] !== -1) continue
      dist[v] = depthOf(v)
      via[v] = -1
      queue[tail++] = v
    }
    const v = queue[head++]
    for (let e = g.start.get(v), end = g.start.get(v + 1); e < end; e++) {
      const w = g.target.get(e)
      if (member[w] !== t || dist[w] !== -1) continue
      dist[w] = dist[v] + 1
      via[w] = e
      queue[tail++] = w
    }
  }
}

/** The prefix `prefixDistances` found to `node`. */
function prefixTo(g: LivenessGraph, scratch: LassoScratch, node: number): GraphStep[] {
  const { source, steps } = pathInto(g, node, (w) => scratch.via[w])
  return [...treePath(g, source), ...steps]
}

/** The `MAX_ENTRIES` nodes of the fair components with the shortest prefixes, by (prefix, node). */
function nearestEntries(fair: readonly FairComponent[], dist: Int32Array): { node: number; comp: number }[] {
  const out: { node: number; comp: number }[] = []
  const before = (a: number, b: number): boolean => dist[a] < dist[b] || (dist[a] === dist[b] && a < b)
  fair.forEach((c, comp) => {
    for (const node of c.nodes) {
      if (out.length === MAX_ENTRIES && !before(node, out[out.length - 1].node)) continue
      let i = out.length
      while (i > 0 && before(node, out[i - 1].node)) i--
      out.splice(i, 0, { node, comp })
      if (out.length > MAX_ENTRIES) out.pop()
    }
  })
  return out
}

/**
 * Greedy loops inside the fair components (a component's nodes tagged with its tag), its searches
 * sharing one budget of visited states (`left`).
 */
class LoopWalker {
  constructor(
    private readonly g: LivenessGraph,
    private readonly member: Int32Array,
    private readonly weak: number,
    private readonly strong: number,
    public left: number,
  ) {}

  /**
   * A loop from `entry` through the nodes tagged `t` that a fair behaviour may repeat forever, as
   * its steps (the last one back to `entry`; none: stuttering in `entry`), or undefined when it
   * would take more than `maxSteps` steps or the budget runs out. Its needs: each weakly fair
   * group taken in it or disabled in one of its states, each strongly fair group enabled in one of
   * its states taken in it. Greedy: each time, to the nearest state or step meeting a need unmet.
   */
  loopFrom(t: number, entry: number, maxSteps: number): GraphStep[] | undefined {
    const { g, weak, strong } = this
    const cycle: GraphStep[] = []
    let cur = entry
    let taken = 0
    let disabled = ~g.enabled.get(entry)
    let seen = g.enabled.get(entry)
    for (;;) {
      const need = (weak & ~taken & ~disabled) | (strong & seen & ~taken)
      if (need === 0 && cur === entry) return cycle
      const limit = maxSteps - cycle.length
      const path =
        need === 0
          ? this.nearest(t, cur, limit, (v) => v === entry, () => false)
          : this.nearest(t, cur, limit, (v) => (weak & need & ~g.enabled.get(v)) !== 0, (e) => (g.groups.get(e) & need) !== 0)
      if (!path) return undefined
      for (const s of path) {
        cycle.push(s)
        taken |= s.groups
        disabled |= ~g.enabled.get(s.node)
        seen |= g.enabled.get(s.node)
      }
      cur = path[path.length - 1].node
    }
  }

  /** The shortest path of at most `limit` steps from `from` through nodes tagged `t` to a node
   * (other than `from`) meeting `atNode` or through a step meeting `onEdge`: a BFS, each node it
   * visits charged to the budget. */
  private nearest(t: number, from: number, limit: number, atNode: (v: number) => boolean, onEdge: (e: number) => boolean): GraphStep[] | undefined {
    const { g, member } = this
    const via = new Map<number, number>([[from, -1]])
    const back = (v: number): GraphStep[] => pathInto(g, v, (w) => via.get(w)!).steps
    let level = [from]
    for (let d = 0; d <= limit && level.length > 0; d++) {
      const next: number[] = []
      for (const v of level) {
        if (--this.left < 0) return undefined
        if (d > 0 && atNode(v)) return back(v)
        for (let e = g.start.get(v), end = g.start.get(v + 1); e < end && d < limit; e++) {
          const w = g.target.get(e)
          if (member[w] !== t) continue
          if (onEdge(e)) return [...back(v), edgeStep(g, e)]
          if (via.has(w)) continue
          via.set(w, e)
          next.push(w)
        }
      }
      level = next
    }
    return undefined
  }
}

/** A loop as the cycle of its steps, the last one back to the entry (none: stuttering). */
const cycleOf = (loop: GraphLoop): GraphStep[] => (loop.closing ? [...loop.steps, loop.closing] : [])

/** The state at position `at` of the cycle (0: the entry; i: where its i-th step leads). */
const nodeAt = (cycle: readonly GraphStep[], entry: number, at: number): number => (at === 0 ? entry : cycle[at - 1].node)

/** Where to enter the cycle (the state with the shortest prefix, the first on ties), and the
 * lasso's length in states. */
function bestRotation(cycle: readonly GraphStep[], entry: number, dist: Int32Array): { at: number; cost: number } {
  let at = 0
  for (let i = 1; i < cycle.length; i++) if (dist[nodeAt(cycle, entry, i)] < dist[nodeAt(cycle, entry, at)]) at = i
  return { at, cost: dist[nodeAt(cycle, entry, at)] + Math.max(1, cycle.length) }
}

/** The cycle entered at position `at`: its steps from there, the last of them closing it. */
function rotate(cycle: readonly GraphStep[], at: number): GraphLoop {
  if (cycle.length === 0) return { steps: [], closing: null }
  const steps = [...cycle.slice(at), ...cycle.slice(0, at)]
  const closing = steps.pop()!
  return { steps, closing }
}
