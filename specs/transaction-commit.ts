/** TCommit.tla with 3 RMs; counts equal TLC's (tlaplus/Examples manifest). */
import { defineSpec, ids } from '../src/index.ts'
import { transactionCommit } from '../models/transaction-commit.ts'

export default defineSpec({
  name: 'transaction-commit',
  description: "Lamport's TCommit.tla, 3 RMs",
  model: transactionCommit,
  params: { rms: 3 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  expect: { distinct: 34, total: 94, depth: 7, source: 'TLC on TCommit.tla, RM = 3 (tlaplus/Examples manifest)' },
})
