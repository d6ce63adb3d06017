/**
 * `npx interleave worker --nats nats://host:4222 [--once]`: a generic worker process for distributed
 * runs (`distributed/worker.ts`). It serves runs one after another until the server goes away or
 * it is stopped; `--once` serves one run and exits (the workers `check --processes` starts).
 */
import { watchForOrphaning } from '../distributed/orphan-watch.ts'
import { UsageError } from '../core/errors.ts'
import { runWorker } from '../distributed/worker.ts'
import { exitWhenFlushed } from './exit-when-flushed.ts'

const USAGE = 'usage: npx interleave worker --nats nats://host:4222 [--once] [--quiet]'

export async function run(argv: readonly string[]): Promise<number> {
  let url: string | undefined
  let once = false
  let quiet = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`)
      return 0
    } else if (a === '--once') once = true
    else if (a === '--quiet') quiet = true
    else if (a === '--nats') url = argv[++i]
    else if (a.startsWith('--nats=')) url = a.slice('--nats='.length)
    else throw new UsageError(`worker: unknown argument ${a} (${USAGE})`)
  }
  if (!url) throw new UsageError(`worker: --nats URL is required (${USAGE})`)
  // Errors are always printed; the rest only without --quiet.
  const log = (line: string): void => {
    if (!quiet || line.startsWith('error')) process.stderr.write(`${line}\n`)
  }
  // A worker of `check --processes` runs in a process group of its own (`local-cluster.ts`), but a
  // Ctrl-C meant for its coordinator may still reach it (a terminal's foreground group set by
  // hand): the coordinator serves it (it ends the run and stops its workers), not each worker.
  if (once) process.on('SIGINT', () => {})
  watchForOrphaning()
  // Profiling (`INTERLEAVE_WORKER_NODE_ARGS`, `distributed/local-cluster.ts`): Node writes the
  // profile on exit, not when a signal kills the process, and the run's end sends SIGTERM.
  if (process.execArgv.includes('--cpu-prof')) process.on('SIGTERM', () => process.exit(143))
  const code = await runWorker({ url, once, log })
  // Done (its server lost, refused, or --once served): a run's timers or its loaded model may still
  // hold the event loop, and a worker that said "lost the NATS server" stayed up for ever. It
  // ends a moment later whatever is left (unref'd: a clean exit is not delayed).
  exitWhenFlushed(code)
  return code
}
