/**
 * The `interleave` command line: `check` (default), `replay`, `view`, `explore`. The only code that reads
 * argv; errors become one line on stderr and exit code 2, never a stack trace.
 */
import { exitWhenFlushed } from './exit-when-flushed.ts'
import { describeCliError } from './args.ts'
import { errorMessage } from '../core/errors.ts'
import { runJson } from '../report/json.ts'
import { errorLine } from '../report/error-line.ts'
import { EXIT, hasNoVerdict } from './exit-codes.ts'
import { stillImporting } from './load-spec.ts'

type Command = (args: string[]) => Promise<number>

const USAGE = `usage: interleave <command> [arguments]   (or: npm run <command> -- [arguments])
  check  [spec.ts | folder | spec-name | model.ts ...] [flags]   check specs (check --help for flags)
  replay <trace.itf.json> [--spec <spec>]                         re-run a stored trace on today's model
  view   <trace.itf.json> [--out <file.html>]                     write a trace's HTML viewer
  explore <spec.ts | spec-name> [--port N] [--param k=v]          browse a spec's states in the browser
  worker --nats nats://host:4222                                  serve distributed runs (check --processes N --nats URL)`

const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check-command.ts')).run,
  replay: async () => (await import('./replay-command.ts')).run,
  view: async () => (await import('./view-command.ts')).run,
  explore: async () => (await import('./explore-command.ts')).run,
  worker: async () => (await import('./worker-command.ts')).run,
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`)
    return EXIT.ok
  }
  // No command at all: the usage, on stderr, as a usage error.
  if (name === undefined) {
    process.stderr.write(`${USAGE}\n`)
    return EXIT.error
  }
  const load = name ? commands[name] : undefined
  if (!load) {
    const d = { kind: 'usage', message: `unknown command '${name ?? ''}' (expected check, replay, view, explore or worker; see --help)` } as const
    process.stderr.write(`${errorLine(d)}\n`)
    if (argv.includes('--json')) process.stdout.write(runJson({ exitCode: EXIT.error, specs: [], error: d }))
    return EXIT.error
  }
  const command = await load()
  try {
    return await command(rest)
  } catch (e) {
    // A distributed run that lost a worker or its server: no verdict, exit 3 (docs/distributed.md).
    const lost = hasNoVerdict(e)
    process.stderr.write(`${errorLine(describeCliError(e))}\n`)
    if (process.env.INTERLEAVE_STACK) process.stderr.write(`${(e as Error).stack}\n`)
    return lost ? EXIT.incomplete : EXIT.error
  }
}

// Set once the command has settled. Before that, an empty event loop means the command waits on
// something that can never happen (a spec's top-level await that never settles): Node would exit
// 0 with nothing printed, which a CI job reads as success.
let settled = false
process.on('beforeExit', () => {
  if (settled) return
  settled = true
  const file = stillImporting()
  const d = { kind: 'usage', message: file !== undefined ? `${file}: cannot be loaded: its module never finished loading (a top-level await that never settles?)` : 'the command stopped with work pending and nothing left to run (a promise that never settles?)' } as const
  process.stderr.write(`${errorLine(d)}\n`)
  if (process.argv.includes('--json')) process.stdout.write(runJson({ exitCode: EXIT.error, specs: [], error: d }))
  process.exitCode = EXIT.error
})

main(process.argv.slice(2)).then(
  (code) => {
    settled = true
    process.exitCode = code
    // A check is over when its command returns: a socket a failed connection left open (a
    // --nats address that accepts but does not speak NATS) kept the process up until the peer
    // closed it. Once stdout and stderr have flushed (a pipe read slowly holds --json's document:
    // exiting earlier cut it), and unref'd, so a clean exit is not delayed.
    if (process.argv[2] === 'check') exitWhenFlushed(code)
  },
  (e: unknown) => {
    settled = true
    process.stderr.write(`internal error: ${errorMessage(e)}\n`)
    process.exitCode = EXIT.error
  },
)
