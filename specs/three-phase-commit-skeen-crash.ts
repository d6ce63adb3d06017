/**
 * Skeen's 3PC with the termination protocol under crash faults only: coordinator + 3
 * participants, up to two crashes of any nodes (so the coordinator and a participant, or a
 * recovery coordinator in the middle of the termination protocol), no restart, no loss, no
 * partition; accurate timeouts. AtomicCommit and FollowsCoordinator hold; the witnesses show the
 * termination protocol deciding both commit and abort after the coordinator crashed.
 *
 * And 3PC is non-blocking here, what it adds over 2PC (compare
 * `two-phase-commit-net-liveness-blocking.ts`): with every protocol step and every delivery
 * weakly fair (`Refuse`, a participant's free choice, and `Crash` are not), every participant that
 * stays up eventually decides (`LiveParticipantsDecide`). One-line mutants that are safe but
 * blocking (a termination protocol that waits on a crashed or decided peer, a coordinator that
 * never times out) are caught by it alone.
 */
import { defineSpec, eventually, ids, weakFair } from '../src/index.ts'
import { threePhaseCommitSkeen } from '../models/three-phase-commit-skeen.ts'
import type { Config, State } from '../models/three-phase-commit-skeen.ts'
import type { Params } from '../src/index.ts'
import { isUp } from '../src/net/index.ts'

/** Config for the Skeen specs: `crashes` of any node, `partitions` of the coordinator and participants. */
export const skeenConfig = (p: Params): Config => {
  const participants = ids('p', p.participants as number)
  return {
    coordinator: 'c',
    participants,
    crashable: ['c', ...participants],
    budget: { crash: p.crashes as number, partition: p.partitions as number },
  }
}

/** Every participant that is up has committed or aborted. */
export const liveDecided = (c: Config, s: State): boolean =>
  c.participants.every((p) => !isUp(s.net, p) || s.participants[p] === 'committed' || s.participants[p] === 'aborted')

export default defineSpec({
  name: 'three-phase-commit-skeen-crash',
  model: { ...threePhaseCommitSkeen, properties: [...threePhaseCommitSkeen.properties, eventually('LiveParticipantsDecide', liveDecided)] },
  params: { participants: 3, crashes: 2, partitions: 0 },
  config: skeenConfig,
  fairness: ['Start', 'PreCommit', 'DoCommit', 'Send', 'Timeout', 'Terminate', 'Deliver'].map((a) => weakFair(a)),
  expect: { distinct: 8495, total: 29079, depth: 27, source: 'measured (BFS, this repo); 20,335 / 89,352 before the messages a node ignores for good were dropped (ignoresForever)' },
})
