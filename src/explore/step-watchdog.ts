/**
 * A model whose action, property or constraint never returns (a loop that does not end) would
 * hang the search: nothing else runs on its thread, so no limit or signal is ever looked at. The
 * BFS driver, the DFS and the random walks run their expansions in synchronous stretches of
 * about 50 ms (they yield to the event loop between them), each under V8's execution timeout, as
 * `node:vm` offers it: a stretch still
 * running after `stepTimeoutSeconds` is stopped, and the search ends with a model error naming
 * the state being expanded (exit 2, no trace file). A stretch is 50 ms of work and then up to the
 * next poll (64 states; 128 on a packed model's words), so the default 60 s is a step that ran
 * for most of a minute, or a model whose steps take a second each (raise the limit for that;
 * 0 turns the watchdog off). The time is wall time: a process stopped (Ctrl-Z) for longer counts.
 * A timed run costs about 80 µs here (a watchdog thread per run): 0.2% of a stretch.
 *
 * The worker threads of `--workers N` are watched by the coordinator instead (`run-level.ts`: a
 * slice still out after the timeout fails the run, and closing the pool ends the thread). The
 * model's `init` is watched too (`guardedInit`, from `prepare`), and so are the properties, the
 * constraint and the keys of the initial states (`guardedInitStates`, from each driver). Not
 * watched: worker processes (`--processes`), the liveness analysis after a search (checker code,
 * no model step).
 */
import vm from 'node:vm'
import { ModelError, errorMessage, option } from '../core/errors.ts'
import { preview } from './sink.ts'

/** The watchdog's limit in milliseconds, or undefined for none (0 or negative). A limit past
 * what a timer holds (2^31 - 1 ms, about 24.8 days) is that: it turned the watchdog off, and a
 * stuck step then ignored every signal but SIGKILL. */
export function watchdogMs(seconds: number): number | undefined {
  const ms = seconds * 1000
  return ms > 0 ? Math.min(ms, 0x7fffffff) : undefined
}

const script = new vm.Script('globalThis.__interleaveStretch()')
type WithStretch = { __interleaveStretch?: () => void }

/** The model error of a search stopped by the watchdog, `what` saying where. */
export const stuck = (model: string, what: string): ModelError =>
  new ModelError(`model ${model}: ${what} (an action, a property or the constraint that never returns?); ${option('stepTimeoutSeconds')} S sets the limit`)

/** Runs `stretch` (synchronous), stopping it after `seconds` with a model error naming the
 * `expanding()` state of model `model`. */
export function guarded(seconds: number, model: string, expanding: () => unknown, stretch: () => void): void {
  timed(seconds, stretch, () => {
    // No state expanded yet: a random walk checks its initial state in the same stretch.
    const s = expanding()
    return stuck(model, s === undefined ? `checking the initial states did not return within ${seconds} s` : `a step did not return within ${seconds} s, expanding ${preview(s)}`)
  })
}

/** The model's `init`, run under the same limit: a model error saying so when it does not return. */
export function guardedInit(seconds: number, model: string, init: () => void): void {
  timed(seconds, init, () => new ModelError(`model ${model}: init did not return within ${seconds} s (a loop that never ends?); ${option('stepTimeoutSeconds')} S sets the limit`))
}

/** The initial states' keys, properties and constraint (what a driver does with them before its
 * first expansion), run under the same limit. */
export function guardedInitStates<T>(seconds: number, model: string, run: () => T): T {
  return timedValue(seconds, run, () => new ModelError(`model ${model}: checking the initial states did not return within ${seconds} s (a property, the constraint or a view that never returns?); ${option('stepTimeoutSeconds')} S sets the limit`))
}

/** What a spec computes before a search (its configuration, the model's `validate` and
 * `actions`: `what`), under the same limit, a throw named as a model error. */
export function guardedSetup<T>(seconds: number, spec: string, what: string, run: () => T): T {
  const named = (): T => {
    try {
      return run()
    } catch (e) {
      throw e instanceof ModelError ? e : new ModelError(`spec ${spec}: ${what} failed: ${errorMessage(e)}`)
    }
  }
  return watchedSetup(seconds, spec)(what, named)
}

/** The watchdog alone (a throw passes through as it is) for `spec`'s setup: the guard
 * `checkParams` takes, so that a configuration built from --param values is watched too. */
export const watchedSetup =
  (seconds: number, spec: string) =>
  <T>(what: string, run: () => T): T =>
    timedValue(seconds, run, () => new ModelError(`spec ${spec}: ${what} did not return within ${seconds} s (a loop that never ends?); ${option('stepTimeoutSeconds')} S sets the limit`))

/** A stored trace replayed on the model (`replay`): the same limit over the whole replay, which
 * runs the model's steps and properties along one path. */
export function guardedReplay<T>(seconds: number, model: string, run: () => T): T {
  return timedValue(seconds, run, () => new ModelError(`model ${model}: replaying the trace did not return within ${seconds} s (an action or a property that never returns?)`))
}

/** One request of the explorer (`explore`): the steps, properties and constraint of the states
 * along a path, under the same limit, so that a model stuck in a step answers that request with
 * an error instead of stopping the server. */
export function guardedRequest<T>(seconds: number, model: string, run: () => T): T {
  return timedValue(seconds, run, () => new ModelError(`model ${model}: a step, a property or the constraint did not return within ${seconds} s at this path`))
}

/** `timed`, for a stretch that computes a value. */
function timedValue<T>(seconds: number, run: () => T, onTimeout: () => ModelError): T {
  let out: T | undefined
  timed(seconds, () => void (out = run()), onTimeout)
  return out as T
}

function timed(seconds: number, stretch: () => void, onTimeout: () => ModelError): void {
  const ms = watchdogMs(seconds)
  if (ms === undefined) return stretch()
  const g = globalThis as WithStretch
  // A stretch may run inside another (a DFS asking for the initial states): the outer one's
  // function is put back, though the script has read it already.
  const outer = g.__interleaveStretch
  g.__interleaveStretch = stretch
  try {
    script.runInThisContext({ timeout: Math.ceil(ms) })
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e
    throw onTimeout()
  } finally {
    g.__interleaveStretch = outer
  }
}
