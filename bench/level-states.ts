/**
 * The sequential BFS with every level's states as objects, or every level encoded by the model's
 * schema codec (`src/explore/level-states.ts`; `check` encodes only past a share of the heap), in
 * this process: CPU seconds and peak RSS. Run each setting in its own process and alternate them.
 *
 *   node --import tsx bench/level-states.ts <spec file> objects|encoded <max states> [key=value ...] [--symmetry]
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { resolveOptions } from '../src/core/options.ts'
import type { AnySpec } from '../src/core/spec.ts'
import { bfs } from '../src/explore/bfs.ts'
import { prepare } from '../src/explore/prepare.ts'
import { schemaCodecFor } from '../src/parallel/codec.ts'

const [file, mode, max, ...rest] = process.argv.slice(2)
if (!file || (mode !== 'objects' && mode !== 'encoded')) throw new Error('usage: bench/level-states.ts <spec file> objects|encoded <max states> [key=value ...] [--symmetry]')
const params = Object.fromEntries(rest.filter((x) => x.includes('=')).map((x) => x.split('=')).map(([k, v]) => [k as string, Number.isNaN(Number(v)) ? (v as string) : Number(v)]))
const spec = (await import(pathToFileURL(resolve(file)).href)).default as AnySpec
const o = resolveOptions({ params, maxStates: Number(max ?? Infinity), mutationCheck: false, ...(rest.includes('--symmetry') ? { symmetry: true } : {}) })
const p = prepare(spec, o)
const codec = schemaCodecFor(p)
if (!codec) throw new Error(`${file}: its model declares no schema that compiles to a codec`)
const c0 = process.cpuUsage()
const r = await bfs(p, o, undefined, false, mode === 'encoded' ? { codec, when: () => true } : undefined)
const c = process.cpuUsage(c0)
console.log(JSON.stringify({ spec: r.spec, mode, params, distinct: r.stats.distinct, cpu_s: (c.user + c.system) / 1e6, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }))
