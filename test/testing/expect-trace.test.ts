/** expectTrace(file).toReproduce(): a stored counterexample still replays and still violates. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { Trace } from '../../src/index.ts'
import { traceToItfJson } from '../../src/trace/itf.ts'
import { SpecAssertionError, expectTrace } from '../../src/testing/index.ts'
import earlyCommit from '../../specs/two-phase-commit-early-commit.ts'
import counterSpec from '../fixtures/counter.ts'

const dir = mkdtempSync(join(tmpdir(), 'interleave-expect-trace-'))
let earlyFile = ''
let counterFile = ''
let earlyTrace: Trace

beforeAll(async () => {
  const r = await check(earlyCommit)
  const p = r.properties.find((q) => q.name === 'TCConsistent')!
  earlyTrace = p.trace!
  earlyFile = join(dir, 'TCConsistent.itf.json')
  writeFileSync(
    earlyFile,
    traceToItfJson(earlyTrace, { spec: earlyCommit.name, specPath: 'specs/two-phase-commit-early-commit.ts', model: r.model, params: r.params, property: p.name, propertyKind: p.kind, verdict: p.verdict }),
  )
  const c = await check(counterSpec, { params: { limit: 2 } })
  const b = c.properties[0]!
  counterFile = join(dir, 'Below.itf.json')
  writeFileSync(counterFile, traceToItfJson(b.trace!, { spec: 'counter', model: c.model, params: c.params, property: b.name, propertyKind: b.kind, verdict: b.verdict }))
})

describe('expectTrace', () => {
  it('passes on a trace that still reproduces, finding the spec the trace names', async () => {
    const o = await expectTrace(earlyFile).toReproduce()
    expect(o).toMatchObject({ kind: 'reproduces', property: 'TCConsistent', steps: 8 })
    await expectTrace(counterFile, { spec: counterSpec }).toReproduce()
  })

  it('fails when the violation is gone (the property holds at the end under other parameters)', async () => {
    await expect(expectTrace(counterFile, { spec: counterSpec, params: { limit: 5 } }).toReproduce()).rejects.toThrow(
      /toReproduce\(\): no longer reproduces at step 3: Below holds at step 3 now[\s\S]*reproduce: npm run replay -- .*Below\.itf\.json \(this run overrode parameters: limit=5\)/,
    )
  })

  it('fails when a recorded step is no longer enabled, naming the step', async () => {
    const json = JSON.parse(readFileSync(earlyFile, 'utf8')) as { states: { '#meta': { action?: string } }[] }
    json.states[2]!['#meta'].action = 'TMAbort'
    const edited = join(dir, 'edited.itf.json')
    writeFileSync(edited, JSON.stringify(json))
    await expect(expectTrace(edited).toReproduce()).rejects.toThrow(/no longer reproduces at step 3/)
  })

  it('fails when the trace names no spec and none is given', async () => {
    const json = JSON.parse(readFileSync(counterFile, 'utf8')) as { '#meta': Record<string, unknown> }
    delete json['#meta'].spec
    const anonymous = join(dir, 'anonymous.itf.json')
    writeFileSync(anonymous, JSON.stringify(json))
    await expect(expectTrace(anonymous).toReproduce()).rejects.toThrow(/names no spec; pass \{ spec \}/)
  })

  it('fails, as every helper does, on a trace file that is missing', async () => {
    const missing = join(dir, 'nope.itf.json')
    const err = await expectTrace(missing).toReproduce().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SpecAssertionError)
    expect((err as Error).message).toMatch(/^expectTrace\(.*nope\.itf\.json\): no such file/)
  })

  // A trace is data: replay loads the spec it names only under the working folder, and so does
  // expectTrace now (it imported, and ran, whatever file a recorded absolute path named).
  it('does not import a spec file the trace names outside the working folder', async () => {
    const evil = join(dir, 'evil.ts')
    writeFileSync(evil, `globalThis.__evilRan = true\nexport { default } from '${join(process.cwd(), 'specs/two-phase-commit-early-commit.ts')}'\n`)
    const json = JSON.parse(readFileSync(earlyFile, 'utf8')) as { '#meta': Record<string, unknown> }
    json['#meta'].specPath = evil
    json['#meta'].spec = '../../evil'
    const outside = join(dir, 'outside.itf.json')
    writeFileSync(outside, JSON.stringify(json))
    await expect(expectTrace(outside).toReproduce()).rejects.toThrow(/names no spec under this folder \(it names .*evil\.ts: a trace is data\); pass \{ spec \}/)
    expect((globalThis as { __evilRan?: boolean }).__evilRan).toBeUndefined()
  })

  it('fails naming where it looked when the spec the trace names is not there (no guessed import)', async () => {
    await expect(expectTrace(counterFile).toReproduce()).rejects.toThrow(/the trace's spec counter is not at specs\/counter\.ts; pass \{ spec \}$/)
  })

  it("names the trace, not a --param, when the trace's parameters do not fit the spec", async () => {
    const json = JSON.parse(readFileSync(counterFile, 'utf8')) as { '#meta': { params: Record<string, unknown> } }
    json['#meta'].params = { limit: 2, ghost: 1 }
    const ghost = join(dir, 'ghost.itf.json')
    writeFileSync(ghost, JSON.stringify(json))
    const err = await expectTrace(ghost, { spec: counterSpec }).toReproduce().catch((e: unknown) => e)
    expect(String(err)).toMatch(/ghost\.itf\.json: the trace's parameter ghost: spec counter has no parameter 'ghost'/)
    expect(String(err)).not.toContain('--param')
  })
})

describe('expectTrace on the curated traces the CLI wrote (traces/examples)', () => {
  const dir = 'traces/examples'
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.itf.json')).sort() : []
  it('finds them', () => {
    expect(files.length).toBeGreaterThan(0)
  })
  // paxos-livelock is a lasso found over a model's `view` (ballots renumbered): it closes modulo
  // the view, which replay compares through (it used to compare raw states and fail here).
  for (const f of files) {
    it(`${f} still reproduces`, async () => {
      await expect(expectTrace(join(dir, f)).toReproduce()).resolves.toMatchObject({ kind: 'reproduces' })
    })
  }
})
