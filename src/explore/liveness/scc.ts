/**
 * Strongly connected components of the subgraph induced by a set of nodes, by Tarjan's algorithm
 * with an explicit stack (no recursion, so no stack overflow on million-state graphs).
 *
 * The node set is given by a membership array: node v is in the set iff `member[v] === tag`. The
 * caller re-tags to analyse a smaller set (Emerson–Lei's recursion) without clearing anything.
 * Scratch arrays are sized once per graph and reset only where they were used.
 */
import type { LivenessGraph } from './graph.ts'

export class SccFinder {
  private readonly index: Int32Array
  private readonly low: Int32Array
  private readonly onStack: Uint8Array
  /** The call stack: node and the next edge to look at. */
  private readonly callNode: Int32Array
  private readonly callEdge: Int32Array
  private readonly stack: Int32Array

  constructor(
    private readonly g: LivenessGraph,
    private readonly member: Int32Array,
  ) {
    const n = g.size
    this.index = new Int32Array(n).fill(-1)
    this.low = new Int32Array(n)
    this.onStack = new Uint8Array(n)
    this.callNode = new Int32Array(n)
    this.callEdge = new Int32Array(n)
    this.stack = new Int32Array(n)
  }

  /** Bytes of scratch memory, for the stats. */
  bytes(): number {
    return this.index.byteLength * 6 - this.onStack.byteLength * 3
  }

  /** Whether `w` is in the component being visited (`ComponentVisitor`), whose first node on
   * the stack is `root`: Tarjan's stack holds nodes in index order, and the component is what
   * lies on it from its root up. */
  inside(w: number, root: number): boolean {
    return this.onStack[w] === 1 && this.index[w] >= this.index[root]
  }

  /** Each SCC among `nodes` (all tagged `tag`), as the visitor is told it: no list per component
   * where the visitor needs none (in a search's graph most components are single states). */
  each(nodes: ArrayLike<number>, tag: number, visit: ComponentVisitor): void {
    const { g, member, index, low, onStack, callNode, callEdge, stack } = this
    let counter = 0
    let sp = 0
    for (let r = 0; r < nodes.length; r++) {
      const root = nodes[r]
      if (index[root] !== -1) continue
      let cp = 0
      callNode[cp] = root
      callEdge[cp] = g.start.get(root)
      cp++
      index[root] = low[root] = counter++
      stack[sp++] = root
      onStack[root] = 1
      while (cp > 0) {
        const v = callNode[cp - 1]
        const e = callEdge[cp - 1]
        if (e < g.start.get(v + 1)) {
          callEdge[cp - 1] = e + 1
          const w = g.target.get(e)
          if (member[w] !== tag) continue
          if (index[w] === -1) {
            index[w] = low[w] = counter++
            stack[sp++] = w
            onStack[w] = 1
            callNode[cp] = w
            callEdge[cp] = g.start.get(w)
            cp++
          } else if (onStack[w] && index[w] < low[v]) {
            low[v] = index[w]
          }
          continue
        }
        cp--
        if (cp > 0) {
          const parent = callNode[cp - 1]
          if (low[v] < low[parent]) low[parent] = low[v]
        }
        if (low[v] === index[v]) {
          let from = sp - 1
          while (stack[from] !== v) from--
          visit.component(stack, from, sp)
          for (let i = from; i < sp; i++) onStack[stack[i]] = 0
          sp = from
        }
      }
    }
    for (let r = 0; r < nodes.length; r++) index[nodes[r]] = -1
  }
}

/** Told each strongly connected component as Tarjan's algorithm completes it: its nodes are
 * `stack[from..to)` (the first its root), valid only during the call, and `SccFinder.inside`
 * tells whether a node is one of them. */
export interface ComponentVisitor {
  component(stack: Int32Array, from: number, to: number): void
}
