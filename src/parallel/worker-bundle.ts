/**
 * A worker's code as one plain JavaScript file: the spec module(s) and the worker's task runner,
 * bundled by esbuild, so a worker thread starts without the TypeScript loader, whose hooks
 * thread every module otherwise goes through: workers are ready several times sooner (figures:
 * docs/performance.md, "Design measurements"). Building a bundle takes a fraction of that, and is
 * skipped while no input file has changed.
 *
 * The bundle sits in the checker's `node_modules/.cache/interleave/`, so that npm packages (left
 * out of it) resolve as they do for the sources; past 32 bundles, those not used for an hour are
 * removed (`pruneBundles`). It carries an inline source map, and each module's
 * `import.meta.url` is its source file's, so stack traces and the user frames that model errors
 * name (`errors.ts`) read as they do without the bundle. Whatever stops a bundle from being made
 * (an unwritable cache, an import esbuild cannot follow) leaves `undefined`, and a bundle that a
 * worker cannot load (`boot.mjs`) is passed over: either way the workers load the sources through
 * tsx, as before, and report a spec that cannot load in the usual words.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BuildOptions, Metafile, Plugin } from 'esbuild'
import { idleFiles, markUsed } from './idle-files.ts'

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/interleave/', import.meta.url))
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
/** Changes whenever the shape of the generated entry does, so old bundles are not reused. */
const ENTRY_VERSION = 3

interface Stamp {
  readonly version: number
  /** The spec files it was built for (a bundle one of whose specs is gone is pruned). */
  readonly specs: readonly string[]
  readonly inputs: readonly (readonly [file: string, mtimeMs: number, size: number])[]
}

/** Specs bundled together by `workerBundles`, by URL: the bundle's URL and stamp file. */
const together = new Map<string, { url: string; stamp: string }>()

/** The bundle's file URL for the spec at `specUrl`, built or reused; undefined if none can be made. */
export async function workerBundle(specUrl: string): Promise<string | undefined> {
  const t = together.get(specUrl)
  if (t && fresh(t.stamp) && markUsed(fileURLToPath(t.url))) return t.url
  return bundleOf([specUrl])
}

/**
 * One bundle for several specs checked in one process (`npm run check` over a folder): the
 * pool's workers then load the checker once and keep its compiled code warm from spec to spec,
 * where a bundle per spec loads a fresh copy for each. If it cannot be made, each spec gets its
 * own bundle (or the sources) as usual.
 */
export async function workerBundles(specUrls: readonly string[]): Promise<void> {
  const url = await bundleOf(specUrls)
  if (url) for (const s of specUrls) together.set(s, { url, stamp: fileURLToPath(url).replace(/\.mjs$/, '.json') })
}

async function bundleOf(specUrls: readonly string[]): Promise<string | undefined> {
  if (specUrls.length === 0 || specUrls.some((u) => !u.startsWith('file:'))) return undefined
  try {
    const specs = specUrls.map((u) => fileURLToPath(u))
    const name = createHash('sha256').update([...specs].sort().join('\0')).digest('hex').slice(0, 16)
    const out = join(CACHE, `worker-${name}.mjs`)
    const stampFile = join(CACHE, `worker-${name}.json`)
    if (fresh(stampFile) && markUsed(out)) return pathToFileURL(out).href
    const { build } = await import('esbuild')
    const q = JSON.stringify
    const entry = [
      `import { provideSpec } from ${q(WORKER)}`,
      ...specs.map((spec, i) => `import spec${i} from ${q(spec)}\nprovideSpec(${q(specUrls[i])}, spec${i})`),
      `export { runTask, transferables } from ${q(WORKER)}`,
    ].join('\n')
    const r = await build({
      stdin: { contents: entry, resolveDir: dirname(specs[0]), sourcefile: 'interleave-worker-entry.ts', loader: 'ts' },
      ...BUNDLE_OPTIONS,
      sourcemap: 'inline',
      sourcesContent: false,
      metafile: true,
      outfile: out,
    })
    if (importsTypeScript(r.metafile)) return undefined
    const code = r.outputFiles[0].contents
    const inputs = Object.keys(r.metafile.inputs)
      .filter((f) => !f.startsWith('<stdin>') && !f.includes('interleave-worker-entry'))
      .map((f): [string, number, number] => {
        const abs = f.startsWith('/') ? f : join(process.cwd(), f)
        const st = statSync(abs)
        return [abs, st.mtimeMs, st.size]
      })
    mkdirSync(CACHE, { recursive: true })
    // Write, then rename: a run in another process reads a whole bundle or none.
    const tmp = `${out}.${process.pid}.tmp`
    writeFileSync(tmp, code)
    renameSync(tmp, out)
    writeFileSync(`${stampFile}.${process.pid}.tmp`, JSON.stringify({ version: ENTRY_VERSION, specs, inputs } satisfies Stamp))
    renameSync(`${stampFile}.${process.pid}.tmp`, stampFile)
    pruneBundles(CACHE)
    return pathToFileURL(out).href
  } catch {
    return undefined
  }
}

