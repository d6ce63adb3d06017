/**
 * Finds and imports specs: by path (`specs/paxos.ts`), by folder (`my-specs/`: every spec in it,
 * recursively), by name (`paxos`), or by model file (`models/paxos.ts`: every bundled spec of that
 * model). Each loaded spec keeps its module URL so worker threads can re-import it (functions do
 * not cross threads). In a folder, a file that fails to load is returned as a `FailedLoad`, so one
 * broken spec is reported beside the others instead of hiding them.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { UsageError, errorMessage } from '../core/errors.ts'
import type { AnySpec, LoadedSpec } from '../core/spec.ts'
import { isSpec } from '../core/spec.ts'
import { closest } from '../core/edit-distance.ts'

/** A spec file that could not be imported, or whose default export is not a spec. */
export interface FailedLoad {
  readonly file: string
  readonly error: Error
}

export type LoadOutcome = LoadedSpec | FailedLoad

export const isLoaded = (o: LoadOutcome): o is LoadedSpec => 'spec' in o

export const SPECS_DIR = 'specs'

/**
 * Why a module did not load, in one line. For a syntax error, tsx's message begins with
 * "Transform failed with 1 error:", which says nothing; esbuild's next line has the place:
 * `/abs/file.ts:4:5: ERROR: Unexpected ","`. The place is given as `file:line:column`, first when
 * the error is in the file itself.
 */
export function loadErrorMessage(file: string, e: unknown): string {
  const msg = errorMessage(e)
  const located = /^(.+?):(\d+):(\d+): ERROR: (.*)$/m.exec(msg) ?? (e instanceof SyntaxError ? syntaxErrorPlace(file, msg) : null)
  if (!located) return `${file}: cannot be loaded: ${msg.split('\n')[0] ?? msg}`
  const [, where, line, col, reason] = located as unknown as [string, string, string, string, string]
  if (resolve(where) === resolve(file)) return `${file}:${line}:${col}: cannot be loaded: ${reason}`
  const rel = relative(process.cwd(), resolve(where))
  return `${file}: cannot be loaded: ${rel.startsWith('..') ? resolve(where) : rel}:${line}:${col}: ${reason}`
}

/** The files whose import has begun and not settled: a module whose top-level `await` never
 * settles leaves the event loop empty with its import pending, and the process would end with
 * exit code 0 and nothing printed (`main.ts` names the file instead). */
const importing = new Set<string>()
export const stillImporting = (): string | undefined => importing.values().next().value

/**
 * Where a JavaScript file's syntax error is: Node's error for an ES module carries no place (tsx
 * gives one for TypeScript, esbuild's, above). esbuild parses the file again to find it, in the
 * same shape; null when it finds nothing (or not this error), and the message goes without one.
 */
function syntaxErrorPlace(file: string, msg: string): RegExpExecArray | null {
  if (!/\.[cm]?js$/.test(file)) return null
  try {
    const require = createRequire(import.meta.url)
    const { transformSync } = require('esbuild') as typeof import('esbuild')
    transformSync(readFileSync(file, 'utf8'), { loader: 'js', format: 'esm', sourcefile: resolve(file), logLevel: 'silent' })
    return null
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0]
    const at = first?.location
    if (!first || !at) return null
    return /^(.+?):(\d+):(\d+): ERROR: (.*)$/.exec(`${at.file}:${at.line}:${at.column + 1}: ERROR: ${msg.split('\n')[0] ?? first.text}`)
  }
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  importing.add(file)
  try {
    return (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>
  } catch (e) {
    throw new UsageError(loadErrorMessage(file, e))
  } finally {
    importing.delete(file)
  }
}

export async function loadSpecFile(file: string): Promise<LoadedSpec> {
  const mod = await importModule(file)
  const spec = mod.default
  if (!isSpec(spec)) {
    throw new UsageError(`${file}: not a spec (its default export must be defineSpec({...}))`)
  }
  const nameless = namelessError(file, spec)
  if (nameless) throw nameless
  return { spec, url: pathToFileURL(resolve(file)).href, file }
}

