/** Every column of a liveness graph, as plain arrays: two recordings of one graph compare equal. */
import type { LivenessGraph } from '../../../src/explore/liveness/graph.ts'

export function dumpGraph(g: LivenessGraph): unknown {
  const col = (c: { length: number; get(i: number): number }): number[] => Array.from({ length: c.length }, (_, i) => c.get(i))
  const nodes = Array.from({ length: g.size }, (_, v) => [g.visited.parent(v), g.visited.ordinal(v), g.visited.fingerprintOf(v)])
  return {
    roots: g.roots,
    start: col(g.start),
    target: col(g.target),
    ordinal: col(g.ordinal),
    groups: col(g.groups),
    enabled: col(g.enabled),
    labels: col(g.labels),
    flags: col(g.flags),
    cut: g.cut,
    stopReason: g.stopReason,
    nodes,
  }
}
