/**
 * The layering of `src/` (docs/architecture.md, "The layers"), read from the sources' import
 * statements: every import keeps the table, except the leaks still listed under "Known gaps",
 * which are named here one by one. A new leak fails; so does a listed one that is gone, so the
 * list shrinks as issue #13 removes them. No two modules import each other, directly or round a
 * longer cycle.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

/** Which layers each layer may import (its own always). The files directly in `src/` are layers
 * of their own: `check` (`check.ts`, the composition root that picks an engine) and `index` (the
 * package's entry point). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  state: ['core'],
  net: ['core', 'state'],
  properties: ['core', 'state'],
  explore: ['core', 'state'],
  packed: ['core', 'state', 'explore'],
  parallel: ['core', 'state', 'explore', 'packed'],
  distributed: ['core', 'state', 'explore', 'packed', 'parallel'],
  trace: ['core', 'state', 'net', 'explore'],
  report: ['core', 'trace'],
  check: ['core', 'state', 'explore', 'packed', 'parallel', 'distributed'],
  explorer: ['core', 'state', 'explore', 'trace'],
  export: ['core', 'state', 'net', 'explore', 'packed', 'parallel', 'check', 'trace', 'report', 'explorer'],
  mbt: ['core', 'state', 'net', 'explore', 'packed', 'parallel', 'check', 'trace', 'report', 'explorer'],
  testing: ['core', 'state', 'net', 'explore', 'packed', 'parallel', 'check', 'trace', 'report', 'explorer'],
  cli: ['core', 'state', 'net', 'explore', 'packed', 'parallel', 'distributed', 'check', 'trace', 'report', 'explorer', 'export', 'mbt', 'testing'],
  index: ['core', 'state', 'net', 'properties', 'explore', 'packed', 'parallel', 'distributed', 'check', 'trace', 'report', 'explorer', 'export', 'mbt', 'testing'],
}

/** The imports against the table that docs/architecture.md's "Known gaps" still lists. */
const KNOWN_LEAKS: readonly string[] = []

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return p.endsWith('.ts') ? [p] : []
  })
}

/** Static imports and re-exports (type-only ones too: a cycle of types is still a cycle of
 * layers) and dynamic imports of a literal path. Only statements that start a line count, so
 * examples in doc comments do not. */
const IMPORT = /(?:^|\n)[ \t]*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

/** Module → the repository-relative paths it imports (relative specifiers only). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const to: string[] = []
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!
      if (spec.startsWith('.')) to.push(relative(ROOT, resolve(dirname(file), spec)))
    }
    graph.set(relative(ROOT, file), to)
  }
  return graph
}

/** `src/<layer>/...` → layer; `src/<name>.ts` → name; outside `src/` → undefined. */
const layerOf = (path: string): string | undefined => {
  const parts = path.split('/')
  if (parts[0] !== 'src') return undefined
  return parts.length > 2 ? parts[1] : parts[1]!.replace(/\.ts$/, '')
}

/** `src/` never imports models/ or specs/; a layer imports itself and what the table lets it. */
function ok(layer: string | undefined, target: string | undefined): boolean {
  if (layer === undefined || target === undefined) return false
  return target === layer || (MAY_IMPORT[layer] ?? []).includes(target)
}

/** Every import that leaves `src/` or breaks the table, as `from -> to`. */
function leaks(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = []
  for (const [from, tos] of graph) {
    const layer = layerOf(from)
    for (const to of tos) {
      if (!ok(layer, layerOf(to))) out.push(`${from} -> ${to}`)
    }
  }
  return out.sort()
}

/** The module cycles (strongly connected components of more than one module, or a module that
 * imports itself). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const scc: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      scc.push(w)
    } while (w !== v)
    if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

const graph = importGraph(sourceFiles(join(ROOT, 'src')))
const importsOf = (file: string): readonly string[] => graph.get(file) ?? []
const filesIn = (layer: string): string[] => [...graph.keys()].filter((f) => layerOf(f) === layer)

describe('the layers of src/', () => {
  it('reads the imports (the parser sees known edges of every kind)', () => {
    expect(graph.size).toBeGreaterThan(100)
    // a plain import, a type-only import, a multi-line import and a re-export
    expect(importsOf('src/cli/check-command.ts')).toContain('src/check.ts')
    expect(importsOf('src/core/model.ts')).toContain('src/core/schema.ts')
    expect(importsOf('src/index.ts')).toContain('src/state/schema.ts')
    expect(importsOf('src/state/schema.ts')).toContain('src/core/schema.ts')
  })

  it('every import keeps the table, but for the known gaps', () => {
    expect(leaks(graph).filter((l) => !KNOWN_LEAKS.includes(l))).toEqual([])
  })

  it('every known gap is still there (remove a fixed one from the list and from docs/architecture.md)', () => {
    const now = leaks(graph)
    expect(KNOWN_LEAKS.filter((l) => !now.includes(l))).toEqual([])
  })

  it('no import cycle between modules', () => {
    expect(cycles(graph)).toEqual([])
  })

  // The leaks issue #13 removed, each named, so a message says which came back.
  it('core imports nothing outside core (the Schema type is core/schema.ts)', () => {
    expect(filesIn('core').flatMap((f) => importsOf(f).filter((t) => layerOf(t) !== 'core').map((t) => `${f} -> ${t}`))).toEqual([])
  })

  it('report does not import cli (LoadedSpec is in core/spec.ts, error-line.ts in report/)', () => {
    expect(filesIn('report').flatMap((f) => importsOf(f).filter((t) => layerOf(t) === 'cli').map((t) => `${f} -> ${t}`))).toEqual([])
  })

  it('explore does not import net (the causal view is trace/causal-view.ts)', () => {
    expect(filesIn('explore').flatMap((f) => importsOf(f).filter((t) => layerOf(t) === 'net').map((t) => `${f} -> ${t}`))).toEqual([])
  })

  it('parallel/codec.ts picks schema-codec.ts, which does not import it back (StateCodec is state-codec.ts)', () => {
    expect(importsOf('src/parallel/codec.ts')).toContain('src/parallel/schema-codec.ts')
    expect(importsOf('src/parallel/schema-codec.ts')).not.toContain('src/parallel/codec.ts')
  })

  it('the CLI reaches the engines only through check.ts, the composition root (worker bundles: prepareWorkers)', () => {
    expect(filesIn('cli').flatMap((f) => importsOf(f).filter((t) => ['parallel', 'packed'].includes(layerOf(t) ?? '')).map((t) => `${f} -> ${t}`))).toEqual([])
  })

  it('the CLI leaves trace shrinking to check() (CheckOptions.shrink)', () => {
    expect(filesIn('cli').flatMap((f) => importsOf(f).filter((t) => t === 'src/explore/minimize.ts' || t === 'src/explore/shrink.ts'))).toEqual([])
  })
})
