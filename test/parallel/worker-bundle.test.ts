/**
 * Worker bundles: built once per spec and reused while no input changes, rebuilt when one does,
 * and searches on a bundle equal searches on the TypeScript sources (the tsx fallback), which
 * equal the sequential oracle (the parity suite runs every spec on bundles).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import { pruneBundles, workerBundle, workerBundles } from '../../src/parallel/worker-bundle.ts'
import { comparable } from './compare.ts'

const HOUR = 3600_000

/** test/fixtures/counter.ts as it would read outside the repository: importing the checker by file URL. */
const counterOutside = (): string =>
  readFileSync('test/fixtures/counter.ts', 'utf8').replaceAll("'../../src/index.ts'", JSON.stringify(pathToFileURL(join(process.cwd(), 'src/index.ts')).href))

describe('worker bundles', () => {
  it('are reused while their inputs are unchanged and rebuilt when one changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-bundle-'))
    const copy = join(dir, 'counter.mts')
    writeFileSync(copy, counterOutside())
    const url = pathToFileURL(copy).href
    const first = await workerBundle(url)
    expect(first).toMatch(/^file:.*node_modules\/\.cache\/interleave\/worker-[0-9a-f]{16}\.mjs$/)
    const file = fileURLToPath(first!)
    // The stamp is written by a build alone (a reuse marks the bundle's own mtime: below).
    const stamp = file.replace(/\.mjs$/, '.json')
    const built = statSync(stamp).mtimeMs
    expect(readFileSync(file, 'utf8')).toContain('counter.mts')
    expect(await workerBundle(url)).toBe(first)
    expect(statSync(stamp).mtimeMs).toBe(built)
    writeFileSync(copy, readFileSync(copy, 'utf8').replace("name: 'counter'", "name: 'counter-changed'"))
    expect(await workerBundle(url)).toBe(first)
    expect(readFileSync(file, 'utf8')).toContain('counter-changed')
  })

  it('leave the workers on the sources when the bundle does not load (a package only the spec can see)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-bundle-pkg-'))
    mkdirSync(join(dir, 'node_modules', 'only-here'), { recursive: true })
    writeFileSync(join(dir, 'node_modules', 'only-here', 'package.json'), JSON.stringify({ name: 'only-here', type: 'module', exports: './index.js' }))
    writeFileSync(join(dir, 'node_modules', 'only-here', 'index.js'), 'export const MAX = 6\n')
    const copy = join(dir, 'counter.mts')
    const text = counterOutside()
    // The spec's default bound comes from the package.
    writeFileSync(copy, `import { MAX } from 'only-here'\n${text.replace(/params: \{ max: \d+/, 'params: { max: MAX')}`)
    const url = pathToFileURL(copy).href
    expect(await workerBundle(url)).toBeDefined()
    const c = await import(url)
    const o = resolveOptions({ workers: 2, specUrl: url })
    const r = await parallelBfs(prepare(c.default, o), o, { pool: 'threads' })
    expect(r.stats.distinct).toBe(7)
  })

  it('leave the workers on the sources for a spec in a CommonJS package (no "type": "module")', async () => {
    // tsx loads such a .ts file as CommonJS, through its require hooks, which the workers register
    // too (without them: "Unexpected token 'export'").
    const dir = mkdtempSync(join(tmpdir(), 'interleave-bundle-cjs-'))
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'cjs-scope' }))
    const copy = join(dir, 'counter.ts')
    // A CommonJS module names the checker by its path (require takes no file: URL).
    writeFileSync(copy, readFileSync('test/fixtures/counter.ts', 'utf8').replaceAll("'../../src/index.ts'", JSON.stringify(join(process.cwd(), 'src/index.ts'))))
    const url = pathToFileURL(copy).href
    const c = await import(url)
    const o = resolveOptions({ workers: 2, specUrl: url })
    for (const bundle of [false, true]) {
      const r = await parallelBfs(prepare(c.default, o), o, { pool: 'threads', bundle, inlineBelow: 0 })
      expect(r.stats.distinct).toBe(4)
    }
  })

  it('of specs that no longer exist are removed when another bundle is built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-bundle-gone-'))
    const make = (name: string): string => {
      const f = join(dir, name)
      writeFileSync(f, counterOutside())
      return pathToFileURL(f).href
    }
    const gone = fileURLToPath((await workerBundle(make('gone.mts')))!)
    expect(existsSync(gone)).toBe(true)
    rmSync(join(dir, 'gone.mts'))
    await workerBundle(make('other.mts'))
    expect(existsSync(gone)).toBe(false)
    expect(existsSync(gone.replace(/\.mjs$/, '.json'))).toBe(false)
  })

  it('reused, are marked used now, so that a run in another process does not prune them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-bundle-used-'))
    const copy = join(dir, 'counter.mts')
    writeFileSync(copy, counterOutside())
    const url = pathToFileURL(copy).href
    const file = fileURLToPath((await workerBundle(url))!)
    const long = new Date(Date.now() - 3 * HOUR)
    utimesSync(file, long, long)
    expect(await workerBundle(url)).toBe(pathToFileURL(file).href)
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(HOUR)
    // One pruned by another process meanwhile (its stamp left) is built again, not handed out.
    rmSync(file)
    expect(await workerBundle(url)).toBe(pathToFileURL(file).href)
    expect(existsSync(file)).toBe(true)
  })

  it('past the 32 most recently used, those not used for an hour are pruned, with their stamps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-bundle-cache-'))
    const now = Date.now()
    /** A bundle last used `ago` ms before now (its stamp unreadable: the spec-gone rule passes it over). */
    const bundle = (name: string, ago: number): void => {
      const f = join(dir, `worker-${name.padStart(16, '0')}.mjs`)
      writeFileSync(f, '// bundle\n')
      writeFileSync(f.replace(/\.mjs$/, '.json'), 'not json')
      const t = new Date(now - ago)
      utimesSync(f, t, t)
    }
    const names = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => f.slice('worker-'.length).replace(/^0+/, '').replace(/\.mjs$/, '')).sort()
    // 20 used within the hour, 20 idle two hours and more: the newest 32 stay, 8 idle ones go.
    for (let i = 0; i < 20; i++) bundle(`a${i}`, i * 60_000)
    for (let i = 0; i < 20; i++) bundle(`b${i}`, 2 * HOUR + i * 60_000)
    pruneBundles(dir)
    const kept = [...Array.from({ length: 20 }, (_, i) => `a${i}`), ...Array.from({ length: 12 }, (_, i) => `b${i}`)].sort()
    expect(names()).toEqual(kept)
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).length).toBe(32)
    // Past 32, one used within the hour stays all the same (a run may be loading it now).
    for (let i = 20; i < 40; i++) bundle(`a${i}`, i * 60_000)
    pruneBundles(dir)
    expect(names()).toEqual(Array.from({ length: 40 }, (_, i) => `a${i}`).sort())
  })

  it('can hold several specs: one bundle, each spec found in it by URL', async () => {
    const files = ['specs/two-phase-commit.ts', 'specs/two-phase-commit-early-commit.ts']
    const loaded = await Promise.all(files.map((f) => loadSpecFile(f)))
    await workerBundles(loaded.map((l) => l.url))
    const urls = await Promise.all(loaded.map((l) => workerBundle(l.url)))
    expect(urls[0]).toBeDefined()
    expect(urls[1]).toBe(urls[0])
    for (const { spec, url } of loaded) {
      const o = resolveOptions({ workers: 2, specUrl: url })
      const bundled = await parallelBfs(prepare(spec, o), o, { pool: 'threads' })
      const sources = await parallelBfs(prepare(spec, o), o, { pool: 'threads', bundle: false })
      expect(comparable(bundled)).toEqual(comparable(sources))
    }
  })

  it('are not made for a spec that is not a file', async () => {
    expect(await workerBundle('data:text/javascript,export default 1')).toBeUndefined()
  })

  it('give the same search as the TypeScript sources', async () => {
    for (const file of ['specs/two-phase-commit-early-commit.ts', 'specs/two-phase-commit-packed.ts']) {
      const { spec, url } = await loadSpecFile(file)
      const o = resolveOptions({ workers: 2, specUrl: url })
      const bundled = await parallelBfs(prepare(spec, o), o, { pool: 'threads' })
      const sources = await parallelBfs(prepare(spec, o), o, { pool: 'threads', bundle: false })
      expect(comparable(bundled)).toEqual(comparable(sources))
    }
  })
})
