/**
 * 3PC as the seed describes it, with asynchronous timeouts and no fault
 * (`three-phase-commit-async-timeouts.ts`), plus a history of each participant's first decision:
 * a decision is final (`DecisionsFinal`) even where atomic commit is not — a participant that
 * aborted ignores a late PreCommit, one that committed ignores a late Abort. The seed's flaw is
 * that two participants decide differently, never that one changes its mind; the model's own
 * state cannot show a reversal (it keeps only the current state), so the history lives here.
 */
import { always, defineSpec, ids, mapFrom, schema } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import { threePhaseCommit } from '../models/three-phase-commit.ts'
import type { Action, Config, State } from '../models/three-phase-commit.ts'

/** The model's state and each participant's first decision ('none' while undecided). */
type Decision = 'none' | 'committed' | 'aborted'
type History = State & { readonly decided: Readonly<Record<string, Decision>> }

const record = (c: Config, s: History): History => {
  const decided = mapFrom(c.participants, (p): Decision => {
    const first = s.decided[p] ?? 'none'
    const now = s.participants[p]!.durable
    return first === 'none' && (now === 'committed' || now === 'aborted') ? now : first
  })
  return c.participants.every((p) => decided[p] === s.decided[p]) ? s : { ...s, decided }
}

export const threePhaseCommitDecisions: Model<Config, History, Action> = {
  ...(threePhaseCommit as unknown as Model<Config, History, Action>),
  name: 'three-phase-commit-decisions',
  init: (c) => threePhaseCommit.init(c).map((s) => ({ ...s, decided: mapFrom(c.participants, (): Decision => 'none') })),
  // The model's state schema and the history after it: a field the schema left out would not be
  // hashed (the check refuses such a state).
  schema: (c) => {
    const s = threePhaseCommit.schema?.(c)
    if (s?.kind !== 'record') throw new Error('three-phase-commit-decisions: the model has no record schema to extend')
    return schema.record({ ...s.fields, decided: schema.mapOf(c.participants, schema.enum('none', 'committed', 'aborted')) })
  },
  next: (c, s) => [...threePhaseCommit.next(c, s)].map(([a, t]): [Action, History] => [a, record(c, t as History)]),
  properties: [
    always<Config, History>('DecisionsFinal', (c, s) => c.participants.every((p) => s.decided[p] === 'none' || s.participants[p]!.durable === s.decided[p]), {
      when: (c, s) => c.participants.some((p) => s.decided[p] !== 'none'),
    }),
  ],
}

export default defineSpec({
  name: 'three-phase-commit-decisions-final',
  description: '3PC, asynchronous timeouts: a participant never changes its decision',
  model: threePhaseCommitDecisions,
  params: { participants: 2 },
  config: (p) => ({ coordinator: 'c', participants: ids('p', p.participants as number), crashable: [], budget: {}, timeouts: 'any' as const }),
  // Never taken: Recover: the coordinator never crashes.
  expect: { distinct: 257, total: 661, depth: 18, neverTaken: ['Recover'], source: 'measured (BFS, this repo): the states of three-phase-commit-async-timeouts.ts, each with its one history; 835 / 2,504 before the messages a node ignores for good were dropped (ignoresForever)' },
})
