/**
 * Records the liveness graph (`LivenessGraph`) during a breadth-first search, on the fly: the BFS
 * calls these hooks as it finds states and steps, so liveness needs no second search of its own
 * (issue #13). Node ids are visited-set indices, which the BFS assigns in the order it expands
 * states, so each expansion appends its edges to the CSR columns in node order. The parallel BFS
 * feeds it the same hooks in the same order (`parallel/record-graph.ts`), some with what its
 * workers evaluated (`labelled`, `agrees`, `edge`).
 *
 * What is recorded is what the separate graph search recorded before: a label per node (the
 * liveness predicates, evaluated on the first state found with that key; with a view or symmetry,
 * every later state with the key must agree), the fair groups each step belongs to, and no edge
 * for a stuttering step (the same state, not merely the same key).
 */
import { ModelError, UsageError, option } from '../../core/errors.ts'
import type { Action } from '../../core/action.ts'
import type { Property } from '../../core/property.ts'
import type { StopReason } from '../../core/result.ts'
import { fingerprint } from '../../state/fingerprint.ts'
import type { Prepared } from '../prepare.ts'
import { evaluate, preview, withState } from '../sink.ts'
import { replayPath } from '../replay-path.ts'
import type { ParentChain } from '../replay-path.ts'
import type { TypedArray } from './column.ts'
import { EXPANDED, GroupMasks, LivenessGraph } from './graph.ts'
import type { LabelledPredicate } from './graph.ts'

export class GraphRecorder {
  /** Replaced by `reset` (a distributed run recovered from a checkpoint records again from it). */
  graph: LivenessGraph
  /** Nodes with an entry in `start` so far (the next node to begin). */
  private begun = 0
  private enabled = 0
  /** States are told apart by a view or symmetry key, not by themselves. */
  readonly keyed: boolean
  /** Each step's fairness groups (`groupMask`). */
  private readonly masks: GroupMasks

  constructor(
    readonly p: Prepared,
    readonly predicates: readonly LabelledPredicate[],
  ) {
    const fairness = p.fairness
    if (fairness.length > 32) throw new UsageError(`spec ${p.spec.name}: at most 32 fairness groups (it has ${fairness.length})`)
    // (A count the configuration sets, with propertiesFor's one property per node, reaches it.)
    if (predicates.length > 32) {
      throw new UsageError(
        `spec ${p.spec.name}: at most 32 liveness predicates at once, and its liveness properties take ${predicates.length} (a leadsTo takes two, eventually and alwaysEventually one each): check fewer with ${option('properties')} or the spec's check`,
      )
    }
    this.graph = new LivenessGraph(fairness.length, predicates.length)
    this.keyed = p.model.view !== undefined || p.symmetry
    this.masks = new GroupMasks(fairness)
  }

  get visited(): LivenessGraph['visited'] {
    return this.graph.visited
  }

  /** What the graph holds beside `visited`, the set a single-threaded BFS searches with and counts
   * as its own (`SearchObserver.bytes`): its node and edge columns. */
  bytes(): number {
    return this.graph.columnBytes()
  }

  /** A new state, node `idx` (`root`: an initial one). */
  found(s: unknown, idx: number, root: boolean): void {
    this.labelled(idx, this.label(s), root)
  }

  /** `found`, with the state's label already evaluated (by a worker thread: `stateLabel`). */
  labelled(idx: number, bits: number, root: boolean): void {
    if (root) this.graph.roots.push(idx)
    this.graph.labels.push(bits)
  }

  /** A state whose key is already node `v`: with a view or symmetry, it must agree on every
   * predicate, or the analysis of the key graph says nothing about the real behaviours. */
  seenAgain(s: unknown, v: number): void {
    if (this.keyed) this.agreesWith(this.label(s), this.graph.labels.get(v), this.graph.visited, v, s)
  }

  /** `seenAgain`, with the state's label already evaluated (only called with a view or symmetry).
   * The message shows node `v`'s state, which every engine's graph can rebuild (a worker's state
   * met again stays on its thread). */
  agrees(bits: number, v: number): void {
    this.agreesWith(bits, this.graph.labels.get(v), this.graph.visited, v)
  }

