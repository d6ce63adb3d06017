/**
 * The explorer's HTTP server (Node's `http`, no dependency): the page at `/`, the JSON API
 * (`api.ts`) under `/api/`. Bound to 127.0.0.1 only: it serves a model's states to anyone who
 * can connect, and runs the model's code on their request. Requests whose Host header is not
 * this loopback address (a DNS-rebinding page in the user's browser) are refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import { MAX_PATH_LENGTH } from './path.ts'
import type { AddressInfo } from 'node:net'
import { UsageError, option } from '../core/errors.ts'
import { handleApi } from './api.ts'
import { EXPLORER_PAGE } from './page.ts'
import type { ExplorerSession } from './session.ts'

export const HOST = '127.0.0.1'
export const DEFAULT_PORT = 3000
/** An uploaded trace larger than this is refused (413): the bundled traces are a few KiB. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

export interface RunningExplorer {
  readonly url: string
  readonly port: number
  /** Stops accepting connections and closes the open ones (browsers keep them alive). */
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

const PAGE_HEADERS = {
  ...SECURITY_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'",
}

/** Request headers (the URL included) the server reads: room for the longest path it accepts. */
const MAX_HEADER_BYTES = 8 * 1024 + 6 * MAX_PATH_LENGTH

/** Starts the server on `port` (0: a free one). A port in use or not allowed is a `UsageError`. */
export function startExplorer(session: ExplorerSession, port = DEFAULT_PORT): Promise<RunningExplorer> {
  let hosts = new Set<string>()
  // A path of MAX_PATH_LENGTH steps is up to 6 characters a step in the URL: Node's default 16 KiB
  // of headers would refuse it (a bare 431) long before the path's own limit answers in JSON.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    serve(session, hosts, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new UsageError(`port ${port} is in use (choose another with ${option('port')} N, or ${option('port')} 0 for a free one)`))
      else if (e.code === 'EACCES') reject(new UsageError(`port ${port}: not allowed to listen on it (choose one above 1023, or ${option('port')} 0)`))
      else reject(e)
    })
    server.listen(port, HOST, () => {
      const actual = (server.address() as AddressInfo).port
      hosts = new Set([`${HOST}:${actual}`, `localhost:${actual}`])
      resolve({
        url: `http://${HOST}:${actual}/`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}

async function serve(session: ExplorerSession, hosts: ReadonlySet<string>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hosts.has(req.headers.host ?? '')) return send(res, 403, { error: `host ${req.headers.host ?? '(none)'} refused: open ${[...hosts][0]}` })
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
  if (url.pathname === '/' || url.pathname === '/index.html') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'the page takes GET' })
    res.writeHead(200, PAGE_HEADERS)
    res.end(req.method === 'HEAD' ? undefined : EXPLORER_PAGE)
    return
  }
  if (!url.pathname.startsWith('/api/')) return send(res, 404, { error: `no such page: ${url.pathname}` })
  let body = ''
  if (req.method === 'POST') {
    const read = await readBody(req)
    if (read === undefined) {
      send(res, 413, { error: `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB` })
      req.destroy()
      return
    }
    body = read
  }
  const answer = handleApi(session, req.method ?? 'GET', url, body)
  send(res, answer.status, answer.body)
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' })
  // An action or state may hold a bigint, which JSON cannot: it is sent as its decimal string.
  res.end(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
}

/** The body as UTF-8 text, or `undefined` when it is over `MAX_BODY_BYTES`. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        resolve(undefined)
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
