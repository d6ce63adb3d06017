/**
 * `check --json` (issue #17): one JSON document on stdout for every outcome, schema version 1
 * (docs/cli-json.md): one object per spec, an `error` for a spec that fails, a top-level `error`
 * for a usage error. And the `interleave` bin, with no npm banner.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, cli } from './run-cli.ts'
import { checkInProcess } from './run-in-process.ts'

const out = () => mkdtempSync(join(tmpdir(), 'interleave-json-'))

interface SpecDoc {
  file: string
  spec: string | null
  status: string
  error: { kind: string; message: string } | null
  params?: Record<string, unknown>
  overriddenParams?: Record<string, unknown>
  complete?: boolean
  stopReason?: string | null
  stats?: { distinct: number; total: number; depth: number }
  properties?: { name: string; verdict: string; traceFiles: string[]; reproduce: string | null; trace: { length: number } | null }[]
  reproduce?: string
}
interface RunDoc {
  schemaVersion: number
  exitCode: number
  interrupted: boolean
  error: { kind: string; message: string } | null
  specs: SpecDoc[]
  notRun: string[]
}

/** stdout is exactly one JSON document, and its exitCode is the command's. Run in this process
 * (run-in-process.ts); the real process is tested by `the interleave bin` and the unknown command
 * below, and by test/cli/check.test.ts. */
async function json(args: readonly string[]): Promise<RunDoc> {
  const r = await checkInProcess([...args, '--json'])
  const doc = JSON.parse(r.stdout) as RunDoc
  expect(doc.schemaVersion).toBe(1)
  expect(doc.exitCode).toBe(r.code)
  return doc
}

describe('check --json', () => {
  it('success: effective parameters with defaults, counts, status', async () => {
    const dir = out()
    const doc = await json(['specs/two-phase-commit.ts', '--out', dir])
    expect(doc.error).toBeNull()
    const [s] = doc.specs
    expect(s).toMatchObject({ file: 'specs/two-phase-commit.ts', spec: 'two-phase-commit', status: 'as-expected', error: null, params: { rms: 3 }, overriddenParams: {}, complete: true, stopReason: null })
    expect(s!.stats).toMatchObject({ distinct: 288, total: 1146, depth: 11 })
    expect(s!.reproduce).toBe(`npm run check -- specs/two-phase-commit.ts --out ${dir}`)
  })

  it('violation: the trace, its files and the reproduce command per property', async () => {
    const dir = out()
    const doc = await json(['specs/two-phase-commit-early-commit.ts', '--out', dir])
    const p = doc.specs[0]!.properties!.find((q) => q.name === 'TCConsistent')!
    expect(p.verdict).toBe('violated')
    expect(p.trace!.length).toBe(8)
    expect(p.traceFiles.some((f) => f.endsWith('two-phase-commit-early-commit/TCConsistent.itf.json'))).toBe(true)
    expect(p.reproduce).toBe(`npm run check -- specs/two-phase-commit-early-commit.ts --property TCConsistent --out ${dir}`)
    expect(doc.exitCode).toBe(0)
  })

  it('a lasso: its 0-based loopStart, the step that closes the loop, and why the loop is fair', async () => {
    const doc = await json(['specs/dining-philosophers-keep-clean.ts', '--property', 'NobodyStarves(1)', '--out', out()])
    const t = doc.specs[0]!.properties!.find((q) => q.name === 'NobodyStarves(1)')!.trace as unknown as Record<string, unknown> & { steps: unknown[] }
    // The text trace: "Step 9 leads back to step 6 by Think(2)", and a line per fairness group.
    expect(t).toMatchObject({ length: 9, loopStart: 5, closing: { name: 'Think', self: 2 }, closesUpTo: null })
    expect(t.fairness).toEqual([
      'WF(Philosopher(1)): disabled at step 6',
      'WF(Philosopher(2)): taken at step 7',
      'WF(Philosopher(3)): disabled at step 6',
      'WF(Philosopher(4)): disabled at step 6',
      'WF(Philosopher(5)): disabled at step 6',
    ])
    // A safety counterexample has none of these.
    const safety = await json(['specs/two-phase-commit-early-commit.ts', '--property', 'TCConsistent', '--out', out()])
    expect(safety.specs[0]!.properties!.find((q) => q.name === 'TCConsistent')!.trace).toMatchObject({ loopStart: null, closing: null, closesUpTo: null, fairness: null })
  })

  it('incomplete: status, stop reason, exit 3', async () => {
    const doc = await json(['specs/two-phase-commit-rm5.ts', '--max-states', '500', '--out', out()])
    expect(doc.specs[0]).toMatchObject({ status: 'incomplete', complete: false, stopReason: 'max-states' })
    expect(doc.exitCode).toBe(3)
  })

  it('usage errors: a missing spec, an unknown flag, a bad --param, an unknown command', async () => {
    for (const args of [['specs/nope.ts'], ['nope'], ['specs/two-phase-commit.ts', '--fast'], ['specs/two-phase-commit.ts', '--param', 'rms=2.5']]) {
      const doc = await json(args)
      expect(doc.exitCode).toBe(2)
      if (doc.error) expect(doc.error.kind).toBe('usage')
      else expect(doc.specs[0]!.error!.kind).toBe('usage')
    }
    const r = cli(['frobnicate', '--json'])
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, exitCode: 2, error: { kind: 'usage' } })
    expect(r.code).toBe(2)
    // No command at all: the usage, exit 2.
    const none = cli([])
    expect(none.stderr).toMatch(/^usage: interleave <command>/)
    expect(none.code).toBe(2)
  })

  it('model errors: a spec that throws is an object with an error, never dropped', async () => {
    const doc = await json(['test/cli/fixtures/next-throws.ts', '--out', out()])
    expect(doc.specs).toHaveLength(1)
    expect(doc.specs[0]).toMatchObject({ file: 'test/cli/fixtures/next-throws.ts', spec: 'bad-next-throws', status: 'error', error: { kind: 'model' } })
    expect(doc.specs[0]!.error!.message).toMatch(/next threw: counter overflow/)
    // The error line goes to stderr too (docs/cli-json.md), a spec's and a file's that does not load.
    const r = await checkInProcess(['test/cli/fixtures/next-throws.ts', 'test/cli/fixtures/not-a-spec.ts', '--out', out(), '--json'])
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^test\/cli\/fixtures\/next-throws.ts: model error: .*next threw: counter overflow/), expect.stringMatching(/not-a-spec.ts/)])
  })

  it('a spec file that does not load: its object with a usage error', async () => {
    const doc = await json(['test/cli/fixtures/not-a-spec.ts', '--out', out()])
    expect(doc.error).toBeNull()
    expect(doc.specs).toMatchObject([{ file: 'test/cli/fixtures/not-a-spec.ts', spec: null, status: 'error', error: { kind: 'usage' } }])
    expect(doc.exitCode).toBe(2)
  })

  it('several specs: one object each, a file that does not load included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-json-specs-'))
    writeFileSync(join(dir, 'a.ts'), `export { default } from ${JSON.stringify(join(ROOT, 'specs/transaction-commit.ts'))}\n`)
    writeFileSync(join(dir, 'b.ts'), 'export default 42\n')
    writeFileSync(join(dir, 'c.ts'), `export { default } from ${JSON.stringify(join(ROOT, 'test/cli/fixtures/init-throws.ts'))}\n`)
    const doc = await json([dir, '--out', out()])
    expect(doc.specs.map((s) => [s.file.split('/').pop(), s.status, s.error?.kind ?? null])).toEqual([
      ['a.ts', 'as-expected', null],
      ['b.ts', 'error', 'usage'],
      ['c.ts', 'error', 'model'],
    ])
    expect(doc.exitCode).toBe(2)
  })
})

