/**
 * Hash-partitioned, level-synchronous BFS over worker processes connected by NATS (issue #16;
 * `docs/distributed.md`). Results equal the sequential BFS's (the oracle): distinct and generated
 * counts, depth, levels, coverage, verdicts and the first counterexample.
 *
 * Each worker owns the fingerprints of one partition and its part of every level
 * (`partition-run.ts`). The coordinator keeps only what orders the search: every state of a level
 * has a global rank (its position in the sequential BFS's level), and a successor's BFS key is
 * (parent's rank, step ordinal). Per level: `expand` on every worker; `barrier` (each owner has
 * every batch announced to it, orders its new states by key and reports them sorted with the first
 * state deciding each open property); the coordinator merges the keys into the next level's ranks
 * and finds where the sequential BFS would have stopped (every property decided, or max states:
 * the same rules as `parallel/close-level.ts`); `commit` hands the ranks back.
 *
 * Counterexamples are rebuilt as the BFS's are: the coordinator walks the parent links held by the
 * owners back to an initial state, then replays the step ordinals on the model.
 *
 * Not in this landing: liveness properties (refused), checkpoints, per-worker memory budgets, and
 * stops inside a level (a time limit or Ctrl-C is served between levels).
 */
import { randomUUID } from 'node:crypto'
import { UsageError } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, ProcessStats, StopReason, Trace } from '../core/result.ts'
import { buildResult } from '../explore/build-result.ts'
import { Limits } from '../explore/limits.ts'
import type { Prepared } from '../explore/prepare.ts'
import { replayOrdinals } from '../explore/replay-path.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { coverageOf } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import { VisitedSet } from '../explore/visited-set.ts'
import { codecFor } from '../parallel/codec.ts'
import { specOptionsOf } from '../parallel/spec-options.ts'
import { fp } from '../state/fingerprint.ts'
import { buildBundle } from './bundle.ts'
import { refOf } from './merge-level.ts'
import { Cluster, DistributedRunError } from './cluster.ts'
import { connectTo } from './connect.ts'
import type { LocalCluster } from './local-cluster.ts'
import { startLocalCluster } from './local-cluster.ts'
import type { BarrierReply, CommitReply, ExpandReply, PathReply, RunSetup } from './messages.ts'
import { closeLevel } from './merge-level.ts'
import { bytesOf, f64, ownerOf } from './wire.ts'

export interface DistributedConfig {
  /** States per successor batch (default 2,048). */
  readonly batchStates?: number
  /** A batch announced at a barrier and missing this long is lost: the run fails (default 30 s). */
  readonly lostAfterMs?: number
  /** Test hook: fault injection on the wire (`RunSetup.faults`). */
  readonly faults?: RunSetup['faults']
  readonly joinTimeoutMs?: number
  readonly pingTimeoutMs?: number
  /** Test hook: called before each level is expanded, with the local cluster if there is one. */
  readonly onLevel?: (level: number, local: LocalCluster | undefined) => void
  /** What the run cost, for the bench. */
  readonly onStats?: (s: DistributedStats) => void
}

export interface DistributedStats {
  readonly workers: number
  /** Successor batches published by all workers, and their bytes. */
  readonly batches: number
  readonly batchBytes: number
  /** Control frames (coordinator ⇄ workers), both ways. */
  readonly controlBytes: number
  /** Peak resident set per worker (sampled at each level's commit). */
  readonly workerRss: readonly number[]
  /** States each worker's partition holds. */
  readonly workerStates: readonly number[]
  /** Duplicated batches the owners received and ignored. */
  readonly duplicates: number
  /** CPU seconds per worker process. */
  readonly workerCpu: readonly number[]
}

