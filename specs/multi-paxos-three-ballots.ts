/**
 * Multi-Paxos with three ballots at three acceptors: one leader l1 with commands x1, x2 and three
 * ballots (1, 2, 3: it times out twice), 3 acceptors, 1 log instance, with the model's live view
 * (`liveView`: the Promise messages no step will read left out, acceptors up to renaming; exact).
 * The fewest ballots and acceptors at which a new leader's quorum can report two votes with
 * different commands for one instance (`PromisesReportTwoCommands`: a1 votes x1 in ballot 1; a2
 * and a3, electing ballot 2 and reporting nothing, vote x2; ballot 3 hears a1 and a2), so the rule
 * that keeps the highest vote is checked: keeping the lowest breaks LogAgreement
 * (specs/multi-paxos-lowest-vote.ts, the same bounds). specs/multi-paxos.ts has two leaders but
 * two acceptors, and specs/multi-paxos-three-acceptors.ts two ballots: the pick cannot matter in
 * either.
 *
 * Restricted to fit the suite: one leader (l1 re-proposing to itself is a leader change too:
 * `Elected` reads only the quorum's reports); two leaders, l1 with ballots 1 and 3 and l2 with 2,
 * cost 3,642 states with the view (measured). Without the view: 141,465 states (measured), and
 * 10,033 with the dead promises dropped but no symmetry. LeaderChangeKeepsValue is not checked (one
 * leader: no other leader's command to learn). Counts are the view's (its orbits).
 */
import { defineSpec } from '../src/index.ts'
import { multiPaxos, withLiveView } from '../models/multi-paxos.ts'
import { multiPaxosConfig } from './multi-paxos.ts'

/** The bounds, shared by specs/multi-paxos-lowest-vote.ts. */
export const threeBallotsParams = { leaders: 1, acceptors: 3, instances: 1, attempts: 3, otherAttempts: 1, firstLeaderCommands: 2 }

export default defineSpec({
  name: 'multi-paxos-three-ballots',
  description: 'Multi-Paxos, one leader with three ballots, 3 acceptors, 1 instance, live view',
  model: withLiveView(multiPaxos),
  params: threeBallotsParams,
  config: multiPaxosConfig,
  check: ['LogAgreement', 'LearntIsChosen', 'Validity', 'ChosenOnce', 'WholeLogAfterOnePhase1', 'LedSecondBallot', 'ReproposedInHigherBallot', 'PromisesReportTwoCommands'],
  expect: { distinct: 2203, total: 7702, depth: 26, neverTaken: ['Deliver Promise', 'Deliver Accepted'], source: 'measured (BFS, this repo)' },
})
