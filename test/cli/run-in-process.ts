/**
 * `check` (or another command) run in this process, as `src/cli/main.ts` runs it: the command's own output, and an
 * error it throws becomes main's one line on stderr and exit code 2 (3 for a run left without a
 * verdict). For tests about what the command says and returns, not about the process: a spawned
 * `node --import tsx` (`cli()`, run-cli.ts) costs 1 to 2 CPU-seconds of loading tsx and the
 * checker, this a few milliseconds. Each test file that uses it keeps at least one test through
 * the real process (main.ts, the loader, the exit code the shell sees).
 *
 * Limits: stack locations and load errors come from vitest's module runner here, not tsx's (test
 * those through `cli()`); the output is captured by replacing `process.stdout.write` and
 * `process.stderr.write` while the command runs, so tests using this must not run concurrently.
 */
import { describeCliError } from '../../src/cli/args.ts'
import { run } from '../../src/cli/check-command.ts'
import { EXIT, hasNoVerdict } from '../../src/cli/exit-codes.ts'
import { errorLine } from '../../src/report/error-line.ts'
import type { CliRun } from './run-cli.ts'

/** `args` are `check`'s (without the command name); one worker unless they say otherwise, as `cli()`. */
export function checkInProcess(args: readonly string[]): Promise<CliRun> {
  return commandInProcess(run, args)
}

/** Any command's `run` (`src/cli/*-command.ts`), with `args` after the command name. */
export async function commandInProcess(command: (argv: readonly string[]) => Promise<number>, args: readonly string[]): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const saved = { stdout: process.stdout.write, stderr: process.stderr.write, workers: process.env.INTERLEAVE_WORKERS }
  const into = (to: string[]) => ((chunk: string | Uint8Array): boolean => {
    to.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return true
  }) as typeof process.stdout.write
  process.stdout.write = into(out)
  process.stderr.write = into(err)
  process.env.INTERLEAVE_WORKERS = '1'
  let code: number
  try {
    code = await command(args)
  } catch (e) {
    // main.ts's catch, word for word in effect.
    process.stderr.write(`${errorLine(describeCliError(e))}\n`)
    code = hasNoVerdict(e) ? EXIT.incomplete : EXIT.error
  } finally {
    process.stdout.write = saved.stdout
    process.stderr.write = saved.stderr
    if (saved.workers === undefined) delete process.env.INTERLEAVE_WORKERS
    else process.env.INTERLEAVE_WORKERS = saved.workers
  }
  return { code, stdout: out.join(''), stderr: err.join('') }
}
