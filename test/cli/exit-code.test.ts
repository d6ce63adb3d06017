/**
 * The exit code of a `check` over several specs (or one with `--json`), where a spec's error is
 * kept as an entry instead of thrown: a distributed run that lost a worker has no verdict (3), any
 * other error is 2. Through the CLI this needs a worker killed at the right moment; here the rule
 * itself is checked on entries.
 */
import { describe, expect, it } from 'vitest'
import { exitCode } from '../../src/cli/check-command.ts'
import type { Entry } from '../../src/cli/check-command.ts'

const lost: Entry = { file: 'a.ts', error: { kind: 'usage', message: 'worker 1 stopped answering' }, noVerdict: true }
const bad: Entry = { file: 'b.ts', error: { kind: 'model', message: 'next threw' } }

describe('check: exit code of specs that ended in an error', () => {
  it('3 for a distributed run that lost a worker (no verdict), 2 for any other error', () => {
    expect(exitCode([lost], false)).toBe(3)
    expect(exitCode([bad], false)).toBe(2)
    expect(exitCode([lost, bad], false)).toBe(2)
    expect(exitCode([], true)).toBe(3)
  })
})
