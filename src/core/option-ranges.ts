/**
 * The values `check()`'s numeric options take, refused otherwise where options are read
 * (`resolveOptions`). Without it `maxStates: -5`, `0.5` or `timeLimitSeconds: -1` stopped the
 * search after its first states as "incomplete", and `workers: 0` or `2.5` ran without a word,
 * while the CLI refused the same values as flags. The CLI still reads its flags first
 * (`cli/args.ts`), so its messages name the flag and the text given; these name the option
 * (`maxStates`), marked with `option` as the engine's errors are.
 *
 * Infinity is taken where it is the default and means "no limit" (`maxStates`, `maxDepth`,
 * `timeLimitSeconds`), or "never" (`stepTimeoutSeconds`, `checkpointIntervalSeconds`); not for the
 * counts a simulation loops over (`traces`, `maxSteps`: an endless run) or the sizes something is
 * built from (`workers`, `processes`, `memoryMiB`).
 */
import { availableParallelism } from 'node:os'
import { UsageError, option } from './errors.ts'

/** The whole numbers an option takes, where they are not the positive ones (and what they are). */
export type IntRange = { readonly min: number; readonly max: number; readonly what: string }

/** The seeds there are: 32 bits (the simulation's generator, `explore/simulate.ts`). A larger or
 * negative one was taken modulo 2^32, the walks of another seed; the CLI's `--seed` takes the
 * same range. */
export const SEED_RANGE: IntRange = { min: 0, max: 0xffffffff, what: 'a 32-bit seed' }

/** Why `n` is not in `r` (the CLI's flag and `check()`'s option say it alike), or undefined. */
export const outsideRange = (r: IntRange, n: number): string | undefined =>
  Number.isSafeInteger(n) && n >= r.min && n <= r.max ? undefined : `expected a whole number from ${r.min} to ${r.max} (${r.what})`

/** More threads than this only add memory and barriers: 4 per core, or 64 on a small machine. */
export const maxWorkers = (): number => Math.max(64, 4 * availableParallelism())

/** Why `maxWorkers` is what it is on this machine, as every message that refuses more says it. */
export const maxWorkersWhy = (): string => `4 per core, ${availableParallelism()} cores, and 64 on any machine`

/** Worker processes that join a NATS server may run on many machines, up to 64 on each. */
export const MAX_JOINED_PROCESSES = 64 * 64

/** An option's test and what it says it expected. */
interface Reader {
  readonly ok: (n: number) => boolean
  readonly expected: string
}

const whole = (min: number) => (n: number): boolean => Number.isSafeInteger(n) && n >= min
const orInfinity = (ok: (n: number) => boolean) => (n: number): boolean => n === Number.POSITIVE_INFINITY || ok(n)

const POSITIVE_WHOLE: Reader = { ok: whole(1), expected: 'a positive whole number' }
const LIMIT: Reader = { ok: orInfinity(whole(1)), expected: 'a positive whole number, or Infinity (no limit)' }

/** Each numeric option of `CheckOptions` (its key) and the values it takes. */
const READERS: Readonly<Record<string, Reader>> = {
  maxStates: LIMIT,
  maxDepth: LIMIT,
  timeLimitSeconds: { ok: (n) => n > 0, expected: 'a positive number of seconds, or Infinity (no limit)' },
  // (A watchdog past what a timer holds is the longest one: `watchdogMs`.)
  stepTimeoutSeconds: { ok: (n) => n >= 0, expected: 'a number of seconds, at least 0 (0 or Infinity: no watchdog)' },
  workers: POSITIVE_WHOLE,
  seed: { ok: (n) => outsideRange(SEED_RANGE, n) === undefined, expected: `a whole number from ${SEED_RANGE.min} to ${SEED_RANGE.max} (${SEED_RANGE.what})` },
  maxSteps: POSITIVE_WHOLE,
  traces: POSITIVE_WHOLE,
  // (0: at every level, as the tests write them; Infinity: at the first level and at stops only.)
  checkpointIntervalSeconds: { ok: (n) => n >= 0, expected: 'a number of seconds, at least 0 (0: at every level)' },
  memoryMiB: { ok: whole(1), expected: 'a positive whole number of MiB (leave it out for no budget)' },
  processes: POSITIVE_WHOLE,
  // (A timer's interval: Infinity or more than 2^31 - 1 ms is taken as 1 ms.)
  progressIntervalMs: { ok: (n) => n >= 0 && n <= 0x7fffffff, expected: `a number of milliseconds from 0 to ${0x7fffffff}` },
}

/** A value as the message shows it: a number as written, anything else with what it is. */
const shown = (v: unknown): string => (typeof v === 'number' ? String(v) : typeof v === 'string' ? `${JSON.stringify(v)} (a string)` : `${String(v)} (a ${v === null ? 'null' : typeof v})`)

/**
 * Throws a `UsageError` naming the first numeric option of `o` (a partial `CheckOptions`; an
 * undefined entry is the default's) that holds a value it does not take, and `workers` or
 * `processes` past what this machine runs, as the CLI caps `--workers` and `--processes`.
 */
export function refuseOutOfRange(o: Readonly<Record<string, unknown>>): void {
  for (const [key, r] of Object.entries(READERS)) {
    const v = o[key]
    if (v !== undefined && !(typeof v === 'number' && r.ok(v))) throw new UsageError(`${option(key)} ${shown(v)}: expected ${r.expected}`)
  }
  if (typeof o.workers === 'number' && o.workers > maxWorkers()) throw new UsageError(`${option('workers')} ${o.workers}: at most ${maxWorkers()} on this machine (${maxWorkersWhy()})`)
  // Local worker processes share this machine's cores, as threads do; those that join a server
  // (`nats`) may run on many machines.
  if (typeof o.processes === 'number') {
    const most = o.nats === undefined ? maxWorkers() : MAX_JOINED_PROCESSES
    if (o.processes > most) throw new UsageError(`${option('processes')} ${o.processes}: at most ${most}${o.nats === undefined ? ` local worker processes on this machine (${maxWorkersWhy()})` : ''}`)
  }
}