  /** `agrees`, with the known state's label given (the DFS keeps its own: `dfs-recorder.ts`), and
   * where to rebuild the known state `v` for the message; `other`, the state met again, where it
   * is at hand (not a worker's: it stayed on its thread). */
  agreesWith(bits: number, known: number, chain: ParentChain, v: number, other?: unknown): void {
    if (bits === known) return
    const j = 31 - Math.clz32(bits ^ known)
    const what = this.p.model.view ? 'view' : 'symmetry'
    const states = `: ${preview(this.stateOf(chain, v), 300)} and ${other === undefined ? `another state with its ${what}` : preview(other, 300)}`
    throw new ModelError(
      `model ${this.p.model.name}: its ${what} is unsound for property ${this.predicates[j]?.property}: two states with the same ${what} disagree on it${states} (make the ${what} keep what the property reads)`,
    )
  }

  /** State `v` of `chain`, rebuilt along its parent tree (for a message only). */
  private stateOf(chain: ParentChain, v: number): unknown {
    try {
      return replayPath(this.p, chain, v).steps.at(-1)?.state
    } catch {
      return '(not rebuilt)'
    }
  }

  /** Node `u` is about to be expanded (nodes begin in index order). */
  begin(u: number): void {
    this.fillTo(u)
    this.graph.start.push(this.graph.target.length)
    this.begun = u + 1
    this.enabled = 0
  }

  /** Node `u` (just begun) fails the spec's constraint: kept, not expanded. */
  cut(): void {
    this.graph.cut++
    this.graph.enabled.push(0)
    this.graph.flags.push(0)
  }

  /** The `ordinal`-th step of node `u`'s state `s`, by `a`, to `t` (node `v`). */
  step(u: number, s: unknown, a: Action, ordinal: number, t: unknown, v: number): void {
    if (v === u && this.isStutter(s, t)) return
    this.edge(v, ordinal, this.masks.of(a))
  }

  /** A step of node `u` to its own key (`SearchObserver.toSelf`). */
  toSelf(u: number, s: unknown, a: Action, ordinal: number, t: unknown): void {
    this.step(u, s, a, ordinal, t, u)
  }

  /** `step`, already known not to stutter, with its fairness groups (`groupMask`). */
  edge(v: number, ordinal: number, groups: number): void {
    const g = this.graph
    g.target.push(v)
    g.ordinal.push(ordinal)
    g.groups.push(groups)
    this.enabled |= groups
  }

  /** Node `u` (just begun) is expanded: every step recorded. */
  end(): void {
    this.graph.enabled.push(this.enabled >>> 0)
    this.graph.flags.push(EXPANDED)
  }

  /** Where the recording stands, for a checkpoint taken at a level's start (every node before the
   * level expanded): the columns only grow, so `checkpoint` may copy them out later, when a stop
   * writes the start of the level it cut. */
  mark(): GraphMark {
    const g = this.graph
    return { nodes: g.visited.size, begun: this.begun, edges: g.target.length, cut: g.cut, roots: g.roots.length }
  }

  /** The graph as it stood at `m`: a resumed search goes on recording from there (`restore`). */
  checkpoint(m: GraphMark): GraphCheckpoint {
    const g = this.graph
    const v = g.visited
    const hi = new Int32Array(m.nodes)
    const lo = new Int32Array(m.nodes)
    const link = new Int32Array(m.nodes)
    const ord = new Uint16Array(m.nodes)
    for (let i = 0; i < m.nodes; i++) {
      const f = v.fingerprintOf(i)
      hi[i] = f.hi
      lo[i] = f.lo
      link[i] = v.parent(i)
      ord[i] = v.ordinal(i)
    }
    return {
      cut: m.cut,
      columns: {
        roots: Int32Array.from(g.roots.slice(0, m.roots)),
        hi,
        lo,
        link,
        ord,
        labels: g.labels.prefix(m.nodes),
        start: g.start.prefix(m.begun),
        enabled: g.enabled.prefix(m.begun),
        flags: g.flags.prefix(m.begun),
        target: g.target.prefix(m.edges),
        ordinal: g.ordinal.prefix(m.edges),
        groups: g.groups.prefix(m.edges),
      },
    }
  }

  /** Forgets everything recorded: a fresh graph (before `restore`, when a run starts again from a
   * checkpoint after recording past it). */
  reset(): void {
    this.graph = new LivenessGraph(this.p.fairness.length, this.predicates.length)
    this.begun = 0
    this.enabled = 0
  }

