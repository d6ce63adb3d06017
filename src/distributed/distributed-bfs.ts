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
 * Liveness: given the recorder (`check` passes it when the spec has liveness properties), each
 * worker sends back with its `expand` reply every non-stuttering step of its part of the level
 * (BFS key, target fingerprint, fairness groups, target labels: `level-edges.ts`, 24 bytes a
 * step), and the coordinator records the sequential BFS's liveness graph from them, node for node
 * and edge for edge (`record-levels.ts`); the liveness pass then runs on it as after any BFS. The
 * coordinator's memory grows with the edges, as the thread engine's does. A checkpoint holds the
 * graph recorded up to its level (node ids are global BFS ranks, so any N resumes it), and a
 * resumed or recovered run goes on recording from there (what an attempt recorded past the
 * checkpoint is dropped: `GraphRecorder.reset`).
 *
 * With `--checkpoint DIR`, the coordinator writes the search as it stands at the start of a level
 * (`process-checkpoint.ts`) at the first level and every `--checkpoint-every` seconds, and at a
 * stop; `--resume DIR` hands each (fresh) worker its partition back, after re-partitioning the
 * checkpoint when it was written over another number of processes (`repartition.ts`). A worker
 * lost during a run with `--checkpoint` (died, stopped answering, lost batches) ends that run, and
 * a new one resumes from the last checkpoint: with `--processes N` alone on new local worker
 * processes, with `--nats` on the N workers that join it (the survivors rejoin by themselves; start
 * a replacement). After `recoveries` (3) of them, or without a checkpoint, the run fails (exit 3)
 * naming the checkpoint.
 *
 * Not in this landing: per-worker memory budgets, and stops
 * inside a level (a time limit or Ctrl-C is served between levels).
 */
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { UsageError, marked, option } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult } from '../core/result.ts'
import type { GraphRecorder } from '../explore/liveness/recorder.ts'
import type { Prepared } from '../explore/prepare.ts'
import { sleepSetsOff } from '../explore/sleep-sets.ts'
import { KeySoundness } from '../explore/key-soundness.ts'
import { packedRuntimeOf } from '../packed/packed-bfs.ts'
import { identityOf } from '../parallel/checkpoint-identity.ts'
import { specOptionsOf } from '../parallel/spec-options.ts'
import type { Bundle } from './bundle.ts'
import { buildBundle } from './bundle.ts'
import { Cluster, DistributedRunError, WorkerLostError } from './cluster.ts'
import { connectTo } from './connect.ts'
import { search } from './coordinator-search.ts'
import { startLocalCluster } from './local-cluster.ts'
import type { LocalCluster } from './local-cluster.ts'
import { partStates } from './part-states.ts'
import type { ProcessManifest, Resumable } from './process-checkpoint.ts'
import { ProcessCheckpointer, readProcessCheckpoint } from './process-checkpoint.ts'
import { PATIENCE_MS } from './distributed-config.ts'
import { joinProgress } from './join-progress.ts'
import type { DistributedConfig } from './distributed-config.ts'
import { DistributedRecorder } from './record-levels.ts'
import { repartition } from './repartition.ts'

export type { DistributedConfig, DistributedStats } from './distributed-config.ts'

/** `graph`: records the liveness graph during the search (`record-levels.ts`), as `check` asks
 * when the spec has liveness properties. */
