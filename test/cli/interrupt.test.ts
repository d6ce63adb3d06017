/**
 * Ctrl-C in a run over several specs (issue #18, item 2): the first SIGINT stops the spec being
 * checked, the rest are not run, the table so far is printed with the stopped spec as interrupted,
 * and the exit code is 3, with no "EXPECTATION NOT MET" for specs that never ran. And a SIGTERM
 * to a `--processes` run's whole process group (what `timeout` and a cancelled CI job send) is an
 * interrupt too: only the coordinator gets it, and it stops its workers.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess, SpawnOptions } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './run-cli.ts'

/** Runs the CLI and signals it once its stderr matches `when`: `signal()` gets the child. */
function runUntil(args: readonly string[], when: RegExp, signal: (child: ChildProcess) => void, opts: SpawnOptions = {}): Promise<{ code: number | null; stdout: string; stderr: string; sent: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, ...opts })
    let stdout = ''
    let stderr = ''
    let sent = false
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (!sent && when.test(stderr)) {
        sent = true
        signal(child)
      }
    })
    child.on('close', (code) => done({ code, stdout, stderr, sent }))
  })
}

describe('check: Ctrl-C in a run over several specs', () => {
  it('stops at the first SIGINT: the table so far, the stopped spec interrupted, exit 3', async () => {
    const out = mkdtempSync(join(tmpdir(), 'interleave-int-'))
    // --max-states bounds the slow spec even if the interrupt were ignored.
    // The next spec is a few seconds of search; interrupt it once it has started.
    const later = (c: ChildProcess): void => void setTimeout(() => c.kill('SIGINT'), 1000)
    const r = await runUntil(['check', 'test/cli/fixtures/interrupt/', '--max-states', '6000000', '--out', out], /checked a-fast/, later, { env: { ...process.env, INTERLEAVE_WORKERS: '1' } })
    expect(r.stdout).not.toContain('EXPECTATION NOT MET')
    expect(r.stdout).toMatch(/^a-fast .* yes /m)
    expect(r.stdout).toMatch(/^b-slow .* interrupted /m)
    expect(r.stdout).not.toMatch(/^c-after /m)
    expect(r.stdout).toContain('not run (interrupted): test/cli/fixtures/interrupt/c-after.ts')
    expect(r.stdout).toContain('1 of 3 specs as expected, interrupted: 1 not run')
    expect(r.code).toBe(3)
  }, 120_000)
})

describe('check --processes: SIGTERM to the process group', () => {
  it('ends the run as interrupted (exit 3), not as a lost worker', async () => {
    const out = mkdtempSync(join(tmpdir(), 'interleave-int-'))
    // Once the workers report states: the whole group (its own, as a shell gives a job), as
    // `timeout` signals it.
    const group = (c: ChildProcess): void => void process.kill(-(c.pid as number), 'SIGTERM')
    const { code, stdout, stderr, sent } = await runUntil(['check', 'specs/two-phase-commit.ts', '--param', 'rms=8', '--processes', '2', '--max-states', '3000000', '--out', out], /2 processes: \d/, group, { detached: true })
    expect(sent, stderr).toBe(true)
    expect(stderr).not.toMatch(/worker process \d of 2 .* was killed/)
    expect(stdout).toMatch(/ — INCOMPLETE: interrupted$/m)
    // The header names processes, not threads.
    expect(stdout).toMatch(/: model two-phase-commit, bfs, 2 worker processes$/m)
    expect(code).toBe(3)
  }, 120_000)
})
