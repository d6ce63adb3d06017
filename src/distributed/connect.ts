/** Connecting to a NATS server, with the one-line errors a wrong URL or an absent server deserve. */
import type { NatsConnection } from 'nats'
import { UsageError, errorMessage } from '../core/errors.ts'

/** `nats://host:port` (or `host:port`); anything else is a usage error naming `flag`. */
export function checkUrl(url: string, flag: string): void {
  if (!/^(nats:\/\/)?[A-Za-z0-9._-]+(:\d{1,5})?\/?$/.test(url) && !/^nats:\/\/\[[0-9a-fA-F:]+\](:\d{1,5})?\/?$/.test(url)) {
    throw new UsageError(`${flag} ${url}: expected nats://host:port`)
  }
}

export async function connectTo(url: string, flag: string, name: string): Promise<NatsConnection> {
  checkUrl(url, flag)
  // Loaded here, not at the top: every process and worker thread that loads the checker's public
  // index would otherwise load the NATS client (about 44 ms) to run no distributed search.
  const { connect } = await import('nats')
  try {
    // No reconnection: a run whose connection dropped has lost messages; it fails instead.
    return await connect({ servers: url, name, timeout: 5000, reconnect: false, maxPingOut: 3, pingInterval: 10_000 })
  } catch (e) {
    throw new UsageError(`${flag} ${url}: cannot reach a NATS server there (${errorMessage(e)})`)
  }
}