export async function distributedBfs(p: Prepared, options: CheckOptions, config: DistributedConfig = {}): Promise<CheckResult> {
  const n = refuseUnsupported(p, options)
  // Bundled before any process starts: a spec that does not bundle fails without starting any.
  const bundle = await buildBundle(options.specUrl!)
  const local = options.nats === undefined ? await startLocalCluster(n) : undefined
  const url = options.nats ?? local!.url
  try {
    const nc = await connectTo(url, '--nats', `interleave-coordinator-${process.pid}`)
    const cluster = new Cluster(nc, url, randomUUID().slice(0, 8), {
      joinMs: config.joinTimeoutMs ?? (local ? 60_000 : 120_000),
      pingMs: config.pingTimeoutMs ?? 30_000,
    })
    if (local) void local.failed.catch((e: Error) => cluster.abort(new DistributedRunError(e.message)))
    // Ctrl-C is served between levels once the search runs; before, it ends the wait for workers.
    const onAbort = (): void => cluster.abort(new DistributedRunError('--processes: interrupted while the workers were joining'))
    options.signal?.addEventListener('abort', onAbort)
    if (options.signal?.aborted) onAbort()
    try {
      await cluster.recruit(n, local !== undefined)
      await cluster.setUp(bundle, (index) => ({
        runId: cluster.runId,
        index,
        workers: n,
        ...specOptionsOf(p, options),
        batchStates: config.batchStates ?? 2048,
        lostAfterMs: config.lostAfterMs ?? 30_000,
        ...(config.faults ? { faults: config.faults } : {}),
      }))
      options.signal?.removeEventListener('abort', onAbort)
      return await search(p, options, cluster, config, local)
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      await cluster.end()
      await nc.close()
    }
  } finally {
    await local?.close()
  }
}

