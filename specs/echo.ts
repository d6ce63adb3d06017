/**
 * Echo.tla as tlaplus/Examples' MCEcho model checks it: three nodes a, b, c, fully meshed (R[m, n]
 * iff m # n), one initiator (here a; on a complete graph which one changes nothing). The port was
 * made without MCEcho.tla and MCEcho.cfg at hand (only Echo.tla and the manifest): the graph is
 * the one other ports of MCEcho name, and the counts bear it out. Deadlock is checked, as TLC does
 * by default; the translation's Terminating disjunct keeps it from firing either way. Counts equal
 * TLC's in the manifest (specifications/echo): 75 distinct / 116 generated / depth 16 (116 = 1
 * initial state + 112 steps of the processes + 3 Terminating stutters, one per spanning tree of
 * the complete graph on three nodes rooted at a). `--param graph=line` checks the path a–b–c and
 * `--param n=4` four nodes (no TLC figure; test/models/tla/echo.test.ts compares them with a
 * direct enumeration of the module). Ported by a new user.
 */
import { defineSpec, setOf } from '../src/index.ts'
import type { Params } from '../src/index.ts'
import { echo } from '../models/echo.ts'
import type { Config } from '../models/echo.ts'

/** n nodes a, b, c, … with the first as initiator, on a complete graph or a line. */
export const mcConfig = (p: Params): Config => {
  if (p.graph !== 'complete' && p.graph !== 'line') throw new Error(`graph must be complete or line, not ${String(p.graph)}`)
  const nodes = Array.from({ length: p.n as number }, (_, i) => String.fromCharCode(97 + i))
  const adjacent = (i: number, j: number): boolean => (p.graph === 'line' ? Math.abs(i - j) === 1 : i !== j)
  return {
    nodes,
    initiator: nodes[0] as string,
    nbrs: Object.fromEntries(nodes.map((n, i) => [n, setOf(...nodes.filter((_, j) => adjacent(i, j)))])),
  }
}

export default defineSpec({
  name: 'echo',
  description: "Merz's Echo.tla, MCEcho.cfg (3 nodes, fully meshed), Termination under WF per node",
  model: echo,
  params: { n: 3, graph: 'complete' },
  config: mcConfig,
  deadlock: true,
  expect: { distinct: 75, total: 116, depth: 16, source: 'TLC on MCEcho.cfg, 3 nodes fully meshed (tlaplus/Examples manifest)' },
})
