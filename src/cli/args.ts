/**
 * Command-line flags of `check`, read once into typed options. Unknown flags and bad values are
 * `UsageError`s naming the flag.
 */
import { describeError } from '../report/error-line.ts'
import type { DescribedError } from '../report/error-line.ts'
import { UsageError } from '../core/errors.ts'
import { closest } from '../core/edit-distance.ts'
import type { CheckOptions } from '../core/options.ts'
import type { IntRange } from '../core/option-ranges.ts'
import { MAX_JOINED_PROCESSES, SEED_RANGE, maxWorkers, maxWorkersWhy, outsideRange } from '../core/option-ranges.ts'

export interface CheckArgs {
  readonly targets: readonly string[]
  readonly options: Partial<CheckOptions>
  readonly out: string
  readonly quiet: boolean
  readonly json: boolean
  readonly dot: string | undefined
  /** ITF files also carry Quint's `mbt::actionTaken` / `mbt::nondetPicks` variables. */
  readonly mbt: boolean
  readonly help: boolean
}

/** Where trace files go without `--out`. */
export const DEFAULT_OUT = 'traces'

type Kind = 'int' | 'number' | 'string' | 'flag' | 'list'

const FLAGS: Record<string, { kind: Kind; key: string; help: string; range?: IntRange }> = {
  '--max-states': { kind: 'int', key: 'maxStates', help: 'stop after N distinct states (result: incomplete)' },
  '--max-depth': { kind: 'int', key: 'maxDepth', help: 'explore at most N BFS levels / DFS depth' },
  '--time-limit': { kind: 'number', key: 'timeLimitSeconds', help: 'stop after S seconds (result: incomplete)' },
  '--step-timeout': { kind: 'number', key: 'stepTimeoutSeconds', help: 'end with a model error when a model step does not return for S seconds (default 60; 0: never)' },
  '--property': { kind: 'list', key: 'properties', help: 'check only this property (repeatable)' },
  '--param': { kind: 'list', key: 'params', help: "override a spec parameter, key=value (repeatable)" },
  '--out': { kind: 'string', key: 'out', help: 'directory for trace files (default: traces)' },
  '--deadlock': { kind: 'flag', key: 'deadlock', help: 'report states without successors' },
  '--no-deadlock': { kind: 'flag', key: 'noDeadlock', help: 'do not report deadlocks' },
  '--symmetry': { kind: 'flag', key: 'symmetry', help: "explore one state per symmetry orbit (model's symmetry)" },
  '--no-symmetry': { kind: 'flag', key: 'noSymmetry', help: 'explore every state even if the spec asks for symmetry' },
  '--por': { kind: 'flag', key: 'por', help: 'partial-order reduction by sleep sets: skip steps another path covers (same states, fewer steps; the BFS, on one worker or several)' },
  '--quiet': { kind: 'flag', key: 'quiet', help: 'print only the verdict lines' },
  '--json': { kind: 'flag', key: 'json', help: 'print the result as JSON on stdout' },
  '--debug': { kind: 'flag', key: 'debug', help: 'freeze states, call next twice and compare (slow)' },
  '--workers': { kind: 'int', key: 'workers', help: 'worker threads (default 1, the sequential BFS; more pay off on large flat state spaces)' },
  '--strategy': { kind: 'string', key: 'strategy', help: 'bfs (default), dfs or simulate' },
  '--seed': { kind: 'int', key: 'seed', help: 'simulation seed', range: SEED_RANGE },
  '--max-steps': { kind: 'int', key: 'maxSteps', help: 'simulation: steps per trace' },
  '--traces': { kind: 'int', key: 'traces', help: 'simulation: number of random traces' },
  '--checkpoint': { kind: 'string', key: 'checkpoint', help: 'write checkpoints to this directory (at every stop too; runs the parallel engine, even with one worker; with --processes the coordinator writes them, and a lost worker is replaced from the last one)' },
  '--checkpoint-every': { kind: 'number', key: 'checkpointIntervalSeconds', help: 'with --checkpoint: seconds between checkpoints (default 60)' },
  '--resume': { kind: 'string', key: 'resume', help: 'resume from a checkpoint directory' },
  '--processes': { kind: 'int', key: 'processes', help: 'search over N worker processes connected by NATS (a local nats-server and N workers unless --nats)' },
  '--nats': { kind: 'string', key: 'nats', help: 'with --processes N: the NATS server (nats://host:4222) where N `interleave worker` processes join' },
  '--memory': { kind: 'int', key: 'memoryMiB', help: 'memory budget in MiB: the visited set and a liveness graph' },
  '--mbt': { kind: 'flag', key: 'mbt', help: 'ITF files also record mbt::actionTaken and mbt::nondetPicks (as quint run --mbt)' },
  '--dot': { kind: 'string', key: 'dot', help: 'write the state graph of a small model (up to 500 states, or --max-states) as Graphviz DOT' },
  '--help': { kind: 'flag', key: 'help', help: 'show this help (also -h)' },
}