describe('the interleave bin', () => {
  it('node bin/interleave.mjs check … --json: valid JSON on stdout, no npm banner', () => {
    const r = spawnSync(process.execPath, ['bin/interleave.mjs', 'check', 'specs/two-phase-commit.ts', '--json', '--out', out()], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, INTERLEAVE_WORKERS: '1' },
      timeout: 120_000,
    })
    expect(r.stdout.startsWith('{\n  "schemaVersion": 1,')).toBe(true)
    const doc = JSON.parse(r.stdout) as RunDoc
    expect(doc.specs[0]!.stats!.distinct).toBe(288)
    expect(r.status).toBe(0)
  })

  it('checks a spec in a folder outside the project, without a package.json of its own', () => {
    // A CommonJS .ts file to Node: it loads only with tsx's CommonJS hooks too.
    const dir = mkdtempSync(join(tmpdir(), 'interleave-outside-'))
    const spec = join(dir, 'outside.ts')
    const src = relative(dir, join(ROOT, 'src', 'index.ts')).split(sep).join('/')
    writeFileSync(
      spec,
      `import { always, defineSpec } from '${src}'\n` +
        `export default defineSpec({ name: 'outside', config: null, model: { name: 'outside', init: () => [0], next: (_c: null, n: number) => (n < 3 ? [[{ name: 'Inc' }, n + 1]] : []), properties: [always('Small', (_c: null, n: number) => n <= 3)] } })\n`,
    )
    const r = spawnSync(process.execPath, ['bin/interleave.mjs', 'check', spec, '--quiet', '--out', out()], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INTERLEAVE_WORKERS: '1' }, timeout: 120_000 })
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe('outside: as expected (Small holds)')
    expect(r.status).toBe(0)
  })
})

describe('--json through a pipe read late', () => {
  // The check ends its process once stdout has flushed (a leftover socket kept it up); it used to
  // end 2 s after the command returned whatever the pipe still held, cutting a 100 KB document
  // read late at 64 KB.
  it('delivers the whole document', () => {
    const cmd = `"${process.execPath}" --import tsx src/cli/main.ts check specs/three-phase-commit-partition.ts --json --out "${out()}" 2>/dev/null | (sleep 4; cat)`
    const r = spawnSync('/bin/sh', ['-c', cmd], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INTERLEAVE_WORKERS: '1' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 })
    expect(r.stdout.length).toBeGreaterThan(65_536)
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, exitCode: 0 })
  })
})
