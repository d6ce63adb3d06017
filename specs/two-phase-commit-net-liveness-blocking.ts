/**
 * Liveness story 3a (issue #6), the seed's 2PC blocking: the coordinator may crash (one crash) and
 * never come back (Restart is not fair); every protocol step and every delivery is weakly fair.
 * "Every participant eventually decides" fails (shortest lasso: the coordinator crashes at once),
 * and so does "a prepared participant eventually learns the outcome": the lasso ends with the
 * coordinator down and a participant prepared, stuttering forever — no fair step is enabled, and
 * the prepared participant may not decide alone.
 * `two-phase-commit-net-liveness-recovery.ts` makes Restart fair: then it holds.
 */
import { defineSpec, eventually, ids, leadsTo, weakFair } from '../src/index.ts'
import type { Fairness, Params } from '../src/index.ts'
import { twoPhaseCommitNet } from '../models/two-phase-commit-net.ts'
import type { Config, State } from '../models/two-phase-commit-net.ts'

/** Every participant has applied an outcome (committed or aborted). */
export const allDecided = (c: Config, s: State): boolean =>
  c.participants.every((p) => s.participants[p]!.durable.outcome !== 'none')

/** Some participant voted Yes (it is prepared: it may no longer decide alone) and has no outcome. */
const inDoubt = (c: Config, s: State, p: string): boolean =>
  s.participants[p]!.durable.vote === 'yes' && s.participants[p]!.durable.outcome === 'none'

/** The model with liveness properties added (the model's own properties are safety only):
 * everyone eventually decides; a prepared participant is eventually told the outcome. */
export const twoPhaseCommitNetLive = {
  ...twoPhaseCommitNet,
  properties: [
    ...twoPhaseCommitNet.properties,
    eventually('EveryoneDecides', allDecided),
    leadsTo<Config, State>('PreparedLearnsOutcome', (c, s) => c.participants.some((p) => inDoubt(c, s, p)), (c, s) => !c.participants.some((p) => inDoubt(c, s, p))),
  ],
}

/** The coordinator alone may crash: the story is about its failure. */
export const config = (p: Params): Config => {
  const participants = ids('p', p.participants as number)
  return { coordinator: 'c', participants, crashable: ['c'], budget: { crash: p.crashes as number } }
}

/** Weak fairness for every protocol step and for delivery; `Refuse` (a participant's free choice)
 * and `Crash` are not fair. */
export const protocolFairness: Fairness[] = ['Prepare', 'Decide', 'Timeout', 'Recover', 'Send', 'Deliver'].map((a) => weakFair(a))

export default defineSpec({
  name: 'two-phase-commit-net-liveness-blocking',
  description: '2PC over a network, coordinator crashes and may stay down: participants block forever',
  model: twoPhaseCommitNetLive,
  params: { participants: 2, crashes: 1 },
  check: ['AtomicCommit', 'EveryoneDecides', 'PreparedLearnsOutcome'],
  config,
  fairness: protocolFairness,
  expect: { distinct: 1261, total: 3546, depth: 15, violated: { EveryoneDecides: { length: 2 }, PreparedLearnsOutcome: { length: 5 } }, source: 'measured (BFS, this repo); 4,646 / 15,310 before the messages a node ignores for good were dropped (ignoresForever)' },
})