/** Every spec file under `dir` (recursively), in a stable order. */
export function specFiles(dir = SPECS_DIR): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  const pending = [dir]
  // Each folder once, however many links lead to it (a link back up, `ln -s .. up`, walked the
  // same folder down to the system's limit, then failed naming a path of hundreds of links), and
  // by its own path where it has one: linked folders wait until no other is left. A link to a
  // folder that holds this one (`ln -s .. up`) is not followed: it would load every module
  // above, dependencies included.
  const root = realpathSync(dir)
  const seen = new Set<string>()
  const linked: string[] = []
  // An explicit stack, not recursion: folders may nest deeply.
  while (pending.length > 0 || linked.length > 0) {
    const d = (pending.length > 0 ? pending.pop() : linked.shift()) as string
    const real = realpathSync(d)
    if (seen.has(real) || (real !== root && (root.startsWith(`${real}/`) || real === '/'))) continue
    seen.add(real)
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) (lstatSync(p).isSymbolicLink() ? linked : pending).push(p)
      else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p)
    }
  }
  return out.sort()
}

/** Every spec in `dir`; a file that fails to load is a `FailedLoad` in its place. */
export async function loadSpecsIn(dir = SPECS_DIR): Promise<LoadOutcome[]> {
  const out: LoadOutcome[] = []
  for (const file of specFiles(dir)) {
    try {
      out.push(await loadSpecFile(file))
    } catch (e) {
      out.push({ file, error: e instanceof Error ? e : new Error(String(e)) })
    }
  }
  return out
}

/** Resolves one command-line target to one or more specs, or a `FailedLoad` for a file (or a
 * folder's file) that exists but does not load; a target that names nothing is a `UsageError`. */
export async function loadTarget(target: string): Promise<LoadOutcome[]> {
  if (existsSync(target) && statSync(target).isDirectory()) {
    const found = await loadSpecsIn(target)
    if (found.length === 0) throw new UsageError(`${target}: no spec files (.ts, .js, .mjs) in this folder`)
    return found
  }
  if (existsSync(target) && statSync(target).isFile()) {
    let mod: Record<string, unknown>
    try {
      mod = await importModule(target)
    } catch (e) {
      return [{ file: target, error: e as Error }]
    }
    if (isSpec(mod.default)) {
      const nameless = namelessError(target, mod.default)
      return [nameless ? { file: target, error: nameless } : { spec: mod.default, url: pathToFileURL(resolve(target)).href, file: target }]
    }
    const models = new Set(Object.values(mod).filter(isModelLike))
    if (models.size === 0) {
      // A spec exported by name (`export const spec = defineSpec(…)`) is what the user meant.
      const named = Object.keys(mod).find((k) => k !== 'default' && isSpec(mod[k]))
      const hint = named !== undefined ? `: it exports a spec as '${named}'; make it the default export (export default defineSpec(…))` : ' (no defineSpec default export, no exported model)'
      return [{ file: target, error: new UsageError(`${target}: not a spec or a model${hint}`) }]
    }
    const specs = (await loadSpecsIn()).filter(isLoaded).filter((s) => models.has(s.spec.model))
    if (specs.length === 0) throw new UsageError(`${target}: no spec in ${SPECS_DIR}/ checks this model`)
    return specs
  }
  if (/[/\\]|\.ts$/.test(target)) throw new UsageError(`${target}: no such file or folder`)
  return loadByName(target)
}

/** The bundled spec of this name (its file's name in `specs/` or its `name`), looked up in
 * `specs/` only: never a path (`replay` looks up a trace's recorded spec so). */
export async function loadByName(target: string): Promise<LoadedSpec[]> {
  const byFile = join(SPECS_DIR, `${target}.ts`)
  if (existsSync(byFile)) return [await loadSpecFile(byFile)]
  const all = (await loadSpecsIn()).filter(isLoaded)
  const byName = all.filter((s) => s.spec.name === target || basename(s.file).replace(/\.\w+$/, '') === target)
  if (byName.length > 0) return byName
  const near = closest(target, all.map((s) => s.spec.name))
  if (near.length > 0) throw new UsageError(`${target}: no such spec; did you mean ${near.join(', or ')}?`)
  throw new UsageError(`${target}: no such spec (try a path, or one of: ${all.map((s) => s.spec.name).slice(0, 12).join(', ')}${all.length > 12 ? ', …' : ''})`)
}

/** A spec's trace files and report go in a folder of its name: an empty one put them beside the
 * run's index. */
function namelessError(file: string, spec: AnySpec): UsageError | undefined {
  return typeof spec.name !== 'string' || spec.name.trim() === '' ? new UsageError(`${file}: the spec has no name (defineSpec({ name: ... }))`) : undefined
}

function isModelLike(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false
  const m = x as Record<string, unknown>
  try {
    return typeof m.init === 'function' && typeof m.next === 'function' && Array.isArray(m.properties)
  } catch {
    return false
  }
}
