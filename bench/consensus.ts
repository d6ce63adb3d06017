/**
 * Bigger instances of the consensus models than the default suite can afford, with counts and
 * times. Run: `node --import tsx bench/consensus.ts [name ...]` (all by default). Each row is a
 * full BFS (or one stopped at --max states, marked "incomplete").
 */
import { check, defineSpec, ids } from '../src/index.ts'
import type { AnySpec, Params } from '../src/index.ts'
import paxos from '../specs/paxos.ts'
import paxosNet from '../specs/paxos-net.ts'
import paxosNetAcceptNoRaise from '../specs/paxos-net-accept-no-raise.ts'
import paxosNetRetry from '../specs/paxos-net-retry.ts'
import raft from '../specs/raft.ts'
import raftAbstract from '../specs/raft-abstract.ts'
import raftSymmetric from '../specs/raft-symmetric.ts'
import { raftFigure8 } from '../models/raft-figure8.ts'

type Row = { name: string; spec: AnySpec; params?: Params; symmetry?: boolean; maxStates?: number }

const rows: Row[] = [
  { name: 'paxos 3 acceptors, 2 values, ballots 0..2, no symmetry', spec: paxos as AnySpec, params: { acceptors: 3, values: 2, maxBallot: 2 } },
  { name: 'paxos-net-retry with learning (p1 retries once; the suite runs it without)', spec: paxosNetRetry as AnySpec, params: { learn: true } },
  { name: 'paxos-net with drops and duplicates (bag network), one attempt each', spec: paxosNet as AnySpec, params: { drops: 1, duplicates: 1, semantics: 'bag', crashes: 0 } },
  { name: 'paxos-net-retry with both proposers retrying once (no learning)', spec: paxosNetRetry as AnySpec, params: { attempts: '2', crashes: 0 } },
  {
    name: 'paxos-net, both proposers retry once, with learning: stopped at 3,000,000 states',
    spec: paxosNet as AnySpec,
    params: { attempts: '2', crashes: 0 },
    maxStates: 3_000_000,
  },
  {
    name: 'paxos-net-accept-no-raise, Agreement (the spec itself stops at PromiseCoversAccepted)',
    spec: defineSpec({ ...paxosNetAcceptNoRaise, name: 'paxos-net-accept-no-raise-agreement', check: ['Agreement'], expect: undefined }) as AnySpec,
  },
  { name: 'raft 2 terms, 1-entry logs, no faults', spec: raft as AnySpec, params: { maxTerm: 2, crashes: 0 } },
  { name: 'raft-symmetric appends=2,1 (368,271 orbits)', spec: raftSymmetric as AnySpec, params: { appends: '2,1' } },
  { name: 'raft-symmetric appends=2,1 without symmetry (the same search over every state, for comparison)', spec: raftSymmetric as AnySpec, params: { appends: '2,1' }, symmetry: false },
  {
    name: 'raft 3 servers, 2 terms, 2-entry logs, every server a candidate, no faults, symmetry: stopped at 3,000,000 orbits',
    spec: raft as AnySpec,
    params: { maxTerm: 2, maxLog: 2, crashes: 0 },
    symmetry: true,
    maxStates: 3_000_000,
  },
  { name: 'raft 1 term, one crash, one drop, one duplicate', spec: raft as AnySpec, params: { drops: 1, duplicates: 1 } },
  { name: 'raft-abstract terms 1..4, 2-entry logs', spec: raftAbstract as AnySpec, params: { maxTerm: 4 } },
  {
    name: 'raft-figure8 on message-passing Raft (one candidate per term: s1, s2, s1, s2; entries in terms 1 and 2)',
    spec: defineSpec({
      name: 'raft-figure8-net',
      model: raftFigure8,
      config: { servers: ids('s', 3), byTerm: [['s1'], ['s2'], ['s1'], ['s2']], appends: [1, 1, 0, 0], maxTerm: 4, maxLog: 1, budget: {} },
      check: ['LeaderCompleteness'],
    }) as AnySpec,
    maxStates: 8_000_000,
  },
]

const wanted = process.argv.slice(2)
for (const row of rows) {
  if (wanted.length > 0 && !wanted.some((w) => row.name.includes(w))) continue
  const r = await check(row.spec, { params: row.params ?? {}, symmetry: row.symmetry, maxStates: row.maxStates })
  const verdicts = r.properties.filter((p) => p.verdict !== 'holds').map((p) => `${p.name}:${p.verdict}`)
  console.log(
    [row.name, r.stats.distinct, r.stats.total, r.stats.depth, `${r.stats.seconds.toFixed(1)} s`, r.complete ? 'complete' : 'incomplete', verdicts.join(' ')].join(' | '),
  )
}
