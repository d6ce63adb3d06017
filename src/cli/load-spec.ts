/**
 * Finds and imports specs: by path (`specs/paxos.ts`), by name (`paxos`), or by model file
 * (`models/paxos.ts`: every bundled spec of that model). Each loaded spec keeps its module URL so
 * worker threads can re-import it (functions do not cross threads).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { UsageError, errorMessage } from '../core/errors.ts'
import type { AnySpec } from '../core/spec.ts'
import { isSpec } from '../core/spec.ts'

export interface LoadedSpec {
  readonly spec: AnySpec
  readonly url: string
  readonly file: string
}

export const SPECS_DIR = 'specs'

async function importModule(file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>
  } catch (e) {
    const msg = errorMessage(e).split('\n')[0]
    throw new UsageError(`${file}: cannot be loaded: ${msg}`)
  }
}

export async function loadSpecFile(file: string): Promise<LoadedSpec> {
  const mod = await importModule(file)
  const spec = mod.default
  if (!isSpec(spec)) {
    throw new UsageError(`${file}: not a spec (its default export must be defineSpec({...}))`)
  }
  return { spec, url: pathToFileURL(resolve(file)).href, file }
}

/** Every spec file under specs/ (recursively), in a stable order. */
export function specFiles(dir = SPECS_DIR): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...specFiles(p))
    else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p)
  }
  return out
}

export async function loadAllSpecs(dir = SPECS_DIR): Promise<LoadedSpec[]> {
  const out: LoadedSpec[] = []
  for (const f of specFiles(dir)) out.push(await loadSpecFile(f))
  return out
}

/** Resolves one command-line target to one or more specs. */
export async function loadTarget(target: string): Promise<LoadedSpec[]> {
  if (existsSync(target) && statSync(target).isFile()) {
    const mod = await importModule(target)
    if (isSpec(mod.default)) return [await loadSpecFile(target)]
    const models = new Set(Object.values(mod).filter(isModelLike))
    if (models.size === 0) {
      throw new UsageError(`${target}: not a spec or a model (no defineSpec default export, no exported model)`)
    }
    const specs = (await loadAllSpecs()).filter((s) => models.has(s.spec.model))
    if (specs.length === 0) throw new UsageError(`${target}: no spec in ${SPECS_DIR}/ checks this model`)
    return specs
  }
  if (/[/\\]|\.ts$/.test(target)) throw new UsageError(`${target}: no such file`)
  const byFile = join(SPECS_DIR, `${target}.ts`)
  if (existsSync(byFile)) return [await loadSpecFile(byFile)]
  const all = await loadAllSpecs()
  const byName = all.filter((s) => s.spec.name === target || basename(s.file).replace(/\.\w+$/, '') === target)
  if (byName.length > 0) return byName
  throw new UsageError(`${target}: no such spec (try a path, or one of: ${all.map((s) => s.spec.name).slice(0, 12).join(', ')}${all.length > 12 ? ', …' : ''})`)
}

function isModelLike(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false
  const m = x as Record<string, unknown>
  return typeof m.init === 'function' && typeof m.next === 'function' && Array.isArray(m.properties)
}