export async function distributedBfs(p: Prepared, options: CheckOptions, config: DistributedConfig = {}, graph?: GraphRecorder): Promise<CheckResult> {
  const n = refuseUnsupported(p, options)
  // Partial-order reduction (sleep sets) where nothing rules it out; a checkpoint holds the sets.
  const sleep = options.por && sleepSetsOff(p, options, packedRuntimeOf(p) ? 'packed-bfs' : 'distributed-bfs') === undefined
  const identity = options.checkpoint !== undefined || options.resume !== undefined ? identityOf(p, options, sleep) : undefined
  // Read and checked, and the spec bundled, before any process starts: a bad checkpoint or a spec
  // that does not bundle fails without starting any.
  // A checkpoint of another N is re-partitioned here, in memory (`repartition.ts`).
  const read = (dir: string): Resumable & { readonly manifest: ProcessManifest } => {
    const r = readProcessCheckpoint(dir, identity!)
    if (graph && !r.graph) throw new UsageError(`${option('resume')} ${dir}: the checkpoint holds no liveness graph; refusing to resume from it`)
    return r.parts.length === n ? r : { ...repartition(r, n, partStates(p), dir), manifest: r.manifest }
  }
  let resume = options.resume !== undefined ? read(options.resume) : undefined
  let resumeDir = options.resume
  const bundle = await buildBundle(options.specUrl!)
  const started = performance.now()
  const notes: string[] = []
  for (let attempt = 0; ; attempt++) {
    const here = resume && options.checkpoint !== undefined && resolve(resumeDir!) === resolve(options.checkpoint)
    const ckpt = options.checkpoint !== undefined ? new ProcessCheckpointer(options.checkpoint, identity!, n, options.checkpointIntervalSeconds, here ? resume!.manifest : undefined) : undefined
    // The liveness graph goes on from the checkpoint's: what an attempt recorded past it is dropped.
    if (graph && resume) graph.reset()
    try {
      const ran = await runOnce(p, options, config, { n, bundle, resume, ckpt, graph, sleep, secondsBefore: attempt === 0 ? 0 : (performance.now() - started) / 1000 })
      // Where the run's checkpoint is, and what the user's --resume held (for the summary).
      const written = ckpt?.lastWritten ? { dir: ckpt.dir, distinct: ckpt.lastWritten.distinct, depth: ckpt.lastWritten.level } : undefined
      const from = options.resume !== undefined && attempt === 0 && resume ? { dir: options.resume, distinct: resume.start.distinct, total: resume.start.total } : undefined
      const result = written || from ? { ...ran, stats: { ...ran.stats, ...(written ? { checkpoint: written } : {}), ...(from ? { resumedFrom: from } : {}) } } : ran
      return notes.length > 0 ? { ...result, warnings: [...result.warnings, ...notes] } : result
    } catch (e) {
      // The checkpoint to go on from: this run's last, or (none written yet) the one it resumed.
      const at = ckpt?.lastWritten ? { dir: ckpt.dir, ...ckpt.lastWritten } : resume ? { dir: resumeDir!, level: resume.start.level, distinct: resume.start.distinct } : undefined
      if (!at || !(e instanceof UsageError)) throw e
      const what = marked(e).replace(/; the run cannot finish$/, '')
      if (ckpt && e instanceof WorkerLostError && attempt < (config.recoveries ?? 3) && !options.signal?.aborted) {
        notes.push(`${what}; resumed from the checkpoint of level ${at.level} in ${at.dir} with ${options.nats === undefined ? 'new worker processes' : 'the workers that joined again'}`)
        resumeDir = at.dir
        resume = read(at.dir)
        continue
      }
      // The run has no verdict (exit 3); a failure of a resumed run (its workers did not all join
      // again, say) names the checkpoint too. A usage error of the first run stays what it was.
      if (!(e instanceof DistributedRunError) && attempt === 0) throw e
      const again = `${option('resume')} ${at.dir} ${option('processes')} ${n}${options.nats !== undefined ? ` ${option('nats')} ${options.nats}` : ''}`
      throw new WorkerLostError(`${what}; the last checkpoint (level ${at.level}, ${at.distinct.toLocaleString('en-US')} state${at.distinct === 1 ? '' : 's'}) is in ${at.dir}: resume with ${again} and this run's parameters and flags`)
    }
  }
}

