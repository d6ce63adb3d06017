/** TwoPhase.tla exactly as models/two-phase-commit.ts, without its state schema: the generic
 * fingerprint path, for the bench's schema-vs-generic comparison. */
import { defineSpec, ids } from '../../src/index.ts'
import { twoPhaseCommit } from '../../models/two-phase-commit.ts'

const { schema: _schema, ...withoutSchema } = twoPhaseCommit

export default defineSpec({
  name: 'two-phase-commit-no-schema',
  model: withoutSchema,
  params: { rms: 3 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
})