/**
 * Removes the bundles of spec files that no longer exist (a test's temporary copy, a deleted
 * spec), and stamps of another entry version; then, past the 32 most recently used bundles,
 * those not used for an hour (`idleFiles`: every spec file, and every folder checked at once, has
 * its own bundle, and one per spec ever checked grew without end) (as `distributed/bundle.ts` prunes its own). Runs after a build, not
 * on a reuse. A bundle is marked used (`markUsed`) when a run takes it, before its workers load it,
 * so one a run in another process is starting on is not removed; a run that holds its workers
 * for over an hour keeps them, and a worker it starts after its bundle went loads the sources
 * instead (`boot.mjs`). Exported for its test, on a folder of its own.
 */
export function pruneBundles(dir: string): void {
  for (const f of readdirSync(dir)) {
    if (!/^worker-[0-9a-f]{16}\.json$/.test(f)) continue
    const stampFile = join(dir, f)
    let stale = true
    try {
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp
      stale = stamp.version !== ENTRY_VERSION || !Array.isArray(stamp.specs) || !stamp.specs.every((f) => existsSync(f))
    } catch {
      // unreadable: another process is writing it, or it is damaged; leave it for next time
      stale = false
    }
    if (stale) removeBundle(stampFile.replace(/\.json$/, '.mjs'))
  }
  for (const file of idleFiles(dir, /^worker-[0-9a-f]{16}\.mjs$/)) removeBundle(file)
}

/** A bundle and its stamp: the stamp first, so that a bundle is never left stamped but gone. */
function removeBundle(file: string): void {
  rmSync(file.replace(/\.mjs$/, '.json'), { force: true })
  rmSync(file, { force: true })
}

/** Whether the bundle recorded in `stampFile` was built from the files as they are now. */
function fresh(stampFile: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp
    if (stamp.version !== ENTRY_VERSION) return false
    for (const [file, mtimeMs, size] of stamp.inputs) {
      const st = statSync(file)
      if (st.mtimeMs !== mtimeMs || st.size !== size) return false
    }
    return stamp.inputs.length > 0
  } catch {
    return false
  }
}

/** The checker's own folder (its package root) and sources: under a user's `node_modules` when
 * it is installed as a package, and bundled all the same. */
const OWN_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const OWN_SRC = join(OWN_ROOT, 'src') + sep

/** Gives each bundled module its own source file's `import.meta.url` (the checker finds its own
 * folder, and the user's frames, by it); the distributed bundle's too (`distributed/bundle.ts`).
 * The checker's own sources keep theirs under a `node_modules` too: installed as a package, its
 * code hash was the hash of no files (the cache folder's), and every worker process was refused. */
export const sourceUrls: Plugin = {
  name: 'interleave-source-urls',
  setup(b) {
    // `import … from 'file:///…/x.ts'` is a file of the bundle, not a package.
    b.onResolve({ filter: /^file:\/\// }, (a) => ({ path: fileURLToPath(a.path) }))
    // A user's spec imports the checker by its package name (`interleave`, `interleave/net`):
    // bundled from its sources like the rest of it, not left to a worker process that cannot
    // load TypeScript ("Unknown file extension .ts").
    b.onResolve({ filter: /^interleave(\/[\w-]+)?$/ }, (a) => {
      const target = ownExports()[a.path === 'interleave' ? '.' : `./${a.path.slice('interleave/'.length)}`]
      return target === undefined ? undefined : { path: join(OWN_ROOT, target) }
    })
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (a) => {
      if (a.path.includes('/node_modules/') && !a.path.startsWith(OWN_SRC)) return undefined
      const text = readFileSync(a.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)), loader: /\.[cm]?ts$/.test(a.path) ? 'ts' : 'js' }
    })
  },
}

/** esbuild's options shared by every bundle the checker makes (the thread workers', the worker
 * processes' entry, a distributed run's spec): one ES module for Node 20 in memory, npm packages
 * left to resolve from node_modules, each module keeping its source's URL (`sourceUrls`). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  write: false,
  logLevel: 'silent',
  plugins: [sourceUrls],
} as const satisfies BuildOptions

/** Whether a bundle left an import outside that only tsx could load (a TypeScript file): then
 * the sources are run instead. */
export const importsTypeScript = (m: Metafile): boolean =>
  Object.values(m.outputs).some((o) => o.imports.some((i) => i.external && /\.[cm]?tsx?$/.test(i.path)))

/** The checker's package exports (`interleave/…` → a source file), read once. */
let exportsRead: Readonly<Record<string, string>> | undefined
function ownExports(): Readonly<Record<string, string>> {
  if (exportsRead === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(join(OWN_ROOT, 'package.json'), 'utf8')) as { name?: string; exports?: Record<string, string> }
      exportsRead = pkg.name === 'interleave' && pkg.exports ? pkg.exports : {}
    } catch {
      exportsRead = {}
    }
  }
  return exportsRead
}