/** One run: a cluster recruited and set up, the search from the seed or a checkpoint. */
async function runOnce(
  p: Prepared,
  options: CheckOptions,
  config: DistributedConfig,
  run: { n: number; bundle: Bundle; resume: Resumable | undefined; ckpt: ProcessCheckpointer | undefined; graph: GraphRecorder | undefined; sleep: boolean; secondsBefore: number },
): Promise<CheckResult> {
  const { n, bundle } = run
  const local = options.nats === undefined ? await startLocalCluster(n) : undefined
  const url = options.nats ?? local!.url
  try {
    // The local server is ours, not a flag the user gave: a failure to reach it says so.
    const nc = await connectTo(url, local ? 'the local nats-server at' : option('nats'), `interleave-coordinator-${process.pid}`)
    const cluster = new Cluster(nc, url, randomUUID().slice(0, 8), {
      joinMs: config.joinTimeoutMs ?? (local ? 60_000 : 120_000),
      pingMs: config.pingTimeoutMs ?? PATIENCE_MS,
    })
    if (local) void local.failed.catch((e: Error) => cluster.abort(new WorkerLostError(e.message)))
    // Ctrl-C is served between levels once the search runs; before, it ends the wait for workers.
    const onAbort = (): void => cluster.abort(new DistributedRunError(`${option('processes')}: interrupted while the workers were joining`))
    options.signal?.addEventListener('abort', onAbort)
    if (options.signal?.aborted) onAbort()
    try {
      // With --nats the user starts the workers: say what the run waits for (local ones start by
      // themselves within a second or two).
      const waiting = options.nats !== undefined && options.onProgress ? joinProgress(options.onProgress, url, n, run.secondsBefore) : undefined
      try {
        await cluster.recruit(n, local !== undefined, waiting?.joined)
      } finally {
        waiting?.stop()
      }
      await cluster.setUp(bundle, (index) => ({
        runId: cluster.runId,
        index,
        workers: n,
        ...specOptionsOf(p, options),
        batchStates: config.batchStates ?? 2048,
        lostAfterMs: config.lostAfterMs ?? PATIENCE_MS,
        ...(config.faults ? { faults: config.faults } : {}),
        ...(run.graph ? { liveness: true } : {}),
        ...(run.sleep ? { sleep: true } : {}),
      }))
      options.signal?.removeEventListener('abort', onAbort)
      const rec = run.graph ? new DistributedRecorder(run.graph) : undefined
      const sound = p.model.view !== undefined || p.symmetry ? new KeySoundness(p, p.debug) : undefined
      return await search({ p, options, cluster, config, local, resume: run.resume, ckpt: run.ckpt, secondsBefore: run.secondsBefore, rec, sleep: run.sleep, ...(sound ? { sound } : {}) })
    } catch (e) {
      throw withServerNote(e, local)
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      await cluster.end()
      await nc.close()
    }
  } finally {
    await local?.close()
  }
}

/** A worker whose connection the local server closed: what the server said about it, when it
 * dropped a slow consumer (it should not with `NATS_SERVER_CONF`, but says why if it does). */
function withServerNote(e: unknown, local: LocalCluster | undefined): unknown {
  const line = local?.server.said(/slow consumer/i).pop()
  if (!(e instanceof WorkerLostError) || line === undefined) return e
  const note = line.replace(/^\[\d+\] \S+ \S+ /, '')
  return new WorkerLostError(e.message.replace(/; the run cannot finish$/, `: the nats-server dropped a slow consumer (${note}); the run cannot finish`))
}

function refuseUnsupported(p: Prepared, o: CheckOptions): number {
  const n = o.processes ?? 0
  if (o.processes === undefined) throw new UsageError(`${option('nats')} needs ${option('processes')} N (how many worker processes to wait for)`)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option('processes')} ${n}: expected a positive whole number`)
  if (o.strategy !== 'bfs') throw new UsageError(`${option('processes')}: only the BFS is distributed (not ${option('strategy')} ${o.strategy})`)
  if (o.workers > 1) throw new UsageError(`${option('processes')} and ${option('workers')}: choose one (worker threads inside worker processes are not supported yet)`)
  if (o.memoryMiB !== undefined) throw new UsageError(`${option('processes')}: ${option('memoryMiB')} is not supported by the distributed search yet (no memory budget per worker)`)
  if (!o.specUrl) throw new UsageError(`${option('processes')} needs the spec module URL (${option('specUrl')}), to ship the spec to the workers`)
  return n
}
