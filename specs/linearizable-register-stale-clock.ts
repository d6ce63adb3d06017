/**
 * BUGGY: a write that does not advance the clock (models/linearizable-register-stale-clock.ts).
 * c2 puts A at s0, whose query finds s1's sequencer (0, s1): A gets (0, s0), below it, so s1 does
 * not keep A and s0 does not either, yet both acknowledge it and c2 is told PutOk. c2 then reads
 * at s1, whose quorum holds only the empty value: Linearizable is violated (13 states). The
 * servers' states show it sooner: A's Record names (0, s0), the sequencer under which s0 holds the
 * empty value, so SequencerNamesOneValue is violated (4 states). Two
 * servers, Stateright's bounds; the two bugs one might try first have no teeth there (see
 * test/models/consensus/linearizable-register.test.ts).
 */
import { defineSpec } from '../src/index.ts'
import { linearizableRegisterStaleClock } from '../models/linearizable-register-stale-clock.ts'
import { registerConfig } from '../models/register-clients.ts'

export default defineSpec({
  name: 'linearizable-register-stale-clock',
  description: 'ABD with a write that does not advance the clock: an acknowledged write is kept nowhere',
  model: linearizableRegisterStaleClock,
  params: { servers: 2, clients: 2 },
  config: (p) => registerConfig(p.servers as number, p.clients as number),
  expect: { violated: { Linearizable: { length: 13 }, SequencerNamesOneValue: { length: 4 } }, source: 'measured (BFS, this repo)' },
})
