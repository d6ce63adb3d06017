import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run } from '../../src/cli/replay-command.ts'
import { ModelError, UsageError } from '../../src/core/errors.ts'
import type { AnySpec } from '../../src/core/spec.ts'
import { check } from '../../src/index.ts'
import { writeTraceFiles } from '../../src/trace/write-trace-files.ts'
import buggy from '../trace/fixtures/buggy-two-phase-commit.ts'
import counter from '../trace/fixtures/counter.ts'
import deepCounter from './fixtures/counter.ts'

const dir = mkdtempSync(join(tmpdir(), 'interleave-replay-'))
let buggyTrace = ''
let counterTrace = ''

beforeAll(async () => {
  const r = await check(buggy as AnySpec)
  buggyTrace = writeTraceFiles(dir, r.spec, { rms: 3 }, r.model, r, { specPath: 'test/trace/fixtures/buggy-two-phase-commit.ts' })[0] as string
  const c = await check(counter as AnySpec)
  counterTrace = writeTraceFiles(dir, c.spec, {}, c.model, c, { specPath: 'test/trace/fixtures/counter.ts' })[0] as string
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function replay(...args: string[]): Promise<{ code: number; out: string }> {
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

describe('npm run replay', () => {
  it('exits 0 when the trace still reproduces (spec found from the trace)', async () => {
    const { code, out } = await replay(buggyTrace)
    expect(code).toBe(0)
    expect(out).toMatch(/^still reproduces: .*TCConsistent\.itf\.json replays on today's model \(6 states\); TCConsistent is still violated at step 6\n$/)
  })

  it('exits 1 when it no longer reproduces on another spec, naming the step', async () => {
    const { code, out } = await replay(buggyTrace, '--spec', 'specs/two-phase-commit.ts')
    expect(code).toBe(1)
    expect(out).toContain('no longer reproduces at step 4: TMCommit is not enabled')
  })

  it("says when it replays with the trace's parameters where the spec given has others", async () => {
    const { out } = await replay(buggyTrace, '--spec', 'specs/two-phase-commit-rm5.ts')
    expect(out.split('\n')).toContain("note: replayed with the trace's parameters (rms=3), not spec two-phase-commit-rm5's own (rms=5)")
    expect((await replay(buggyTrace, '--spec', 'specs/two-phase-commit.ts')).out).not.toContain('note: replayed with')
  })

  it("exits 1 when the model's variables changed", async () => {
    const { code, out } = await replay(counterTrace, '--spec=test/trace/fixtures/counter-with-y.ts')
    expect(code).toBe(1)
    expect(out).toBe("the model's variables changed: added y (the trace cannot be replayed)\n")
  })

  it('rejects usage errors with one-line messages', async () => {
    await expect(replay(join(dir, 'missing.itf.json'))).rejects.toThrow(/missing\.itf\.json: no such file/)
    await expect(replay(dir)).rejects.toThrow(new UsageError(`${dir}: is a folder, not a trace file (an .itf.json)`))
    const notItf = join(dir, 'not.json')
    writeFileSync(notItf, '{"a": 1}')
    await expect(replay(notItf)).rejects.toThrow(/not an ITF trace/)
    await expect(replay(buggyTrace, '--spec', 'no-such-spec')).rejects.toThrow(UsageError)
    await expect(replay()).rejects.toThrow(/expected one trace file/)
    await expect(replay(buggyTrace, '--bogus')).rejects.toThrow(/unknown flag --bogus/)
    // A flag's value given twice: which one was meant?
    await expect(replay(buggyTrace, '--spec', 'a', '--spec=b')).rejects.toThrow(new UsageError('--spec given twice'))
    await expect(replay(buggyTrace, '--step-timeout', '1', '--step-timeout', '2')).rejects.toThrow(new UsageError('--step-timeout given twice'))
  })

  it("names the trace, not a --param the user never typed, when its recorded parameters do not fit the spec", async () => {
    const withParams = (params: string): string => {
      const f = join(dir, `params-${params.replace(/\W/g, '_')}.itf.json`)
      writeFileSync(f, readFileSync(buggyTrace, 'utf8').replace('"params":{"rms":3}', `"params":{${params}}`))
      return f
    }
    const ghost = withParams('"rms":3,"ghost":1')
    const err = await replay(ghost).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UsageError)
    expect((err as Error).message).toBe(`${ghost}: the trace's parameter ghost: spec buggy-two-phase-commit has no parameter 'ghost' (known: rms)`)
    await expect(replay(withParams('"rms":"three"'))).rejects.toThrow(/: the trace's parameter rms=three: expected a number$/)
    await expect(replay(withParams('"rms":"three"'))).rejects.not.toThrow(/--param/)
  })

  it('from another folder than the check ran in: says the spec path is the trace\'s, and to pass --spec', async () => {
    // As seen from elsewhere: the recorded path and name find nothing from this folder.
    const text = readFileSync('traces/examples/three-phase-commit-partition.itf.json', 'utf8')
      .replace('"specPath":"specs/three-phase-commit-partition.ts"', '"specPath":"elsewhere/three-phase-commit-partition.ts"')
      .replace('"spec":"three-phase-commit-partition"', '"spec":"no-spec-here"')
    const moved = join(dir, 'moved.itf.json')
    writeFileSync(moved, text)
    await expect(replay(moved)).rejects.toThrow(
      new UsageError(`${moved}: its spec elsewhere/three-phase-commit-partition.ts (as the trace names it, from the folder it was checked in) is not found from ${process.cwd()}; pass --spec <spec path>`),
    )
    expect((await replay(moved, '--spec', 'specs/three-phase-commit-partition.ts')).code).toBe(0)
    // A trace is data: a spec path outside this folder is not loaded (loading runs its code); the
    // spec is found by its name instead.
    const crafted = join(dir, 'crafted.itf.json')
    writeFileSync(crafted, readFileSync('traces/examples/three-phase-commit-partition.itf.json', 'utf8').replace('"specPath":"specs/three-phase-commit-partition.ts"', '"specPath":"/etc/passwd"'))
    expect((await replay(crafted)).code).toBe(0)
    // When the name finds nothing either, the refusal says why the path was not loaded (it said
    // "not found", though the file was there).
    const unnamed = join(dir, 'unnamed.itf.json')
    writeFileSync(unnamed, readFileSync(crafted, 'utf8').replace('"spec":"three-phase-commit-partition"', '"spec":"no-such-spec"'))
    await expect(replay(unnamed)).rejects.toThrow(
      new UsageError(`${unnamed}: its spec path /etc/passwd is outside this folder, and a trace is data: replay loads the spec it names only under ${process.cwd()}; pass --spec <spec path>`),
    )
    // Nor a "spec name" that is a path: a name is looked up in specs/ only.
    const module = join(dir, 'not-a-spec-name.mjs')
    writeFileSync(module, `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(join(dir, 'ran'))}, 'x')\n`)
    const byName = join(dir, 'by-name.itf.json')
    writeFileSync(byName, readFileSync(crafted, 'utf8').replace('"spec":"three-phase-commit-partition"', `"spec":${JSON.stringify(module)}`))
    await expect(replay(byName)).rejects.toThrow(new UsageError(`${byName}: the trace names no spec by a plain name; pass --spec <spec path or name>`))
    expect(existsSync(join(dir, 'ran'))).toBe(false)
  })

  it('a model step that never returns ends the replay with a model error (--step-timeout), not a hang', async () => {
    const c = await check(deepCounter, { params: { bound: 3 } })
    const trace = writeTraceFiles(dir, c.spec, { bound: 3 }, c.model, c, { specPath: 'test/cli/fixtures/counter.ts' })[0] as string
    expect((await replay(trace)).code).toBe(0)
    await expect(replay(trace, '--spec', 'test/cli/fixtures/counter-loops.ts', '--step-timeout', '1')).rejects.toThrow(
      new ModelError('model counter: replaying the trace did not return within 1 s (an action or a property that never returns?)'),
    )
    await expect(replay(trace, '--step-timeout', 'soon')).rejects.toThrow(new UsageError('--step-timeout soon: expected a positive number (0: never)'))
  })

  it('exits 2 with one line on stderr through the CLI entry point', () => {
    // One process only (they are slow to start); the other exit codes are run()'s return value.
    const missing = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'replay', join(dir, 'missing.itf.json')], { encoding: 'utf8' })
    expect(missing.status).toBe(2)
    expect(missing.stderr).toBe(`error: ${join(dir, 'missing.itf.json')}: no such file\n`)
  })
})
