/** `INTERLEAVE_WORKERS`, the default of `--workers`: read as the flag is, and only where the flag
 * would apply. Found as a user: `abc` ran one thread and `2.5` printed "2.5 workers", without a
 * word, and a run over worker processes was refused for a `--workers` nobody gave. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { maxWorkers, workersOf } from '../../src/cli/args.ts'
import { UsageError } from '../../src/core/errors.ts'
import { cli } from './run-cli.ts'

describe('workersOf', () => {
  it('takes --workers, else INTERLEAVE_WORKERS, else one thread', () => {
    expect(workersOf({ workers: 3 }, '2')).toBe(3)
    expect(workersOf({}, '2')).toBe(2)
    expect(workersOf({}, '1e1')).toBe(10)
    expect(workersOf({}, undefined)).toBe(1)
    expect(workersOf({}, '')).toBe(1)
  })

  it('refuses a value --workers would refuse, naming the variable', () => {
    for (const bad of ['abc', '2.5', '0', '-1', ' 2']) {
      expect(() => workersOf({}, bad)).toThrow(new UsageError(`INTERLEAVE_WORKERS=${bad}: expected a positive whole number (the default of --workers)`))
    }
    expect(() => workersOf({}, String(maxWorkers() + 1))).toThrow(/^INTERLEAVE_WORKERS=\d+: at most \d+ on this machine/)
  })

  it('does not apply to a run over worker processes, which takes no threads', () => {
    expect(workersOf({ processes: 2 }, '2')).toBe(1)
  })
})

describe('the CLI with INTERLEAVE_WORKERS', () => {
  it('refuses a bad value in one line (exit 2) before any search', () => {
    const out = mkdtempSync(join(tmpdir(), 'interleave-workers-env-'))
    const r = cli(['check', 'specs/two-phase-commit.ts', '--quiet', '--out', out], { INTERLEAVE_WORKERS: '2.5' })
    expect(r.stderr.trim()).toBe('error: INTERLEAVE_WORKERS=2.5: expected a positive whole number (the default of --workers)')
    expect([r.code, r.stdout]).toEqual([2, ''])
  })
})
