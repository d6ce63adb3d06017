/**
 * Worker pools. `threadPool` is ours: a fixed set of worker threads, each given at most two tasks
 * at a time (one running, one waiting, so no worker idles between a result and the next task), results
 * transferred without copying. `piscinaPool` runs the same worker module under piscina, for the
 * measured comparison in bench/parallel.ts.
 *
 * Either way a worker that dies (exit, uncaught error, out of memory) fails every pending task
 * with a `WorkerDied` error naming the worker, and `close()` terminates every thread: no run ends
 * with threads left behind.
 */
import { cpus } from 'node:os'
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'
import type { Piscina as PiscinaPool } from 'piscina'
import { ModelError } from '../core/errors.ts'
import type { Task, TaskResult } from './protocol.ts'

export interface Pool {
  readonly size: number
  /** False once a worker died: the pool must be closed, never reused. */
  readonly healthy: boolean
  /** Whether it may be kept between runs (`acquirePool`). */
  readonly reusable: boolean
  /** Ref'd threads keep the process alive (while a run waits on them); idle ones must not. */
  hold(on: boolean): void
  run(task: Task): Promise<TaskResult>
  close(): Promise<void>
}

/** A worker thread ended in the middle of a task: almost always the model's doing (process.exit, out of memory). */
export class WorkerDied extends ModelError {}

/** Worker threads started by our pools and not yet exited (tests assert that none are left behind). */
let live = 0
export const liveThreads = (): number => live

const BOOT = new URL('./boot.mjs', import.meta.url)

/**
 * The parent's node flags minus the TypeScript loader (the bootstrap registers it) and minus any
 * flag a worker thread refuses. V8 flags (`--single-threaded-gc`, `--max-semi-space-size`, ...) are
 * process-wide: they already apply to every thread, and Node refuses them in a worker's
 * `execArgv` (ERR_WORKER_INVALID_EXEC_ARGV), so a flag Node names as invalid is dropped.
 */
let execArgvForWorkers: string[] | undefined
function workerExecArgv(): string[] {
  if (execArgvForWorkers) return execArgvForWorkers
  let argv = loaderFreeExecArgv()
  while (argv.length > 0) {
    try {
      // A worker that exits at once: Node checks the flags when it makes the thread. Whatever it
      // does after that is of no interest (an error must not go unhandled).
      new Worker('', { eval: true, execArgv: argv }).on('error', () => {}).unref()
      break
    } catch (e) {
      const bad = (e as { code?: string }).code === 'ERR_WORKER_INVALID_EXEC_ARGV' ? argv.filter((a) => String((e as Error).message).includes(a)) : []
      if (bad.length === 0) {
        argv = []
        break
      }
      argv = argv.filter((a) => !bad.includes(a))
    }
  }
  execArgvForWorkers = argv
  return argv
}

function loaderFreeExecArgv(): string[] {
  const out: string[] = []
  const argv = process.execArgv
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if ((a === '--import' || a === '--require' || a === '--loader' || a === '--experimental-loader' || a === '-r') && i + 1 < argv.length) {
      i++
      continue
    }
    // Per-process flags (heap sizes, inspector) are refused by worker threads.
    if (/^--(import|require|loader|experimental-loader)=/.test(a) || /^--(inspect|max-old-space-size|max-semi-space-size|heapsnapshot|cpu-prof|prof)/.test(a)) continue
    out.push(a)
  }
  return out
}

interface Pending {
  resolve(r: TaskResult): void
  reject(e: Error): void
}

export function threadPool(size: number): Pool {
  const workers: { w: Worker; inFlight: Pending[] }[] = []
  const queue: { task: Task; pending: Pending }[] = []
  let broken: Error | undefined
  let closing = false

  const fail = (e: Error): void => {
    if (broken) return
    broken = e
    for (const slot of workers) for (const p of slot.inFlight.splice(0)) p.reject(e)
    for (const q of queue.splice(0)) q.pending.reject(e)
  }

  const pump = (): void => {
    for (let round = 0; round < 2 && queue.length > 0; round++) {
      for (const slot of workers) {
        if (queue.length === 0) return
        if (slot.inFlight.length > round) continue
        const { task, pending } = queue.shift()!
        slot.inFlight.push(pending)
        slot.w.postMessage(task)
      }
    }
  }

  for (let i = 0; i < size; i++) {
    const w = new Worker(BOOT, { workerData: { interleavePool: true }, execArgv: workerExecArgv() })
    live++
    const slot = { w, inFlight: [] as Pending[] }
    w.on('message', (r: TaskResult) => {
      const p = slot.inFlight.shift()
      p?.resolve(r)
      pump()
    })
    w.on('error', (e) => fail(new WorkerDied(workerErrorMessage(e, i, size))))
    w.on('exit', (code) => {
      live--
      if (!closing) fail(new WorkerDied(`worker thread ${i + 1} of ${size} exited (code ${code}) in the middle of the search`))
    })
    workers.push(slot)
  }

  return {
    reusable: true,
    hold(on) {
      for (const s of workers) {
        if (on) s.w.ref()
        else s.w.unref()
      }
    },
    size,
    get healthy() {
      return broken === undefined && !closing
    },
    run(task) {
      if (broken) return Promise.reject(broken)
      return new Promise<TaskResult>((resolve, reject) => {
        queue.push({ task, pending: { resolve, reject } })
        pump()
      })
    },
    async close() {
      closing = true
      await Promise.all(workers.map((s) => s.w.terminate()))
    },
  }
}

