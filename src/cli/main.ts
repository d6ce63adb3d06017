/**
 * The `interleave` command line: `check` (default), `replay`, `view`. The only code that reads
 * argv; errors become one line on stderr and exit code 2, never a stack trace.
 */
import { ModelError, UsageError, errorMessage } from '../core/errors.ts'
import { EXIT } from './exit-codes.ts'

type Command = (args: string[]) => Promise<number>

const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check-command.ts')).run,
  replay: async () => (await import('./replay-command.ts')).run,
  view: async () => (await import('./view-command.ts')).run,
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  const load = name ? commands[name] : undefined
  if (!load) {
    process.stderr.write(`error: unknown command '${name ?? ''}' (expected check, replay or view)\n`)
    return EXIT.error
  }
  const command = await load()
  try {
    return await command(rest)
  } catch (e) {
    if (e instanceof UsageError) process.stderr.write(`error: ${e.message}\n`)
    else if (e instanceof ModelError) process.stderr.write(`model error: ${e.message}\n`)
    else process.stderr.write(`internal error: ${errorMessage(e).split('\n')[0]} (please report; rerun with NODE_OPTIONS=--stack-trace-limit=50 for details)\n`)
    if (process.env.INTERLEAVE_STACK) process.stderr.write(`${(e as Error).stack}\n`)
    return EXIT.error
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${errorMessage(e)}\n`)
    process.exitCode = EXIT.error
  },
)
