import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run } from '../../src/cli/view-command.ts'
import type { AnySpec } from '../../src/core/spec.ts'
import { check } from '../../src/index.ts'
import { writeTraceFiles } from '../../src/trace/write-trace-files.ts'
import buggy from '../trace/fixtures/buggy-two-phase-commit.ts'

const dir = mkdtempSync(join(tmpdir(), 'interleave-view-'))
let trace = ''

beforeAll(async () => {
  const r = await check(buggy as AnySpec)
  trace = writeTraceFiles(dir, r.spec, { rms: 3 }, r.model, r)[0] as string
  rmSync(trace.replace('.itf.json', '.html'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function view(...args: string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s)
    return true
  })
  try {
    return { code: await run(args), out }
  } finally {
    spy.mockRestore()
  }
}

describe('npm run view', () => {
  it('writes the viewer beside the trace and prints its path', async () => {
    const html = trace.replace('.itf.json', '.html')
    expect(existsSync(html)).toBe(false)
    const { code, out } = await view(trace)
    expect(code).toBe(0)
    expect(out).toBe(`${html}\n`)
    const page = readFileSync(html, 'utf8')
    expect(page).toContain('<title>TCConsistent violated in buggy-two-phase-commit</title>')
    expect(page.match(/data-lifeline=/g)).toHaveLength(4) // r1, r2, r3 (the keys of rmState) and TM
    expect(page).not.toMatch(/(src|href)="https?:/)
  })

  it('writes to --out, and refuses what is not a trace', async () => {
    const out = join(dir, 'elsewhere', 'v.html')
    expect((await view(trace, '--out', out)).out).toBe(`${out}\n`)
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/)
    await expect(view(join(dir, 'nope.itf.json'))).rejects.toThrow(/no such file/)
    await expect(view(trace, '--out')).rejects.toThrow(/--out needs/)
    await expect(view(trace, '--out', out, '--out=b.html')).rejects.toThrow(/^--out given twice$/)
  })

  it('refuses a trace with no states, as replay does, instead of writing a page that breaks', async () => {
    // The page drew "step 1 of 0" and threw in the browser (reading the label of step 0).
    const empty = join(dir, 'empty.itf.json')
    writeFileSync(empty, JSON.stringify({ ...JSON.parse(readFileSync(trace, 'utf8')), states: [] }))
    await expect(view(empty)).rejects.toThrow(new RegExp(`^${empty}: the trace has no states$`))
    expect(existsSync(empty.replace('.itf.json', '.html'))).toBe(false)
  })

  it('an --out it cannot write is one line naming the flag and the path (not a temporary file)', async () => {
    const file = join(dir, 'a-file')
    writeFileSync(file, 'x')
    await expect(view(trace, '--out', join(file, 'v.html'))).rejects.toThrow(new RegExp(`^--out ${file}/v\\.html: cannot write ${file}/v\\.html: not a folder: ${file} is a file \\(ENOTDIR\\)$`))
    await expect(view(trace, '--out', '/sys/interleave-v.html')).rejects.toThrow(/^--out \/sys\/interleave-v\.html: cannot write \/sys\/interleave-v\.html: /)
  })

  it("labels each step of a Quint --mbt trace with the action taken, not '(initial state)'", async () => {
    const out = join(dir, 'quint.html')
    expect((await view('test/trace/fixtures/quint-mbt.itf.json', '--out', out)).code).toBe(0)
    const page = readFileSync(out, 'utf8')
    for (const label of ['step(a)', 'step(b)', 'reset']) expect(page).toContain(label)
    const count = (s: string): number => page.split(s).length - 1
    expect(count('(initial state)')).toBe(count('step(b)'))
  })

  it('labels each step of a Quint trace without --mbt by the variables it changed, not "(initial state)"', async () => {
    const out = join(dir, 'quint-plain.html')
    expect((await view('test/trace/fixtures/quint-plain.itf.json', '--out', out)).code).toBe(0)
    const page = readFileSync(out, 'utf8')
    const steps = [...page.matchAll(/<li data-step="\d+"[^>]*><span class="mono">([^<]*)<\/span>/g)].map((m) => m[1])
    expect(steps).toEqual(['(initial state)', 'changed: x, ys, last', 'changed: x, ys, last', 'changed: x, last'])
  })
})

describe('npm run view of a stored counterexample', () => {
  it('marks the violation as check does: the curated traces re-render byte-identically', async () => {
    for (const name of ['three-phase-commit-partition', 'paxos-livelock', 'paxos-net-livelock']) {
      const out = join(dir, `${name}.html`)
      expect((await view(`traces/examples/${name}.itf.json`, '--out', out)).code).toBe(0)
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(`traces/examples/${name}.html`, 'utf8'))
    }
  })
})
