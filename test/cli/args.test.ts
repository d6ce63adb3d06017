/** Flags that reach the options unchanged (parsing alone, no search), and options named back as flags. */
import { parseExploreArgs, run as explore } from '../../src/cli/explore-command.ts'
import { run as replay } from '../../src/cli/replay-command.ts'
import { run as view } from '../../src/cli/view-command.ts'
import { commandInProcess } from './run-in-process.ts'
import { describe, expect, it } from 'vitest'
import { flagOf, parseCheckArgs } from '../../src/cli/args.ts'
import { ModelError, UsageError, marked, option } from '../../src/core/errors.ts'
import { withState } from '../../src/explore/sink.ts'
import { watchdogMs } from '../../src/explore/step-watchdog.ts'
import { check } from '../../src/index.ts'
import { describeError } from '../../src/report/error-line.ts'
import counterSpec from '../fixtures/counter.ts'

describe('parseCheckArgs', () => {
  it('passes --checkpoint, --checkpoint-every and --resume to the options', () => {
    const { options } = parseCheckArgs(['specs/two-phase-commit.ts', '--checkpoint', 'ck', '--checkpoint-every', '2.5', '--resume', 'old', '--processes', '3'])
    expect(options).toMatchObject({ checkpoint: 'ck', checkpointIntervalSeconds: 2.5, resume: 'old', processes: 3 })
  })

  it('refuses an empty value for a flag that names a folder, a file or a server', () => {
    for (const flag of ['--out', '--checkpoint', '--resume', '--dot', '--nats', '--strategy']) {
      expect(() => parseCheckArgs(['specs/two-phase-commit.ts', flag, ''])).toThrow(new UsageError(`${flag}: expected a value, got an empty one`))
      expect(() => parseCheckArgs(['specs/two-phase-commit.ts', `${flag}= `])).toThrow(new UsageError(`${flag}: expected a value, got an empty one`))
    }
  })

  // Found as a user: `--propert X` said only "unknown flag", as a misspelt --param or property
  // name gets a "did you mean".
  it('a misspelt flag names the flag it is near', () => {
    expect(() => parseCheckArgs(['specs/two-phase-commit.ts', '--propert', 'TypeOK'])).toThrow(new UsageError('unknown flag --propert; did you mean --property? (see --help)'))
    expect(() => parseCheckArgs(['specs/two-phase-commit.ts', '--symetry'])).toThrow(new UsageError('unknown flag --symetry; did you mean --symmetry? (see --help)'))
    expect(() => parseCheckArgs(['specs/two-phase-commit.ts', '--fast'])).toThrow(new UsageError('unknown flag --fast (see --help)'))
  })

  // Found as a user: `check "$SPEC"` with SPEC unset said "error: : no such spec (try a path, or
  // one of: ...)", as an empty --out is refused by name.
  it('refuses an empty target, as it refuses an empty value for a flag', () => {
    for (const empty of ['', ' ']) {
      expect(() => parseCheckArgs([empty, '--quiet'])).toThrow(new UsageError('an empty target (an unset shell variable?): expected a spec file, a spec name, a model file or a folder'))
    }
  })

  // Found by a README audit: explore, replay and view said "error: : no such spec (…)" or
  // "error: : no such file" for an empty word, as check did.
  it('explore, replay and view refuse an empty argument by name too (exit 2)', async () => {
    for (const [command, line] of [
      [explore, 'error: explore: an empty target (an unset shell variable?): expected a spec file or a spec name'],
      [replay, 'error: replay: an empty trace file name (an unset shell variable?): expected a trace file (.itf.json)'],
      [view, 'error: view: an empty trace file name (an unset shell variable?): expected a trace file (.itf.json)'],
    ] as const) {
      for (const empty of ['', ' ']) {
        const r = await commandInProcess(command, [empty])
        expect([r.code, r.stderr, r.stdout]).toEqual([2, `${line}\n`, ''])
      }
    }
  })

  it('a single-dash word is an unknown flag, not a spec name', () => {
    expect(() => parseCheckArgs(['specs/two-phase-commit.ts', '-x'])).toThrow(new UsageError('unknown flag -x (see --help)'))
    expect(parseCheckArgs(['-h']).help).toBe(true)
  })

  it('caps --processes on this machine as --workers is (a thousand local processes were started)', () => {
    expect(() => parseCheckArgs(['specs/two-phase-commit.ts', '--processes', '1e3'])).toThrow(/^--processes 1000: at most \d+ local worker processes on this machine/)
    expect(parseCheckArgs(['specs/two-phase-commit.ts', '--processes', '1e3', '--nats', 'nats://h:4222']).options.processes).toBe(1000)
  })

  it('a step timeout past what a timer holds is the longest one, not none', () => {
    expect(watchdogMs(0)).toBeUndefined()
    expect(watchdogMs(2)).toBe(2000)
    expect(watchdogMs(1e20)).toBe(0x7fffffff)
  })

  it('reads a whole number as digits or a power-of-ten shorthand, and nothing else', () => {
    const spec = 'specs/two-phase-commit.ts'
    expect(parseCheckArgs([spec, '--max-states', '1e6']).options).toMatchObject({ maxStates: 1_000_000 })
    expect(parseCheckArgs([spec, '--max-states=2E3']).options).toMatchObject({ maxStates: 2000 })
    for (const bad of ['1e99', '1.5', '0x10', '-3', '0', '1e']) expect(() => parseCheckArgs([spec, '--max-states', bad])).toThrow(new UsageError(`--max-states ${bad}: expected a positive whole number`))
    // A decimal flag reads the same shorthand.
    expect(parseCheckArgs([spec, '--time-limit', '1e3']).options).toMatchObject({ timeLimitSeconds: 1000 })
    expect(parseCheckArgs([spec, '--time-limit', '2.5']).options).toMatchObject({ timeLimitSeconds: 2.5 })
    for (const bad of ['1e999', '0x10', '-3', '0', '1e', '.5']) expect(() => parseCheckArgs([spec, '--time-limit', bad])).toThrow(new UsageError(`--time-limit ${bad}: expected a positive number`))
  })

  it("refuses a flag's value or a parameter given twice (which one was meant?), not a switch or a property named twice", () => {
    const spec = 'specs/two-phase-commit.ts'
    expect(() => parseCheckArgs([spec, '--workers', '1', '--workers=2'])).toThrow(new UsageError('--workers given twice'))
    expect(() => parseCheckArgs([spec, '--out', 'a', '--out', 'a'])).toThrow(new UsageError('--out given twice'))
    expect(() => parseCheckArgs([spec, '--param', 'rms=2', '--param', 'rms=3'])).toThrow(new UsageError('--param rms given twice'))
    expect(parseCheckArgs([spec, '--param', 'rms=2', '--param', 'x=3']).options.params).toEqual({ rms: '2', x: '3' })
    expect(parseCheckArgs([spec, '--quiet', '--quiet', '-h', '--help']).quiet).toBe(true)
    expect(parseCheckArgs([spec, '--property', 'TypeOK', '--property', 'TypeOK']).options.properties).toEqual(['TypeOK'])
    // explore reads its flags the same way (a parameter named like an object's method included).
    expect(() => parseExploreArgs([spec, '--port', '1', '--port', '2'])).toThrow(new UsageError('--port given twice'))
    expect(() => parseExploreArgs([spec, '--param', 'rms=2', '--param=rms=3'])).toThrow(new UsageError('--param rms given twice'))
    expect(parseExploreArgs([spec, '--param', 'toString=1'])).toMatchObject({ params: { toString: '1' } })
  })

  it('refuses a flag that would have no effect in the run asked for, naming what it needs', () => {
    const spec = 'specs/two-phase-commit.ts'
    for (const flag of ['--seed', '--max-steps', '--traces']) {
      expect(() => parseCheckArgs([spec, flag, '5'])).toThrow(new UsageError(`${flag} needs --strategy simulate (it sets the random walks)`))
      expect(() => parseCheckArgs([spec, '--strategy', 'dfs', flag, '5'])).toThrow(UsageError)
      expect(parseCheckArgs([spec, '--strategy', 'simulate', flag, '5']).options).toMatchObject({ strategy: 'simulate' })
    }
    expect(() => parseCheckArgs([spec, '--checkpoint-every', '5'])).toThrow(new UsageError('--checkpoint-every needs --checkpoint DIR (where to write them)'))
  })

  // Found as a user: `--seed 4294967296` ran seed 0's walks, and `--seed -1` was refused as not
  // "positive" while 0 was taken.
  it('takes a 32-bit seed, 0 included, and refuses one past it rather than wrap it', () => {
    const spec = 'specs/two-phase-commit.ts'
    const seed = (v: string) => parseCheckArgs([spec, '--strategy', 'simulate', '--seed', v]).options.seed
    expect(seed('0')).toBe(0)
    expect(seed('4294967295')).toBe(4294967295)
    expect(seed('1e3')).toBe(1000)
    for (const v of ['4294967296', '1e10', '-1', '1.5', 'abc']) {
      expect(() => seed(v)).toThrow(new UsageError(`--seed ${v}: expected a whole number from 0 to 4294967295 (a 32-bit seed)`))
    }
  })
})

