/**
 * Ctrl-C in a run over several specs (issue #18, item 2): the first SIGINT stops the spec being
 * checked, the rest are not run, the table so far is printed with the stopped spec as interrupted,
 * and the exit code is 3, with no "EXPECTATION NOT MET" for specs that never ran.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './run-cli.ts'

function runUntilInterrupted(args: readonly string[], when: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, INTERLEAVE_WORKERS: '1' },
    })
    let stdout = ''
    let stderr = ''
    let sent = false
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (!sent && when.test(stderr)) {
        sent = true
        // The next spec is a few seconds of search; interrupt it once it has started.
        setTimeout(() => child.kill('SIGINT'), 1000)
      }
    })
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('check: Ctrl-C in a run over several specs', () => {
  it('stops at the first SIGINT: the table so far, the stopped spec interrupted, exit 3', async () => {
    const out = mkdtempSync(join(tmpdir(), 'interleave-int-'))
    // --max-states bounds the slow spec even if the interrupt were ignored.
    const r = await runUntilInterrupted(['check', 'test/cli/fixtures/interrupt/', '--max-states', '6000000', '--out', out], /checked a-fast/)
    expect(r.stdout).not.toContain('EXPECTATION NOT MET')
    expect(r.stdout).toMatch(/^a-fast .* yes /m)
    expect(r.stdout).toMatch(/^b-slow .* interrupted /m)
    expect(r.stdout).not.toMatch(/^c-after /m)
    expect(r.stdout).toContain('not run (interrupted): test/cli/fixtures/interrupt/c-after.ts')
    expect(r.stdout).toContain('1 of 3 specs as expected, interrupted: 1 not run')
    expect(r.code).toBe(3)
  }, 120_000)
})
