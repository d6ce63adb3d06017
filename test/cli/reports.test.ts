/** What `check` writes beside the trace files: report.html against the spec, the run's
 * index.html, and `--mbt` ITF files. The first run of each test goes through the real process
 * (`cli`); the runs after it, in this process (run-in-process.ts), a spawn costing 1 to 2 CPU-s. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readIndexRows } from '../../src/report/run-index.ts'
import { cli } from './run-cli.ts'
import { checkInProcess } from './run-in-process.ts'

const out = () => mkdtempSync(join(tmpdir(), 'interleave-reports-'))
const EARLY = 'specs/two-phase-commit-early-commit.ts'

describe('check: report.html and the index page', () => {
  it('a pinned violation reads as expected in report.html, with the default parameters shown', () => {
    const dir = out()
    expect(cli(['check', EARLY, '--out', dir]).code).toBe(0)
    const html = readFileSync(join(dir, 'two-phase-commit-early-commit', 'report.html'), 'utf8')
    expect(html).toContain('data-status="as-expected"')
    expect(html).toMatch(/<tr data-property="TCConsistent">.*<td class="verdict-violated pinned">violated<\/td><td>violated \(8 states\)<\/td><td class="expect-ok" data-expect="ok">as expected<\/td>/)
    expect(html).toContain('<tr data-param="rms"><th class="mono">rms</th><td class="mono">3</td><td class="muted">default</td></tr>')
  })

  it('writes <out>/index.html over several specs, byte-identical across runs, and a later run updates its rows', async () => {
    const [a, b] = [out(), out()]
    const targets = [EARLY, 'test/cli/fixtures/violates.ts']
    const r = cli(['check', ...targets, '--out', a])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`reports: ${join(a, 'index.html')}`)
    expect((await checkInProcess([...targets, '--out', b])).code).toBe(1)
    const index = readFileSync(join(a, 'index.html'), 'utf8')
    expect(index).toBe(readFileSync(join(b, 'index.html'), 'utf8'))
    expect(index).toContain('<a href="two-phase-commit-early-commit/report.html">two-phase-commit-early-commit</a></td><td class="status-as-expected">as expected</td>')
    expect(index).toContain('data-summary>1 of 2 as expected · 1 EXPECTATION NOT MET<')
    expect(readIndexRows(index).map((row) => [row.spec, row.status])).toEqual([['two-phase-commit-early-commit', 'as-expected'], ['bad-violates', 'not-met']])
    // One more spec into the same folder: its row is added, the others kept.
    expect((await checkInProcess(['specs/two-phase-commit.ts', '--quiet', '--out', a])).code).toBe(0)
    const rows = readIndexRows(readFileSync(join(a, 'index.html'), 'utf8'))
    expect(rows.map((row) => row.spec)).toEqual(['two-phase-commit-early-commit', 'bad-violates', 'two-phase-commit'])
    expect(rows[2]).toMatchObject({ status: 'as-expected', distinct: 288, total: 1146, depth: 11, report: 'two-phase-commit/report.html' })
  })
})

describe('check --mbt', () => {
  it("writes Quint's mbt::actionTaken and mbt::nondetPicks into the ITF, and the trace still replays", async () => {
    const dir = out()
    expect(cli(['check', EARLY, '--mbt', '--out', dir]).code).toBe(0)
    const file = join(dir, 'two-phase-commit-early-commit', 'TCConsistent.itf.json')
    const itf = JSON.parse(readFileSync(file, 'utf8')) as { vars: string[]; states: Record<string, unknown>[] }
    expect(itf.vars.slice(-2)).toEqual(['mbt::nondetPicks', 'mbt::actionTaken'])
    expect(itf.states.map((s) => s['mbt::actionTaken'])).toEqual(['init', 'RMPrepare', 'TMRcvPrepared', 'RMPrepare', 'TMRcvPrepared', 'TMCommit', 'RMRcvCommitMsg', 'RMChooseToAbort'])
    expect(itf.states[1]!['mbt::nondetPicks']).toEqual({ rm: { tag: 'Some', value: 'r1' } })
    const r = cli(['replay', file])
    expect(r.stdout).toMatch(/^still reproduces/)
    expect((await checkInProcess(['--help'])).stdout).toMatch(/--mbt\s+ITF files also record mbt::actionTaken/)
  })
})
