/**
 * Acceptor symmetry for paxos-net.ts (set networks): acceptors are interchangeable — majority
 * quorums, and no rule depends on an acceptor's name. Proposers are not: their ids order the
 * proposal ids. The canonical representative is exact (src/state/symmetry.ts), pruned by a
 * per-acceptor signature. The explorer hashes it without building it:
 * paxos-net-symmetry-fingerprint.ts (same candidates, same fingerprint).
 */
import { canonicalize, compareValues, mapSet, renameKeys } from '../src/index.ts'
import type { Rename, Value } from '../src/index.ts'
import type { Network } from '../src/net/index.ts'
import type { Acceptor, Config, Msg, Proposer, State, Vote } from './paxos-net.ts'
import { tables } from './paxos-net-tables.ts'

/** The state with acceptor ids renamed. */
export function relabel(c: Config, s: State, rename: Rename): State {
  const t = tables(c)
  const msg = (m: Msg): Msg => t.lookup<Msg>({ ...m, from: rename(m.from), to: rename(m.to) })
  const net = s.net
  return {
    proposers: Object.fromEntries(
      Object.entries(s.proposers).map(([p, x]) => [p, { ...x, promised: mapSet(x.promised, rename), accepted: mapSet(x.accepted, rename) }]),
    ),
    acceptors: renameKeys(s.acceptors, rename),
    net: {
      ...net,
      down: mapSet(net.down, rename),
      ...(net.semantics === 'set' ? { sent: mapSet(net.sent, msg) } : net.semantics === 'bag' ? { inFlight: [...net.inFlight.map(msg)].sort(compareMsgs) } : {}),
    } as Network<Msg>,
    votes: mapSet(s.votes, (v) => t.lookup<Vote>({ ...v, acc: rename(v.acc) })),
  }
}

const compareMsgs = (a: Msg, b: Msg): number => compareValues(a, b)

/** What an acceptor holds and has sent or been sent, naming no other acceptor. */
const signature = (s: State, a: string): Value => {
  const tags: string[] = []
  if (s.net.semantics === 'set') for (const m of s.net.sent) if (m.from === a || m.to === a) tags.push(`${m.type}|${m.from === a ? m.to : m.from}|${m.n}`)
  for (const v of s.votes) if (v.acc === a) tags.push(`vote|${v.n}|${v.v}`)
  for (const p of Object.keys(s.proposers).sort()) {
    const x = s.proposers[p] as Proposer
    if (x.promised.includes(a)) tags.push(`promised|${p}`)
    if (x.accepted.includes(a)) tags.push(`accepted|${p}`)
  }
  tags.sort()
  return [s.acceptors[a] as Acceptor, s.net.down.includes(a), tags]
}

export function symmetry(c: Config, s: State): State {
  if (c.semantics !== 'set') throw new Error('paxos-net symmetry is implemented for set networks')
  return canonicalize(s, [c.acceptors], (x, rename) => relabel(c, x, rename), signature)
}
