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
 * Recorded by the BFS (`recorder.ts`; the parallel BFS through `parallel/record-graph.ts`, the DFS
 * through `dfs-recorder.ts`, both in the BFS's order), during the safety search: the
 * graph is the same for every run, strategy and worker count.
 */
import type { Action } from '../../core/action.ts'
import type { Fairness } from '../../core/fairness.ts'
import type { StopReason } from '../../core/result.ts'
import { VisitedSet } from '../visited-set.ts'
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
    const nodes = this.visited.bytes() + this.nodeColumnBytes()
    return { nodes, edges: this.edgeColumnBytes() }
  }

  /** Bytes held beside its visited set, the node and edge columns: what the memory budget
   * (`--memory`) adds to the single-threaded BFS's visited set, which is this one. (The roots, a
   * few integers, are left out, as in `bytes`.) */
  columnBytes(): number {
    return this.nodeColumnBytes() + this.edgeColumnBytes()
  }

  private nodeColumnBytes(): number {
    return this.start.bytes() + this.enabled.bytes() + this.labels.bytes() + this.flags.bytes()
  }

  private edgeColumnBytes(): number {
    return this.target.bytes() + this.ordinal.bytes() + this.groups.bytes()
  }
}

/** Bit j of the result: fairness group j contains `action`. */
export function groupMask(fairness: readonly Fairness[], action: Action): number {
  let m = 0
  for (let j = 0; j < fairness.length; j++) if (fairness[j].matches(action)) m |= 1 << j
  return m >>> 0
}

/**
 * `groupMask` for every recorded edge, without calling each group's `matches` per edge (a guarded
 * call per group, `prepare.ts`: seven per edge on Skeen's 3PC, a fifth of the recorder's time). A
 * group given by names (`Fairness.names`: `weakFair('Deliver')`) contains exactly the actions of
 * those names, so those groups' bits are worked out once per action name; a predicate group is
 * still asked per edge (its answer may depend on more than the name).
 */
export class GroupMasks {
  /** Bits of the by-name groups, per action name met so far. */
  private readonly byName = new Map<string, number>()
  /** The predicate groups, and their bits. */
  private readonly predicates: { readonly bit: number; readonly f: Fairness }[] = []
  private readonly named: { readonly bit: number; readonly names: ReadonlySet<string> }[] = []

  constructor(fairness: readonly Fairness[]) {
    fairness.forEach((f, j) => {
      if (f.names !== undefined) this.named.push({ bit: 1 << j, names: new Set(f.names) })
      else this.predicates.push({ bit: 1 << j, f })
    })
  }

  of(action: Action): number {
    const name = action.name
    let m = this.byName.get(name)
    if (m === undefined) {
      m = 0
      for (const g of this.named) if (g.names.has(name)) m |= g.bit
      this.byName.set(name, m)
    }
    const ps = this.predicates
    for (let i = 0; i < ps.length; i++) if (ps[i].f.matches(action)) m |= ps[i].bit
    return m >>> 0
  }
}