function refuseUnsupported(p: Prepared, o: CheckOptions): number {
  const n = o.processes ?? 0
  if (o.processes === undefined) throw new UsageError('--nats needs --processes N (how many worker processes to wait for)')
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--processes ${n}: expected a positive whole number`)
  if (p.liveness.length > 0) {
    throw new UsageError(`--processes: liveness properties (${p.liveness.map((l) => l.name).join(', ')}) are not checked by the distributed search yet; pick safety properties with --property, or drop --processes`)
  }
  if (o.strategy !== 'bfs') throw new UsageError(`--processes: only the BFS is distributed (not --strategy ${o.strategy})`)
  if (o.workers > 1) throw new UsageError('--processes and --workers: choose one (worker threads inside worker processes are not supported yet)')
  if (o.checkpoint !== undefined || o.resume !== undefined) throw new UsageError('--processes: --checkpoint/--resume are not supported by the distributed search yet')
  if (o.memoryMiB !== undefined) throw new UsageError('--processes: --memory is not supported by the distributed search yet (no memory budget per worker)')
  if (!o.specUrl) throw new UsageError('--processes needs the spec module URL (options.specUrl), to ship the spec to the workers')
  return n
}

async function search(p: Prepared, options: CheckOptions, cluster: Cluster, config: DistributedConfig, local: LocalCluster | undefined): Promise<CheckResult> {
  const n = cluster.members.length
  const limits = new Limits(options)
  const codec = codecFor(p)
  const tracker = new SafetyTracker(p)
  const coverage = new Map<string, Coverage>()
  let total = 0
  let depth = 0
  let queuePeak = 0
  let stop: StopReason | undefined
  let decidedEarly = false
  const levels: { distinct: number; total: number }[] = []
  let stats: CommitReply[] = []
  let duplicates = 0

  // Level 1: the initial states, deduplicated and checked here in `init` order, seeded to owners.
  const inits = p.initStates()
  const initSet = new VisitedSet()
  const seed = Array.from({ length: n }, () => ({ states: [] as unknown[], hi: [] as number[], lo: [] as number[], ord: [] as number[], rank: [] as number[] }))
  let width = 0
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i]
    total++
    p.fingerprintOf(s, null)
    if (initSet.insert(fp.hi, fp.lo, -1, 0) < 0) continue
    const o = ownerOf(fp.hi, n)
    const part = seed[o]
    tracker.check(s, refOf(o, part.states.length, n))
    part.states.push(s)
    part.hi.push(fp.hi)
    part.lo.push(fp.lo)
    part.ord.push(i)
    part.rank.push(width++)
  }
  let distinct = width
  levels.push({ distinct: width, total })
  if (width > 0) depth = 1
  if (tracker.allDecided()) decidedEarly = true
  await Promise.all(
    seed.map((s, k) =>
      cluster.request(k, { kind: 'seed' }, [
        s.states.length > 0 ? codec.encode(s.states) : new Uint8Array(0),
        bytesOf(Int32Array.from(s.hi)),
        bytesOf(Int32Array.from(s.lo)),
        bytesOf(Int32Array.from(s.ord)),
        bytesOf(Int32Array.from(s.rank)),
      ]),
    ),
  )

  let level = 1
  while (width > 0 && !decidedEarly && !stop) {
    if (depth >= options.maxDepth) {
      stop = 'max-depth'
      break
    }
    stop = await limits.poll(distinct, total, width, depth)
    if (stop) break
    config.onLevel?.(level, local)
    const deadlockOpen = p.deadlock && tracker.deadlockAt === -1
    const open = p.safety.map((_, i) => i).filter((i) => tracker.decidedAt[i] === -1)
    const expands = await Promise.all(cluster.members.map((m) => cluster.request<ExpandReply>(m.index, { kind: 'expand', level, deadlockOpen })))
    const barriers = await Promise.all(
      cluster.members.map((m) => cluster.request<BarrierReply>(m.index, { kind: 'barrier', level, open, expect: expands.map((e) => e.head.sent[m.index]) })),
    )
    duplicates += barriers.reduce((s, b) => s + b.head.duplicates, 0)
    const keys = barriers.map((b) => f64(b.tails[0]))
    const close = closeLevel(tracker, n, options.maxStates - distinct, expands.map((e) => e.head), barriers.map((b) => b.head), keys)
    decidedEarly = close.decidedEarly
    stop = close.stop
    const commits = await Promise.all(cluster.members.map((m) => cluster.request<CommitReply>(m.index, { kind: 'commit', level, cut: close.cut }, [bytesOf(close.ranks[m.index])])))
    stats = commits.map((c) => c.head)
    let generated = 0
    // Coverage: actions first fired in this level enter the map in BFS order (by first key).
    const firsts = new Map<string, number>()
    for (const c of stats) {
      generated += c.generated
      for (const f of c.fired) firsts.set(f.name, Math.min(firsts.get(f.name) ?? Infinity, f.first))
    }
    for (const [name] of [...firsts].sort((a, b) => a[1] - b[1])) coverageOf(coverage, name)
    for (const c of stats) {
      for (const f of c.fired) coverageOf(coverage, f.name).fired += f.count
      for (const [name, k] of c.discovered) coverageOf(coverage, name).discovered += k
    }
    total += generated
    levels.push({ distinct: close.kept, total: generated })
    queuePeak = Math.max(queuePeak, close.kept)
    distinct += close.kept
    width = close.kept
    if (width > 0 && !decidedEarly) depth++
    level++
  }

  // Counterexamples: parent links from the owners, then a replay of the ordinals.
  const traces = new Map<number, Trace>()
  const wanted = [...tracker.decidedAt, tracker.deadlockAt].filter((r) => r >= 0)
  for (const ref of wanted) if (!traces.has(ref)) traces.set(ref, await traceOf(p, cluster, ref, n))
  config.onStats?.({
    workers: n,
    batches: stats.reduce((s, c) => s + c.batches, 0),
    batchBytes: stats.reduce((s, c) => s + c.batchBytes, 0),
    controlBytes: cluster.ctlBytes,
    workerRss: stats.map((c) => c.rss),
    workerStates: stats.map((c) => c.states),
    workerCpu: stats.map((c) => c.cpuSeconds),
    duplicates,
  })
  const result = buildResult(p, {
    tracker,
    traceTo: (ref) => traces.get(ref)!,
    stopReason: stop,
    decidedEarly,
    distinct,
    total,
    depth,
    seconds: limits.elapsed(),
    visitedBytes: stats.reduce((s, c) => s + c.visitedBytes, 0),
    queuePeak,
    levels,
    coverage,
    strategy: 'bfs',
    workers: n,
    warnings: [],
  })
  const processes: ProcessStats[] = stats.map((c, k) => ({
    host: cluster.members[k].host,
    pid: cluster.members[k].pid,
    states: c.states,
    batches: c.batches,
    batchBytes: c.batchBytes,
    peakRss: c.rss,
    cpuSeconds: c.cpuSeconds,
  }))
  return { ...result, stats: { ...result.stats, processes } }
}

/** The trace to the state `ref`: its chain of parent links, asked of their owners, replayed. */
async function traceOf(p: Prepared, cluster: Cluster, ref: number, n: number): Promise<Trace> {
  const chain: PathReply[] = []
  let owner = ref % n
  let local = Math.floor(ref / n)
  for (;;) {
    const link = (await cluster.request<PathReply>(owner, { kind: 'path', local })).head
    chain.push(link)
    if (link.parentOwner < 0) break
    owner = link.parentOwner
    local = link.parentLocal
  }
  chain.reverse()
  return { steps: replayOrdinals(p, chain.map((l) => ({ ordinal: l.ordinal, expect: { hi: l.hi, lo: l.lo } }))) }
}
