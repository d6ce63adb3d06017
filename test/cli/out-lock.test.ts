/**
 * Concurrent runs into one `--out`: the second warns (naming the folder and the other process)
 * and still writes; a lock left by a process that is gone is taken over silently.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { claimOut, LOCK_FILE } from '../../src/cli/out-lock.ts'
import { cli } from './run-cli.ts'

const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' })
afterAll(() => sleeper.kill())

const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!

describe('--out lock', () => {
  it('claims a fresh folder and releases it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'il-lock-')), 'out')
    const lock = claimOut(dir)
    expect(lock.warning).toBeUndefined()
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid))
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    // The folder was made for the lock alone and nothing was written: it goes too.
    expect(existsSync(dir)).toBe(false)
    // One that was there before, or that holds files, stays.
    const kept = mkdtempSync(join(tmpdir(), 'il-lock-'))
    claimOut(kept).release()
    expect(existsSync(kept)).toBe(true)
    const written = join(mkdtempSync(join(tmpdir(), 'il-lock-')), 'out')
    const held = claimOut(written)
    writeFileSync(join(written, 'index.html'), 'x')
    held.release()
    expect(existsSync(join(written, 'index.html'))).toBe(true)
  })

  it('warns when a live process holds the folder, and leaves its lock alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'il-lock-'))
    writeFileSync(join(dir, LOCK_FILE), `${sleeper.pid}\n`)
    const lock = claimOut(dir)
    expect(lock.warning).toBe(`warning: --out ${dir}: another interleave run (process ${sleeper.pid}) is writing trace files here; the two runs' files may mix (give each run its own --out)`)
    lock.release()
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(sleeper.pid))
  })

  it('takes over a lock whose process is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'il-lock-'))
    writeFileSync(join(dir, LOCK_FILE), `${deadPid()}\n`)
    const lock = claimOut(dir)
    expect(lock.warning).toBeUndefined()
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid))
    lock.release()
  })

  it('the CLI prints the warning and still writes its traces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'il-lock-'))
    writeFileSync(join(dir, LOCK_FILE), `${sleeper.pid}\n`)
    const r = cli(['check', 'specs/two-phase-commit-early-commit.ts', '--out', dir, '--quiet'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`--out ${dir}: another interleave run (process ${sleeper.pid}) is writing trace files here`)
    expect(existsSync(join(dir, 'two-phase-commit-early-commit'))).toBe(true)
  })
})
