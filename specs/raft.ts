/**
 * Raft with 3 servers, one term, logs of one entry, one crash (with restart) on a bag network:
 * election, replication with the consistency check, commit by majority match, crash recovery
 * from durable currentTerm / votedFor / log. Election Safety, Log Matching, Leader Completeness,
 * State Machine Safety and Leader Append-Only hold; a leader is elected and an entry committed.
 * Elections across two terms: raft-elections.ts. Bigger instances (2 terms with logs, drops,
 * duplicates): bench/consensus.ts.
 *
 * Leader Completeness and Leader Append-Only are not checked here: both speak of a leader of a
 * later term (than a commit; than the entries it was elected with), and one term has none, so
 * they would hold vacuously (the checker reports them so). raft-two-terms, raft-two-entries and
 * raft-overwrite check them at two terms. Election Safety is about two candidates of one term,
 * which one term has.
 */
import { defineSpec, ids } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import type { Config } from '../models/raft.ts'
import { inFlightAtMost } from '../src/net/index.ts'

/** The configuration from a spec's parameters. Optional string parameters narrow the timing:
 * `candidates` ('s1,s2': the servers whose timer may fire), `byTerm` ('s1/s2': the server that
 * may start the election of term 1, of term 2, ...), `appends` ('2,0': how many entries the leader
 * of each term may append). `semantics: 'set'` keeps every message deliverable (Config.semantics). */
export const raftConfig = (p: Record<string, number | boolean | string>): Config => ({
  servers: ids('s', p.servers as number),
  maxTerm: p.maxTerm as number,
  maxLog: p.maxLog as number,
  budget: { crash: p.crashes as number, drop: p.drops as number, duplicate: p.duplicates as number },
  ...(p.candidates ? { candidates: String(p.candidates).split(',') } : {}),
  ...(p.byTerm ? { byTerm: String(p.byTerm).split('/').map((t) => t.split(',')) } : {}),
  ...(p.appends ? { appends: String(p.appends).split(',').map(Number) } : {}),
  ...(p.semantics === 'set' ? { semantics: 'set' as const } : {}),
})

/** The network's state constraint (src/net), for the Raft specs that import it from here. */
export { inFlightAtMost }

export const RAFT_SAFETY = ['ElectionSafety', 'LogMatching', 'LeaderCompleteness', 'StateMachineSafety', 'LeaderAppendOnly', 'MatchIndexSound', 'CommitIndexRecorded']

export default defineSpec({
  name: 'raft',
  description: 'Raft leader election and log replication, 3 servers, one crash',
  model: raft,
  params: { servers: 3, maxTerm: 1, maxLog: 1, crashes: 1, drops: 0, duplicates: 0 },
  config: raftConfig,
  check: ['ElectionSafety', 'LogMatching', 'StateMachineSafety', 'MatchIndexSound', 'CommitIndexRecorded', 'LeaderElected', 'EntryCommitted'],
  expect: { distinct: 20503, total: 72583, depth: 21, source: "measured (BFS, this repo); was 25,168 / 86,518 before a leader's votesGranted was cleared (dead once elected); 24,238 / 84,097 before the responses a server ignores for good were dropped (ignoresForever)" },
})
