/**
 * `interleave explore <spec> [--port N] [--param k=v ...]`: serves the interactive explorer
 * (`src/explorer/`) on 127.0.0.1 until Ctrl-C or SIGTERM, which close it and exit 0. A spec that
 * does not load, a bad parameter, a model whose `init` throws, or a port in use: one line, exit 2.
 */
import { existsSync, statSync } from 'node:fs'
import { UsageError } from '../core/errors.ts'
import type { Params } from '../core/spec.ts'
import { ExplorerSession } from '../explorer/session.ts'
import { DEFAULT_PORT, startExplorer } from '../explorer/server.ts'
import { givenOnce, parseParamArg, refuseEmptyArgument } from './args.ts'
import { EXIT } from './exit-codes.ts'
import { isLoaded, loadTarget } from './load-spec.ts'

const USAGE = `usage: npx interleave explore <spec.ts | spec-name> [--port N] [--param key=value ...]   (or: npm run explore -- ...)
  serves an interactive explorer of the spec's states on http://127.0.0.1:N/ (Ctrl-C stops it)
  --port <n>          port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --param <k=v>       override a spec parameter (repeatable)`

interface ExploreArgs {
  readonly target: string
  readonly port: number
  readonly params: Params
}

export function parseExploreArgs(argv: readonly string[]): ExploreArgs | 'help' {
  const targets: string[] = []
  const params: Record<string, string> = {}
  let port = DEFAULT_PORT
  const once = givenOnce()
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string
    if (raw === '--help' || raw === '-h') return 'help'
    if (!raw.startsWith('-')) {
      refuseEmptyArgument(raw, 'explore: an empty target', 'a spec file or a spec name')
      targets.push(raw)
      continue
    }
    const eq = raw.indexOf('=')
    const flag = eq > 0 ? raw.slice(0, eq) : raw
    if (flag !== '--port' && flag !== '--param') throw new UsageError(`explore: unknown flag ${flag} (try --help)`)
    const value = eq > 0 ? raw.slice(eq + 1) : argv[++i]
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`)
    if (flag === '--port') {
      once('--port')
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`--port ${value}: expected a port number, 0 to 65535`)
      port = Number(value)
    } else {
      const [k, v] = parseParamArg(value)
      once(`--param ${k}`)
      params[k] = v
    }
  }
  if (targets.length !== 1) throw new UsageError(`explore: expected one spec, got ${targets.length} (try --help)`)
  return { target: targets[0] as string, port, params }
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseExploreArgs(argv)
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return EXIT.ok
  }
  if (existsSync(args.target) && statSync(args.target).isDirectory()) {
    throw new UsageError(`${args.target}: a folder; explore one spec (a file or a spec name)`)
  }
  const outcomes = await loadTarget(args.target)
  const failed = outcomes.find((o) => !isLoaded(o))
  if (failed && !isLoaded(failed)) throw failed.error
  const loaded = outcomes.filter(isLoaded)
  if (loaded.length !== 1) {
    const files = loaded.map((l) => l.file)
    throw new UsageError(`${args.target}: names ${loaded.length} specs (${files.slice(0, 4).join(', ')}${files.length > 4 ? ', …' : ''}); explore one spec file`)
  }
  const one = loaded[0]
  const session = new ExplorerSession(one.spec, args.params, one.file)
  const server = await startExplorer(session, args.port)
  process.stdout.write(`exploring ${one.spec.name} at ${server.url}  (Ctrl-C to stop)\n`)
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await server.close()
  process.stdout.write('explorer stopped\n')
  return EXIT.ok
}
