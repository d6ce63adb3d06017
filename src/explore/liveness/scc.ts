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

  /** The SCCs among `nodes` (all tagged `tag`), each as a list of nodes. */
  components(nodes: ArrayLike<number>, tag: number): number[][] {
    const { g, member, index, low, onStack, callNode, callEdge, stack } = this
    const out: number[][] = []
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
          const comp: number[] = []
          let w: number
          do {
            w = stack[--sp]
            onStack[w] = 0
            comp.push(w)
          } while (w !== v)
          out.push(comp)
        }
      }
    }
    for (let r = 0; r < nodes.length; r++) index[nodes[r]] = -1
    return out
  }
}
