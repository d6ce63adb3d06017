/** Connecting to a NATS server, with the one-line errors a wrong URL or an absent server deserve. */
import type { NatsConnection } from 'nats'
import { UsageError, errorMessage } from '../core/errors.ts'

/** `nats://host:port` (or `host:port`); anything else is a usage error naming `flag`. */
export function checkUrl(url: string, flag: string): void {
  if (!/^(nats:\/\/)?[A-Za-z0-9._-]+(:\d{1,5})?\/?$/.test(url) && !/^nats:\/\/\[[0-9a-fA-F:]+\](:\d{1,5})?\/?$/.test(url)) {
    throw new UsageError(`${flag} ${url}: expected nats://host:port`)
  }
}

/** How long a connection waits for a server to greet it: `INTERLEAVE_NATS_CONNECT_TIMEOUT_MS`,
 * else 5 s (a link slower than that to its server can raise it; a test of an address that
 * accepts connections but never answers lowers it rather than wait). */
export function connectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.INTERLEAVE_NATS_CONNECT_TIMEOUT_MS
  if (v === undefined || v === '') return 5000
  const n = Number(v)
  if (!/^\d+$/.test(v) || n < 1 || n > 600_000) throw new UsageError(`INTERLEAVE_NATS_CONNECT_TIMEOUT_MS=${v}: expected a whole number of milliseconds from 1 to 600000`)
  return n
}

export async function connectTo(url: string, flag: string, name: string): Promise<NatsConnection> {
  checkUrl(url, flag)
  const timeout = connectTimeoutMs()
  // Loaded here, not at the top: every process and worker thread that loads the checker's public
  // index would otherwise load the NATS client (about 44 ms) to run no distributed search.
  const { connect } = await import('nats')
  try {
    // No reconnection: a run whose connection dropped has lost messages; it fails instead.
    return await connect({ servers: url, name, timeout, reconnect: false, maxPingOut: 3, pingInterval: 10_000 })
  } catch (e) {
    throw new UsageError(`${flag} ${url}: cannot reach a NATS server there (${errorMessage(e)})`)
  }
}
