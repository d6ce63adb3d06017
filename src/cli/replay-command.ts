/**
 * `npm run replay -- <trace.itf.json> [--spec <spec path or name>]`: re-runs a stored trace on
 * today's model and says whether it still reproduces. Exit 0: still reproduces; 1: no longer
 * reproduces, or the model's variables changed; 2: usage errors (one line).
 */
import { existsSync } from 'node:fs'
import { UsageError } from '../core/errors.ts'
import { checkParams } from '../core/params.ts'
import { defaultOptions } from '../core/options.ts'
import { guardedReplay, watchedSetup } from '../explore/step-watchdog.ts'
import { formatReplayOutcome, replayTrace } from '../trace/replay-trace.ts'
import { tracedSpecName, tracedSpecPath } from '../trace/trace-spec.ts'
import { readTraceFile } from '../trace/trace-file.ts'
import { givenOnce, positiveNumber, refuseEmptyArgument } from './args.ts'
import { EXIT } from './exit-codes.ts'
import { isLoaded, loadByName, loadTarget } from './load-spec.ts'

const USAGE = `usage: npm run replay -- <trace.itf.json> [--spec <spec path or name>]
  re-runs a trace written by 'check' on today's model, step by step by action
  --spec <s>   the spec to replay on (default: the one recorded in the trace), with the
               parameters the trace records
  --step-timeout S  end with a model error when the replay has not returned after S seconds
               (default 60; 0: never)
exit codes: 0 still reproduces, 1 no longer reproduces or the variables changed, 2 usage error`

interface ReplayArgs {
  readonly file: string
  readonly spec: string | undefined
  readonly stepTimeoutSeconds: number
}

function parseArgs(args: readonly string[]): ReplayArgs | 'help' {
  const files: string[] = []
  let spec: string | undefined
  let stepTimeoutSeconds = defaultOptions.stepTimeoutSeconds
  const once = givenOnce()
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--help' || a === '-h') return 'help'
    if (a === '--spec' || a.startsWith('--spec=')) {
      once('--spec')
      spec = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      if (!spec) throw new UsageError('--spec needs a spec path or name')
    } else if (a === '--step-timeout' || a.startsWith('--step-timeout=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      if (v === undefined) throw new UsageError('--step-timeout needs a value')
      once('--step-timeout')
      stepTimeoutSeconds = positiveNumber('--step-timeout', v, true)
    } else if (a.startsWith('-')) throw new UsageError(`replay: unknown flag ${a} (try --help)`)
    else {
      refuseEmptyArgument(a, 'replay: an empty trace file name', 'a trace file (.itf.json)')
      files.push(a)
    }
  }
  if (files.length !== 1) throw new UsageError(`replay: expected one trace file, got ${files.length} (try --help)`)
  return { file: files[0] as string, spec, stepTimeoutSeconds }
}

export async function run(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args)
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return EXIT.ok
  }
  const stored = readTraceFile(parsed.file)
  if (stored.trace.steps.length === 0) throw new UsageError(`${parsed.file}: the trace has no states`)
  if (stored.origin.property === undefined) throw new UsageError(`${parsed.file}: the trace does not name the property it violates (#meta.property)`)
  const recorded = stored.origin
  // What the user names is loaded as named. What the trace names is data: its spec path only under
  // this folder (`tracedSpecPath`), its spec's name only as a name, looked up in specs/ (a "name"
  // that is a path would load whatever it names).
  const safePath = tracedSpecPath(recorded)
  const byPath = safePath !== undefined && existsSync(safePath) ? safePath : undefined
  const byName = tracedSpecName(recorded)
  const target = parsed.spec ?? byPath ?? byName
  if (!target) throw new UsageError(`${parsed.file}: the trace names no spec${recorded.spec ? ' by a plain name' : ''}; pass --spec <spec path or name>`)
  const load = parsed.spec !== undefined || byPath !== undefined ? loadTarget(target) : loadByName(target)
  // The trace names its spec by the path the check was run with (relative to that folder): from
  // elsewhere, say so and how to name it, rather than list the specs of a folder that has none.
  const outcomes = await load.catch((e: unknown) => {
    if (parsed.spec === undefined && e instanceof UsageError) {
      const outside = recorded.specPath !== undefined && safePath === undefined
      throw new UsageError(
        outside
          ? `${parsed.file}: its spec path ${recorded.specPath} is outside this folder, and a trace is data: replay loads the spec it names only under ${process.cwd()}; pass --spec <spec path>`
          : `${parsed.file}: its spec ${recorded.specPath ?? recorded.spec} (as the trace names it, from the folder it was checked in) is not found from ${process.cwd()}; pass --spec <spec path>`,
      )
    }
    throw e
  })
  const failed = outcomes.find((o) => !isLoaded(o))
  if (failed && !isLoaded(failed)) throw failed.error
  const loaded = outcomes.filter(isLoaded)
  const one = loaded.length === 1 ? loaded[0] : loaded.find((l) => l.spec.name === recorded.spec)
  if (!one) throw new UsageError(`${target}: names ${loaded.length} specs; pass --spec with one of them`)
  const spec = one.spec
  if (recorded.model && recorded.model !== spec.model.name) {
    process.stdout.write(`note: the trace was recorded on model ${recorded.model}; spec ${spec.name} now uses model ${spec.model.name}\n`)
  }
  // The parameters come from the trace, not from a flag: a message about them names the trace.
  checkParams(spec, recorded.params ?? {}, `${parsed.file}: the trace's parameter`, watchedSetup(parsed.stepTimeoutSeconds, spec.name))
  // Say so where they are not the spec's own (a spec named with --spec may be another instance).
  const differ = parsed.spec === undefined ? [] : Object.entries(recorded.params ?? {}).filter(([k, v]) => spec.params !== undefined && k in spec.params && JSON.stringify(spec.params[k]) !== JSON.stringify(v))
  if (differ.length > 0) {
    const show = (kv: [string, unknown][]): string => kv.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')
    process.stdout.write(`note: replayed with the trace's parameters (${show(differ)}), not spec ${spec.name}'s own (${show(differ.map(([k]) => [k, spec.params?.[k]]))})\n`)
  }
  // Under a step limit, as a check runs: a model stuck in a step would hang the replay.
  const outcome = guardedReplay(parsed.stepTimeoutSeconds, spec.model.name, () => replayTrace(spec, stored))
  process.stdout.write(formatReplayOutcome(outcome, parsed.file))
  return outcome.kind === 'reproduces' ? EXIT.ok : EXIT.mismatch
}