/** How the CLI names an option an engine error names (`describeError`): its flag, `memoryMiB` →
 * `--memory`; an option with no flag here (the explorer's `port`) as `--<name>`. */
export function flagOf(option: string): string {
  for (const [flag, f] of Object.entries(FLAGS)) if (f.key === option) return flag
  return `--${option}`
}

/** An error as the CLI reports it: `describeError`, with options named by their flags. */
export const describeCliError = (e: unknown): DescribedError => describeError(e, flagOf)

export { maxWorkers }

/** The worker threads a run uses: `--workers`, else the environment's `INTERLEAVE_WORKERS`, else
 * one (the sequential BFS; why one: `defaultWorkers` in check-command.ts). The variable is read as
 * the flag is: `abc` ran one thread and `2.5` printed "2.5 workers", without a word. A run over
 * worker processes takes no threads inside them (`--processes` refuses `--workers`), so the
 * variable does not apply there: it made such a run fail for a `--workers` nobody gave. */
export function workersOf(options: Partial<CheckOptions>, env: string | undefined): number {
  if (options.workers !== undefined) return options.workers
  if (env === undefined || env === '' || options.processes !== undefined) return 1
  const n = wholeNumberText(env)
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`INTERLEAVE_WORKERS=${env}: expected a positive whole number (the default of --workers)`)
  if (n > maxWorkers()) throw new UsageError(`INTERLEAVE_WORKERS=${env}: at most ${maxWorkers()} on this machine (${maxWorkersWhy()})`)
  return n
}

/** A whole number as a flag's value writes it: digits, or a power-of-ten shorthand (`1e6`), as
 * `--param` reads numbers; NaN for anything else. */
const wholeNumberText = (value: string): number => (/^\d+(e\d+)?$/i.test(value) ? Number(value) : Number.NaN)

export function usage(): string {
  const lines = Object.entries(FLAGS).map(([flag, f]) => {
    const arg = f.kind === 'flag' ? '' : f.kind === 'list' || f.kind === 'string' ? ' <v>' : ' <n>'
    return `  ${(flag + arg).padEnd(22)} ${f.help}`
  })
  return [
    'usage: npx interleave check [spec.ts | folder | spec-name | model.ts ...] [flags]   (or: npm run check -- ...)',
    '  a folder checks every spec in it',
    '  with no spec, checks every spec in specs/ and prints a table',
    ...lines,
  ].join('\n')
}

/** A decimal flag's value: digits with an optional fraction and power-of-ten shorthand (`1e3`, as
 * whole-number flags read), positive, or 0 where `zero` allows it. */
export function positiveNumber(flag: string, value: string, zero = false): number {
  const n = Number(value)
  if (!/^\d+(\.\d+)?(e\d+)?$/i.test(value) || !Number.isFinite(n) || (n <= 0 && !(zero && n === 0))) {
    throw new UsageError(`${flag} ${value}: expected a positive number${zero ? ' (0: never)' : ''}`)
  }
  return n
}

/** A check that each flag's value (or each `--param` key) is given once: `once('--out')` throws
 * the second time. A value given twice kept the last one without a word: the user meant one of
 * them. (A switch given twice, `--quiet --quiet`, says the same thing twice: not checked.) */
export function givenOnce(): (what: string) => void {
  const given = new Set<string>()
  return (what) => {
    if (given.has(what)) throw new UsageError(`${what} given twice`)
    given.add(what)
  }
}

/** `--param key=value` → [key, value] (the value's type is the spec's business: `core/params.ts`). */
export function parseParamArg(value: string): [string, string] {
  const m = /^([A-Za-z_][\w-]*)=(.*)$/.exec(value)
  if (!m) throw new UsageError(`--param ${value}: expected key=value`)
  return [m[1] as string, m[2] as string]
}

/** An empty word (`check "$SPEC"`, SPEC unset) names no spec or file: it read "error: : no such
 * spec". `prefix` says what it is ("an empty target"), `expected` what it should name. */
