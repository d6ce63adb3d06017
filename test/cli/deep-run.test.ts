/**
 * Runs as deep as they are large (one state per BFS level) keep their result: nothing recurses or
 * spreads on the number of levels or the length of a trace (issue #18, item 3).
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './run-cli.ts'

const out = () => mkdtempSync(join(tmpdir(), 'interleave-deep-'))

describe('check: 200,000 BFS levels', () => {
  it('--max-states 200000 on a counter: the incomplete verdict, exit 3, and a report with a bucketed chart', () => {
    const dir = out()
    const r = cli(['check', 'test/cli/fixtures/counter.ts', '--max-states', '200000', '--out', dir])
    expect(r.stderr).not.toMatch(/internal error|call stack/)
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('200,000 distinct states, 200,000 generated, depth 200000')
    expect(r.stdout).toContain('INCOMPLETE: max-states reached')
    expect(readFileSync(join(dir, 'counter', 'report.html'), 'utf8')).toContain('each bar sums 500 consecutive levels')
  })

  it('a counterexample of 200,001 states is printed and written as ITF, text and HTML', () => {
    const dir = out()
    const r = cli(['check', 'test/cli/fixtures/counter.ts', '--param', 'bound=200000', '--out', dir])
    expect(r.stderr).not.toMatch(/internal error|call stack/)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Below violated: shortest counterexample of 200001 states')
    for (const f of ['Below.itf.json', 'Below.txt', 'Below.html', 'report.html']) expect(statSync(join(dir, 'counter', f)).size).toBeGreaterThan(0)
  })
})
