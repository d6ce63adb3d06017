/**
 * Buggy variant of models/paxos.ts (Paxos.tla): the ballot leader's Phase2a ignores the votes
 * that its quorum's 1b messages report. Once every acceptor of a quorum joined ballot b, the
 * leader may ask for a vote on any value, not only a highest reported one. A value chosen in an
 * earlier ballot can then lose to another: the 2a message is not safe (TwoASafe), the votes it
 * draws are not safe (VotesSafe) and two values are chosen (Agreement).
 *
 * Why it exists: the two invariants of the Voting refinement, TwoASafe and VotesSafe, are read
 * by no action of the correct model, so only a model that breaks them shows whether they can
 * fail at all: a mutant that weakens `safeAt` or `showsSafeAt` (bench/mutants.ts) makes them
 * hold here, which the spec's pinned violations catch (specs/paxos-free-2a.ts).
 */
import { Steps, setAdd } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import { paxos, phase1a, phase1b, phase2b } from './paxos.ts'
import type { Action, Config, State } from './paxos.ts'

/** Phase2a without the 1b rule: no 2a for b yet, and every acceptor of q sent a 1b for b. */
export function freePhase2a(_c: Config, s: State, bal: number, val: string, q: readonly string[]): State | null {
  if (s.msgs.some((m) => m.type === '2a' && m.bal === bal)) return null
  if (!q.every((a) => s.msgs.some((m) => m.type === '1b' && m.bal === bal && m.acc === a))) return null
  return { ...s, msgs: setAdd(s.msgs, { type: '2a', bal, val }) }
}

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (let bal = 0; bal <= c.maxBallot; bal++) {
    out.add({ name: 'Phase1a', bal }, phase1a(c, s, bal))
    for (const val of c.values) for (const quorum of c.quorums) out.add({ name: 'Phase2a', bal, val, quorum, reportedBy: null }, freePhase2a(c, s, bal, val, quorum))
  }
  for (const acc of c.acceptors) {
    for (const m of s.msgs) if (m.type === '1a') out.add({ name: 'Phase1b', acc, bal: m.bal }, phase1b(c, s, acc, m))
    for (const m of s.msgs) if (m.type === '2a') out.add({ name: 'Phase2b', acc, bal: m.bal, val: m.val }, phase2b(c, s, acc, m))
  }
  return out.list
}

export const paxosFree2a: Model<Config, State, Action> = { ...paxos, name: 'paxos-free-2a', next }
