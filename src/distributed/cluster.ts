/**
 * The coordinator's view of its workers: recruiting them over NATS (hello → join, code hash
 * checked), shipping the bundle, request/reply with each, and the watch that turns a worker gone
 * (its connection closed, no answer to pings, its local process exited) into a clear failure.
 */
import { hostname } from 'node:os'
import type { NatsConnection } from 'nats'
import { ModelError, UsageError, errorMessage, option } from '../core/errors.ts'
import type { Bundle } from './bundle.ts'
import { codeHash } from './code-hash.ts'
import type { Pulse, RunSetup } from './messages.ts'
import type { JoinReply, JoinRequest } from './worker.ts'
import type { WireError } from './wire.ts'
import type { Hello, Parted } from './wire.ts'
import { HELLO, PART_BYTES, concat, frame, subjects, unframe } from './wire.ts'

/** A run that cannot finish because a worker (or the server) is gone or lost messages: no
 * verdict, exit 3 (`cli/main.ts` reads `noVerdict`). A UsageError so that every reporter prints
 * it as the one line it is (`report/error-line.ts`), never as an internal error. */
export class DistributedRunError extends UsageError {
  readonly noVerdict = true
}

/** A worker gone (died, stopped answering, lost batches): with `--checkpoint`, the run can go on
 * from its last checkpoint with new workers (`distributed-bfs.ts`). */
export class WorkerLostError extends DistributedRunError {}

export interface Member extends JoinRequest {
  readonly index: number
}

export interface ClusterTimeouts {
  /** How long to wait for all workers to join. */
  readonly joinMs: number
  /** A worker that does not answer a ping for this long has stopped. */
  readonly pingMs: number
}

export class Cluster {
  readonly members: Member[] = []
  /** Rejects (once) when the run must fail: a worker gone, the server gone. */
  readonly failed: Promise<never>
  private fail: (e: Error) => void = () => {}
  private pinger: ReturnType<typeof setInterval> | undefined
  readonly refused: string[] = []
  /** Each member's last ping reply (progress). */
  readonly pulses: (Pulse | undefined)[] = []
  private readonly subj: ReturnType<typeof subjects>
  ctlBytes = 0

  constructor(
    readonly nc: NatsConnection,
    readonly url: string,
    readonly runId: string,
    private readonly timeouts: ClusterTimeouts,
  ) {
    this.subj = subjects(runId)
    this.failed = new Promise<never>((_, reject) => (this.fail = reject))
    this.failed.catch(() => {})
    void nc.closed().then((err) => this.abort(new DistributedRunError(`the NATS server at ${url} went away${err ? ` (${errorMessage(err)})` : ''}`)))
  }

  abort(e: Error): void {
    this.fail(e)
  }

  /** The run's error when the NATS server went away (`code`: the client's, where it said one). */
  private serverGone(code: string | undefined): DistributedRunError {
    return new DistributedRunError(`the NATS server at ${this.url} went away${code ? ` (${code})` : ''}`)
  }

