/**
 * The coordinator's search loop of a distributed run (`distributed-bfs.ts` recruits the cluster
 * and recovers from lost workers): the initial level (or a checkpoint's) handed to the owners,
 * then per level `expand`, `barrier`, the merge (`merge-level.ts`) and `commit`; checkpoints at
 * level starts; the progress line from the workers' pings; counterexamples from the owners'
 * parent links.
 */
import type { CheckOptions, ProcessProgress } from '../core/options.ts'
import type { CheckResult, ProcessStats, StopReason, Trace } from '../core/result.ts'
import { buildResult } from '../explore/build-result.ts'
import { guardedInitStates } from '../explore/step-watchdog.ts'
import { Limits } from '../explore/limits.ts'
import type { KeySoundness } from '../explore/key-soundness.ts'
import type { Prepared } from '../explore/prepare.ts'
import { replayOrdinals } from '../explore/replay-path.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { coverageOf } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import { VisitedSet } from '../explore/visited-set.ts'
import { codecFor } from '../parallel/codec.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import type { Cluster } from './cluster.ts'
import { DistributedRunError } from './cluster.ts'
import { option } from '../core/errors.ts'
import type { DistributedConfig } from './distributed-config.ts'
import type { LocalCluster } from './local-cluster.ts'
import { closeLevel, refOf } from './merge-level.ts'
import type { DistributedRecorder } from './record-levels.ts'
import type { GraphMark } from '../explore/liveness/recorder.ts'
import type { BarrierReply, CommitReply, ExpandReply, PathReply, SnapshotReply } from './messages.ts'
import type { LevelStart, PartSnapshot, ProcessCheckpointer, Resumable } from './process-checkpoint.ts'
import { bytesOf, f64, i32, ownerOf } from './wire.ts'

/** How long an interrupted run waits for a level that shows no progress (see `onInterrupt`): a
 * worker's pings also stop in its long synchronous stretches (committing a big level, a major
 * collection), which do not outlast this. */
const INTERRUPT_GRACE_MS = 30_000

export interface SearchContext {
  readonly p: Prepared
  readonly options: CheckOptions
  readonly cluster: Cluster
  readonly config: DistributedConfig
  readonly local: LocalCluster | undefined
  readonly resume: Resumable | undefined
  readonly ckpt: ProcessCheckpointer | undefined
  /** Seconds the runs before this one took (a run resumed after a lost worker): the time limit
   * and the reported time are the whole search's. */
  readonly secondsBefore: number
  /** Records the liveness graph from the workers' steps, when liveness is checked (`record-levels.ts`). */
  readonly rec: DistributedRecorder | undefined
  /** The workers run sleep sets (`--por`): the result counts the steps they skipped. */
  readonly sleep?: boolean
  /** Under a view or symmetry: compares the answers of states with one key (`key-soundness.ts`):
   * the initial states here, and with `--debug` the keys the workers met first. */
  readonly sound?: KeySoundness
}

