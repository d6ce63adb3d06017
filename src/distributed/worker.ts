/**
 * A generic worker process (`npx interleave worker --nats nats://host:4222`): it knows no spec. It
 * waits on `interleave.hello` for a coordinator's run, asks to join it (with its code hash), then
 * receives the run's bundle (spec and search code, checked against its SHA-256) and serves the
 * coordinator's requests for its partition (`partition-run.ts`) until the run ends; then it waits
 * for the next run (or exits, with `once`).
 *
 * A worker refused for its code hash exits with 2 and says why. A worker whose coordinator stops
 * pinging it (gone, or killed) leaves that run after `abandonAfterMs` and waits for the next.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Msg, NatsConnection, Subscription } from 'nats'
import { errorMessage } from '../core/errors.ts'
import { sha256, writeBundle } from './bundle.ts'
import { codeHash } from './code-hash.ts'
import { connectTo } from './connect.ts'
import type { Pulse, Request, RunSetup } from './messages.ts'
import type { PartitionRun } from './partition-run.ts'
import type { Hello, WireError } from './wire.ts'
import { HELLO, PART_BYTES, concat, frame, subjects, unframe } from './wire.ts'
import { PATIENCE_MS } from './distributed-config.ts'

export interface WorkerOptions {
  readonly url: string
  /** Serve one run, then exit (the workers `--processes` starts). */
  readonly once: boolean
  readonly log: (line: string) => void
  /** A coordinator that sends no ping this long is gone (default `PATIENCE_MS`). */
  readonly abandonAfterMs?: number
}

export interface JoinRequest {
  readonly id: string
  readonly codeHash: string
  readonly host: string
  readonly pid: number
}
export type JoinReply = { readonly ok: true; readonly index: number } | { readonly ok: false; readonly reason: string; readonly fatal: boolean }

/** `setup` carries the bundle as its tail; `part`, `parted` and `more` carry a large frame (`PART_BYTES`). */
type Ctl =
  | Request
  | { readonly kind: 'setup'; readonly hash: string; readonly setup: RunSetup }
  | { readonly kind: 'part' }
  | { readonly kind: 'parted' }
  | { readonly kind: 'more' }
type Served = Exclude<Ctl, { readonly kind: 'part' | 'parted' | 'more' }>

interface BundleModule {
  readonly spec: unknown
  readonly createRun: (nc: NatsConnection, spec: unknown, setup: RunSetup) => PartitionRun
}

