/**
 * Messages a new user meets (issue #18, item 8; #17's folders): a syntax error with its place,
 * `-h`, DFS's depth named for what it is, a bounded `--workers`, spec folders anywhere, and a
 * CommonJS spec's model errors. Through the real process: the syntax error (tsx's message), the
 * top-level `--help`, a folder of specs and the CommonJS spec (tsx's require hooks); the rest in
 * this process (run-in-process.ts), a spawn costing 1 to 2 CPU-seconds.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { availableParallelism } from 'node:os'
import { ROOT, cli } from './run-cli.ts'
import { checkInProcess } from './run-in-process.ts'

const tmp = () => mkdtempSync(join(tmpdir(), 'interleave-msg-'))
const INDEX = JSON.stringify(join(ROOT, 'src/index.ts'))
const COUNTER = JSON.stringify(join(ROOT, 'test/cli/fixtures/counter.ts'))

describe('check: messages', () => {
  it('a spec with a syntax error: file, line, column and reason on one line', () => {
    const dir = tmp()
    const file = join(dir, 'broken.ts')
    writeFileSync(file, `import { defineSpec } from ${INDEX}\nconst config = {\n  rms: ,\n}\nexport default config\n`)
    const r = cli(['check', file, '--out', tmp()])
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toBe(`error: ${file}:3:7: cannot be loaded: Unexpected ","`)
    expect(r.code).toBe(2)
  })

  it('the same in a JavaScript spec (Node gives no place for an ES module; esbuild finds it)', () => {
    const dir = tmp()
    const file = join(dir, 'broken.mjs')
    writeFileSync(file, `import { defineSpec } from ${INDEX}\nexport default defineSpec({\n  name: 'x',, config: null,\n})\n`)
    const r = cli(['check', file, '--out', tmp()])
    expect(r.stderr.trim().split('\n')).toEqual([`error: ${file}:3:13: cannot be loaded: Unexpected token ','`])
    expect(r.code).toBe(2)
  })

  it('check -h and --help print the usage, exit 0', async () => {
    for (const flag of ['-h', '--help']) {
      const r = await checkInProcess([flag])
      expect(r.stdout).toMatch(/^usage: npx interleave check /)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }
    expect(cli(['--help']).stdout).toMatch(/^usage: interleave <command>/)
  })

  it('DFS reports its longest stack as "max stack depth", BFS its levels as "depth"', async () => {
    const dfs = await checkInProcess(['specs/two-phase-commit.ts', '--strategy', 'dfs', '--out', tmp()])
    expect(dfs.stdout).toMatch(/generated, max stack depth \d+,/)
    expect(dfs.stdout).not.toMatch(/generated, depth/)
    expect((await checkInProcess(['specs/two-phase-commit.ts', '--out', tmp()])).stdout).toContain('generated, depth 11,')
  })

  it('--workers above 4 per core (at least 64) is refused with the bound', async () => {
    const bound = Math.max(64, 4 * availableParallelism())
    const r = await checkInProcess(['specs/two-phase-commit.ts', '--workers', String(bound + 1)])
    expect(r.stderr.trim()).toBe(`error: --workers ${bound + 1}: at most ${bound} on this machine (4 per core, ${availableParallelism()} cores, and 64 on any machine)`)
    expect(r.code).toBe(2)
  })

  it('--dot keeps its documented limit of 500 states; --max-states raises it', async () => {
    const r = await checkInProcess(['specs/two-phase-commit-rm4.ts', '--dot', join(tmp(), 'g.dot')])
    expect(r.stderr.trim()).toMatch(/^error: --dot: spec two-phase-commit-rm4 has more than 500 states/)
    expect(r.code).toBe(2)
    expect((await checkInProcess(['specs/two-phase-commit-rm4.ts', '--dot', join(tmp(), 'g.dot'), '--max-states', '2000'])).code).toBe(0)
  })

  it('a folder of specs outside specs/: every spec in it, a table, and a broken file reported in its row', () => {
    const dir = join(tmp(), 'my-specs')
    mkdirSync(join(dir, 'nested'), { recursive: true })
    const spec = (name: string, bound: number) =>
      `import { defineSpec } from ${INDEX}\nimport { counter } from ${COUNTER}\nexport default defineSpec({ name: '${name}', model: counter, params: { bound: ${bound} }, config: (p) => ({ bound: p.bound as number }), expect: { violated: { Below: { length: ${bound + 1} } } } })\n`
    writeFileSync(join(dir, 'one.ts'), spec('one', 2))
    writeFileSync(join(dir, 'nested', 'two.ts'), spec('two', 3))
    writeFileSync(join(dir, 'zz-broken.ts'), 'export default {}\n')
    const r = cli(['check', `${dir}/`, '--out', tmp()])
    expect(r.stdout).toMatch(/^one .* yes /m)
    expect(r.stdout).toMatch(/^two .* yes /m)
    expect(r.stdout).toMatch(/zz-broken\.ts .* ERROR .*not a spec/)
    expect(r.stdout).toContain('2 of 3 specs as expected, 1 failed with an error')
    expect(r.code).toBe(2)
  })

  it("a model error from a CommonJS spec's own copy of Interleave: its line as it is, as from the checker's", () => {
    // The actor harness the spec requires is a second copy beside the checker's; its ModelError
    // failed the checker's instanceof and came out wrapped ("model fifo-ping: view/symmetry threw:
    // …"). test/net/actor-symmetry.test.ts has the same line from the checker's own copy.
    const r = cli(['check', 'test/cli/fixtures/commonjs/fifo-symmetry.js', '--symmetry', '--quiet', '--out', tmp()])
    expect(r.stderr.trim()).toBe('model error: actor model fifo-ping: symmetricNodes cannot rename a FIFO network (its queues are keyed by link); use a bag or set network, or write symmetry by hand')
    expect(r.code).toBe(2)
  })
})