  /** Waits for `n` workers with this checkout's code hash; others are refused (and told why).
   * Those that joined are pinged from the start: a worker that hears no coordinator for a while
   * leaves the run (`worker.ts`), and the last may join long after the first. `onJoined`: told
   * how many have joined, at the start and as each joins (the CLI's waiting line). */
  async recruit(n: number, local: boolean, onJoined?: (joined: number) => void): Promise<void> {
    const mine = codeHash()
    this.pinger ??= setInterval(() => this.pingAll(), 1000)
    let done: () => void = () => {}
    const all = new Promise<void>((r) => (done = r))
    const ids = new Set<string>()
    const sub = this.nc.subscribe(this.subj.join, {
      callback: (err, msg) => {
        if (err) return
        const req = unframe<JoinRequest>(msg.data).head
        let reply: JoinReply
        if (req.codeHash !== mine) {
          const reason = `worker on ${req.host} (pid ${req.pid}) refused: its interleave code (hash ${req.codeHash}) differs from the coordinator's (${mine}); run the same version on every machine`
          this.refused.push(reason)
          reply = { ok: false, reason, fatal: true }
        } else if (this.members.length >= n || ids.has(req.id)) reply = { ok: false, reason: 'the run is full', fatal: false }
        else {
          ids.add(req.id)
          const index = this.members.length
          this.members.push({ ...req, index })
          reply = { ok: true, index }
        }
        msg.respond(frame(reply))
        if (reply.ok) onJoined?.(this.members.length)
        if (this.members.length === n) done()
      },
    })
    const hello = (): void => this.nc.publish(HELLO, frame({ runId: this.runId, codeHash: mine } satisfies Hello))
    onJoined?.(this.members.length)
    hello()
    const again = setInterval(hello, 500)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const got = this.members.length
        const how = local ? 'the local worker processes did not all start' : `start them with: npx interleave worker --nats ${this.url}`
        const refused = this.refused.length > 0 ? `; ${this.refused.length} refused: ${this.refused[0]}` : ''
        reject(new UsageError(`${option('nats')} ${this.url}: ${got} of ${n} workers joined within ${this.timeouts.joinMs / 1000} s (${how})${refused}`))
      }, this.timeouts.joinMs)
    })
    try {
      await Promise.race([all, timeout, this.failed])
    } finally {
      clearInterval(again)
      clearTimeout(timer)
      sub.unsubscribe()
    }
  }

  /** Ships the bundle and the setup to every worker. */
  async setUp(bundle: Bundle, setup: (index: number) => RunSetup): Promise<void> {
    await Promise.all(this.members.map((m) => this.request(m.index, { kind: 'setup', hash: bundle.hash, setup: setup(m.index) }, [bundle.bytes])))
  }

  private pingAll(): void {
    for (const m of this.members) {
      this.nc.request(this.subj.ping(m.id), frame({}), { timeout: this.timeouts.pingMs }).then(
        (msg) => void (this.pulses[m.index] = unframe<Pulse>(msg.data).head),
        (e: unknown) => {
          const code = (e as { code?: string }).code
          // (A ping lost with the server is not the worker's fault: the close says what happened.)
          if (this.nc.isClosed() || code === 'CONNECTION_CLOSED' || code === 'DISCONNECT') return this.abort(this.serverGone(code))
          const what = code === '503' ? 'is gone (its NATS connection closed)' : `stopped answering (no reply to a ping for ${this.timeouts.pingMs / 1000} s)`
          this.abort(new WorkerLostError(`${describe(m)} ${what}; the run cannot finish`))
        },
      )
    }
  }

  /** One control request to worker `k`, in parts when its frame or the reply's is large
   * (`PART_BYTES`); its error reply is thrown as the error it was. One request at a time per
   * worker (as the search makes them): the parts of two would mix. */
  async request<H>(k: number, head: unknown, tails: readonly Uint8Array[] = []): Promise<{ head: H; tails: Uint8Array[] }> {
    const m = this.members[k]
    let data = frame(head, tails)
    if (data.byteLength > PART_BYTES) {
      for (let at = 0; at < data.byteLength; at += PART_BYTES) await this.send(m, frame({ kind: 'part' }, [data.subarray(at, at + PART_BYTES)]))
      data = frame({ kind: 'parted' })
    }
    let reply = await this.send(m, data)
    const first = unframe<Parted>(reply)
    if (first.head.parted !== undefined) {
      const parts = [first.tails[0]]
      for (let got = parts[0].byteLength; got < first.head.parted; got += parts[parts.length - 1].byteLength) {
        const part = unframe(await this.send(m, frame({ kind: 'more' }))).tails[0]
        if (!part?.byteLength) throw new Error(`${describe(m)}: a reply in parts ended early`)
        parts.push(part)
      }
      reply = concat(parts)
    }
    const r = unframe<H & { error?: WireError }>(reply)
    const err = r.head.error
    if (err) {
      if (err.kind === 'model') throw new ModelError(err.message)
      if (err.kind === 'usage') throw new UsageError(err.message)
      if (err.kind === 'lost') throw new WorkerLostError(err.message)
      throw new Error(`${describe(m)}: ${err.message}`)
    }
    return r
  }

  /** One control frame to `m` and its reply, or the run's failure. */
  private async send(m: Member, data: Uint8Array): Promise<Uint8Array> {
    this.ctlBytes += data.byteLength
    const msg = await Promise.race([this.nc.request(this.subj.ctl(m.id), data, { timeout: 24 * 3600_000 }), this.failed]).catch((e: unknown) => {
      const code = (e as { code?: string }).code
      // The server gone: pending requests fail (TIMEOUT, though a day was allowed) before the
      // connection's close is reported; that is the run's error, not an internal one.
      if (this.nc.isClosed() || code === 'TIMEOUT' || code === 'CONNECTION_CLOSED' || code === 'DISCONNECT') throw this.serverGone(code)
      if (code === '503') throw new WorkerLostError(`${describe(m)} is gone (its NATS connection closed); the run cannot finish`)
      throw e
    })
    this.ctlBytes += msg.data.byteLength
    return msg.data
  }

  /** Ends the run on every worker still there (best effort), and stops watching. */
  async end(): Promise<void> {
    clearInterval(this.pinger)
    await Promise.all(
      this.members.map((m) =>
        this.nc.request(this.subj.ctl(m.id), frame({ kind: 'end' }), { timeout: 2000 }).then(
          () => {},
          () => {},
        ),
      ),
    )
  }
}

export const describe = (m: Member): string => `worker ${m.index} (${m.host === hostname() ? '' : `${m.host}, `}pid ${m.pid})`
