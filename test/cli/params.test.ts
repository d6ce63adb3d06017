/** `--param` through the CLI (issue #18, item 7): refused before the search, and what is compared.
 * The first test through the real process (`cli`), the others in this one (run-in-process.ts). */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './run-cli.ts'
import { checkInProcess } from './run-in-process.ts'

const out = () => mkdtempSync(join(tmpdir(), 'interleave-param-'))

describe('check --param', () => {
  it('rms=2.5 is refused: one line naming the parameter, exit 2, no search', () => {
    const r = cli(['check', 'specs/two-phase-commit.ts', '--param', 'rms=2.5', '--out', out()])
    expect(r.stderr.trim()).toBe('error: --param rms=2.5: expected a whole number (the default is 3)')
    expect(r.stdout).toBe('')
    expect(r.code).toBe(2)
  })

  it("1e9 is a number, judged by the model's range", async () => {
    const r = await checkInProcess(['test/cli/fixtures/counter.ts', '--param', 'bound=1e9', '--out', out()])
    expect(r.stderr.trim()).toBe('error: --param bound=1e9: spec counter: bound must be at most 10,000,000')
    expect(r.code).toBe(2)
  })

  it('other parameters on an expected-violation spec: the pinned counterexample length is not compared', async () => {
    const r = await checkInProcess(['specs/two-phase-commit-early-commit.ts', '--param', 'rms=2', '--out', out()])
    expect(r.stdout).not.toContain('EXPECTATION NOT MET')
    expect(r.stdout).toContain('expectation: met (verdicts; counts not compared: parameters overridden (rms=2))')
    expect(r.code).toBe(0)
  })

  it("a --param that repeats the spec's own value: counts compared as without it", async () => {
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--param', 'rms=3', '--out', out()])
    expect(r.stdout).toContain('expectation: met (verdicts, counts and depth)')
    expect(r.stdout).not.toContain('counts not compared')
    expect(r.code).toBe(0)
  })
})
