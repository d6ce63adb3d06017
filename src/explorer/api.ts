/**
 * The explorer's JSON API, as a pure function of (method, URL, body), so it is tested without a
 * socket:
 *
 * - `GET /api/info`: the spec, its effective parameters and its initial states;
 * - `GET /api/state?path=0.3.1`: the state at a path (`session.ts`'s `StateView`);
 * - `POST /api/trace` with an ITF JSON body: the trace as explorer paths (`trace-match.ts`).
 *
 * Answers are `{ status, body }`; an error body is `{ error: "one line" }`: 400 for a bad path or
 * trace file, 404 for another URL, 405 for another method, 500 for a model that throws.
 */
import { ModelError, UsageError, errorMessage } from '../core/errors.ts'
import { parseItf } from '../trace/itf.ts'
import { parsePath } from './path.ts'
import type { ExplorerSession } from './session.ts'
import { matchTrace } from './trace-match.ts'

export interface ApiAnswer {
  readonly status: number
  readonly body: unknown
}

const fail = (status: number, message: string): ApiAnswer => ({ status, body: { error: message } })

export function handleApi(session: ExplorerSession, method: string, url: URL, body = ''): ApiAnswer {
  const route = url.pathname
  const allowed = route === '/api/trace' ? 'POST' : 'GET'
  if (route !== '/api/info' && route !== '/api/state' && route !== '/api/trace') return fail(404, `no such API: ${route}`)
  if (method !== allowed) return fail(405, `${route} takes ${allowed}, not ${method}`)
  try {
    switch (route) {
      case '/api/info':
        return { status: 200, body: session.info() }
      case '/api/state':
        return { status: 200, body: session.guarded(() => session.stateAt(parsePath(url.searchParams.get('path') ?? ''))) }
      default:
        return { status: 200, body: session.guarded(() => matchTrace(session, parseItf(body, url.searchParams.get('name') ?? 'the trace file'))) }
    }
  } catch (e) {
    if (e instanceof UsageError) return fail(400, e.message)
    if (e instanceof ModelError) return fail(500, `model error: ${e.message}`)
    return fail(500, `internal error: ${errorMessage(e).split('\n')[0] ?? ''}`)
  }
}
