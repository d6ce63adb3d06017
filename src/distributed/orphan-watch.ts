/**
 * A worker process of `check --processes` started on this machine ends itself once its
 * coordinator is gone. Normally it would see the local nats-server go (that server's shell
 * watchdog stops it with the coordinator) and exit; but a worker whose model step never returns
 * runs no event loop, and a coordinator killed with SIGKILL left it spinning at 100% CPU for good.
 * A thread of its own, which the stuck main thread does not block, watches the parent pid and
 * kills the process when it changes (the process is reparented when its parent dies).
 */
import { Worker } from 'node:worker_threads'

/** The environment variable the local cluster sets to the coordinator's pid. */
export const PARENT_ENV = 'INTERLEAVE_COORDINATOR_PID'

/** Starts the watch when this process was started by a local cluster (see `PARENT_ENV`). */
export function watchForOrphaning(): void {
  const parent = Number(process.env[PARENT_ENV])
  if (!Number.isSafeInteger(parent) || parent <= 0) return
  // Plain JavaScript, evaluated: it must not load the checker (or tsx) a second time.
  const code = `setInterval(() => { if (process.ppid !== ${parent}) process.kill(process.pid, 'SIGKILL') }, 1000)`
  new Worker(code, { eval: true }).unref()
}
