/**
 * `--processes N` without `--nats`: a private nats-server on a free port of 127.0.0.1 and N worker
 * processes (`interleave worker --once`) on this machine, torn down when the run ends, fails or is
 * interrupted (and killed outright if this process exits first), so no process outlives the run.
 * Limit: a coordinator killed with SIGKILL runs no exit handler; its workers, in process groups of
 * their own (so SIGKILL to the run's group does not reach them either), leave after two minutes
 * without pings (`worker.ts`; one stuck in a model step never does), and the server within a
 * second or two (a shell beside it watches this process). SIGINT, SIGTERM and SIGHUP are the
 * coordinator's to serve, which stops them all.
 *
 * The server runs with `NATS_SERVER_CONF`: by default nats-server drops a client that has not
 * read what it was sent within 10 s (a "slow consumer"), and a worker reads its socket only
 * between synchronous stretches (committing a level, a major collection), which on a loaded
 * machine outlast 10 s: 2PC with 10 RMs (plain model, 4 processes, 2026-12-05, a loaded machine)
 * had a worker's connection closed by the server 16 minutes in.
 */
import { PARENT_ENV } from './orphan-watch.ts'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { UsageError } from '../core/errors.ts'
import { workerEntry } from './worker-entry.ts'

const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url))

/** The local server's configuration (docs/distributed.md shows it for a server of your own): a
 * client may be 2 minutes behind (`PATIENCE_MS`, as long as a worker may stay silent) and have
 * 1 GiB waiting for it before the server drops it. */
export const NATS_SERVER_CONF = 'write_deadline: "120s"\nmax_pending: 1073741824\n'

export interface LocalProcess {
  readonly name: string
  readonly child: ChildProcess
  /** The last lines it wrote on stderr (for a failure message). */
  tail(): string
  /** Its last stderr lines (2,000 characters at most) that match `re`. */
  said(re: RegExp): string[]
}

export interface LocalCluster {
  readonly url: string
  readonly server: LocalProcess
  readonly workers: readonly LocalProcess[]
  /** Rejects when any of them exits before `close`. */
  readonly failed: Promise<never>
  close(): Promise<void>
}