export function refuseEmptyArgument(raw: string, prefix: string, expected: string): void {
  if (raw.trim() === '') throw new UsageError(`${prefix} (an unset shell variable?): expected ${expected}`)
}

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const targets: string[] = []
  const o: Record<string, unknown> = {}
  const properties: string[] = []
  const params: Record<string, string> = {}
  const once = givenOnce()
  let i = 0
  while (i < argv.length) {
    const raw = argv[i++] as string
    if (raw === '-h') {
      o.help = true
      continue
    }
    // (`-x` is a flag mistyped, not a spec named "-x"; a lone `-` is no target either.)
    if (/^-[^-]|^-$/.test(raw)) throw new UsageError(`unknown flag ${raw} (see --help)`)
    if (!raw.startsWith('--')) {
      refuseEmptyArgument(raw, 'an empty target', 'a spec file, a spec name, a model file or a folder')
      targets.push(raw)
      continue
    }
    const eq = raw.indexOf('=')
    const flag = eq > 0 ? raw.slice(0, eq) : raw
    const def = FLAGS[flag]
    if (!def) {
      const near = closest(flag, Object.keys(FLAGS), 2)
      throw new UsageError(`unknown flag ${flag}${near.length > 0 ? `; did you mean ${near.join(', or ')}?` : ''} (see --help)`)
    }
    if (def.kind === 'flag') {
      if (eq > 0) throw new UsageError(`${flag} takes no value`)
      o[def.key] = true
      continue
    }
    const value = eq > 0 ? raw.slice(eq + 1) : argv[i++]
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`)
    if (def.kind !== 'list') once(flag)
    switch (def.kind) {
      case 'int': {
        // A flag with a range (`--seed`: 0 is a seed, and one past 32 bits was taken modulo 2^32,
        // where the message said "positive") says it.
        const n = wholeNumberText(value)
        const bad = def.range ? outsideRange(def.range, n) : Number.isSafeInteger(n) && n >= 1 ? undefined : 'expected a positive whole number'
        if (bad !== undefined) throw new UsageError(`${flag} ${value}: ${bad}`)
        o[def.key] = Number(value)
        break
      }
      case 'number':
        // (--step-timeout 0: no watchdog.)
        o[def.key] = positiveNumber(flag, value, flag === '--step-timeout')
        break
      case 'string':
        // An empty value (a shell variable unset: `--out "$DIR"`) named nothing: it wrote into
        // the current folder, or ran without the checkpoint asked for.
        if (value.trim() === '') throw new UsageError(`${flag}: expected a value, got an empty one`)
        o[def.key] = value
        break
      case 'list':
        if (flag === '--param') {
          const [k, v] = parseParamArg(value)
          once(`--param ${k}`)
          params[k] = v
        } else if (!properties.includes(value)) properties.push(value)
        break
    }
  }
  if (o.deadlock && o.noDeadlock) throw new UsageError('--deadlock and --no-deadlock contradict each other')
  if (o.symmetry && o.noSymmetry) throw new UsageError('--symmetry and --no-symmetry contradict each other')
  if (o.workers !== undefined && (o.workers as number) > maxWorkers()) {
    throw new UsageError(`--workers ${String(o.workers)}: at most ${maxWorkers()} on this machine (${maxWorkersWhy()})`)
  }
  // Local worker processes share this machine's cores, as threads do; a run over --nats may use
  // many machines, but no more processes than the workers' limit of 64 on one.
  if (o.processes !== undefined && (o.processes as number) > (o.nats === undefined ? maxWorkers() : MAX_JOINED_PROCESSES)) {
    throw new UsageError(o.nats === undefined
      ? `--processes ${String(o.processes)}: at most ${maxWorkers()} local worker processes on this machine (${maxWorkersWhy()}; more join with --nats)`
      : `--processes ${String(o.processes)}: at most ${MAX_JOINED_PROCESSES}`)
  }
  if (o.nats !== undefined && o.processes === undefined) throw new UsageError('--nats needs --processes N (how many worker processes to wait for)')
  // A flag that has no effect in the run asked for is refused, not ignored: the user meant something.
  for (const [key, flag] of [['seed', '--seed'], ['maxSteps', '--max-steps'], ['traces', '--traces']] as const) {
    if (o[key] !== undefined && o.strategy !== 'simulate') throw new UsageError(`${flag} needs --strategy simulate (it sets the random walks)`)
  }
  if (o.checkpointIntervalSeconds !== undefined && o.checkpoint === undefined) throw new UsageError('--checkpoint-every needs --checkpoint DIR (where to write them)')
  const strategy = o.strategy ?? 'bfs'
  if (!['bfs', 'dfs', 'simulate'].includes(strategy as string)) {
    throw new UsageError(`--strategy ${String(strategy)}: expected bfs, dfs or simulate`)
  }
  const options: Partial<CheckOptions> = {
    properties,
    params,
    maxStates: o.maxStates as number | undefined,
    maxDepth: o.maxDepth as number | undefined,
    timeLimitSeconds: o.timeLimitSeconds as number | undefined,
    stepTimeoutSeconds: o.stepTimeoutSeconds as number | undefined,
    deadlock: o.deadlock ? true : o.noDeadlock ? false : undefined,
    symmetry: o.symmetry ? true : o.noSymmetry ? false : undefined,
    debug: o.debug === true,
    por: o.por === true,
    workers: o.workers as number | undefined,
    strategy: strategy as CheckOptions['strategy'],
    seed: o.seed as number | undefined,
    maxSteps: o.maxSteps as number | undefined,
    traces: o.traces as number | undefined,
    checkpoint: o.checkpoint as string | undefined,
    checkpointIntervalSeconds: o.checkpointIntervalSeconds as number | undefined,
    resume: o.resume as string | undefined,
    memoryMiB: o.memoryMiB as number | undefined,
    processes: o.processes as number | undefined,
    nats: o.nats as string | undefined,
  }
  return {
    targets,
    options,
    out: (o.out as string | undefined) ?? DEFAULT_OUT,
    quiet: o.quiet === true,
    json: o.json === true,
    dot: o.dot as string | undefined,
    mbt: o.mbt === true,
    help: o.help === true,
  }
}
