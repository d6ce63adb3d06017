/**
 * The code a distributed run ships to its workers: the spec module and the partition's search
 * (`partition-run.ts`) as one esbuild bundle, with its SHA-256, so every worker runs exactly the
 * coordinator's code whatever checkout it was started from. npm packages stay outside (as in the
 * thread workers' bundle, `parallel/worker-bundle.ts`): a worker resolves them from its own
 * `node_modules`, which is why the bundle is written there (`writeBundle`).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { UsageError, errorMessage, option } from '../core/errors.ts'
import { BUNDLE_OPTIONS } from '../parallel/worker-bundle.ts'
import { idleFiles, markUsed } from '../parallel/idle-files.ts'

const RUN = fileURLToPath(new URL('./partition-run.ts', import.meta.url))
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/interleave/', import.meta.url))

export interface Bundle {
  readonly bytes: Uint8Array
  readonly hash: string
}

export async function buildBundle(specUrl: string): Promise<Bundle> {
  if (!specUrl.startsWith('file:')) throw new UsageError(`${option('processes')}: the spec must be a file (got ${specUrl})`)
  const spec = fileURLToPath(specUrl)
  const q = JSON.stringify
  const entry = [`import spec from ${q(spec)}`, 'export { spec }', `export { createRun } from ${q(RUN)}`].join('\n')
  try {
    const { build } = await import('esbuild')
    const r = await build({
      stdin: { contents: entry, resolveDir: dirname(spec), sourcefile: 'interleave-distributed-entry.ts', loader: 'ts' },
      ...BUNDLE_OPTIONS,
      // Stack traces in a worker name the coordinator's source files (model errors cite the
      // user's frame, as on threads): the map's paths are relative to this directory.
      sourcemap: 'inline',
      sourcesContent: false,
      absWorkingDir: process.cwd(),
      sourceRoot: pathToFileURL(`${process.cwd()}/`).href,
    })
    const bytes = r.outputFiles[0].contents
    return { bytes, hash: sha256(bytes) }
  } catch (e) {
    throw new UsageError(`${option('processes')}: cannot bundle ${spec} for the workers: ${errorMessage(e).split('\n')[0]}`)
  }
}

export const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex')

/** Writes a received bundle where its npm imports resolve (this checkout's node_modules) and
 * returns its URL; the same code is written once. Bundles not used for a week are removed. */
export function writeBundle(bytes: Uint8Array, hash: string): string {
  const file = join(CACHE, `distributed-${hash.slice(0, 16)}.mjs`)
  if (!inUse(file, hash)) {
    mkdirSync(CACHE, { recursive: true })
    prune()
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, bytes)
    renameSync(tmp, file)
  }
  return pathToFileURL(file).href
}

/** Whether `file` holds the bundle of `hash`, marked as used now (not one for `prune` to remove).
 * False also when another process's `prune` removed it between the reads (it is then written
 * again): an idle bundle may go at any time. */
function inUse(file: string, hash: string): boolean {
  try {
    if (!existsSync(file) || sha256(readFileSync(file)) !== hash) return false
  } catch {
    return false
  }
  return markUsed(file)
}

const WEEK_MS = 7 * 24 * 3600_000

/** Bundles not used for a week go; past 32, those idle for an hour too (`idleFiles`: a week's
 * rule alone kept a developer's day of runs, hundreds of them). */
function prune(): void {
  const pattern = /^distributed-[0-9a-f]{16}\.mjs$/
  for (const f of readdirSync(CACHE)) {
    if (!pattern.test(f)) continue
    try {
      if (Date.now() - statSync(join(CACHE, f)).mtimeMs > WEEK_MS) rmSync(join(CACHE, f), { force: true })
    } catch {
      // another worker removed it, or it is being written: leave it
    }
  }
  for (const file of idleFiles(CACHE, pattern)) rmSync(file, { force: true })
}