/** Runs until the server goes away, or after one run with `once`; returns the exit code. */
export async function runWorker(o: WorkerOptions): Promise<number> {
  const nc = await connectTo(o.url, '--nats', `interleave-worker-${hostname()}-${process.pid}`)
  const id = randomUUID().slice(0, 8)
  let busy = false
  let exit: (code: number) => void = () => {}
  const finished = new Promise<number>((r) => (exit = r))
  // Closed by this worker only once it is done (below): any other close is the server lost, with
  // or without an error from the client (a server killed closes it without one: that read
  // "disconnected", exit 0).
  let closing = false
  void nc.closed().then((err) => {
    if (closing) return
    o.log(`error: lost the NATS server at ${o.url}${err ? ` (${errorMessage(err)})` : ''}`)
    exit(2)
  })

  const serve = async (runId: string): Promise<void> => {
    busy = true
    const s = subjects(runId)
    let run: PartitionRun | undefined
    let index = -1
    /** A request arriving in parts, and what is left of a reply sent in parts. */
    let partsIn: Uint8Array[] = []
    let replyLeft: Uint8Array = new Uint8Array(0)
    const joined = (): { head: Served; tails: Uint8Array[] } => {
      const r = unframe<Served>(concat(partsIn))
      partsIn = []
      return r
    }
    const respond = (msg: Msg, bytes: Uint8Array): void => {
      if (bytes.byteLength <= PART_BYTES) return void msg.respond(bytes)
      replyLeft = bytes.subarray(PART_BYTES)
      msg.respond(frame({ parted: bytes.byteLength }, [bytes.subarray(0, PART_BYTES)]))
    }
    let queue = Promise.resolve()
    let lastPing = performance.now()
    const subs: Subscription[] = []
    const leave = (): void => {
      clearInterval(watch)
      for (const sub of subs) sub.unsubscribe()
      run?.close()
      busy = false
    }
    const onCtl = async (msg: Msg): Promise<void> => {
      lastPing = performance.now()
      const framed = unframe<Ctl>(msg.data)
      const h = framed.head
      if (h.kind === 'part') {
        partsIn.push(framed.tails[0])
        msg.respond(frame({ ok: true }))
        return
      }
      if (h.kind === 'more') {
        msg.respond(frame({ ok: true }, [replyLeft.subarray(0, PART_BYTES)]))
        replyLeft = replyLeft.subarray(PART_BYTES)
        return
      }
      // A request that came in parts is served as if it came whole.
      const { head, tails } = h.kind === 'parted' ? joined() : { head: h, tails: framed.tails }
      if (head.kind === 'setup') {
        try {
          run = await load(nc, tails[0], head.hash, head.setup)
          index = head.setup.index
          msg.respond(frame({ ok: true }))
        } catch (e) {
          const error: WireError = { kind: 'usage', message: `worker ${head.setup.index} (${hostname()}, pid ${process.pid}) cannot load the spec: ${errorMessage(e).split('\n')[0]}` }
          msg.respond(frame({ error }))
        }
        return
      }
      if (!run && head.kind === 'end') {
        // The run failed before it started (another worker never joined, or could not load).
        msg.respond(frame({ ok: true }))
        leave()
        if (o.once) exit(3)
        return
      }
      if (!run) {
        msg.respond(frame({ error: { kind: 'internal', message: `worker ${id}: ${head.kind} before setup` } satisfies WireError }))
        return
      }
      respond(msg, await run.handle(head, tails))
      if (head.kind === 'end') {
        o.log(`run ${runId} ended (worker ${index})`)
        leave()
        if (o.once) exit(0)
      }
    }
    // Every request is answered, even when serving it threw: the coordinator waits for the reply,
    // and a rejected link would leave the queue serving nothing more.
    const serveCtl = (msg: Msg): Promise<void> =>
      onCtl(msg).catch((e: unknown) => {
        o.log(`error: run ${runId}: ${errorMessage(e).split('\n')[0]}`)
        try {
          msg.respond(frame({ error: { kind: 'internal', message: `worker ${id}: ${errorMessage(e)}` } satisfies WireError }))
        } catch {
          // The connection is gone: the coordinator finds out from NATS.
        }
      })
    subs.push(nc.subscribe(s.ctl(id), { callback: (err, msg) => (err ? undefined : (queue = queue.then(() => serveCtl(msg)))) }))
    subs.push(
      nc.subscribe(s.ping(id), {
        callback: (err, msg) => {
          if (err) return
          lastPing = performance.now()
          msg.respond(frame({ rss: process.memoryUsage.rss(), ...run?.progress() } satisfies Pulse))
        },
      }),
    )
    // A coordinator that stopped pinging is gone: leave its run.
    const watch = setInterval(() => {
      if (performance.now() - lastPing > (o.abandonAfterMs ?? PATIENCE_MS)) {
        o.log(`run ${runId}: the coordinator stopped answering; leaving the run`)
        leave()
        if (o.once) exit(3)
      }
    }, 1000)
    let reply: JoinReply
    try {
      const req: JoinRequest = { id, codeHash: codeHash(), host: hostname(), pid: process.pid }
      reply = unframe<JoinReply>((await nc.request(s.join, frame(req), { timeout: 5000 })).data).head
    } catch {
      leave()
      return
    }
    if (!reply.ok) {
      leave()
      if (reply.fatal) {
        o.log(`error: ${reply.reason}`)
        exit(2)
      }
      return
    }
    o.log(`joined run ${runId} as worker ${reply.index}`)
  }

  nc.subscribe(HELLO, {
    callback: (err, msg) => {
      if (err || busy) return
      const hello = unframe<Hello>(msg.data).head
      // Checked here as well as by the coordinator: a worker with other code never joins.
      if (hello.codeHash !== codeHash()) {
        o.log(`error: refused: this worker's interleave code (hash ${codeHash()}) differs from the coordinator's (${hello.codeHash}) at ${o.url}; run the same version on every machine`)
        exit(2)
        return
      }
      void serve(hello.runId)
    },
  })
  o.log(`worker ${id} (code ${codeHash()}) waiting for runs on ${o.url}`)
  const code = await finished
  closing = true
  if (!nc.isClosed()) await nc.close()
  return code
}

async function load(nc: NatsConnection, bytes: Uint8Array, hash: string, setup: RunSetup): Promise<PartitionRun> {
  if (sha256(bytes) !== hash) throw new Error(`the bundle received does not match its hash ${hash.slice(0, 16)} (damaged in transit)`)
  // The bundle's inline source map names the model's files in stack traces (model errors cite the
  // user's frame, as on threads); a worker started from the built entry has no loader that
  // enables source maps.
  process.setSourceMapsEnabled(true)
  const mod = (await import(writeBundle(bytes, hash))) as BundleModule
  return mod.createRun(nc, mod.spec, setup)
}
