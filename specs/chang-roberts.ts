/**
 * ChangRoberts.tla as MCChangRoberts.cfg checks it: N = 3, Id[i] = i (MCChangRoberts.tla), the
 * invariants TypeOK and Correctness, and Liveness under `\A self : WF_vars(node(self))`, deadlock
 * not checked (CHECK_DEADLOCK FALSE). Counts equal TLC's in tlaplus/Examples' manifest
 * (specifications/chang_roberts): 137 distinct / 227 generated / depth 10, over the 8 initial
 * states of `initiator \in [Node -> BOOLEAN]`, with no view and no history (models/chang-roberts.ts).
 */
import { defineSpec, ids } from '../src/index.ts'
import type { Params } from '../src/index.ts'
import { changRoberts } from '../models/chang-roberts.ts'
import type { Config } from '../models/chang-roberts.ts'

/** MCChangRoberts: nodes p1..pN in ring order, Id[pi] = i. */
export const mcConfig = (p: Params): Config => {
  const nodes = ids('p', p.n as number)
  return { nodes, id: Object.fromEntries(nodes.map((n, i) => [n, i + 1])) }
}

export default defineSpec({
  name: 'chang-roberts',
  description: "Merz's ChangRoberts.tla, MCChangRoberts.cfg (N = 3, Id[i] = i), with Liveness under WF per node",
  model: changRoberts,
  params: { n: 3 },
  config: mcConfig,
  expect: { distinct: 137, total: 227, depth: 10, source: 'TLC on MCChangRoberts.cfg, N = 3 (tlaplus/Examples manifest)' },
})
