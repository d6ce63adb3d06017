/** Flags that reach the options unchanged (parsing alone, no search). */
import { describe, expect, it } from 'vitest'
import { parseCheckArgs } from '../../src/cli/args.ts'

describe('parseCheckArgs', () => {
  it('passes --checkpoint, --checkpoint-every and --resume to the options', () => {
    const { options } = parseCheckArgs(['specs/two-phase-commit.ts', '--checkpoint', 'ck', '--checkpoint-every', '2.5', '--resume', 'old', '--processes', '3'])
    expect(options).toMatchObject({ checkpoint: 'ck', checkpointIntervalSeconds: 2.5, resume: 'old', processes: 3 })
  })
})
