/**
 * A completed search is never lost (issue #18, item 4): an output that cannot be written is one
 * line naming the path, after the verdict, with exit 2, never "internal error … please report".
 * The first test goes through the real process (`cli`); the others run the command in this
 * process (run-in-process.ts), a spawn costing 1 to 2 CPU-seconds.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './run-cli.ts'
import { checkInProcess } from './run-in-process.ts'

const tmp = () => mkdtempSync(join(tmpdir(), 'interleave-outerr-'))
const aFile = () => {
  const f = join(tmp(), 'a-file')
  writeFileSync(f, 'not a folder')
  return f
}

function expectOneErrorLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(stderr).not.toContain('internal error')
}

describe('check: an output error after a completed search', () => {
  it('--out at a file: the verdict and counterexample first, then one line naming the path, exit 2', () => {
    const file = aFile()
    const r = cli(['check', 'specs/two-phase-commit-early-commit.ts', '--out', file])
    expect(r.stdout).toContain('TCConsistent violated: shortest counterexample of 8 states')
    expect(r.stdout).toContain('expectation: met')
    expect(r.stdout).not.toContain('trace files:')
    expectOneErrorLine(r.stderr, new RegExp(`^error: --out ${file}: cannot write ${file}/two-phase-commit-early-commit/\\S+: not a directory \\(ENOTDIR\\)$`))
    expect(r.code).toBe(2)
  })

  it('--out under /sys after a passing search: the verdict, then the path', async () => {
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--out', '/sys/interleave-out', '--quiet'])
    expect(r.stdout).toContain('two-phase-commit: as expected')
    expectOneErrorLine(r.stderr, /^error: --out \/sys\/interleave-out: cannot write \/sys\/interleave-out\/two-phase-commit\/report\.html: /)
    expect(r.code).toBe(2)
  })

  it('--out at a file with --json: the result is in the JSON, with the error beside it', async () => {
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--out', aFile(), '--json'])
    const doc = JSON.parse(r.stdout) as { exitCode: number; specs: { status: string; error: { kind: string; message: string }; stats: { distinct: number } }[] }
    expect(doc.exitCode).toBe(2)
    expect(doc.specs[0]!.status).toBe('as-expected')
    expect(doc.specs[0]!.stats.distinct).toBe(288)
    expect(doc.specs[0]!.error.kind).toBe('output')
    expect(r.code).toBe(2)
  })

  it('--dot at a folder, or where it cannot be written: one line naming the path, exit 2', async () => {
    const dir = tmp()
    const r = await checkInProcess(['specs/transaction-commit.ts', '--dot', dir])
    expectOneErrorLine(r.stderr, new RegExp(`^error: --dot ${dir}: is a folder`))
    expect(r.code).toBe(2)
    const s = await checkInProcess(['specs/transaction-commit.ts', '--dot', '/sys/interleave.dot'])
    expectOneErrorLine(s.stderr, /^error: --dot \/sys\/interleave\.dot: cannot write \/sys\/interleave\.dot: /)
    expect(s.code).toBe(2)
  })

  it('--dot and view --out never write over the input or a file of another kind (exit 2, the file kept)', async () => {
    const dir = tmp()
    const spec = join(dir, 'victim.ts')
    writeFileSync(spec, 'export const keep = 1\n')
    const r = await checkInProcess(['specs/transaction-commit.ts', '--dot', spec])
    expectOneErrorLine(r.stderr, new RegExp(`^error: --dot ${spec}: a file that is not a \\.dot file is there; refusing to write over it`))
    expect(r.code).toBe(2)
    expect(readFileSync(spec, 'utf8')).toBe('export const keep = 1\n')
    const self = await checkInProcess(['specs/transaction-commit.ts', '--dot', 'specs/transaction-commit.ts'])
    expectOneErrorLine(self.stderr, /^error: --dot specs\/transaction-commit\.ts: that is the input file; refusing to write over it$/)
    // A .dot file there is rewritten, as a rerun expects.
    const dot = join(dir, 'g.dot')
    writeFileSync(dot, 'old')
    expect((await checkInProcess(['specs/transaction-commit.ts', '--dot', dot])).code).toBe(0)
    expect(readFileSync(dot, 'utf8')).toMatch(/^digraph/)
    const trace = join(dir, 't.itf.json')
    writeFileSync(trace, readFileSync('traces/examples/three-phase-commit-partition.itf.json'))
    const v = cli(['view', trace, '--out', trace])
    expectOneErrorLine(v.stderr, new RegExp(`^error: --out ${trace}: that is the input file; refusing to write over it$`))
    expect(v.code).toBe(2)
    expect(readFileSync(trace, 'utf8')).toBe(readFileSync('traces/examples/three-phase-commit-partition.itf.json', 'utf8'))
  })

  it("a spec's trace files are written all or none: a failed write leaves the previous run's as they were", async () => {
    const out = tmp()
    const folder = join(out, 'two-phase-commit-early-commit')
    // The report page's path is taken by a folder: nothing is written.
    mkdirSync(join(folder, 'report.html'), { recursive: true })
    const r = await checkInProcess(['specs/two-phase-commit-early-commit.ts', '--out', out])
    expect(r.stdout).toContain('expectation: met')
    expectOneErrorLine(r.stderr, new RegExp(`^error: --out ${out}: cannot write ${folder}/report\\.html: `))
    expect(r.code).toBe(2)
    expect(readdirSync(folder)).toEqual(['report.html'])
    // A first run writes the set; a second that cannot write one file keeps the first's.
    rmSync(join(folder, 'report.html'), { recursive: true })
    expect((await checkInProcess(['specs/two-phase-commit-early-commit.ts', '--out', out])).code).toBe(0)
    const before = Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f), 'utf8')]))
    rmSync(join(folder, 'report.html'))
    mkdirSync(join(folder, 'report.html'))
    expect((await checkInProcess(['specs/two-phase-commit-early-commit.ts', '--out', out])).code).toBe(2)
    for (const [f, text] of Object.entries(before)) if (f !== 'report.html') expect(readFileSync(join(folder, f), 'utf8')).toBe(text)
    expect(readdirSync(folder).sort()).toEqual(Object.keys(before).sort())
  })

  it('--checkpoint at a file: refused before the search, one line, exit 2', async () => {
    const file = aFile()
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--checkpoint', file, '--out', tmp()])
    expectOneErrorLine(r.stderr, new RegExp(`^error: --checkpoint ${file}: not a folder$`))
    expect(r.code).toBe(2)
  })
})
