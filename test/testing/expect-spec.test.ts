/** The vitest helpers: each passes on a spec that deserves it and fails, with a useful message,
 * on one that does not. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expectSpec, SpecAssertionError } from '../../src/testing/index.ts'
import { UsageError } from '../../src/core/errors.ts'
import { defineSpec, eventually } from '../../src/index.ts'
import twoPhase from '../../specs/two-phase-commit.ts'
import earlyCommit from '../../specs/two-phase-commit-early-commit.ts'
import counterSpec from '../fixtures/counter.ts'
import diamondSpec from '../fixtures/diamond.ts'

const FIX = { file: 'test/fixtures/counter.ts' }

describe('toHold', () => {
  it('passes when every property holds in a complete search', async () => {
    const r = await expectSpec(twoPhase).toHold()
    expect(r.stats.distinct).toBe(288)
    await expectSpec(counterSpec, FIX).toHold()
  })

  // Found as a user: vitest does not type-check, and `toHold('Agreement')` ran as `toHold()`,
  // passing on a misspelt name and checking every property, not the one named.
  it('refuses a property name, which it would ignore, and says how to choose properties', async () => {
    const named = (expectSpec(counterSpec, FIX).toHold as (p: string) => Promise<unknown>)('Belo')
    await expect(named).rejects.toThrow(UsageError)
    await expect(named).rejects.toThrow(/^expectSpec\(counter\)\.toHold\(\) takes no arguments \(given 'Belo'\): it holds every checked property; to check some, pass \{ properties: \['Belo'\] \} to expectSpec$/)
  })

  it('fails on a violation, printing the trace and the line that reproduces it', async () => {
    const err = await expectSpec(counterSpec, { ...FIX, params: { limit: 2 } }).toHold().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SpecAssertionError)
    const msg = (err as Error).message
    expect(msg).toContain('expectSpec(counter).toHold(): not every property holds')
    expect(msg).toContain('Below is violated')
    expect(msg).toMatch(/Below \(always\): counterexample of 3 states\nStep 1 \(initial state\)\n  x: 0\nStep 2: Inc\n  x: 0 → 1\nStep 3: Inc\n  x: 1 → 2/)
    expect(msg).toContain('reproduce: npm run check -- test/fixtures/counter.ts --param limit=2 --property Below')
    expect((err as SpecAssertionError).result?.properties[0]?.verdict).toBe('violated')
  })

  it('never guesses specs/<name>.ts for a spec that is not there: the file of specUrl, or a placeholder', async () => {
    const bare = await expectSpec(counterSpec, { params: { limit: 2 } }).toHold().catch((e: Error) => e.message)
    expect(bare).toContain('reproduce: npm run check -- <file of spec counter: pass { file } to expectSpec> --param limit=2 --property Below')
    const url = new URL('../fixtures/counter.ts', import.meta.url).href
    const byUrl = await expectSpec(counterSpec, { params: { limit: 2 }, specUrl: url }).toHold().catch((e: Error) => e.message)
    expect(byUrl).toContain('reproduce: npm run check -- test/fixtures/counter.ts --param limit=2 --property Below')
  })

  it('with workers, says how to give a spec whose file it cannot find; with its file, runs on the threads', async () => {
    await expect(expectSpec(counterSpec, { workers: 2 }).toHold()).rejects.toThrow(/^expectSpec\(counter\): the spec's module is needed, which worker threads import: pass \{ file: 'path\/to\/spec.ts' \} \(or specUrl\)$/)
    await expect(expectSpec(counterSpec, { workers: 2, file: 'test/nope.ts' }).toHold()).rejects.toThrow(/: test\/nope.ts is not there: pass the spec's path as \{ file \}$/)
    expect((await expectSpec(counterSpec, { ...FIX, workers: 2 }).toHold()).workers).toBe(2)
    // DFS with workers runs on one thread: no module needed.
    await expectSpec(counterSpec, { workers: 2, strategy: 'dfs' }).toHold()
    // A checkpoint runs the thread engine on one worker: its file is given to it too.
    const dir = mkdtempSync(join(tmpdir(), 'interleave-expect-'))
    try {
      await expectSpec(counterSpec, { ...FIX, checkpoint: dir }).toHold()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('fails on the real buggy 2PC with the CLI reproduce line', async () => {
    await expect(expectSpec(earlyCommit).toHold()).rejects.toThrow(
      /TCConsistent \(always\): counterexample of 8 states[\s\S]*reproduce: npm run check -- specs\/two-phase-commit-early-commit\.ts --property TCConsistent/,
    )
  })

  it('fails when a `sometimes` is never reached', async () => {
    // max = 0: x stays 0, so `Reached` (x = max) holds at once; limit 0 breaks Below in the
    // initial state. Use a constraint instead to make `Reached` unreachable.
    const spec = defineSpec({ ...counterSpec, name: 'counter-capped', constraint: (_c, s) => s.x < 1 })
    await expect(expectSpec(spec).toHold()).rejects.toThrow(/Reached is never reached/)
  })

  it('fails when the search is incomplete, even if nothing was violated', async () => {
    await expect(expectSpec(twoPhase, { maxStates: 50 }).toHold()).rejects.toThrow(
      /the search stopped early \(max-states\)[\s\S]*reproduce: npm run check -- specs\/two-phase-commit\.ts --max-states 50/,
    )
  })
})

describe('toViolate', () => {
  it('passes on a violation within maxLength, returning the property result', async () => {
    const p = await expectSpec(earlyCommit).toViolate('TCConsistent', { maxLength: 8 })
    expect(p.trace?.steps).toHaveLength(8)
    await expectSpec(earlyCommit).toViolate('TCConsistent', { length: 8 })
  })

  it('fails when the property holds', async () => {
    await expect(expectSpec(twoPhase).toViolate('TCConsistent')).rejects.toThrow(
      /toViolate\('TCConsistent'\): expected a violation, but it holds/,
    )
  })

  it('fails when the counterexample is longer than maxLength, showing it', async () => {
    await expect(expectSpec(earlyCommit).toViolate('TCConsistent', { maxLength: 7 })).rejects.toThrow(
      /maxLength: 7 \}\): the counterexample has 8 states[\s\S]*Step 8: /,
    )
    await expect(expectSpec(earlyCommit).toViolate('TCConsistent', { length: 9 })).rejects.toThrow(/length: 9 \}\): the counterexample has 8 states/)
  })

  it('fails on an unknown property, listing the checked ones', async () => {
    await expect(expectSpec(twoPhase).toViolate('Agreement')).rejects.toThrow(
      /no property Agreement \(it checked: TypeOK, TCConsistent, TMDecisionSent, AllCommitted, AllAborted\)/,
    )
  })

  it('passes options through: params decide whether the counter breaks its bound', async () => {
    await expectSpec(counterSpec, { ...FIX, params: { max: 6, limit: 4 } }).toViolate('Below', { length: 5 })
    await expect(expectSpec(counterSpec, { ...FIX, params: { max: 3, limit: 4 } }).toViolate('Below')).rejects.toThrow(/but it holds/)
  })
})

describe('liveness', () => {
  it('toViolate on an eventually property gives the lasso; toHold prints it with its loop', async () => {
    const { default: blocking } = await import('../../specs/two-phase-commit-net-liveness-blocking.ts')
    const e = expectSpec(blocking)
    const p = await e.toViolate('EveryoneDecides', { maxLength: 2 })
    expect(p.trace?.loopStart).toBeDefined()
    await expect(e.toHold()).rejects.toThrow(/EveryoneDecides \(eventually\): lasso counterexample of 2 states[\s\S]*◀ loop starts here[\s\S]*repeats forever/)
    await e.toMatchExpectation()
  })
})

describe('options pass through', () => {
  it('workers: the parallel explorer gets the spec file to re-import, with the same counts and trace', async () => {
    const r = await expectSpec(twoPhase, { workers: 2 }).toHaveStates({ distinct: 288, total: 1146, depth: 11 })
    expect(r.workers).toBe(2)
    await expect(expectSpec(earlyCommit, { workers: 2 }).toHold()).rejects.toThrow(
      /counterexample of 8 states[\s\S]*reproduce: npm run check -- specs\/two-phase-commit-early-commit\.ts --property TCConsistent --workers 2/,
    )
  })
})

describe('a failure reads as the CLI prints it', () => {
  // Found as a user: a lasso of one state read "1 states", a simulation stopped on
  // "INCOMPLETE: simulation reached" with counts unseparated, and the reproduce line of a
  // simulation dropped its walks' number and length, so it ran 1,000 walks of 100 steps instead.
  it('words a simulation as the CLI does, and its reproduce line runs the walks asked for', async () => {
    const sim = expectSpec(earlyCommit, { strategy: 'simulate', seed: 3, traces: 1200, maxSteps: 12 }).toHold()
    await expect(sim).rejects.toThrow(/ distinct states, [0-9]{1,3}(,[0-9]{3})+ generated, longest walk \d+ — INCOMPLETE: a simulation proves nothing\n/)
    await expect(sim).rejects.toThrow(/reproduce: npm run check -- specs\/two-phase-commit-early-commit\.ts --property TCConsistent --strategy simulate --seed 3 --max-steps 12 --traces 1200$/m)
  })

  it('says "1 state" for a lasso of one state', async () => {
    const still = defineSpec({
      name: 'still',
      model: { name: 'still', init: () => [{ x: 0 }], next: () => [], properties: [eventually('Moves', (_c, s: { x: number }) => s.x > 0)] },
      config: {},
    })
    await expect(expectSpec(still).toHold()).rejects.toThrow(/Moves +eventually +VIOLATED \(counterexample: 1 state, lasso\)[\s\S]*Moves \(eventually\): lasso counterexample of 1 state\n/)
  })
})

describe('toHaveStates', () => {
  it('passes on the exact counts', async () => {
    await expectSpec(twoPhase).toHaveStates({ distinct: 288, total: 1146, depth: 11 })
    await expectSpec(twoPhase, { params: { rms: 4 } }).toHaveStates({ distinct: 1568, total: 8258 })
  })

  it('fails on a different count, naming it', async () => {
    await expect(expectSpec(twoPhase).toHaveStates({ distinct: 289, depth: 11 })).rejects.toThrow(/the counts differ\n  distinct: expected 289, got 288/)
    await expect(expectSpec(twoPhase).toHaveStates({ total: 1, depth: 12 })).rejects.toThrow(/total: expected 1, got 1146\n  depth: expected 12, got 11/)
  })

  it('fails on an incomplete search', async () => {
    await expect(expectSpec(twoPhase, { maxStates: 10 }).toHaveStates({ distinct: 288 })).rejects.toThrow(/the search is incomplete \(max-states\)/)
  })

  it('refuses counts that compare nothing (none, a misspelled key, not a whole number)', async () => {
    const e = expectSpec(twoPhase)
    await expect(e.toHaveStates({})).rejects.toThrow(new UsageError('expectSpec(two-phase-commit).toHaveStates(): give at least one of distinct, total, depth'))
    await expect(e.toHaveStates({ distinc: 288 } as never)).rejects.toThrow(new UsageError('expectSpec(two-phase-commit).toHaveStates(): unknown count distinc (distinct, total or depth)'))
    await expect(e.toHaveStates({ distinct: '288' } as never)).rejects.toThrow(new UsageError('expectSpec(two-phase-commit).toHaveStates(): distinct must be a whole number, got "288"'))
  })

  it('says when the counts are those of a search that stopped once every property was decided', async () => {
    // Checking only the violated property: the search ends at its counterexample.
    const e = expectSpec(earlyCommit, { properties: ['TCConsistent'] })
    const thrown = await e.toHaveStates({ distinct: 1 }).catch((x: unknown) => x)
    expect((thrown as Error).message).toMatch(/\n  the search stopped early, once every property checked was decided: these are the counts of what it explored until then\n/)
    // The reproduce line names the property the run checked.
    expect((thrown as Error).message).toMatch(/\nreproduce: npm run check -- specs\/two-phase-commit-early-commit\.ts --property TCConsistent$/)
  })
})

describe('expectSpec options', () => {
  // Refused as every assertion fails, by a rejected promise (a throw from expectSpec itself
  // escaped `await expect(...).rejects` and crashed the test).
  it('refuses an option check() does not know, naming the one meant (a misspelled limit ran without it)', async () => {
    await expect(expectSpec(twoPhase, { timeLimit: 2 } as never).toHold()).rejects.toThrow(new UsageError('unknown option timeLimit (did you mean timeLimitSeconds?)'))
    await expect(expectSpec(twoPhase, { maxState: 10 } as never).toMatchExpectation()).rejects.toThrow(/^unknown option maxState \(did you mean maxStates\?\)$/)
    await expect(expectSpec(twoPhase, { maxStatez: 3 } as never).result()).rejects.toBeInstanceOf(UsageError)
  })

  it('refuses what is not a spec (a named export imported as the default is undefined)', async () => {
    await expect(expectSpec(undefined as never).toViolate('P')).rejects.toThrow(new UsageError("expectSpec: expected a spec (defineSpec({...})), got undefined: is it its module's default export?"))
  })

  it('reproduces with the limits and reductions the run had', async () => {
    const thrown = await expectSpec(earlyCommit, { timeLimitSeconds: 600, por: true }).toHold().catch((x: unknown) => x)
    expect((thrown as Error).message).toMatch(/reproduce: npm run check -- specs\/two-phase-commit-early-commit\.ts --property TCConsistent --time-limit 600 --por$/)
  })

  it("ends the search when its signal aborts (the README passes the test context's, which a timeout aborts)", async ({ signal }) => {
    const ac = new AbortController()
    ac.abort()
    const r = await expectSpec(twoPhase, { params: { rms: 6 }, signal: ac.signal }).result()
    expect(r.complete).toBe(false)
    expect(r.stopReason).toBe('interrupted')
    // The context's own signal is an AbortSignal the option takes.
    expect(signal).toBeInstanceOf(AbortSignal)
  })
})

describe('toMatchExpectation', () => {
  it("passes when the result matches the spec's expect block (counts, violations and lengths)", async () => {
    await expectSpec(twoPhase).toMatchExpectation()
    await expectSpec(earlyCommit).toMatchExpectation()
    await expectSpec(diamondSpec, { file: 'test/fixtures/diamond.ts' }).toMatchExpectation()
  })

  it('fails when a count differs from the pinned one', async () => {
    const wrong = defineSpec({ ...twoPhase, expect: { distinct: 287, total: 1146, depth: 11 } })
    await expect(expectSpec(wrong).toMatchExpectation()).rejects.toThrow(/distinct states: expected 287, got 288/)
  })

  it('says where a changed count or length is re-pinned: the spec file, not vitest -u', async () => {
    // test/golden's snapshots pin labels; the counts and lengths live in the spec, which -u never
    // rewrites (the README once said -u accepts a changed state space).
    const counts = defineSpec({ ...twoPhase, expect: { distinct: 287, total: 1140, depth: 11 } })
    const msg = await expectSpec(counts, { file: 'specs/mine.ts' }).toMatchExpectation().catch((e: Error) => e.message)
    expect(msg).toContain('  if the change is intended, pin the new values in the expect block of specs/mine.ts (distinct: 288, total: 1146); `vitest -u` rewrites snapshots, not this block')
    const longer = defineSpec({ ...earlyCommit, expect: { violated: { TCConsistent: { length: 9 } } } })
    const len = await expectSpec(longer, { file: 'specs/mine.ts' }).toMatchExpectation().catch((e: Error) => e.message)
    expect(len).toContain('pin the new values in the expect block of specs/mine.ts (the lengths above)')
    // Found as a user: an action that stopped firing is pinned in the same block (`neverTaken`),
    // and a hint that left it out sent the user back to a test that still failed.
    const jump = { ...counterSpec.model, actions: ['Inc', 'Reset', 'Jump'] }
    const never = defineSpec({ ...counterSpec, model: jump, expect: { distinct: 5, total: 7, depth: 4 } })
    const neverMsg = await expectSpec(never, { file: 'specs/mine.ts' }).toMatchExpectation().catch((e: Error) => e.message)
    expect(neverMsg).toContain("pin the new values in the expect block of specs/mine.ts (distinct: 4, neverTaken: ['Jump']);")
    const taken = defineSpec({ ...counterSpec, expect: { distinct: 4, total: 7, depth: 4, neverTaken: ['Reset'] } })
    const takenMsg = await expectSpec(taken, { file: 'specs/mine.ts' }).toMatchExpectation().catch((e: Error) => e.message)
    expect(takenMsg).toContain('pin the new values in the expect block of specs/mine.ts (neverTaken: []);')
    // A verdict is not a number to re-pin: no such line.
    const missing = defineSpec({ ...twoPhase, expect: { violated: { TCConsistent: {} } } })
    const verdict = await expectSpec(missing).toMatchExpectation().catch((e: Error) => e.message)
    expect(verdict).not.toContain('pin the new values')
  })

  it('fails when an unexpected violation appears, with its trace', async () => {
    const unexpected = defineSpec({ ...earlyCommit, expect: {} })
    await expect(expectSpec(unexpected).toMatchExpectation()).rejects.toThrow(
      /TCConsistent verdict: expected holds, got violated[\s\S]*TCConsistent \(always\): counterexample of 8 states[\s\S]*reproduce: /,
    )
  })

  // Found as a user: a one-line bug made the only invariant fail, the search stopped at depth 5
  // with every property decided, and "distinct states: expected 2598, got 205" read as a state
  // space that had shrunk tenfold. The counts are of what the search explored until it stopped.
  it('says so when the compared counts are those of a search that stopped once every property was decided', async () => {
    const early = defineSpec({ ...counterSpec, check: ['Below'], params: { max: 3, limit: 1 }, expect: { distinct: 4 } })
    const msg = await expectSpec(early, FIX).toMatchExpectation().catch((e: Error) => e.message)
    expect(msg).toMatch(/Below verdict: expected holds, got violated\n  distinct states: expected 4, got \d\n/)
    expect(msg).toContain('  the search stopped early, once every property checked was decided: these are the counts of what it explored until then')
    // A complete search's counts need no such note.
    const whole = defineSpec({ ...counterSpec, expect: { distinct: 5 } })
    expect(await expectSpec(whole, FIX).toMatchExpectation().catch((e: Error) => e.message)).not.toContain('stopped early')
  })

  it('fails when an expected violation is missing or has another length', async () => {
    const missing = defineSpec({ ...twoPhase, expect: { violated: { TCConsistent: {} } } })
    await expect(expectSpec(missing).toMatchExpectation()).rejects.toThrow(/TCConsistent verdict: expected violated, got holds/)
    const longer = defineSpec({ ...earlyCommit, expect: { violated: { TCConsistent: { length: 9 } } } })
    await expect(expectSpec(longer).toMatchExpectation()).rejects.toThrow(/TCConsistent counterexample length: expected 9, got 8[\s\S]*Step 8/)
  })

  it('never matches an incomplete search, and does not compare counts under overridden params', async () => {
    await expect(expectSpec(twoPhase, { maxStates: 20 }).toMatchExpectation()).rejects.toThrow(/incomplete search never matches/)
    // rms = 4 explores 1,568 states; the pinned 288 is for the default rms = 3, so not compared.
    const r = await expectSpec(twoPhase, { params: { rms: 4 } }).toMatchExpectation()
    expect(r.stats.distinct).toBe(1568)
  })

  it('with requireCounts, fails where no pinned count applies, saying why', async () => {
    await expect(expectSpec(twoPhase, { params: { rms: 4 } }).toMatchExpectation({ requireCounts: true })).rejects.toThrow(
      /no pinned state count was compared\n[\s\S]*state counts not compared \(parameters overridden \(rms=4\)\), and requireCounts was given: pin this run's counts with toHaveStates/,
    )
    // A spec that pins none (a buggy variant), and the spec's own parameters, which pin some.
    await expect(expectSpec(earlyCommit).toMatchExpectation({ requireCounts: true })).rejects.toThrow(/counts not compared \(none pinned\)/)
    const r = await expectSpec(twoPhase).toMatchExpectation({ requireCounts: true })
    expect(r.stats.distinct).toBe(288)
    // A depth alone is no state count: a state space that shrinks keeps its depth.
    const depthOnly = defineSpec({ ...twoPhase, expect: { depth: 11 } })
    await expect(expectSpec(depthOnly).toMatchExpectation({ requireCounts: true })).rejects.toThrow(/state counts not compared \(the spec pins its depth only\), and requireCounts was given/)
    await expect(expectSpec(twoPhase).toMatchExpectation({ requireCount: true } as never)).rejects.toThrow(/unknown option requireCount \(requireCounts\)/)
  })
})

describe('the check runs once per expectSpec', () => {
  it('shares the result between assertions', async () => {
    const e = expectSpec(twoPhase)
    const [a, b] = await Promise.all([e.toHold(), e.toHaveStates({ distinct: 288 })])
    expect(a).toBe(b)
    expect(await e.result()).toBe(a)
  })
})

describe('the package subpath', () => {
  it("is importable as 'interleave/testing' (package.json exports)", async () => {
    const mod = await import('interleave/testing')
    expect(mod.expectSpec).toBe(expectSpec)
  })
})
