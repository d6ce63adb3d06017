import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { ROOT, cli } from './run-cli.ts'
import { checkInProcess } from './run-in-process.ts'

const F = 'test/cli/fixtures'
const out = () => mkdtempSync(join(tmpdir(), 'interleave-cli-'))

/** One line on stderr, no stack trace. */
function oneLineError(stderr: string): string {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
  return lines[0] as string
}

// Through the real process (`cli`): an exit 0, 1 and 3 each, trace files, a V8 flag, a worker
// thread's error. What the command prints and returns otherwise is tested in this process
// (`checkInProcess`: main.ts's error handling over the same command, milliseconds instead of 1 to
// 2 CPU-seconds per spawn).
describe('check: exit codes', () => {
  it('0 when a spec meets its expectation, with verdicts and counts printed', () => {
    const r = cli(['check', 'specs/two-phase-commit.ts', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/TCConsistent\s+always\s+holds/)
    expect(r.stdout).toContain('288 distinct states, 1,146 generated, depth 11')
    expect(r.stdout).toContain('expectation: met (verdicts, counts and depth)')
  })

  it('finds a spec by name, and every spec of a model file', async () => {
    const quiet = await checkInProcess(['two-phase-commit', '--quiet', '--out', out()])
    expect(quiet.code).toBe(0)
    // A `sometimes` reads as in the full summary.
    expect(quiet.stdout.trim()).toBe('two-phase-commit: as expected (TypeOK holds, TCConsistent holds, TMDecisionSent holds, AllCommitted witnessed, AllAborted witnessed)')
    // Met on the verdicts alone: said (a new user took "as expected" for TLC's counts met).
    const other = await checkInProcess(['two-phase-commit', '--param', 'rms=2', '--quiet', '--out', out()])
    expect(other.stdout.trim()).toBe('two-phase-commit: as expected (TypeOK holds, TCConsistent holds, TMDecisionSent holds, AllCommitted witnessed, AllAborted witnessed); counts not compared: parameters overridden (rms=2)')
    const r = await checkInProcess(['models/transaction-commit.ts', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('34 distinct states')
  })

  it('0 when a known-buggy spec finds its expected violation, and prints the counterexample', () => {
    const r = cli(['check', 'specs/two-phase-commit-early-commit.ts', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('TCConsistent violated: shortest counterexample of 8 states')
    expect(r.stdout).toContain('reproduce: npm run check -- specs/two-phase-commit-early-commit.ts --property TCConsistent')
  })

  it('writes ITF, text and HTML trace files for each counterexample, byte-identical across runs', async () => {
    const a = out()
    const b = out()
    // One run in a process of its own, one in this one: the same bytes either way.
    expect(cli(['check', 'specs/two-phase-commit-early-commit.ts', '--out', a]).code).toBe(0)
    expect((await checkInProcess(['specs/two-phase-commit-early-commit.ts', '--out', b])).code).toBe(0)
    const dir = 'two-phase-commit-early-commit'
    expect(readdirSync(join(a, dir)).sort()).toEqual(['TCConsistent.html', 'TCConsistent.itf.json', 'TCConsistent.txt', 'report.html'])
    // The run report shows timings; the trace files must not change at all.
    for (const f of readdirSync(join(a, dir)).filter((f) => f !== 'report.html')) {
      expect(readFileSync(join(a, dir, f), 'utf8')).toBe(readFileSync(join(b, dir, f), 'utf8'))
    }
    const itf = JSON.parse(readFileSync(join(a, dir, 'TCConsistent.itf.json'), 'utf8')) as { states: unknown[]; '#meta': Record<string, unknown> }
    expect(itf.states).toHaveLength(8)
    expect(JSON.stringify(itf)).not.toMatch(/20\d\d-\d\d-\d\d/)
  })

  it('1 on a violation the spec does not expect', () => {
    const r = cli(['check', `${F}/violates.ts`, '--out', out()])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/Small\s+always\s+VIOLATED/)
    expect(r.stdout).toContain('EXPECTATION NOT MET: Small verdict: expected holds, got violated')
  })

  it('1 when pinned counts differ', async () => {
    const r = await checkInProcess([`${F}/wrong-counts.ts`, '--out', out()])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('EXPECTATION NOT MET: distinct states: expected 35, got 34')
  })

  it('--quiet says what differs when an expectation is not met, not only the verdicts', async () => {
    const r = await checkInProcess([`${F}/wrong-length.ts`, '--quiet', '--out', out()])
    expect(r.code).toBe(1)
    expect(r.stdout.trim()).toBe('wrong-length: EXPECTATION NOT MET (Below violated, Reached witnessed): Below counterexample length: expected 5, got 3')
  })

  it('3, not 1, when a simulation leaves an expected liveness violation unchecked: undecided, saying why', async () => {
    const r = await checkInProcess([`${F}/expects-liveness.ts`, '--strategy', 'simulate', '--traces', '5', '--out', out()])
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('expectation undecided: Top verdict: expected violated, not checked: simulation does not check liveness')
    expect(r.stdout).not.toContain('EXPECTATION NOT MET')
    // The BFS checks it, and finds the violation the spec expects.
    expect((await checkInProcess([`${F}/expects-liveness.ts`, '--out', out()])).code).toBe(0)
  })

  it('--param changes the instance on purpose, so pinned counts are not compared', async () => {
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--param', 'rms=2', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('counts not compared')
  })

  it('3 when a limit stops the search; reported incomplete, never as a pass', async () => {
    const r = cli(['check', 'specs/two-phase-commit-rm5.ts', '--max-states', '500', '--out', out()])
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('INCOMPLETE: max-states reached')
    expect(r.stdout).toMatch(/TCConsistent\s+always\s+unknown/)
    expect((await checkInProcess(['specs/two-phase-commit-rm5.ts', '--max-depth', '3', '--out', out()])).code).toBe(3)
  })

  it('--json prints a machine-readable result', async () => {
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--json', '--out', out()])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; specs: { stats: { distinct: number }; expectation: { ok: boolean } }[] }
    expect(doc.schemaVersion).toBe(1)
    const [res] = doc.specs
    expect(res!.stats.distinct).toBe(288)
    expect(res!.expectation.ok).toBe(true)
  })

  it('--dot writes the state graph of a small model for Graphviz', async () => {
    const file = join(out(), 'tc.dot')
    const r = await checkInProcess(['specs/transaction-commit.ts', '--dot', file])
    expect(r.code).toBe(0)
    const dot = readFileSync(file, 'utf8')
    expect(dot).toMatch(/^digraph "transaction-commit" \{/)
    expect(dot.match(/^\s+s\d+ \[label=/gm)).toHaveLength(34)
  })

  it('--strategy dfs: verdicts as expected, the counterexample shrunk, and a reproduce line with the strategy', async () => {
    const r = await checkInProcess(['specs/three-phase-commit-partition.ts', '--strategy', 'dfs', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/AtomicCommit\s+always\s+VIOLATED \(counterexample: \d+ states\) — shrunk from \d+ to \d+ states/)
    expect(r.stdout).toContain('AtomicCommit violated: counterexample of')
    expect(r.stdout).toContain('reproduce: npm run check -- specs/three-phase-commit-partition.ts --property AtomicCommit --strategy dfs')
  })

  it('--strategy dfs run to the end is held to the spec\'s distinct and generated counts, not its depth', async () => {
    const r = await checkInProcess(['specs/two-phase-commit-rm4.ts', '--strategy', 'dfs', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('1,568 distinct states, 8,258 generated')
    expect(r.stdout).toContain("expectation: met (verdicts, distinct and generated counts; not the depth, a stack's)")
  })

  it('a reproduce line carries the flags that change what is explored or where traces go: --symmetry, --no-deadlock, --out', async () => {
    const dir = out()
    const r = await checkInProcess(['specs/paxos-net-promise-equal.ts', '--symmetry', '--no-deadlock', '--out', dir])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`reproduce: npm run check -- specs/paxos-net-promise-equal.ts --property PromiseOnce --symmetry --no-deadlock --out ${dir}\n`)
    // The spec's own defaults need no flag (the folder still does).
    const plain = await checkInProcess(['specs/paxos-net-promise-equal.ts', '--out', dir])
    expect(plain.stdout).toContain(`reproduce: npm run check -- specs/paxos-net-promise-equal.ts --property PromiseOnce --out ${dir}\n`)
  })

  it('--por: every state, fewer steps, the expectation met without the generated count; a counterexample reproduced with --por', async () => {
    const r = await checkInProcess(['specs/paxos-net.ts', '--por', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('14,265 distinct states, 27,105 generated, depth 23')
    expect(r.stdout).toMatch(/partial-order reduction: 24,187 steps skipped/)
    expect(r.stdout).toContain('expectation: met (verdicts, distinct count and depth; not the generated count, under reduction)')
    const v = await checkInProcess(['specs/paxos-net-promise-equal.ts', '--por', '--out', out()])
    expect(v.code).toBe(0)
    expect(v.stdout).toContain('reproduce: npm run check -- specs/paxos-net-promise-equal.ts --property PromiseOnce --por')
    // Where it cannot run, it is off and says why.
    const off = await checkInProcess(['specs/two-phase-commit.ts', '--por', '--out', out()])
    expect(off.code).toBe(0)
    expect(off.stdout).toContain('warning: partial-order reduction is off: the model does not say what its steps touch')
    // Warnings name options by their flags here (the API by its keys: test/explore/sleep-sets.test.ts).
    const dfs = await checkInProcess(['specs/two-phase-commit-net.ts', '--por', '--strategy', 'dfs', '--out', out()])
    expect(dfs.code).toBe(0)
    expect(dfs.stdout).toContain('warning: partial-order reduction is off: it runs with the BFS only, not --strategy dfs')
  })

  it('--property checks only the named property', async () => {
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--property', 'TCConsistent', '--out', out()])
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('AllAborted')
  })

  it('runs workers under a node started with a V8 flag (which worker threads refuse in their own flags)', () => {
    const r = spawnSync(process.execPath, ['--single-threaded-gc', '--import', 'tsx', 'src/cli/main.ts', 'check', 'specs/two-phase-commit.ts', '--workers', '2', '--out', out()], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(r.stderr).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/288 distinct states/)
  })
})

describe('check: bad input is one line on stderr, exit 2, and no trace file', () => {
  it('a model throwing inside a worker thread: one error line naming the function and the state', () => {
    const dir = out()
    const r = cli(['check', `${F}/next-throws.ts`, '--workers', '2', '--out', dir])
    expect(r.code).toBe(2)
    const errors = r.stderr.trim().split('\n').filter((l) => !/^\d+(\.\d+)?s  distinct/.test(l))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/next threw: counter overflow in incrementCounter \(at incrementCounter .*\), in state \{"n":2,"box":\{"v":2\}\}$/)
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
  })

  it('two specs of one name: the second is an error row, not a run over the first one\'s files; one file named twice runs once', async () => {
    const dir = out()
    const r = await checkInProcess([`${F}/names`, '--out', dir])
    expect(r.stdout).toMatch(/^twin +4 +4 +3 .* yes /m)
    expect(r.stdout).toContain(`${F}/names/b.ts: spec name 'twin' is also the name of the spec in ${F}/names/a.ts; give each spec its own name (its trace files go in a folder of that name)`)
    expect(r.code).toBe(2)
    // Names that differ only where a folder name cannot hold them share a folder: refused too.
    const folders = await checkInProcess([`${F}/folders`, '--out', out()])
    expect(folders.stdout).toContain(`${F}/folders/underscore.ts: spec name 'twin_x' and the spec 'twin/x' in ${F}/folders/slash.ts both write their trace files to the folder twin_x/; give each spec a name of its own there`)
    expect(folders.code).toBe(2)
    const twice = await checkInProcess([`${F}/names/a.ts`, `${F}/names/a.ts`, '--out', dir])
    expect(twice.code).toBe(0)
    expect(twice.stdout).toContain('Below violated: shortest counterexample of 4 states')
  })

  const cases: [string, string[], RegExp][] = [
    ['a model whose step never returns', [`${F}/next-loops.ts`, '--step-timeout', '1'], /^model error: model bad-next-loops: a step did not return within 1 s, expanding \{"n":2,"box":\{"v":2\}\} \(an action, a property or the constraint that never returns\?\); --step-timeout S sets the limit$/],
    ['a missing spec path', ['specs/nope.ts'], /specs\/nope\.ts: no such file/],
    ['a spec module that never finishes loading', [`${F}/import-never-settles.mjs`], /import-never-settles\.mjs: cannot be loaded: its module never finished loading \(a top-level await that never settles\?\)$/],
    ['a configuration that never finishes building', [`${F}/config-loops.ts`, '--step-timeout', '1'], /^model error: spec config-loops: building the configuration did not return within 1 s \(a loop that never ends\?\); --step-timeout S sets the limit$/],
    // (With --param the configuration is first built to check the values: watched there too.)
    ['a configuration built from --param that never finishes', [`${F}/config-loops.ts`, '--param', 'n=2', '--step-timeout', '1'], /^model error: spec config-loops: building the configuration did not return within 1 s \(a loop that never ends\?\); --step-timeout S sets the limit$/],
    ['an unknown spec name', ['nope'], /nope: no such spec/],
    ['a file that is not a spec', [`${F}/not-a-spec.ts`], /not-a-spec\.ts: not a spec or a model/],
    ['a spec exported by name, not as default', [`${F}/named-spec.ts`], /named-spec\.ts: not a spec or a model: it exports a spec as 'spec'; make it the default export \(export default defineSpec\(…\)\)$/],
    ['a spec without a name', [`${F}/nameless.ts`], /nameless\.ts: the spec has no name \(defineSpec\(\{ name: \.\.\. \}\)\)$/],
    ['a model throwing in init', [`${F}/init-throws.ts`], /init threw: no initial state today/],
    ['a model throwing in next', [`${F}/next-throws.ts`], /next threw: counter overflow in incrementCounter \(at incrementCounter \(test\/cli\/fixtures\/bad-models\.ts:\d+\)\)/],
    ['a non-plain value in a state', [`${F}/non-plain.ts`], /action Inc produced a non-plain value: state\.box is a JS Map/],
    ['a model mutating its state (debug mode)', [`${F}/mutates.ts`, '--debug'], /next mutated a state .*incrementCounter/],
    ['a non-deterministic model (debug mode)', [`${F}/nondeterministic.ts`, '--debug'], /next is not deterministic/],
    ['an unknown property', ['specs/two-phase-commit.ts', '--property', 'Nope'], /unknown property 'Nope'/],
    ['an unknown --param', ['specs/two-phase-commit.ts', '--param', 'nodes=3'], /--param nodes: spec two-phase-commit has no parameter 'nodes' \(known: rms\)/],
    ['a --param of the wrong type', ['specs/two-phase-commit.ts', '--param', 'rms=many'], /--param rms=many: expected a number/],
    ['a --param out of the model\'s range', ['specs/two-phase-commit.ts', '--param', 'rms=0'], /at least one resource manager/],
    ['an unknown flag', ['specs/two-phase-commit.ts', '--fast'], /unknown flag --fast/],
    ['a flag without its value', ['specs/two-phase-commit.ts', '--max-states'], /--max-states needs a value/],
  ]
  // Through the real process: a load error, a model error with its stack location (tsx's), and
  // a usage error. The others in this process (run-in-process.ts: main.ts's error handling over
  // the same command; a spawned CLI costs 1 to 2 CPU-seconds each).
  const spawned = new Set(['a model whose step never returns', 'a missing spec path', 'a spec module that never finishes loading', 'a model throwing in next', 'an unknown flag'])
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const dir = out()
      const r = spawned.has(what) ? cli(['check', ...args, '--out', dir]) : await checkInProcess([...args, '--out', dir])
      expect(r.code).toBe(2)
      expect(oneLineError(r.stderr)).toMatch(message)
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
    })
  }
})
