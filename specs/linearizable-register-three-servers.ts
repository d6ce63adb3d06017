/**
 * ABD (models/linearizable-register.ts) at three servers, where a quorum (2 of 3) is no longer
 * every server: one client, c3, puts A at s0, then reads at s1, which may not hold A (A's quorum
 * was s0 and s2): the read finds A only in its peer's answer. At Stateright's bounds (2 servers,
 * specs/linearizable-register.ts) a read asks every server, and its own server always holds the
 * highest pair already, so a read that takes the lowest pair, or answers with its own server's
 * value instead of the highest one, passes there; here it returns the empty value after A was
 * acknowledged and Linearizable is violated (a helper's hand-written mutants,
 * bench/results/mutants-hand-written-4.txt). One client is enough for that, and cheap; a second
 * client at three servers takes millions of states (2,433,797 for the variant without write-back
 * in test/models/consensus/linearizable-register.test.ts).
 */
import { defineSpec } from '../src/index.ts'
import { linearizableRegister } from '../models/linearizable-register.ts'
import { registerConfig } from '../models/register-clients.ts'

export default defineSpec({
  name: 'linearizable-register-three-servers',
  description: 'ABD at three servers and one client: a read whose quorum is not every server',
  model: linearizableRegister,
  params: { servers: 3, clients: 1 },
  config: (p) => registerConfig(p.servers as number, p.clients as number),
  expect: { distinct: 1449, total: 3728, depth: 17, source: 'measured (BFS, this repo)' },
})
