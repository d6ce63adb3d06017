/**
 * The checker installed as a package (under a project's `node_modules`, as `npm install` puts it),
 * with a spec of the project's own importing it by name: `--processes 2` runs. It failed there
 * every time: the workers' code hash was the hash of no files (the checker's sources, under
 * `node_modules`, kept the bundle's URL), and the spec's `import … from 'interleave'` was left
 * outside the bundle, for a worker process that cannot load TypeScript. Its reproduce line is
 * `npx interleave check …` (it was `npm run check -- …`, a script the project does not have).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../cli/run-cli.ts'

describe('installed as a package', () => {
  it('checks a project spec that imports it by name over worker processes', () => {
    const proj = mkdtempSync(join(tmpdir(), 'il-installed-'))
    const pkg = join(proj, 'node_modules', 'interleave')
    mkdirSync(pkg, { recursive: true })
    for (const part of ['src', 'bin', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true })
    // Its dependencies, where npm would have them.
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'))
    writeFileSync(join(proj, 'package.json'), JSON.stringify({ name: 'proj', type: 'module' }))
    writeFileSync(
      join(proj, 'counter.ts'),
      [
        "import { Steps, always, defineSpec } from 'interleave'",
        'type S = { readonly n: number }',
        "const model = { name: 'counter', init: () => [{ n: 0 }], next: (_c: null, s: S) => new Steps<{ name: 'Inc' }, S>().add({ name: 'Inc' }, s.n < 20 ? { n: s.n + 1 } : null).list, properties: [always('Small', (_c: null, s: S) => s.n <= 20), always('Tiny', (_c: null, s: S) => s.n <= 15)] }",
        "export default defineSpec({ name: 'counter', model, config: null, expect: { violated: { Tiny: { length: 17 } } } })",
      ].join('\n'),
    )
    const r = spawnSync(process.execPath, [join(pkg, 'bin', 'interleave.mjs'), 'check', 'counter.ts', '--processes', '2', '--out', join(proj, 'out')], { cwd: proj, encoding: 'utf8', timeout: 120_000 })
    expect(r.stderr).not.toMatch(/refused|Unknown file extension/)
    expect(r.stdout).toMatch(/Tiny +always +VIOLATED \(counterexample: 17 states\)/)
    // The line that reproduces it runs here: a project has no `npm run check` script.
    expect(r.stdout).toMatch(/^reproduce: npx interleave check counter\.ts --property Tiny( |$)/m)
    expect(r.status).toBe(0)
  }, 150_000)
})
