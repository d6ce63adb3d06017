/**
 * Measures the liveness graph of a spec: states, edges, bytes allocated per state and per edge,
 * build and analysis time, and the process's peak RSS. Not a test; run it by hand:
 *
 *   node --import tsx test/explore/liveness/measure-graph.ts specs/paxos-livelock.ts [key=value ...]
 *
 * Figures in docs/liveness.md come from this script.
 */
import { check } from '../../../src/index.ts'
import type { Params } from '../../../src/index.ts'

const [file, ...rest] = process.argv.slice(2)
if (!file) throw new Error('usage: measure-graph.ts <spec file> [param=value ...]')
const params: Record<string, string> = Object.fromEntries(rest.map((kv) => kv.split('=') as [string, string]))
const spec = (await import(new URL(`../../../${file}`, import.meta.url).href)).default
const r = await check(spec, { params: params as Params })
const l = r.liveness
if (!l) throw new Error(`${file}: no liveness property checked`)
const mib = (b: number): string => (b / 2 ** 20).toFixed(1)
console.log(`${r.spec} ${JSON.stringify(r.params)}`)
console.log(`  graph: ${l.states.toLocaleString('en')} states, ${l.edges.toLocaleString('en')} edges, ${mib(l.graphBytes)} MiB allocated`)
console.log(`  bytes per state ${l.bytesPerState.toFixed(1)} (visited set + node columns), per edge ${l.bytesPerEdge.toFixed(1)}`)
console.log(`  SCC scratch ${mib(l.analysisBytes)} MiB; build ${l.buildSeconds.toFixed(2)} s, analysis ${l.analysisSeconds.toFixed(2)} s`)
console.log(`  peak RSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB`)
for (const p of r.properties) if (p.kind !== 'always' && p.kind !== 'sometimes') console.log(`  ${p.name}: ${p.verdict}`)
