/**
 * `expectTrace(file).toReproduce()`: a stored counterexample (ITF JSON, as `npm run check` writes
 * it) still replays on today's model and still violates its property — the regression test for a
 * bug once found. Uses the same replay as `npm run replay`.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { checkParams } from '../core/params.ts'
import { tracedSpecName, tracedSpecPath } from '../trace/trace-spec.ts'
import type { AnySpec, Params } from '../core/spec.ts'
import { isSpec } from '../core/spec.ts'
import type { ReplayOutcome } from '../trace/replay-trace.ts'
import { formatReplayOutcome, replayTrace } from '../trace/replay-trace.ts'
import { readTraceFile } from '../trace/trace-file.ts'
import { SpecAssertionError } from './failure.ts'
import { cliCommand } from '../report/summary.ts'
import { errorMessage } from '../core/errors.ts'

export interface ExpectTraceOptions {
  /** The spec to replay against; default: the one the trace names (`specPath`, or `specs/<spec>.ts`). */
  readonly spec?: AnySpec
  /** Parameter overrides; default: the ones recorded in the trace. */
  readonly params?: Params
}

export interface TraceAssertions {
  /** The trace still replays step by step and still violates its property. */
  toReproduce(): Promise<ReplayOutcome>
}

export function expectTrace(file: string, options: ExpectTraceOptions = {}): TraceAssertions {
  return {
    async toReproduce() {
      let stored: ReturnType<typeof readTraceFile>
      try {
        stored = readTraceFile(file)
      } catch (e) {
        // A missing or unreadable file fails the test like any other assertion here.
        throw new SpecAssertionError(`expectTrace(${file}): ${errorMessage(e).replace(`${file}: `, '')}`)
      }
      // The recorded file, else the bundled spec of that name, each read as data (`trace-spec.ts`:
      // under the working folder, a plain name), as replay does; a guess that is not there is not
      // imported. (A recorded absolute path ran whatever file it named.)
      const specPath = tracedSpecPath(stored.origin)
      const specName = tracedSpecName(stored.origin)
      const candidates = [specPath, specName ? `specs/${specName}.ts` : undefined].filter((f): f is string => f !== undefined)
      const specFile = candidates.find((f) => existsSync(f))
      let spec = options.spec
      if (!spec) {
        if (!specName && !specPath) {
          const recorded = stored.origin.specPath ?? stored.origin.spec
          throw new SpecAssertionError(`expectTrace(${file}): the trace names no spec${recorded !== undefined ? ` under this folder (it names ${recorded}: a trace is data)` : ''}; pass { spec }`)
        }
        if (!specFile) throw new SpecAssertionError(`expectTrace(${file}): the trace's spec ${specName ?? specPath} is not at ${candidates.join(' or ')}; pass { spec }`)
        const mod = (await import(pathToFileURL(resolve(specFile)).href)) as { default?: unknown }
        if (!isSpec(mod.default)) throw new SpecAssertionError(`expectTrace(${file}): ${specFile} does not default-export a spec`)
        spec = mod.default
      }
      // Parameters the test did not pass come from the trace: an error about them names it.
      if (options.params) checkParams(spec, options.params, 'expectTrace params:')
      else checkParams(spec, stored.origin.params ?? {}, `${file}: the trace's parameter`)
      const outcome = replayTrace(spec, stored, options.params ? { params: options.params } : {})
      if (outcome.kind !== 'reproduces') {
        // `npm run replay` replays with the recorded parameters; say so when these differ.
        const params = options.params ? Object.entries(options.params).map(([k, v]) => `${k}=${String(v)}`).join(' ') : ''
        throw new SpecAssertionError(
          `expectTrace(${file}).toReproduce(): ${formatReplayOutcome(outcome, file).trimEnd()}\nreproduce: ${cliCommand('replay')} ${file}${params ? ` (this run overrode parameters: ${params})` : ''}`,
        )
      }
      return outcome
    },
  }
}
