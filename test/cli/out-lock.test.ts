/**
 * Concurrent runs into one `--out`: the second warns (naming the folder and the other process)
 * and still writes; a lock left by a process that is gone is taken over silently.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { claimOut, LOCK_FILE } from '../../src/cli/out-lock.ts'
import { ROOT, cli } from './run-cli.ts'

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

describe('index.html under concurrent runs', () => {
  // Each run read the index before the other wrote it, and the later write dropped the earlier
  // run's rows (1 run in 5 of three started together). The read, merge and write now hold
  // `index.html.lock`: a run waits for another's, and takes over one a killed run left.
  it('waits for a lock held by another run, then adds its row; takes over a stale one', async () => {
    const out = mkdtempSync(join(tmpdir(), 'il-index-'))
    const lock = join(out, 'index.html.lock')
    writeFileSync(lock, '1\n')
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', 'specs/two-phase-commit.ts', '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, INTERLEAVE_WORKERS: '1' } })
    let err = ''
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
    // Its report is written before the index: then it is waiting for the lock.
    while (!existsSync(join(out, 'two-phase-commit', 'report.html'))) await new Promise((r) => setTimeout(r, 20))
    await new Promise((r) => setTimeout(r, 300))
    expect(existsSync(join(out, 'index.html'))).toBe(false)
    rmSync(lock)
    expect(await exited, err).toBe(0)
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('two-phase-commit/report.html')
    expect(existsSync(lock)).toBe(false)
    // A lock a minute old is a killed run's.
    writeFileSync(lock, '1\n')
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    expect(cli(['check', 'specs/paxos.ts', '--out', out]).code).toBe(0)
    const index = readFileSync(join(out, 'index.html'), 'utf8')
    expect(index).toContain('paxos/report.html')
    expect(index).toContain('two-phase-commit/report.html')
    expect(existsSync(lock)).toBe(false)
  }, 60_000)
})
