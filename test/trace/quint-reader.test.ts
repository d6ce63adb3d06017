/**
 * Every trace we write is ITF that Quint's own reader (`ofItf`, `@informalsystems/quint`) accepts,
 * and reads back through ours to the identical states:
 *
 * - the counterexamples of every bundled spec that expects a violation (the traces `npm run
 *   check` writes; a spec that finds a violation it does not expect fails the golden test), written
 *   through the API into a temporary folder;
 * - the curated traces under traces/examples/, which must equal what the writer produces today
 *   (`npx vitest run test/trace/quint-reader.test.ts -u` regenerates them).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadSpecFile, specFiles } from '../../src/cli/load-spec.ts'
import type { Trace } from '../../src/core/result.ts'
import type { AnySpec, Params } from '../../src/core/spec.ts'
import { check } from '../../src/index.ts'
import type { TraceOrigin } from '../../src/trace/itf.ts'
import { parseItf, traceToItfJson } from '../../src/trace/itf.ts'
import { stateSchemaOf } from '../../src/trace/itf-schema.ts'
import { counterexamples, fileSafe, writeTraceFiles } from '../../src/trace/write-trace-files.ts'
import { quintReadTrace } from './quint-reader.ts'

interface Written {
  readonly file: string
  readonly spec: AnySpec
  readonly params: Params
  readonly trace: Trace
}

/** Does the JSON hold a `null` anywhere (which ITF does not allow)? */
const hasNull = (j: unknown): boolean =>
  j === null || (typeof j === 'object' && Object.values(j as object).some(hasNull))

const out = mkdtempSync(join(tmpdir(), 'interleave-itf-'))
/** Every bundled spec's counterexamples, written once, by the first test that asks: in a test,
 * not a `beforeAll`, so that the file's measured time (test/timings, which orders the suite's
 * files slowest first) includes it; from a hook it was missed, and the file ran last, alone. */
let writing: Promise<Written[]> | undefined
const traces = (): Promise<Written[]> => (writing ??= writeAll())
async function writeAll(): Promise<Written[]> {
  const written: Written[] = []
  for (const file of specFiles()) {
    const { spec } = await loadSpecFile(file)
    if (Object.keys(spec.expect?.violated ?? {}).length === 0) continue
    // Only the properties it violates: a run ends once every property it checks is decided, so
    // most stop at their first counterexample, which is the same one (BFS order does not depend on
    // which properties are checked).
    const r = await check(spec, { workers: 1, properties: Object.keys(spec.expect?.violated ?? {}) })
    const params = { ...(spec.params ?? {}), ...r.params }
    writeTraceFiles(out, spec.name, params, r.model, r, { specPath: file, schema: stateSchemaOf(spec, params) })
    for (const p of counterexamples(r)) written.push({ file: join(out, fileSafe(spec.name), `${fileSafe(p.name)}.itf.json`), spec, params, trace: p.trace })
  }
  return written
}

afterAll(() => rmSync(out, { recursive: true, force: true }))

describe("Quint's ITF reader on every trace we write", () => {
  it('reads every bundled spec counterexample, and ours reads back the identical states and actions', async () => {
    const written = await traces()
    expect(written.length).toBeGreaterThanOrEqual(27)
    let sets = 0
    for (const w of written) {
      const text = readFileSync(w.file, 'utf8')
      const json = JSON.parse(text) as { vars: string[]; states: Record<string, unknown>[] }
      expect(hasNull(json), `${w.file} holds a JSON null`).toBe(false)
      // ITF wants every variable in every state.
      for (const s of json.states) expect(json.vars.filter((v) => !(v in s)), w.file).toEqual([])
      sets += (text.match(/"#set"/g) ?? []).length
      expect(quintReadTrace(JSON.parse(text)), w.file).toBe(w.trace.steps.length)
      const stored = parseItf(text, w.file)
      expect(stored.trace.steps, w.file).toEqual(w.trace.steps)
      expect(stored.trace.loopStart, w.file).toBe(w.trace.loopStart)
      // Writing what was read gives the same bytes.
      expect(traceToItfJson(stored.trace, stored.origin as TraceOrigin, { schema: stateSchemaOf(w.spec, w.params) })).toBe(text)
    }
    // The 2PC early-commit model declares a schema: its sets are written as #set.
    expect(sets).toBeGreaterThan(0)
  })

  const examples = readdirSync('traces/examples').filter((f) => f.endsWith('.itf.json')).sort()
  it('finds the curated examples', () => expect(examples.length).toBe(5))

  for (const name of examples) {
    it(`traces/examples/${name}: Quint reads it, it round-trips, and it is what the writer writes today`, async () => {
      const path = join('traces/examples', name)
      const stored = parseItf(readFileSync(path, 'utf8'), path)
      const w = (await traces()).find((x) => x.spec.name === stored.origin.spec && x.file.endsWith(`/${stored.origin.property}.itf.json`))
      expect(w, `a bundled spec writes ${name}`).toBeDefined()
      expect(stored.trace.steps).toEqual(w!.trace.steps)
      const base = join(out, w!.spec.name, stored.origin.property as string)
      await expect(readFileSync(`${base}.itf.json`, 'utf8')).toMatchFileSnapshot(`../../${path}`)
      await expect(readFileSync(`${base}.txt`, 'utf8')).toMatchFileSnapshot(`../../${path.replace(/\.itf\.json$/, '.txt')}`)
      // The committed file itself: no null, read by Quint.
      const json: unknown = JSON.parse(readFileSync(path, 'utf8'))
      expect(hasNull(json)).toBe(false)
      expect(quintReadTrace(json)).toBe(stored.trace.steps.length)
    })
  }
})