/** nats-server from `INTERLEAVE_NATS_SERVER`, the Debian package or PATH; a one-line error when there is none. */
export function natsServerPath(): string {
  const given = process.env.INTERLEAVE_NATS_SERVER
  if (given !== undefined) {
    if (existsSync(given)) return given
    throw new UsageError(`nats-server not found at ${given} (INTERLEAVE_NATS_SERVER; apt-get install nats-server)`)
  }
  const dirs = ['/usr/sbin', '/usr/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(delimiter)]
  for (const d of dirs) {
    const f = join(d, 'nats-server')
    if (d && existsSync(f)) return f
  }
  throw new UsageError('nats-server not found (apt-get install nats-server)')
}

export async function startLocalCluster(n: number): Promise<LocalCluster> {
  const bin = natsServerPath()
  const port = await freePort()
  const url = `nats://127.0.0.1:${port}`
  const live = new Set<ChildProcess>()
  const killAll = (): void => {
    for (const c of live) c.kill('SIGKILL')
  }
  process.on('exit', killAll)
  let closing = false
  let fail: (e: Error) => void = () => {}
  const failed = new Promise<never>((_, reject) => (fail = reject))
  failed.catch(() => {})
  const start = (name: string, cmd: string, args: string[], detached: boolean): LocalProcess => {
    // (The workers end themselves once this process is gone: `orphan-watch.ts`.)
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached, env: { ...process.env, [PARENT_ENV]: String(process.pid) } })
    live.add(child)
    let err = ''
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)))
    // What it said about an error (its progress lines are left out of failure messages).
    const said = (re: RegExp): string[] => err.split('\n').filter((l) => re.test(l))
    const proc = { name, child, said, tail: () => said(/error/i).slice(-2).join(' | ') }
    child.on('exit', (code, signal) => {
      live.delete(child)
      if (closing) return
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`
      const why = proc.tail()
      fail(new LocalExit(`${name} (pid ${child.pid}) ${how}${why ? `: ${why}` : ''}`))
    })
    return proc
  }
  // The server and the workers in process groups of their own, so that a signal to this process's
  // group (Ctrl-C in the terminal, `timeout`'s SIGTERM, a CI job cancelled) reaches only this
  // process, which ends the run as interrupted and then stops them. (With the workers in its
  // group, a group SIGTERM killed them first, and the run ended in a lost-worker error.)
  const confDir = mkdtempSync(join(tmpdir(), 'interleave-nats-'))
  const conf = join(confDir, 'nats-server.conf')
  writeFileSync(conf, NATS_SERVER_CONF)
  // Through a small shell that stops the server (and removes its folder) once this process is
  // gone: a coordinator killed with SIGKILL runs no handler, and its server stayed up for good.
  // The shell waits on the server, and passes it SIGTERM/SIGINT/SIGHUP; a watcher beside it
  // polls this process once a second.
  const watch = [
    '"$0" -c "$1" -a 127.0.0.1 -p "$2" & s=$!',
    `(while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill $s 2>/dev/null) & w=$!`,
    "trap 'kill $s 2>/dev/null' TERM INT HUP",
    'wait $s; r=$?; wait $s 2>/dev/null; kill $w 2>/dev/null',
    // (The coordinator gone, nobody else removes the server's folder.)
    `kill -0 ${process.pid} 2>/dev/null || rm -rf "$3"`,
    'exit $r',
  ].join('\n')
  const server = start('the local nats-server', '/bin/sh', ['-c', watch, bin, conf, String(port), confDir], true)
  const workers: LocalProcess[] = []
  const close = async (): Promise<void> => {
    closing = true
    const all = [...live]
    for (const c of all) c.kill('SIGTERM')
    await Promise.all(
      all.map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r()
            const t = setTimeout(() => {
              c.kill('SIGKILL')
              r()
            }, 2000)
            c.once('exit', () => {
              clearTimeout(t)
              r()
            })
          }),
      ),
    )
    process.off('exit', killAll)
    rmSync(confDir, { recursive: true, force: true })
  }
  try {
    const [entry] = await Promise.all([workerEntry(), Promise.race([waitForPort(port), failed])])
    // The bundled worker (`worker-entry.ts`), or the sources through tsx if there is none.
    const code = entry ? [entry] : ['--import', 'tsx', MAIN, 'worker']
    for (let k = 0; k < n; k++) {
      workers.push(start(`worker process ${k + 1} of ${n}`, process.execPath, [...workerNodeArgs(), ...code, '--nats', url, '--once'], true))
    }
  } catch (e) {
    await close()
    throw e
  }
  return { url, server, workers, failed, close }
}

/**
 * Debugging only: extra Node flags for the local worker processes, from `INTERLEAVE_WORKER_NODE_ARGS`
 * (space-separated), e.g. `--cpu-prof --cpu-prof-dir=prof` to profile each worker (Node refuses
 * `--cpu-prof` in NODE_OPTIONS). Flags with spaces in them are not supported.
 */
function workerNodeArgs(): string[] {
  return (process.env.INTERLEAVE_WORKER_NODE_ARGS ?? '').split(' ').filter((a) => a.length > 0)
}

/** A process of the local cluster ended before the run did. */
export class LocalExit extends Error {}

/** A TCP port of 127.0.0.1 free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => resolve(port))
    })
  })
}

/** Resolves once 127.0.0.1:port accepts connections (5 s at most). */
export async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net')
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((r) => {
      const sock = connect(port, '127.0.0.1')
      sock.once('connect', () => {
        sock.destroy()
        r(true)
      })
      sock.once('error', () => r(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new UsageError(`the local nats-server did not open port ${port} within 5 s`)
}
