/**
 * The options of a distributed run (`distributedBfs`) and what it reports it cost: in a file of
 * their own, so that the coordinator's search loop (coordinator-search.ts) and the run that
 * recruits the cluster (distributed-bfs.ts) both read them without importing each other.
 */
import type { LocalCluster } from './local-cluster.ts'
import type { RunSetup } from './messages.ts'

/**
 * How long a silent worker or a missing batch is waited for before the run fails: 2 minutes. A
 * worker answers pings only between its synchronous stretches (committing a level, sorting its
 * keys, a major collection); with millions of states per partition on a machine loaded ten-fold, one
 * of those outlasted 30 s (2PC with 10 RMs, plain model, 4 processes at nice 5, 2026-12-05: a
 * live worker was declared gone after 12 minutes). A worker that dies is still noticed at once
 * (its process exits or its connection closes).
 */
export const PATIENCE_MS = 120_000

export interface DistributedConfig {
  /** States per successor batch (default 2,048). */
  readonly batchStates?: number
  /** A batch announced at a barrier and missing this long is lost: the run fails (default
   * `PATIENCE_MS`). */
  readonly lostAfterMs?: number
  /** Test hook: fault injection on the wire (`RunSetup.faults`). */
  readonly faults?: RunSetup['faults']
  readonly joinTimeoutMs?: number
  /** A worker that answers no ping this long has stopped (default `PATIENCE_MS`). */
  readonly pingTimeoutMs?: number
  /** Interrupted, the run ends without a result once the level being expanded has shown no
   * progress for this long (default 30 s: `coordinator-search.ts`). */
  readonly interruptGraceMs?: number
  /** Test hook: called before each level is expanded, with the local cluster if there is one and
   * the workers' process ids (in worker order). */
  readonly onLevel?: (level: number, local: LocalCluster | undefined, pids: readonly number[]) => void
  /** What the run cost, for the bench. */
  readonly onStats?: (s: DistributedStats) => void
  /** Runs resumed from the checkpoint after a lost worker, at most (default 3). */
  readonly recoveries?: number
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
  /** With liveness: the steps the workers sent back for the liveness graph (edges, not stutters),
   * and their bytes in the `expand` replies (part of `controlBytes`). */
  readonly edges?: number
  readonly edgeBytes?: number
}
