/**
 * `interleave worker` as an entry point of its own, for the worker processes that `check
 * --processes N` starts on this machine: bundled into one plain JavaScript file
 * (`distributed/worker-entry.ts`), it starts without tsx and without the other commands. Errors
 * end it as `main.ts` ends the CLI: one line on stderr, exit 2 (3 when no verdict can follow).
 * Usage: node <bundle> --nats nats://host:4222 [--once] [--quiet]
 */
import { describeCliError } from './args.ts'
import { errorLine } from '../report/error-line.ts'
import { EXIT, hasNoVerdict } from './exit-codes.ts'
import { run } from './worker-command.ts'

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`${errorLine(describeCliError(e))}\n`)
    process.exitCode = hasNoVerdict(e) ? EXIT.incomplete : EXIT.error
  },
)