/** Piscina, loaded when a piscina pool is asked for: a worker thread loads the checker's
 * public index, and 16 ms of every thread's start went to loading a pool it never uses. */
const loadPiscina = (): typeof PiscinaPool => (createRequire(import.meta.url)('piscina') as { Piscina: typeof PiscinaPool }).Piscina

export function piscinaPool(size: number): Pool {
  const Piscina = loadPiscina()
  const piscina = new Piscina({
    filename: BOOT.href,
    minThreads: size,
    maxThreads: size,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
    execArgv: workerExecArgv(),
  })
  let healthy = true
  return {
    reusable: false,
    hold() {},
    size,
    get healthy() {
      return healthy
    },
    async run(task) {
      try {
        return (await piscina.run(task)) as TaskResult
      } catch (e) {
        healthy = false
        throw new WorkerDied(`a piscina worker failed: ${e instanceof Error ? e.message : String(e)}`)
      }
    },
    async close() {
      healthy = false
      await piscina.destroy()
    },
  }
}

/**
 * Our pools are kept between runs (checking every spec, a test suite) so that threads start once
 * and keep their compiled code warm; one idle pool per size, for the two sizes used last (a suite
 * that compares 2 and 4 workers spec after spec would otherwise start fresh threads for every run,
 * which costs more than the search on specs of a few thousand states). Their threads are unref'd,
 * so an idle pool never keeps the process alive. A run that fails or is interrupted closes its
 * pool instead (`releasePool(pool, false)`).
 */
const idle = new Map<number, Pool>()
const IDLE_SIZES = 2

export function acquirePool(kind: 'threads' | 'piscina', size: number): Pool {
  if (kind === 'piscina') return piscinaPool(size)
  const p = idle.get(size)
  idle.delete(size)
  if (p && p.healthy) {
    p.hold(true)
    return p
  }
  if (p) void p.close()
  return threadPool(size)
}

export async function releasePool(pool: Pool, reusable: boolean): Promise<void> {
  if (reusable && pool.healthy && pool.reusable) {
    const old = idle.get(pool.size)
    idle.delete(pool.size)
    if (old && old !== pool) await old.close()
    pool.hold(false)
    idle.set(pool.size, pool)
    // The least recently released sizes go.
    for (const [size, q] of idle) {
      if (idle.size <= IDLE_SIZES) break
      idle.delete(size)
      await q.close()
    }
    return
  }
  await pool.close()
}

/** Closes the idle pools kept for later runs (their threads end). For a host that wants no
 * thread left, such as a test asserting that a failed run left none behind while earlier runs in
 * the same process left their pools idle. */
export async function closeIdlePools(): Promise<void> {
  const pools = [...idle.values()]
  idle.clear()
  await Promise.all(pools.map((q) => q.close()))
}

export const defaultWorkerCount = (): number => Math.max(1, cpus().length)

/** A thread's own heap is limited like the main one (Node passes `--max-old-space-size` on), and
 * one batch of very large states can fill it: say so, rather than "crashed". */
// (`unknown`: newer @types/node type a worker's 'error' so, and a project type-checking the
// package's sources with them failed here.)
function workerErrorMessage(e: unknown, i: number, size: number): string {
  const message = e instanceof Error ? e.message : String(e)
  if ((e as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `worker thread ${i + 1} of ${size} ran out of memory (${message}): give the threads more heap (NODE_OPTIONS=--max-old-space-size=MiB), use fewer --workers, or lower the bounds`
  }
  return `worker thread ${i + 1} of ${size} crashed: ${message}`
}