export async function search(ctx: SearchContext): Promise<CheckResult> {
  const { p, options, cluster, config, local, ckpt } = ctx
  const n = cluster.members.length
  // Progress comes from the timer below (the workers' pings), not from the polls between levels.
  const limits = new Limits({ ...options, onProgress: undefined, timeLimitSeconds: options.timeLimitSeconds - ctx.secondsBefore })
  const elapsed = (): number => ctx.secondsBefore + limits.elapsed()
  const tracker = new SafetyTracker(p)
  const coverage = new Map<string, Coverage>()
  let stop: StopReason | undefined
  let decidedEarly = false
  let stats: CommitReply[] = []
  /** With sleep sets: the steps skipped so far. */
  let slept: number | undefined = ctx.sleep ? (ctx.resume?.start.slept ?? 0) : undefined
  /** With a constraint: the states it cut so far, and whether the last level expanded held only those. */
  let cutStates: number | undefined = p.constraint ? (ctx.resume?.start.cut ?? 0) : undefined
  let deepestCut = false
  let duplicates = 0
  let edgeBytes = 0
  const s = ctx.resume ? await restore(ctx, tracker, coverage) : await seed(ctx, tracker)
  let { level, distinct, total, depth, width, queuePeak } = s
  const levels = s.levels.map((l) => ({ ...l }))
  if (!ctx.resume && tracker.allDecided()) decidedEarly = true

  /** The coordinator's counters at the start of this level (for a checkpoint). */
  const levelStart = (): LevelStart => ({
    level,
    distinct,
    total,
    depth,
    width,
    queuePeak,
    levels: levels.map((l) => ({ ...l })),
    coverage: [...coverage].map(([name, c]) => [name, c.fired, c.discovered] as const),
    decidedAt: [...tracker.decidedAt],
    deadlockAt: tracker.deadlockAt,
    ...(slept !== undefined ? { slept } : {}),
    ...(cutStates !== undefined ? { cut: cutStates } : {}),
  })
  const progress = options.onProgress
    ? setInterval(() => {
        const { pulse, processes } = pulses(cluster, level)
        options.onProgress!({ distinct: Math.max(distinct, pulse.states), total: total + pulse.generated, queue: width, depth, seconds: elapsed(), processes })
      }, options.progressIntervalMs)
    : undefined
  progress?.unref()
  // Ctrl-C (or SIGTERM) is served between levels, after the level being expanded. Once
  // interrupted, a level whose workers report no progress for a whole INTERRUPT_GRACE_MS (a worker
  // stuck in a model step: worker processes do not time their steps) ends the run then, without
  // a result, instead of when its pings run out (2 minutes). A level that is progressing, however
  // long, and a checkpoint being written are waited for.
  let grace: ReturnType<typeof setInterval> | undefined
  let writing = false
  const graceMs = config.interruptGraceMs ?? INTERRUPT_GRACE_MS
  const onInterrupt = (): void => {
    // Sampled ten times a grace period, so the run ends when the grace has passed since the last
    // progress (sampled once a period, it took two: 64 s for the 30 s said).
    let seen = ''
    let since = performance.now()
    grace = setInterval(() => {
      const { pulse, processes } = pulses(cluster, level)
      const now = `${level} ${pulse.states} ${pulse.generated} ${processes.map((q) => q.expanded).join(',')}`
      if (writing || now !== seen) {
        seen = writing ? '' : now
        since = performance.now()
        return
      }
      if (performance.now() - since >= graceMs) {
        cluster.abort(new DistributedRunError(`${option('processes')}: interrupted, and level ${level} made no progress for ${graceMs / 1000} s (a worker stuck in a model step?); the run ends without a result`))
      }
    }, Math.max(50, graceMs / 10))
  }
  options.signal?.addEventListener('abort', onInterrupt, { once: true })
  const checkpoint = async (...a: Parameters<typeof writeCheckpoint>): Promise<void> => {
    writing = true
    try {
      await writeCheckpoint(...a)
    } finally {
      writing = false
    }
  }

  try {
    while (width > 0 && !decidedEarly && !stop) {
      if (depth >= options.maxDepth) {
        stop = 'max-depth'
        // A stop like the others: resumed with a larger --max-depth, the search goes on from here.
        if (ckpt) await checkpoint(ctx, ckpt, levelStart(), ctx.rec?.mark())
        break
      }
      stop = await limits.poll(distinct, total, width, depth)
      const at = ckpt ? levelStart() : undefined
      // The liveness graph as recorded up to this level (copied out when a checkpoint is written).
      const graphAt = ckpt ? ctx.rec?.mark() : undefined
      // Every stop leaves a checkpoint to resume from: the start of the level it cut.
      if (stop) {
        if (ckpt) await checkpoint(ctx, ckpt, at!, graphAt)
        break
      }
      if (ckpt?.due()) await checkpoint(ctx, ckpt, at!, graphAt)
      config.onLevel?.(level, local, cluster.members.map((m) => m.pid))
      const deadlockOpen = p.deadlock && tracker.deadlockAt === -1
      const open = p.safety.map((_, i) => i).filter((i) => tracker.decidedAt[i] === -1)
      const expands = await Promise.all(cluster.members.map((m) => cluster.request<ExpandReply>(m.index, { kind: 'expand', level, deadlockOpen })))
      // Under a view or symmetry with --debug: the keys each worker met first, compared across workers.
      for (const e of expands) if (e.head.keyFirsts) ctx.sound?.merge(Int32Array.from(e.head.keyFirsts))
      const barriers = await Promise.all(
        cluster.members.map((m) => cluster.request<BarrierReply>(m.index, { kind: 'barrier', level, open, expect: expands.map((e) => e.head.sent[m.index]) })),
      )
      duplicates += barriers.reduce((sum, b) => sum + b.head.duplicates, 0)
      const keys = barriers.map((b) => f64(b.tails[0]))
      const close = closeLevel(tracker, n, options.maxStates - distinct, expands.map((e) => e.head), barriers.map((b) => b.head), keys)
      if (ctx.rec) {
        for (const e of expands) edgeBytes += e.tails.reduce((sum, t) => sum + t.byteLength, 0)
        const found = ctx.rec.level(distinct - width, width, expands.map((e) => e.tails))
        if (!close.stop && found !== close.kept) throw new Error(`liveness graph: level ${level} reached ${found} new states, the owners ${close.kept}`)
      }
      decidedEarly = close.decidedEarly
      stop = close.stop
      // Before the commit, the workers still hold the level's start (a level only appends).
      if (stop && ckpt) await checkpoint(ctx, ckpt, at!, graphAt)
      const commits = await Promise.all(cluster.members.map((m) => cluster.request<CommitReply>(m.index, { kind: 'commit', level, cut: close.cut }, [bytesOf(close.ranks[m.index])])))
      stats = commits.map((c) => c.head)
      let generated = 0
      let levelCut = 0
      // Coverage: actions first fired in this level enter the map in BFS order (by first key).
      const firsts = new Map<string, number>()
      for (const c of stats) {
        generated += c.generated
        if (c.slept !== undefined) slept = (slept ?? 0) + c.slept
        if (c.cut !== undefined) {
          cutStates = (cutStates ?? 0) + c.cut
          levelCut += c.cut
        }
        for (const f of c.fired) firsts.set(f.name, Math.min(firsts.get(f.name) ?? Infinity, f.first))
      }
      for (const [name] of [...firsts].sort((a, b) => a[1] - b[1])) coverageOf(coverage, name)
      for (const c of stats) {
        for (const f of c.fired) coverageOf(coverage, f.name).fired += f.count
        for (const [name, k] of c.discovered) coverageOf(coverage, name).discovered += k
      }
      total += generated
      // (As the thread engine's driver: `Levels.deepestCut`.)
      deepestCut = width > 0 && levelCut === width
      levels.push({ distinct: close.kept, total: generated })
      queuePeak = Math.max(queuePeak, close.kept)
      distinct += close.kept
      width = close.kept
      if (width > 0 && !decidedEarly) depth++
      level++
    }
  } finally {
    clearInterval(progress)
    clearInterval(grace)
    options.signal?.removeEventListener('abort', onInterrupt)
  }

  // Counterexamples: parent links from the owners, then a replay of the ordinals.
  ctx.rec?.finish(stop, elapsed())
  const traces = new Map<number, Trace>()
  const wanted = [...tracker.decidedAt, tracker.deadlockAt].filter((r) => r >= 0)
  for (const ref of wanted) if (!traces.has(ref)) traces.set(ref, await traceOf(p, cluster, ref, n))
  config.onStats?.({
    workers: n,
    batches: stats.reduce((sum, c) => sum + c.batches, 0),
    batchBytes: stats.reduce((sum, c) => sum + c.batchBytes, 0),
    controlBytes: cluster.ctlBytes,
    workerRss: stats.map((c) => c.rss),
    workerStates: stats.map((c) => c.states),
    workerCpu: stats.map((c) => c.cpuSeconds),
    duplicates,
    ...(ctx.rec ? { edges: ctx.rec.edges, edgeBytes } : {}),
  })
  const result = buildResult(p, {
    tracker,
    traceTo: (ref) => traces.get(ref)!,
    stopReason: stop,
    decidedEarly,
    distinct,
    total,
    depth,
    seconds: elapsed(),
    visitedBytes: stats.reduce((sum, c) => sum + c.visitedBytes, 0),
    queuePeak,
    levels,
    coverage,
    strategy: 'bfs',
    workers: n,
    warnings: [],
    ...(slept !== undefined ? { slept } : {}),
    ...(cutStates !== undefined ? { cut: cutStates, deepestCut } : {}),
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

/** Level 1: the initial states, deduplicated and checked here in `init` order, seeded to owners. */
async function seed({ p, options, cluster, rec, sound }: SearchContext, tracker: SafetyTracker): Promise<LevelStart> {
  const n = cluster.members.length
  const codec = codecFor(p)
  const inits = p.initStates()
  const initSet = new VisitedSet()
  const parts = Array.from({ length: n }, () => ({ states: [] as unknown[], hi: [] as number[], lo: [] as number[], ord: [] as number[], rank: [] as number[] }))
  let width = 0
  let total = 0
  const f: Fingerprint = { hi: 0, lo: 0 }
  guardedInitStates(options.stepTimeoutSeconds, p.model.name, () => {
    for (let i = 0; i < inits.length; i++) {
      const s = inits[i]
      total++
      p.fingerprintOf(s, null, f)
      const { hi, lo } = f
      sound?.met(hi, lo, s, s, null)
      rec?.init(s, i, hi, lo)
      if (initSet.insert(hi, lo, -1, 0) < 0) continue
      const o = ownerOf(hi, n)
      const part = parts[o]
      tracker.check(s, refOf(o, part.states.length, n))
      part.states.push(s)
      part.hi.push(hi)
      part.lo.push(lo)
      part.ord.push(i)
      part.rank.push(width++)
    }
  })
  await Promise.all(
    parts.map((s, k) =>
      cluster.request(k, { kind: 'seed' }, [
        s.states.length > 0 ? codec.encode(s.states) : new Uint8Array(0),
        bytesOf(Int32Array.from(s.hi)),
        bytesOf(Int32Array.from(s.lo)),
        bytesOf(Int32Array.from(s.ord)),
        bytesOf(Int32Array.from(s.rank)),
      ]),
    ),
  )
  return { level: 1, distinct: width, total, depth: width > 0 ? 1 : 0, width, queuePeak: 0, levels: [{ distinct: width, total }], coverage: [], decidedAt: [], deadlockAt: -1 }
}

/** A checkpoint's level: the counters here, each partition to its (fresh) worker. */
async function restore({ cluster, resume, rec }: SearchContext, tracker: SafetyTracker, coverage: Map<string, Coverage>): Promise<LevelStart> {
  const s = resume!.start
  if (rec) {
    // Refused when read (`distributed-bfs.ts`), before any process started.
    const graph = resume!.graph
    if (!graph) throw new Error('liveness: the checkpoint holds no graph')
    rec.restore(graph)
    resume!.graph = undefined
  }
  tracker.restore(s.decidedAt, s.deadlockAt)
  for (const [name, fired, discovered] of s.coverage) coverage.set(name, { fired, discovered })
  await Promise.all(
    resume!.parts.map((part, k) =>
      cluster.request(k, { kind: 'restore', level: s.level }, [
        bytesOf(part.hi),
        bytesOf(part.lo),
        bytesOf(part.po),
        bytesOf(part.pl),
        bytesOf(part.ord),
        part.states,
        bytesOf(part.ranks),
        bytesOf(part.locals),
        ...(part.sleepOff && part.sleep ? [bytesOf(part.sleepOff), bytesOf(part.sleep)] : []),
      ]),
    ),
  )
  return s
}

/** Gathers each partition's new states and frontier, and writes the checkpoint of this level (with
 * the liveness graph as it stood at `graphAt`, the level's start, when liveness is checked). */
async function writeCheckpoint({ cluster, rec }: SearchContext, ckpt: ProcessCheckpointer, at: LevelStart, graphAt: GraphMark | undefined): Promise<void> {
  const snaps = await Promise.all(
    cluster.members.map(async (m): Promise<PartSnapshot> => {
      const r = await cluster.request<SnapshotReply>(m.index, { kind: 'snapshot', level: at.level, from: ckpt.written(m.index) })
      const [hi, lo, po, pl, ord] = r.tails.slice(0, 5).map(i32)
      const sleep = r.tails.length >= 10 ? { sleepOff: i32(r.tails[8]), sleep: i32(r.tails[9]) } : {}
      return { levelStart: r.head.levelStart, hi, lo, po, pl, ord, states: r.tails[5], ranks: i32(r.tails[6]), locals: i32(r.tails[7]), ...sleep }
    }),
  )
  ckpt.write(at, snaps, rec && graphAt ? rec.checkpoint(graphAt) : undefined)
}

/** Per worker, what its last ping said; and their sums for this level. */
function pulses(cluster: Cluster, level: number): { pulse: { states: number; generated: number }; processes: ProcessProgress[] } {
  const processes = cluster.members.map((m): ProcessProgress => {
    const q = cluster.pulses[m.index]
    const now = q?.level === level
    return { states: q?.states ?? 0, expanded: now ? (q.expanded ?? 0) : 0, frontier: now ? (q.frontier ?? 0) : 0 }
  })
  let generated = 0
  for (const m of cluster.members) {
    const q = cluster.pulses[m.index]
    if (q?.level === level) generated += q.generated ?? 0
  }
  return { pulse: { states: processes.reduce((sum, q) => sum + q.states, 0), generated }, processes }
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
