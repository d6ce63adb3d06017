/**
 * `--param key=value` overrides, validated once at the boundary: each names a parameter the spec
 * declares, and takes that parameter's type from its default. A number whose default is a whole
 * number must be a whole number (`rms=2.5` is refused, not run as 2 RMs labelled 2.5); `1e9` is a
 * number like `1000000000`, and the model's `validate` judges its range once the configuration is
 * built.
 */
import { ModelError, UsageError, errorMessage, option } from './errors.ts'
import type { AnySpec, ParamValue, Params } from './spec.ts'
import { resolveConfig } from './spec.ts'

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i

/** `source` names where the values come from in messages: the `params` option by default (the CLI's `--param`); replay passes
 * the trace's parameters, which the user never typed. */
export function validateParams(spec: AnySpec, overrides: Params, source = option('params')): Params {
  const defaults = spec.params ?? {}
  const out: Record<string, ParamValue> = {}
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in defaults)) {
      const known = Object.keys(defaults)
      throw new UsageError(
        `${source} ${k}: spec ${spec.name} has no parameter '${k}'${known.length ? ` (known: ${known.join(', ')})` : ' (it takes none)'}`,
      )
    }
    out[k] = coerceParam(k, v, defaults[k] as ParamValue, source)
  }
  return out
}

function coerceParam(k: string, v: ParamValue, def: ParamValue, source: string): ParamValue {
  const s = String(v)
  if (typeof def === 'number') {
    const n = typeof v === 'number' ? v : NUMBER.test(s) ? Number(s) : NaN
    if (!Number.isFinite(n)) throw new UsageError(`${source} ${k}=${s}: expected a number`)
    if (Number.isInteger(def) && !Number.isSafeInteger(n)) {
      throw new UsageError(`${source} ${k}=${s}: expected a whole number (the default is ${def})`)
    }
    return n
  }
  if (typeof def === 'boolean') {
    if (typeof v === 'boolean') return v
    if (s !== 'true' && s !== 'false') throw new UsageError(`${source} ${k}=${s}: expected true or false`)
    return s === 'true'
  }
  // A spec written in JavaScript (or cast) may default a parameter to something else: a string
  // given for it ran as the string, which the configuration did not expect.
  if (typeof def !== 'string') {
    throw new UsageError(`${source} ${k}=${s}: spec parameter '${k}' defaults to ${def === null ? 'null' : Array.isArray(def) ? 'a list' : typeof def}, not a number, string or boolean; it cannot be set here`)
  }
  return s
}

/** The overrides that change a value: `--param rms=3` on a spec whose `rms` is 3 changes nothing. */
export function changedParams(spec: AnySpec, validated: Params): Params {
  const defaults = spec.params ?? {}
  return Object.fromEntries(Object.entries(validated).filter(([k, v]) => defaults[k] !== v))
}

/**
 * `validateParams`, then the configuration the overrides build and the model's own range check on
 * it, so a bad value is refused before any search with a message naming it.
 */
export function checkParams(spec: AnySpec, overrides: Params, source = option('params'), guard: SetupGuard = unguarded): Params {
  const params = validateParams(spec, overrides, source)
  if (Object.keys(params).length === 0) return params
  const given = Object.entries(overrides).map(([k, v]) => `${k}=${String(v)}`).join(' ')
  const failed = (what: string, e: unknown): never => {
    // The guard's own error (a loop stopped by the step watchdog) is already the line to give.
    if (e instanceof ModelError) throw e
    throw new UsageError(`${source} ${given}: spec ${spec.name}: ${what} failed: ${errorMessage(e)}`)
  }
  let config: unknown
  try {
    config = guard('building the configuration', () => resolveConfig(spec, params))
  } catch (e) {
    failed('building the configuration', e)
  }
  const validate = spec.model.validate
  if (validate === undefined) return params
  let invalid: unknown
  try {
    invalid = guard(`model ${spec.model.name}'s validate`, () => validate.call(spec.model, config))
  } catch (e) {
    failed(`model ${spec.model.name}'s validate`, e)
  }
  if (typeof invalid === 'string' && invalid !== '') throw new UsageError(`${source} ${given}: spec ${spec.name}: ${invalid}`)
  return params
}

/** Runs what a spec computes before a search (`what`: its configuration, the model's `validate`)
 * under the step watchdog (`explore/step-watchdog.ts`'s `watchedSetup`), which callers pass in:
 * a loop there hung the process, deaf to signals. */
export type SetupGuard = <T>(what: string, run: () => T) => T
const unguarded: SetupGuard = (_what, run) => run()
