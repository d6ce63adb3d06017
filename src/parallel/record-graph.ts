/**
 * The parallel BFS records the liveness graph during its own search, as the sequential BFS does
 * (`explore/liveness/recorder.ts`): no second search for liveness (issue #13). The graph is the
 * very one the sequential BFS records, node for node and edge for edge, so verdicts and lassos
 * are the same with any number of workers. One exception, harmless: a wide level cut by
 * `maxStates` keeps that level's edges past the cut (the sequential BFS stops at the cut), so the
 * graph of a cut run has more edges; liveness on a cut search is "unknown" either way.
 *
 * Node ids are the sequential BFS's visited-set indices: states in discovery order, which is
 * frontier order level by level. The shared visited set numbers a wide level's new states in the
 * order the workers happened to insert them, so this keeps `rank` (shared index → node) and a
 * visited set of the graph's own in node order (`LivenessGraph.visited`: the parent tree lassos
 * are rebuilt from). Narrow levels and the initial states are numbered in discovery order by the
 * coordinator itself, so their ranks are their indices.
 *
 * A wide level's steps come back from the workers (`EdgeLog`: each step's target index, ordinal,
 * fairness groups, and labels), and are replayed here in frontier order, then ordinal: the first
 * step that reaches a state new in the level is the one the sequential BFS finds it by (the
 * earliest parent, its first step: the candidate `closeLevel` keeps), so the state becomes the
 * next node there. `closed` checks that the next frontier agrees.
 */
import type { Action } from '../core/action.ts'
import type { StopReason } from '../core/result.ts'
import { Column } from '../explore/liveness/column.ts'
import type { LivenessGraph } from '../explore/liveness/graph.ts'
import type { GraphCheckpoint, GraphMark, GraphRecorder } from '../explore/liveness/recorder.ts'
import type { SearchObserver } from '../explore/search-sink.ts'
import { NO_PARENT } from '../explore/visited-set.ts'
import type { EdgeReport } from './protocol.ts'
import { SELF } from './protocol.ts'
import type { SliceResult } from './run-level.ts'
import type { SharedVisited } from './shared-visited.ts'

export class ParallelRecorder implements Omit<SearchObserver, 'visited'> {
  /** Shared visited-set index → node id (-1: not yet reached in the level being recorded). */
  private readonly rank = new Column(Int32Array)
  private readonly g: LivenessGraph

  constructor(
    private readonly rec: GraphRecorder,
    private readonly visited: SharedVisited,
  ) {
    this.g = rec.graph
  }

  // ---- the initial states and narrow levels: this thread's search sink, in frontier order -------
  // (a `SearchObserver` over shared indices, turned into nodes here)

  /** A new state at shared index `idx`, its parent and ordinal already in the set. */
  found(s: unknown, idx: number, root: boolean): void {
    const v = this.visited
    this.add(s, idx, root ? NO_PARENT : this.node(v.parent(idx)), v.ordinal(idx), root)
  }

  seenAgain(s: unknown, idx: number): void {
    this.rec.seenAgain(s, this.node(idx))
  }

  /** The state at shared index `idx` is about to be expanded. */
  begin(idx: number): void {
    this.rec.begin(this.node(idx))
  }

  cut(): void {
    this.rec.cut()
  }

  step(u: number, s: unknown, a: Action, ordinal: number, t: unknown, v: number): void {
    this.rec.step(this.node(u), s, a, ordinal, t, this.node(v))
  }

  toSelf(u: number, s: unknown, a: Action, ordinal: number, t: unknown): void {
    this.rec.toSelf(this.node(u), s, a, ordinal, t)
  }

  end(): void {
    this.rec.end()
  }

  // ---- wide levels: expanded by the workers --------------------------------------------------------

  /** The steps of a wide level's completed slices (a prefix of the frontier `levelIns`, in order). */
  level(slices: readonly SliceResult[], levelIns: Int32Array): void {
    const { rec, g, rank } = this
    const keyed = rec.keyed
    while (rank.length < this.visited.size) rank.push(-1)
    for (const sl of slices) {
      const e: EdgeReport | undefined = sl.res.edges
      if (!e) throw new Error('a worker expanded a level without reporting its steps for the liveness graph')
      let x = 0
      for (let k = 0; k < e.deg.length; k++) {
        const u = this.node(levelIns[sl.start + k])
        rec.begin(u)
        const d = e.deg[k]
        if (d < 0) {
          rec.cut()
          continue
        }
        for (const end = x + d; x < end; x++) {
          const t = e.to[x]
          let v = t === SELF ? u : rank.get(t)
          if (v < 0) {
            // First reached here: the next node, as the sequential BFS numbers it.
            const f = this.visited.fingerprintOf(t)
            v = g.visited.insert(f.hi, f.lo, u, e.ord[x])
            if (v < 0) throw new Error(`liveness graph: state ${t} recorded twice`)
            rank.set(t, v)
            rec.labelled(v, e.labels[x], false)
          } else if (keyed) {
            rec.agrees(e.labels[x], v)
          }
          rec.edge(v, e.ord[x], e.groups[x])
        }
        rec.end()
      }
    }
  }

  /**
   * The level is closed: its next frontier (`nextIns`, shared indices in frontier order) must be
   * the nodes just numbered, in order. Not when the level was cut (a stop: liveness is not decided).
   */
  closed(nextIns: Int32Array, levelStart: number): void {
    for (let j = 0; j < nextIns.length; j++) {
      if (this.node(nextIns[j]) !== levelStart + j) throw new Error(`liveness graph: next frontier position ${j} is not node ${levelStart + j}`)
    }
  }

  /** Where the recording stands at a level's start (see `GraphRecorder.mark`), with the states
   * the shared set knows then (each has its node). */
  mark(): GraphMark & { readonly shared: number } {
    return { ...this.rec.mark(), shared: this.rank.length }
  }

  /** The graph at `m`, for a checkpoint: the recorder's columns and `rank`. */
  checkpoint(m: GraphMark & { readonly shared: number }): GraphCheckpoint {
    const c = this.rec.checkpoint(m)
    return { cut: c.cut, columns: { ...c.columns, rank: this.rank.prefix(m.shared) } }
  }

  /** Goes on from a checkpoint's graph (before anything is recorded). */
  restore(c: GraphCheckpoint): void {
    const rank = c.columns.rank
    if (rank === undefined) throw new Error('liveness graph checkpoint: column rank is missing')
    this.rec.restore(c)
    this.rank.pushAll(rank)
  }

  /** What the graph holds beside the shared visited set, for the memory budget
   * (`SearchObserver.bytes`): its own visited set in node order, its columns, and `rank`. */
  bytes(): number {
    return this.g.visited.bytes() + this.g.columnBytes() + this.rank.bytes()
  }

  finish(stop: StopReason | undefined, seconds: number): LivenessGraph {
    return this.rec.finish(stop, seconds)
  }

  /** The node of the state at shared index `idx`. */
  private node(idx: number): number {
    return this.rank.get(idx)
  }

  /** A new state at shared index `idx`: the next node (the sink finds them in node order). */
  private add(s: unknown, idx: number, parent: number, ordinal: number, root: boolean): number {
    const f = this.visited.fingerprintOf(idx)
    const v = this.g.visited.insert(f.hi, f.lo, parent, ordinal)
    if (v !== idx || this.rank.length !== idx) throw new Error(`liveness graph: state ${idx} found out of order (node ${v})`)
    this.rank.push(v)
    this.rec.found(s, v, root)
    return v
  }
}
