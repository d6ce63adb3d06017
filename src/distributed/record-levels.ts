/**
 * The distributed BFS records the liveness graph during its own search, as the sequential BFS and
 * the thread engine do (`explore/liveness/recorder.ts`, `parallel/record-graph.ts`): node for node
 * and edge for edge the sequential BFS's graph, so verdicts and lassos are the same with any number
 * of processes. The coordinator holds the whole graph (its memory grows with the edges, as the
 * thread engine's coordinating thread's does); the workers hold nothing of it past a level.
 *
 * Node ids are the sequential BFS's visited-set indices: a level's states are numbered after every
 * earlier level's, in rank order (`merge-level.ts`), so the state of rank r in a level that starts
 * at node `base` is node base + r. Each worker sends back with its `expand` reply the steps of its
 * part of the level (`level-edges.ts`), in rank order then ordinal: BFS key order. A parent belongs
 * to one worker, so the level is replayed here rank by rank, each parent's steps taken from the
 * worker that holds them. A step's target is looked up by fingerprint in the graph's visited set;
 * the first step that reaches a state not in it is the one the sequential BFS finds it by (the
 * smallest key), so it becomes the next node there, with that step's labels, parent and ordinal.
 *
 * A level cut by max states records its edges past the cut (the sequential BFS stops there): the
 * graph of a stopped search is incomplete either way, and liveness on it is "unknown".
 */
import type { StopReason } from '../core/result.ts'
import type { LivenessGraph } from '../explore/liveness/graph.ts'
import type { GraphCheckpoint, GraphMark, GraphRecorder } from '../explore/liveness/recorder.ts'
import { NO_PARENT } from '../explore/visited-set.ts'
import { ORD, f64, i32, parentOfKey } from './wire.ts'

export class DistributedRecorder {
  private readonly g: LivenessGraph
  /** Steps recorded as edges so far. */
  edges = 0

  /** `rec` has recorded nothing, or is `reset` (a run recovered from a checkpoint). */
  constructor(private readonly rec: GraphRecorder) {
    this.g = rec.graph
  }

  /** Where the recording stands at a level's start (`GraphRecorder.mark`), for a checkpoint. */
  mark(): GraphMark {
    return this.rec.mark()
  }

  /** The graph as it stood at `m` (node ids are global BFS ranks: any number of processes reads it). */
  checkpoint(m: GraphMark): GraphCheckpoint {
    return this.rec.checkpoint(m)
  }

  /** Goes on from a checkpoint's graph. */
  restore(c: GraphCheckpoint): void {
    this.rec.restore(c)
    this.edges = this.g.target.length
  }

  /** The `i`-th initial state, its key fingerprint `hi`, `lo`, as the sequential BFS's `init` tells it. */
  init(s: unknown, i: number, hi: number, lo: number): void {
    const x = this.g.visited.insert(hi, lo, NO_PARENT, i)
    if (x >= 0) this.rec.found(s, x, true)
    else this.rec.seenAgain(s, -x - 1)
  }

  /**
   * A level whose `width` states are nodes `base`..: every worker's `expand` reply tails
   * (`LevelEdges.take`). Returns how many new nodes the level's steps reached.
   */
  level(base: number, width: number, replies: readonly (readonly Uint8Array[])[]): number {
    const { g, rec } = this
    const before = g.visited.size
    if (before !== base + width) throw new Error(`liveness graph: a level of ${width} states at node ${base}, but the graph has ${before} nodes`)
    const w = replies.map((t) => {
      if (t.length !== 6) throw new Error('a worker expanded a level without reporting its steps for the liveness graph')
      return { key: f64(t[0]), hi: i32(t[1]), lo: i32(t[2]), groups: i32(t[3]), labels: i32(t[4]), cuts: i32(t[5]), at: 0, cut: 0 }
    })
    const keyed = rec.keyed
    for (let r = 0; r < width; r++) {
      const u = base + r
      rec.begin(u)
      const cutBy = w.find((e) => e.cut < e.cuts.length && e.cuts[e.cut] === r)
      if (cutBy) {
        cutBy.cut++
        rec.cut()
        continue
      }
      // The worker that expanded rank r (none if r had no step but stutters).
      const e = w.find((x) => x.at < x.key.length && parentOfKey(x.key[x.at]) === r)
      if (e) {
        for (; e.at < e.key.length && parentOfKey(e.key[e.at]) === r; e.at++) {
          const x = e.at
          const ordinal = e.key[x] % ORD
          const found = g.visited.insert(e.hi[x], e.lo[x], u, ordinal)
          const v = found >= 0 ? found : -found - 1
          if (found >= 0) rec.labelled(v, e.labels[x] >>> 0, false)
          else if (keyed) rec.agrees(e.labels[x] >>> 0, v)
          rec.edge(v, ordinal, e.groups[x] >>> 0)
          this.edges++
        }
      }
      rec.end()
    }
    const left = w.findIndex((e) => e.at < e.key.length || e.cut < e.cuts.length)
    if (left >= 0) throw new Error(`liveness graph: worker ${left} reported steps of states not in the level (${base}, ${width} states)`)
    return g.visited.size - before
  }

  finish(stop: StopReason | undefined, seconds: number): LivenessGraph {
    return this.rec.finish(stop, seconds)
  }
}