  /** Goes on from a checkpoint's graph (into a recorder that has recorded nothing). */
  restore(c: GraphCheckpoint): void {
    const g = this.graph
    const x = c.columns
    const col = (name: string): TypedArray => {
      const a = x[name]
      if (a === undefined) throw new Error(`liveness graph checkpoint: column ${name} is missing`)
      return a
    }
    const [hi, lo, link, ord] = [col('hi'), col('lo'), col('link'), col('ord')]
    for (let i = 0; i < hi.length; i++) {
      if (g.visited.insert(hi[i] as number, lo[i] as number, link[i] as number, ord[i] as number) !== i) throw new Error(`liveness graph checkpoint: node ${i} is there twice`)
    }
    g.roots.push(...col('roots'))
    g.labels.pushAll(col('labels'))
    g.start.pushAll(col('start'))
    g.enabled.pushAll(col('enabled'))
    g.flags.pushAll(col('flags'))
    g.target.pushAll(col('target'))
    g.ordinal.pushAll(col('ordinal'))
    g.groups.pushAll(col('groups'))
    g.cut = c.cut
    this.begun = g.start.length
  }

  /** The search is over: nodes never expanded get no edges. */
  finish(stopReason: StopReason | undefined, seconds: number): LivenessGraph {
    const g = this.graph
    this.fillTo(g.visited.size)
    g.start.push(g.target.length)
    g.stopReason = stopReason
    g.seconds = seconds
    return g
  }

  /** Nodes below `u` that were found but not begun (the search stopped, or skipped them). */
  private fillTo(u: number): void {
    const g = this.graph
    for (; this.begun < u; this.begun++) {
      g.start.push(g.target.length)
      g.enabled.push(0)
      g.flags.push(0)
    }
  }

  private label(s: unknown): number {
    return stateLabel(this.p, this.predicates, s)
  }

  /** A step to a state with the same key is a stutter only if the state itself is unchanged. */
  private isStutter(s: unknown, t: unknown): boolean {
    return !this.keyed || sameState(s, t)
  }
}

/** Whether `t` is `s` itself, not merely a state with the same key (by their own fingerprints). */
export function sameState(s: unknown, t: unknown): boolean {
  if (s === t) return true
  fingerprint(s, one)
  fingerprint(t, two)
  return one.hi === two.hi && one.lo === two.lo
}
const one = { hi: 0, lo: 0 }
const two = { hi: 0, lo: 0 }

/** Bit j: predicate j holds in `s` (the label of the node `s` is first found as). */
export function stateLabel(p: Prepared, predicates: readonly LabelledPredicate[], s: unknown): number {
  let bits = 0
  try {
    for (let j = 0; j < predicates.length; j++) {
      const pred = predicates[j] as LabelledPredicate
      if (evaluate(p.model.name, pred.property, pred.holds, p.config, s)) bits |= 1 << j
    }
  } catch (e) {
    // The state it threw in, as a safety property's error names it.
    throw withState(e, s)
  }
  return bits >>> 0
}

/** `GraphRecorder.mark`: the lengths of the graph's columns at a level's start. */
export interface GraphMark {
  readonly nodes: number
  readonly begun: number
  readonly edges: number
  readonly cut: number
  readonly roots: number
}

/** A recorded graph's columns as plain typed arrays, by name, for a checkpoint file, with the
 * count of cut nodes (the parallel recorder adds its `rank`). */
export interface GraphCheckpoint {
  readonly cut: number
  readonly columns: Readonly<Record<string, TypedArray>>
}

export type LiveProperty = Exclude<Property<unknown, unknown>, { kind: 'always' | 'sometimes' }>

/** Where each property's predicates sit in the graph's label bits. */
export interface Bits {
  readonly goal: number
  readonly from: number
}

/** The state predicates liveness labels the graph with, and where each property's sit. */
export function livenessLabels(p: Prepared): { predicates: LabelledPredicate[]; bits: Bits[] } {
  const predicates: LabelledPredicate[] = []
  const bits: Bits[] = (p.liveness as readonly LiveProperty[]).map((prop) => {
    if (prop.kind === 'leadsTo') {
      predicates.push({ property: prop.name, holds: prop.to }, { property: prop.name, holds: prop.from })
      return { goal: 1 << (predicates.length - 2), from: 1 << (predicates.length - 1) }
    }
    predicates.push({ property: prop.name, holds: prop.holds })
    return { goal: 1 << (predicates.length - 1), from: 0 }
  })
  return { predicates, bits }
}
