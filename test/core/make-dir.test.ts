/**
 * `makeDir`: `mkdirSync(dir, { recursive: true })` without Node 20's endless retry where mkdir
 * answers ENOENT under an existing folder (procfs), which made `--out /proc/x` spin at full CPU,
 * deaf to SIGTERM. The /proc cases run in a child process killed by SIGKILL if it hangs.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeDir } from '../../src/core/make-dir.ts'
import { ROOT } from '../cli/run-cli.ts'

const tmp = (): string => mkdtempSync(join(tmpdir(), 'interleave-mkdir-'))

/** Runs `code` (ESM, with tsx) in a child process; SIGKILL after `seconds`. */
function child(args: readonly string[], seconds: number): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, encoding: 'utf8', timeout: seconds * 1000, killSignal: 'SIGKILL', env: { ...process.env, INTERLEAVE_WORKERS: '1' } })
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

describe('makeDir', () => {
  it('makes every missing folder, and leaves an existing one alone', () => {
    const d = join(tmp(), 'a', 'b', 'c')
    makeDir(d)
    expect(statSync(d).isDirectory()).toBe(true)
    makeDir(d)
    makeDir(`${d}/`)
    expect(statSync(d).isDirectory()).toBe(true)
  })

  it("throws mkdir's own error for a file in the way, and says the file is no folder", () => {
    const f = join(tmp(), 'file')
    writeFileSync(f, 'x')
    expect(() => makeDir(f)).toThrow(expect.objectContaining({ code: 'ENOTDIR', path: f, message: `ENOTDIR: not a folder: ${f} is a file, mkdir '${f}'` }))
    expect(() => makeDir(join(f, 'below'))).toThrow(/ENOTDIR/)
  })

  it.runIf(existsSync('/proc/self'))('answers ENOENT under /proc, where the recursive mkdir never returns', () => {
    const r = child(['-e', `import('./src/core/make-dir.ts').then((m) => { try { m.makeDir('/proc/interleave-x/y'); console.log('made') } catch (e) { console.log(e.code) } })`], 60)
    expect(r.signal).toBeNull()
    expect(r.stdout.trim()).toBe('ENOENT')
  })

  it.runIf(existsSync('/proc/self'))('--out and --checkpoint under /proc: one line naming the flag, exit 2, no hang', () => {
    const out = child(['src/cli/main.ts', 'check', 'specs/two-phase-commit.ts', '--out', '/proc/interleave-out', '--quiet'], 120)
    expect(out.signal).toBeNull()
    expect(out.stderr.trim()).toMatch(/^error: --out \/proc\/interleave-out: cannot write \/proc\/interleave-out\/two-phase-commit\/\S+: no such file or directory \(ENOENT\)$/)
    expect(out.code).toBe(2)
    const ck = child(['src/cli/main.ts', 'check', 'specs/two-phase-commit.ts', '--checkpoint', '/proc/interleave-ck', '--workers', '2', '--out', tmp()], 120)
    expect(ck.signal).toBeNull()
    expect(ck.stderr.trim()).toBe("error: --checkpoint /proc/interleave-ck: cannot create the folder: ENOENT: no such file or directory, mkdir '/proc/interleave-ck'")
    expect(ck.code).toBe(2)
  })
})
