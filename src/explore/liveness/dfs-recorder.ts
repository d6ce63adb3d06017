/**
 * The DFS records the liveness graph during its own search too (issue #13): no second search, no
 * second call to the model's `next`. The graph must be the one the BFS records (node ids in BFS
 * order, the BFS parent tree for lasso prefixes), so verdicts and lassos are the same; the DFS
 * meets nodes and edges in another order. So this observer only buffers, in DFS ids: each node's
 * label, whether it was cut, and every non-stuttering step (target, ordinal, fairness groups).
 * When the search is over, `finish` replays the buffered graph into a `GraphRecorder` breadth
 * first, from the initial states in `init` order and each node's steps in ordinal order, which
 * numbers nodes and parents exactly as the BFS does (as `parallel/record-graph.ts` does for the
 * workers' steps).
 *
 * With `--max-depth` the DFS expands a state again when it meets it on a shorter path: the
 * second expansion takes the same steps (`next` is deterministic, which replay checks), and the
 * first one was whole (a state's frame leaves the stack only when its steps are done, and while it
 * is on the stack every state met is deeper than it), so the recorder keeps the first and ignores
 * the others. A search that stopped, the bound included, records nothing: liveness is decided
 * only on a complete graph. The cost: the buffer holds every edge a second time (11 to 14 bytes
 * each, with its source; 4 more during the replay, to sort them by source) until the replay is
 * done.
 */
import type { Action } from '../../core/action.ts'
import type { StopReason } from '../../core/result.ts'
import type { SearchObserver } from '../search-sink.ts'
import { NO_PARENT } from '../visited-set.ts'
import type { VisitedSet } from '../visited-set.ts'
import { Column, bitsColumn } from './column.ts'
import type { LivenessGraph } from './graph.ts'
import { groupMask } from './graph.ts'
import { sameState, stateLabel } from './recorder.ts'
import type { GraphRecorder } from './recorder.ts'

const CUT = -2
const UNSEEN = -1
const AGAIN = 1

export class DfsRecorder implements SearchObserver {
  /** The BFS-numbered graph, once `finish` replayed a complete search into it. */
  graph: LivenessGraph | undefined
  /** Per DFS node: its label. */
  private readonly labels: Column
  /** Per DFS node: UNSEEN until begun, then 0, AGAIN once begun a second time (`--max-depth`),
   * or CUT if the constraint cut it. */
  private readonly state = new Column(Int32Array)
  /** The DFS node of each initial state, in `init` order (known ones too). */
  private readonly inits: number[] = []
  /** Every recorded step, in DFS order: its source and the recorder's fields. */
  private readonly from = new Column(Int32Array)
  private readonly to = new Column(Int32Array)
  private readonly ord = new Column(Uint16Array)
  private readonly groups: Column
  /** The node last begun (the one `cut` speaks of). */
  private cur = -1

  constructor(
    private readonly rec: GraphRecorder,
    /** The DFS's own visited set (DFS ids); the graph's (BFS ids) is filled by the replay. */
    readonly visited: VisitedSet,
  ) {
    this.labels = bitsColumn(rec.predicates.length)
    this.groups = bitsColumn(rec.p.fairness.length)
  }

  /** The `i`-th initial state is DFS node `idx` (new or known): called for every one. */
  initial(idx: number): void {
    this.inits.push(idx)
  }

  found(s: unknown, idx: number): void {
    if (idx !== this.labels.length) throw new Error(`liveness graph: DFS state ${idx} found out of order`)
    this.labels.push(stateLabel(this.rec.p, this.rec.predicates, s))
    this.state.push(UNSEEN)
  }

  seenAgain(s: unknown, v: number): void {
    if (this.rec.keyed) this.rec.agreesWith(stateLabel(this.rec.p, this.rec.predicates, s), this.labels.get(v), this.visited, v, s)
  }

  begin(u: number): void {
    this.cur = u
    const was = this.state.get(u)
    // Expanded again (`--max-depth`): its steps, all recorded by then, are not recorded twice.
    this.state.set(u, was === UNSEEN ? 0 : was === 0 ? AGAIN : was)
  }

  cut(): void {
    if (this.state.get(this.cur) === 0) this.state.set(this.cur, CUT)
  }

  step(u: number, s: unknown, a: Action, ordinal: number, t: unknown, v: number): void {
    if (this.state.get(u) === AGAIN || (v === u && (!this.rec.keyed || sameState(s, t)))) return
    this.from.push(u)
    this.to.push(v)
    this.ord.push(ordinal)
    this.groups.push(groupMask(this.rec.p.fairness, a))
  }

  toSelf(u: number, s: unknown, a: Action, ordinal: number, t: unknown): void {
    this.step(u, s, a, ordinal, t, u)
  }

  end(): void {}

  /** What it holds beside the DFS's visited set, for the memory budget (`SearchObserver.bytes`):
   * the buffer, and the graph the replay fills (empty until the search is over; the replay runs
   * after the last check, so its graph is not counted). */
  bytes(): number {
    const g = this.rec.graph
    const buffer = this.labels.bytes() + this.state.bytes() + this.from.bytes() + this.to.bytes() + this.ord.bytes() + this.groups.bytes()
    return buffer + g.visited.bytes() + g.columnBytes()
  }

  /**
   * The search is over. Complete: replays the buffer breadth first into the recorder. Stopped:
   * records nothing (`graph` stays undefined; liveness is 'unknown' on an incomplete search).
   */
  finish(stopReason: StopReason | undefined, seconds: number): void {
    if (stopReason !== undefined) return
    const n = this.labels.length
    // Each node's steps, contiguous and in ordinal order (a stable counting sort by source: a
    // node's steps were recorded in ordinal order, its state's successor list walked in order).
    const first = new Int32Array(n + 1)
    const m = this.from.length
    for (let e = 0; e < m; e++) first[this.from.get(e) + 1]++
    for (let u = 0; u < n; u++) first[u + 1] += first[u]
    const fill = first.slice(0, n)
    const order = new Int32Array(m)
    for (let e = 0; e < m; e++) order[fill[this.from.get(e)]++] = e

    const rec = this.rec
    const g = rec.graph
    /** DFS node → BFS node (-1: not numbered yet); BFS node → DFS node is `dfsOf`. */
    const bfsOf = new Int32Array(n).fill(-1)
    const dfsOf = new Int32Array(n)
    const number = (d: number, parent: number, ordinal: number, root: boolean): number => {
      const f = this.visited.fingerprintOf(d)
      const v = g.visited.insert(f.hi, f.lo, parent, ordinal)
      if (v < 0) throw new Error(`liveness graph: DFS state ${d} numbered twice`)
      bfsOf[d] = v
      dfsOf[v] = d
      rec.labelled(v, this.labels.get(d), root)
      return v
    }
    this.inits.forEach((d, i) => {
      if (bfsOf[d] < 0) number(d, NO_PARENT, i, true)
    })
    for (let u = 0; u < g.visited.size; u++) {
      const d = dfsOf[u]
      rec.begin(u)
      if (this.state.get(d) === UNSEEN) throw new Error(`liveness graph: DFS state ${d} never expanded`)
      if (this.state.get(d) === CUT) {
        rec.cut()
        continue
      }
      for (let k = first[d]; k < first[d + 1]; k++) {
        const e = order[k]
        const t = this.to.get(e)
        const ordinal = this.ord.get(e)
        const v = bfsOf[t] >= 0 ? bfsOf[t] : number(t, u, ordinal, false)
        rec.edge(v, ordinal, this.groups.get(e))
      }
      rec.end()
    }
    this.graph = rec.finish(undefined, seconds)
  }
}
