/**
 * `expectTrace(file).toReproduce()`: a stored counterexample (ITF JSON, as `npm run check` writes
 * it) still replays on today's model and still violates its property — the regression test for a
 * bug once found. Uses the same replay as `npm run replay`.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AnySpec, Params } from '../core/spec.ts'
import { isSpec } from '../core/spec.ts'
import type { ReplayOutcome } from '../trace/replay-trace.ts'
import { formatReplayOutcome, replayTrace } from '../trace/replay-trace.ts'
import { readTraceFile } from '../trace/trace-file.ts'
import { SpecAssertionError } from './failure.ts'

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
      const stored = readTraceFile(file)
      const { specPath, spec: specName } = stored.origin
      const specFile = specPath && existsSync(specPath) ? specPath : specName ? `specs/${specName}.ts` : undefined
      let spec = options.spec
      if (!spec) {
        if (!specFile) throw new SpecAssertionError(`expectTrace(${file}): the trace names no spec; pass { spec }`)
        const mod = (await import(pathToFileURL(resolve(specFile)).href)) as { default?: unknown }
        if (!isSpec(mod.default)) throw new SpecAssertionError(`expectTrace(${file}): ${specFile} does not default-export a spec`)
        spec = mod.default
      }
      const outcome = replayTrace(spec, stored, options.params ? { params: options.params } : {})
      if (outcome.kind !== 'reproduces') {
        // `npm run replay` replays with the recorded parameters; say so when these differ.
        const params = options.params ? Object.entries(options.params).map(([k, v]) => `${k}=${String(v)}`).join(' ') : ''
        throw new SpecAssertionError(
          `expectTrace(${file}).toReproduce(): ${formatReplayOutcome(outcome, file).trimEnd()}\nreproduce: npm run replay -- ${file}${params ? ` (this run overrode parameters: ${params})` : ''}`,
        )
      }
      return outcome
    },
  }
}
