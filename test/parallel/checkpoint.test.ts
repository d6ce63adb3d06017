/**
 * Checkpoint and resume: a run stopped at any point (interrupted, or killed with SIGKILL) and
 * resumed ends with exactly the result of an uninterrupted run; a corrupt checkpoint, or one of
 * another spec, other parameters or another model source, is refused with a clear error.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { check, weakFair } from '../../src/index.ts'
import type { Fairness } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { UsageError } from '../../src/core/errors.ts'
import { differences } from '../../src/parallel/checkpoint-identity.ts'
import { comparable } from './compare.ts'

const FILE = 'specs/two-phase-commit.ts'
const tmp = (): string => mkdtempSync(join(tmpdir(), 'interleave-ckpt-'))
const seq = (dir: string): number => (existsSync(join(dir, 'manifest.json')) ? (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { seq: number }).seq : 0)

describe('checkpoint and resume', () => {
  it('an interrupted run, resumed, ends exactly like an uninterrupted one', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const params = { rms: 5 }
    const whole = await check(spec, { workers: 1, params })
    for (const stopAt of [300, 3000, 8000]) {
      const dir = tmp()
      const ac = new AbortController()
      const first = await check(spec, {
        workers: 2, specUrl: url, params, checkpoint: dir, checkpointIntervalSeconds: 0, signal: ac.signal, progressIntervalMs: 0,
        onProgress: (p) => { if (p.distinct >= stopAt) ac.abort() },
      })
      expect(first.stopReason).toBe('interrupted')
      const resumed = await check(spec, { workers: 2, specUrl: url, params, resume: dir, checkpoint: dir, checkpointIntervalSeconds: 0 })
      expect(comparable(resumed)).toEqual(comparable(whole))
      // And once more from the same directory, with one worker: the final checkpoint is still valid.
      const again = await check(spec, { workers: 1, specUrl: url, params, resume: dir })
      expect(comparable(again)).toEqual(comparable(whole))
    }
  })

  it('resumes into the folder it resumes from however the two paths are written (`ck/` and `ck`)', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const params = { rms: 4 }
    const whole = await check(spec, { workers: 1, params })
    const dir = tmp()
    const cut = await check(spec, { workers: 2, specUrl: url, params, checkpoint: dir, checkpointIntervalSeconds: 0, maxStates: 500 })
    expect(cut.stopReason).toBe('max-states')
    const resumed = await check(spec, { workers: 2, specUrl: url, params, resume: `${dir}/`, checkpoint: dir, checkpointIntervalSeconds: 0 })
    expect(comparable(resumed)).toEqual(comparable(whole))
  })

  // It expanded one more state and stopped, without a word.
  it('says so when the checkpoint is already past --max-states', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const dir = tmp()
    await check(spec, { workers: 1, specUrl: url, params: { rms: 4 }, checkpoint: dir, checkpointIntervalSeconds: 0, maxStates: 500 })
    const r = await check(spec, { workers: 1, specUrl: url, params: { rms: 4 }, resume: dir, maxStates: 100 })
    expect(r.stopReason).toBe('max-states')
    expect(r.warnings).toContainEqual(expect.stringMatching(/^the checkpoint already holds [\d,]+ states, at least maxStates 100: the resumed search stopped at once$/))
  })

  // A --resume typo emptied the folder it meant to resume (the fresh checkpoint replaced it before
  // the resume was refused), and so did running the first command again without --resume.
  it('a fresh run refuses a folder that holds a checkpoint, and leaves it as it was', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const params = { rms: 4 }
    const dir = tmp()
    await check(spec, { workers: 1, specUrl: url, params, checkpoint: dir, checkpointIntervalSeconds: 0, maxStates: 500 })
    const before = readFileSync(join(dir, 'manifest.json'), 'utf8')
    const holds = /^checkpoint .* holds a checkpoint already: resume it with resume .*, or remove it or choose another folder to start over$/
    await expect(check(spec, { workers: 1, specUrl: url, params, checkpoint: dir })).rejects.toThrow(holds)
    await expect(check(spec, { workers: 1, specUrl: url, params, checkpoint: dir, resume: join(dir, 'typo') })).rejects.toThrow(holds)
    await expect(check(spec, { workers: 1, specUrl: url, params, checkpoint: dir, processes: 2 })).rejects.toThrow(holds)
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(before)
    // Resumed in place, it goes on.
    const whole = await check(spec, { workers: 1, params })
    expect(comparable(await check(spec, { workers: 1, specUrl: url, params, checkpoint: dir, resume: dir }))).toEqual(comparable(whole))
  })

  it('refuses a folder another live run is writing a checkpoint into, and takes over a dead run\'s lock', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const dir = tmp()
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    try {
      writeFileSync(join(dir, '.interleave-checkpoint.lock'), `${other.pid}\n`)
      await expect(check(spec, { workers: 1, specUrl: url, checkpoint: dir })).rejects.toThrow(
        new RegExp(`^checkpoint .*: another interleave run \\(process ${other.pid}\\) is writing a checkpoint there \\(if none is, delete .*\\.interleave-checkpoint\\.lock\\); give each run its own folder$`),
      )
      // Nor may a run read a checkpoint there meanwhile (it may be half replaced).
      await expect(check(spec, { workers: 1, specUrl: url, resume: dir })).rejects.toThrow(/^resume .*: another interleave run \(process \d+\) is writing a checkpoint there .*; resume once it has stopped$/)
    } finally {
      other.kill('SIGKILL')
      await new Promise((r) => other.once('exit', r))
    }
    // Its process gone, the lock is stale: taken over, and released at the end.
    const r = await check(spec, { workers: 1, specUrl: url, checkpoint: dir })
    expect(r.complete).toBe(true)
    expect(existsSync(join(dir, '.interleave-checkpoint.lock'))).toBe(false)
    // Two runs of one process at once (they share a pid): the second is refused.
    const both = await Promise.allSettled([
      check(spec, { workers: 1, specUrl: url, checkpoint: join(dir, 'same'), params: { rms: 4 } }),
      check(spec, { workers: 1, specUrl: url, checkpoint: join(dir, 'same'), params: { rms: 4 } }),
    ])
    expect(both.map((b) => b.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect((both.find((b) => b.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/another run in this process is writing a checkpoint there/)
    // A lock of another host cannot be checked: refused, naming the file to delete. (The run above
    // left its first level's checkpoint there: these runs would resume it.)
    writeFileSync(join(dir, '.interleave-checkpoint.lock'), '12345 some other host\n')
    await expect(check(spec, { workers: 1, specUrl: url, checkpoint: dir, resume: dir })).rejects.toThrow(/\(process 12345 on some other host\) is writing a checkpoint there \(if none is, delete /)
    // An empty lock (another run between creating and writing it, once) is no proof of a run gone.
    writeFileSync(join(dir, '.interleave-checkpoint.lock'), '')
    await expect(check(spec, { workers: 1, specUrl: url, checkpoint: dir, resume: dir })).rejects.toThrow(/is writing a checkpoint there \(if none is, delete /)
  })

  it('a run killed with SIGKILL at any moment resumes to the uninterrupted result', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const params = { rms: 6 }
    const whole = await check(spec, { workers: 1, params })
    const dir = tmp()
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/parallel/fixtures/run-checkpointed.ts', FILE, dir, '6'], { stdio: 'ignore' })
    const exited = new Promise((r) => child.once('exit', r))
    while (seq(dir) < 6 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20))
    child.kill('SIGKILL')
    await exited
    expect(seq(dir)).toBeGreaterThan(0)
    const resumed = await check(spec, { workers: 2, specUrl: url, params, resume: dir })
    expect(comparable(resumed)).toEqual(comparable(whole))
  })

  // The first checkpoint came only once --checkpoint-every had passed: a run killed before then
  // left nothing to resume (the process engine writes one at its first level).
  it('a run killed before the first interval has passed leaves a checkpoint of its first level, resumable', async () => {
    const file = 'test/parallel/fixtures/self-kill.ts'
    const dir = tmp()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', file, '--workers', '2', '--checkpoint', dir, '--checkpoint-every', '86400', '--out', tmp()], {
      stdio: 'ignore',
      env: { ...process.env, INTERLEAVE_TEST_KILL_AT: '30' },
    })
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (c, s) => r([c, s])))
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' })
    expect(seq(dir)).toBe(1)
    const { spec, url } = await loadSpecFile(file)
    const whole = await check(spec, { workers: 1 })
    expect(whole.stats.distinct).toBe(51)
    const resumed = await check(spec, { workers: 2, specUrl: url, resume: dir })
    expect(resumed.stats.resumedFrom?.distinct).toBe(1)
    expect(comparable(resumed)).toEqual(comparable(whole))
  })

  it('refuses a corrupt checkpoint', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const make = async (): Promise<string> => {
      const dir = tmp()
      const ac = new AbortController()
      await check(spec, { workers: 2, specUrl: url, checkpoint: dir, checkpointIntervalSeconds: 0, signal: ac.signal, progressIntervalMs: 0, onProgress: (p) => { if (p.distinct > 100) ac.abort() } })
      return dir
    }
    const resume = (dir: string) => check(spec, { workers: 2, specUrl: url, resume: dir })

    let dir = await make()
    const hi = readFileSync(join(dir, 'hi.bin'))
    hi[5] = hi[5]! ^ 0x40
    writeFileSync(join(dir, 'hi.bin'), hi)
    await expect(resume(dir)).rejects.toThrow(/visited set is corrupt/)

    dir = await make()
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { frontierFile: string }
    appendFileSync(join(dir, manifest.frontierFile), 'x')
    await expect(resume(dir)).rejects.toThrow(/corrupt \(checksum\)/)

    dir = await make()
    writeFileSync(join(dir, 'manifest.json'), '{"format": "interleave-chec')
    await expect(resume(dir)).rejects.toThrow(/manifest.json is corrupt/)

    await expect(resume(tmp())).rejects.toThrow(/no checkpoint there/)
    await expect(resume(tmp())).rejects.toThrow(UsageError)
  })

  it('refuses a checkpoint of another spec, other parameters or another model source', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const dir = tmp()
    await check(spec, { workers: 2, specUrl: url, checkpoint: dir, checkpointIntervalSeconds: 0, maxDepth: 4 })
    await expect(check(spec, { workers: 2, specUrl: url, resume: dir, params: { rms: 4 } })).rejects.toThrow(/another search \(params: \{"rms":3\} in the checkpoint, \{"rms":4\} now\); refusing/)
    const other = await loadSpecFile('specs/two-phase-commit-early-commit.ts')
    await expect(check(other.spec, { workers: 2, specUrl: other.url, resume: dir })).rejects.toThrow(/spec: two-phase-commit in the checkpoint/)

    // The same spec from a copy whose model source then changes.
    const copyDir = tmp()
    const copy = join(copyDir, 'counter.mts')
    copyFileSync('test/fixtures/counter.ts', copy)
    writeFileSync(copy, readFileSync(copy, 'utf8').replaceAll("'../../src/index.ts'", JSON.stringify(pathToFileURL(join(process.cwd(), 'src/index.ts')).href)))
    const c = await import(pathToFileURL(copy).href)
    const cdir = tmp()
    const curl = pathToFileURL(copy).href
    await check(c.default, { workers: 2, specUrl: curl, checkpoint: cdir, checkpointIntervalSeconds: 0 })
    await expect(check(c.default, { workers: 2, specUrl: curl, resume: cdir })).resolves.toBeDefined()
    appendFileSync(copy, '\n// a change to the model\n')
    await expect(check(c.default, { workers: 2, specUrl: curl, resume: cdir })).rejects.toThrow(/the model source changed/)

    // A module the spec imports by absolute path (as a spec outside the checkout imports its
    // model) counts as its source too.
    const helper = join(copyDir, 'helper.mts')
    writeFileSync(helper, 'export const h = 1\n')
    const viaAbsolute = join(copyDir, 'counter-abs.mts')
    writeFileSync(viaAbsolute, `import ${JSON.stringify(helper)}\n${readFileSync(copy, 'utf8')}`)
    const a = await import(pathToFileURL(viaAbsolute).href)
    const adir = tmp()
    const aurl = pathToFileURL(viaAbsolute).href
    await check(a.default, { workers: 2, specUrl: aurl, checkpoint: adir, checkpointIntervalSeconds: 0 })
    appendFileSync(helper, '// a change to a helper\n')
    await expect(check(a.default, { workers: 2, specUrl: aurl, resume: adir })).rejects.toThrow(/the model source changed/)

    // What looks like an import in a comment or a string but names no file is skipped, not an
    // internal error (a file: URL with a host, a folder).
    const odd = join(copyDir, 'counter-odd.mts')
    writeFileSync(odd, `// import x from 'file://server/share/m.ts'\n// import y from '/tmp'\n${readFileSync(copy, 'utf8')}`)
    const o = await import(pathToFileURL(odd).href)
    const odir = tmp()
    await expect(check(o.default, { workers: 2, specUrl: pathToFileURL(odd).href, checkpoint: odir, checkpointIntervalSeconds: 0 })).resolves.toMatchObject({ complete: true })
  })

  // Found by a README audit: the message listed "TCConsistent:when", the hidden witness of the
  // invariant's antecedent, beside the user's property names.
  it('names the checked properties of a checkpoint of other properties as the user does', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const dir = tmp()
    await check(spec, { workers: 1, specUrl: url, checkpoint: dir, maxStates: 50 })
    await expect(check(spec, { workers: 1, specUrl: url, resume: dir, properties: ['TCConsistent'] })).rejects.toThrow(
      new UsageError(`resume ${dir}: it is a checkpoint of another search (properties: TypeOK, TCConsistent, TMDecisionSent, AllCommitted, AllAborted in the checkpoint, TCConsistent now); refusing to resume from it`),
    )
    // Where only an antecedent differs (the source hash of a spec handed over without its URL
    // reads no `when`), the names are the same and the message says what changed.
    const base = { spec: 's', model: 'm', params: '{}', properties: '', deadlock: false, symmetry: false, constraint: false, source: 'x', probe: 'p' }
    expect(differences({ ...base, properties: 'A,B,A:when' }, { ...base, properties: 'A,B' })).toEqual(['properties: A, B in both, with an antecedent (when) added or removed'])
  })

  it('refuses a checkpoint written under other fairness (its liveness graph judged lassos by the old groups)', async () => {
    const { spec, url } = await loadSpecFile('specs/three-phase-commit-liveness-crash.ts')
    const dir = tmp()
    await check(spec, { workers: 2, specUrl: url, checkpoint: dir, checkpointIntervalSeconds: 0, maxStates: 300 })
    const fewer = { ...spec, fairness: (spec.fairness as readonly Fairness[]).slice(1) }
    await expect(check(fewer, { workers: 2, specUrl: url, resume: dir })).rejects.toThrow(/another search \(fairness: WF\(.*\) in the checkpoint, WF\(.*\) now\)/)
    // Groups given by predicates of one label are told apart by their text (not by what their
    // closures capture: two literal predicates here).
    const toP1 = { ...spec, fairness: [weakFair((a) => a.name === 'Deliver' && (a as { to?: string }).to === 'p1')] }
    const toP2 = { ...spec, fairness: [weakFair((a) => a.name === 'Deliver' && (a as { to?: string }).to === 'p2')] }
    const pdir = tmp()
    await check(toP1, { workers: 2, specUrl: url, checkpoint: pdir, checkpointIntervalSeconds: 0, maxStates: 300 })
    await expect(check(toP2, { workers: 2, specUrl: url, resume: pdir })).rejects.toThrow(/another search \(fairness: WF\(custom [0-9a-f]{8}\) in the checkpoint, WF\(custom [0-9a-f]{8}\) now\)/)
  })

  it('refuses a packed model\'s checkpoint (words) resumed with --debug (plain states), in one line', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit-packed.ts')
    const dir = tmp()
    await check(spec, { workers: 1, specUrl: url, checkpoint: dir, maxStates: 100 })
    await expect(check(spec, { workers: 1, specUrl: url, resume: dir, debug: true })).rejects.toThrow(/^resume .*: it is a checkpoint of another search \(states: words in the checkpoint, plain now.*\); refusing to resume from it$/)
  })

  it('probes the fingerprint function the search uses: the probe is the first initial state\'s stored fingerprint (packed words, symmetry representatives)', async () => {
    const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0')
    for (const file of ['specs/two-phase-commit-packed.ts', 'specs/two-phase-commit-symmetry.ts']) {
      const { spec, url } = await loadSpecFile(file)
      const dir = tmp()
      await check(spec, { workers: 1, specUrl: url, checkpoint: dir, maxStates: 50 })
      const first = (f: string): number => new Int32Array(new Uint8Array(readFileSync(join(dir, f))).buffer)[0]
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { identity: { probe: string } }
      expect(manifest.identity.probe, file).toBe(hex(first('hi.bin')) + hex(first('lo.bin')))
    }
  })

  it('refuses a manifest whose counters were edited by hand', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const dir = tmp()
    const first = await check(spec, { workers: 2, specUrl: url, checkpoint: dir, maxStates: 100 })
    expect(first.stopReason).toBe('max-states')
    const path = join(dir, 'manifest.json')
    const m = JSON.parse(readFileSync(path, 'utf8')) as { counters: { total: number } }
    m.counters.total += 1000
    writeFileSync(path, JSON.stringify(m, null, 1))
    await expect(check(spec, { workers: 2, specUrl: url, resume: dir })).rejects.toThrow(/manifest.json was edited or is corrupt/)
  })

  it('writes a checkpoint at every stop: max states, time limit, interrupt; each resumes to the whole result', async () => {
    const { spec, url } = await loadSpecFile(FILE)
    const params = { rms: 4 }
    const whole = await check(spec, { workers: 1, params })
    for (const maxStates of [1, 200, 1500]) {
      const dir = tmp()
      // The interval is the default (minutes): the checkpoint comes from the stop itself.
      const first = await check(spec, { workers: 2, specUrl: url, params, checkpoint: dir, maxStates })
      expect(first.stopReason).toBe('max-states')
      expect(seq(dir)).toBeGreaterThan(0)
      const resumed = await check(spec, { workers: 2, specUrl: url, params, resume: dir })
      expect(comparable(resumed)).toEqual(comparable(whole))
    }
    // Narrow levels (a chain expanded on the coordinating thread), 1 ms a state.
    const chainUrl = new URL('../fixtures/chain.ts', import.meta.url).href
    const chain = (await import(chainUrl)).default
    const chainParams = { max: 400, busyMs: 1 }
    const chainWhole = await check(chain, { workers: 1, params: chainParams })
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 100)
    for (const stop of [{ timeLimitSeconds: 0.1 }, { signal: ac.signal }]) {
      const dir = tmp()
      const first = await check(chain, { workers: 2, specUrl: chainUrl, params: chainParams, checkpoint: dir, ...stop })
      expect(first.complete).toBe(false)
      expect(seq(dir)).toBeGreaterThan(0)
      const resumed = await check(chain, { workers: 2, specUrl: chainUrl, params: chainParams, resume: dir })
      expect(comparable(resumed)).toEqual(comparable(chainWhole))
    }
  })

  // The counters a checkpoint carries include the states the constraint cut (`stats.cut`): a
  // resumed search that began its count again matched every spec above, none of which has a
  // constraint.
  it('a spec with a constraint: stopped at any number of states and resumed, the whole count of states it cut', async () => {
    const url = new URL('./fixtures/random-graph.ts', import.meta.url).href
    const graph = (await import(url)).default
    // 280 states in 8 levels, 26 of them cut by the constraint.
    const params = { seed: 9, nodes: 300, fanout: 3, inits: 3, bad: 0, frozen: 30 }
    const whole = await check(graph, { workers: 1, params, properties: ['Small'] })
    expect([whole.stats.distinct, whole.stats.cut]).toEqual([280, 26])
    for (const maxStates of [120, 200, 260]) {
      const dir = tmp()
      const first = await check(graph, { workers: 2, specUrl: url, params, properties: ['Small'], checkpoint: dir, maxStates })
      expect(first.stats.cut).toBeGreaterThan(0)
      const resumed = await check(graph, { workers: 2, specUrl: url, params, properties: ['Small'], resume: dir })
      expect(comparable(resumed)).toEqual(comparable(whole))
    }
  })
})
