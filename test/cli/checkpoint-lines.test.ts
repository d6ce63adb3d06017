/**
 * What a run with `--checkpoint` tells its user: a stopped run names its checkpoint (where, how far)
 * and how to resume it; a resumed run says where it resumed from, and its rates are of the states
 * it found itself, in its own time (not the whole search's states over its part of the time).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkInProcess } from './run-in-process.ts'

describe('check --checkpoint / --resume: the summary', () => {
  it('names the checkpoint a stopped run wrote, and the one a resumed run started from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-ckl-'))
    const ck = join(dir, 'ck')
    const out = join(dir, 'out')
    const stopped = await checkInProcess(['specs/two-phase-commit.ts', '--param', 'rms=5', '--workers', '2', '--checkpoint', ck, '--max-states', '2000', '--out', out])
    expect(stopped.code).toBe(3)
    const line = stopped.stdout.match(/^ {2}checkpoint: (.*) holds the search at depth (\d+) \(([\d,]+) states\): resume it with --resume (.*) and this run's parameters and flags$/m)
    expect(line, stopped.stdout).not.toBeNull()
    expect(line?.[1]).toBe(ck)
    expect(line?.[4]).toBe(ck)
    const held = Number(line?.[3].replace(/,/g, ''))
    expect(held).toBeGreaterThan(0)
    expect(held).toBeLessThanOrEqual(2000)
    const resumed = await checkInProcess(['specs/two-phase-commit.ts', '--param', 'rms=5', '--workers', '2', '--resume', ck, '--out', out])
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toContain(`  resumed from the checkpoint in ${ck} (${line?.[3]} states): the time and rates are this run's part\n`)
    expect(resumed.stdout).toMatch(/^ {2}8,832 distinct states, .* — complete$/m)
    // A complete run names no checkpoint to resume.
    expect(resumed.stdout).not.toMatch(/^ {2}checkpoint:/m)
  })
})
