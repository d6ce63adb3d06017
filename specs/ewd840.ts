/**
 * EWD840.tla (Dijkstra, Feijen and van Gasteren's termination detection on a ring) as
 * EWD840_json.cfg checks it, N = 4, with TypeOK, Inv, TerminationDetection and the liveness
 * property `Liveness` ((\A i : ~active[i]) ~> terminationDetected) under WF_vars(System). Counts
 * equal TLC's in tlaplus/Examples' manifest (specifications/ewd840): 1,566 distinct / 15,986
 * generated / depth 12, with each true disjunct of a guard a step of its own (models/ewd840.ts;
 * one step per guard gives 14,962). Ported by a new user; the disjuncts found by counting them
 * over the reachable states.
 */
import { defineSpec } from '../src/index.ts'
import { ewd840 } from '../models/ewd840.ts'

export default defineSpec({
  name: 'ewd840',
  description: "Merz's EWD840.tla, N = 4, with Liveness under WF(System)",
  model: ewd840,
  params: { n: 4 },
  config: (p) => ({ n: p.n as number }),
  expect: { distinct: 1566, total: 15986, depth: 12, source: 'TLC on EWD840_json.cfg, N = 4 (tlaplus/Examples manifest)' },
})