describe('errors name options; the CLI names its flags', () => {
  it('an engine error speaks of options to the API and of flags on the command line', async () => {
    const e = new UsageError(`${option('memoryMiB')} 1: too small (or ${option('workers')} 1)`)
    expect(e.message).toBe('memoryMiB 1: too small (or workers 1)')
    expect(describeError(e, flagOf).message).toBe('--memory 1: too small (or --workers 1)')
    expect(describeError(new ModelError(`model m: stuck; ${option('stepTimeoutSeconds')} S sets the limit`), flagOf).message).toBe('model m: stuck; --step-timeout S sets the limit')
    // An option with no flag of `check` (the explorer's port) is named as a flag would be.
    expect(flagOf('port')).toBe('--port')
    // Through check(): the parameters option, then the CLI's --param.
    const thrown = await check(counterSpec, { params: { nope: 1 } }).catch((x: unknown) => x)
    expect((thrown as Error).message).toMatch(/^params nope: spec counter has no parameter/)
    expect(describeError(thrown, flagOf).message).toMatch(/^--param nope: spec counter has no parameter/)
  })

  it('an error re-thrown with more words, or sent from a worker, still names them both ways', () => {
    const e = new ModelError(`model m: next changed its state; run with ${option('debug')} to find the action`)
    const wrapped = withState(e, { x: 1 }) as ModelError
    expect(wrapped.message).toBe('model m: next changed its state; run with debug to find the action, in state {"x":1}')
    expect(describeError(wrapped, flagOf).message).toBe('model m: next changed its state; run with --debug to find the action, in state {"x":1}')
    // A worker sends `marked(e)`; the coordinator's new error reads it as a template again.
    expect(describeError(new ModelError(marked(e)), flagOf).message).toBe(describeError(e, flagOf).message)
    expect(marked(new Error('plain'))).toBe('plain')
  })
})
