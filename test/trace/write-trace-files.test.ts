import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AnySpec } from '../../src/core/spec.ts'
import { always, check, defineSpec } from '../../src/index.ts'
import { writeFileAtomic } from '../../src/trace/atomic-write.ts'
import { parseItf } from '../../src/trace/itf.ts'
import { writeTraceFiles } from '../../src/trace/write-trace-files.ts'
import buggy from './fixtures/buggy-two-phase-commit.ts'

const root = mkdtempSync(join(tmpdir(), 'interleave-trace-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('writeTraceFiles', () => {
  it('writes ITF, text and HTML for each counterexample (not for witnesses), and the report', async () => {
    const r = await check(buggy as AnySpec)
    const out = join(root, 'a')
    const paths = writeTraceFiles(out, r.spec, { rms: 3 }, r.model, r, { specPath: 'test/trace/fixtures/buggy-two-phase-commit.ts' })
    const dir = join(out, 'buggy-two-phase-commit')
    expect(paths).toEqual(['TCConsistent.itf.json', 'TCConsistent.txt', 'TCConsistent.html', 'report.html'].map((f) => join(dir, f)))
    expect(readdirSync(dir).sort()).toEqual(['TCConsistent.html', 'TCConsistent.itf.json', 'TCConsistent.txt', 'report.html'])
    const stored = parseItf(readFileSync(join(dir, 'TCConsistent.itf.json'), 'utf8'))
    expect(stored.origin).toMatchObject({ spec: 'buggy-two-phase-commit', specPath: 'test/trace/fixtures/buggy-two-phase-commit.ts', property: 'TCConsistent', params: { rms: 3 } })
    expect(readFileSync(join(dir, 'TCConsistent.txt'), 'utf8')).toMatch(/^Counterexample to TCConsistent \(always\) in buggy-two-phase-commit \(rms=3\): 6 states\nStep 1 \(initial state\)/)
    const report = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(report).toContain('href="TCConsistent.html"')
    expect(report).not.toContain('AllCommitted.html')
  })

  it('writes the same bytes on a second run', async () => {
    const read = async (sub: string): Promise<string[]> => {
      const r = await check(buggy as AnySpec)
      return writeTraceFiles(join(root, sub), r.spec, { rms: 3 }, r.model, r)
        .filter((p) => !p.endsWith('report.html')) // the report holds the run's timing
        .map((p) => readFileSync(p, 'utf8'))
    }
    expect(await read('b1')).toEqual(await read('b2'))
  })
})

describe('writeFileAtomic', () => {
  it('leaves no partial file when producing the content throws, and keeps the old content', () => {
    const dir = join(root, 'atomic')
    const file = join(dir, 'x.itf.json')
    function* failing(): Generator<string> {
      yield '{"half": '
      throw new Error('renderer failed')
    }
    expect(() => writeFileAtomic(file, failing())).toThrow('renderer failed')
    expect(existsSync(file)).toBe(false)
    expect(readdirSync(dir)).toEqual([]) // the temporary file is gone too
    writeFileSync(file, 'old')
    expect(() => writeFileAtomic(file, failing())).toThrow('renderer failed')
    expect(readFileSync(file, 'utf8')).toBe('old')
    writeFileAtomic(file, ['new ', 'content'])
    expect(readFileSync(file, 'utf8')).toBe('new content')
    expect(readdirSync(dir)).toEqual(['x.itf.json'])
  })
})

describe('writeTraceFiles on a state ITF cannot hold', () => {
  it('fails with a model error naming the value, and writes nothing', async () => {
    const { ModelError } = await import('../../src/core/errors.ts')
    const r = await check(buggy as AnySpec)
    const bad = {
      ...r,
      properties: [{ name: 'P', kind: 'always' as const, verdict: 'violated' as const, trace: { steps: [{ action: null, state: { '#meta': 1 } }] } }],
    }
    const out = join(root, 'bad')
    expect(() => writeTraceFiles(out, 'bad', {}, 'm', bad)).toThrow(ModelError)
    expect(() => writeTraceFiles(out, 'bad', {}, 'm', bad)).toThrow(/counterexample to P cannot be written as ITF: state variable '#meta'/)
    expect(existsSync(join(out, 'bad', 'P.itf.json'))).toBe(false)
  })

  it('keeps long values whole in the .txt file (the terminal rendering may cut them)', async () => {
    type S = { readonly x: number; readonly log: readonly string[] }
    const log = Array.from({ length: 40 }, (_, i) => `entry-${String(i).padStart(2, '0')}`)
    const spec = defineSpec({
      name: 'long-values',
      model: {
        name: 'long-values',
        init: () => [{ x: 0, log }],
        next: (_c: unknown, s: S) => (s.x < 1 ? [[{ name: 'Inc' }, { ...s, x: 1, log: [...s.log, 'last'] }] as const] : []),
        properties: [always<unknown, S>('Small', (_c, s) => s.x < 1)],
      },
      config: {},
    }) as AnySpec
    const r = await check(spec)
    const [, txt] = writeTraceFiles(join(root, 'c'), r.spec, {}, r.model, r)
    const text = readFileSync(txt as string, 'utf8')
    expect(`[${log.join(', ')}]`.length).toBeGreaterThan(300)
    expect(text).toContain(`  log: [${log.join(', ')}]\n`)
    expect(text).not.toContain('…')
  })
})
