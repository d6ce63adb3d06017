/**
 * One measured check in its own process (so peak RSS belongs to this run alone). Prints one JSON
 * line. Usage: node --import tsx bench/one-run.ts <spec file> [key=value ...] [--workers N]
 * [--max-states N] [--no-mutation-check] [--symmetry | --no-symmetry] [--por]
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { check } from '../src/check.ts'
import type { AnySpec } from '../src/core/spec.ts'

const [file, ...rest] = process.argv.slice(2)
const params: Record<string, string> = {}
let workers = 1
let mutationCheck = true
let maxStates = Number.POSITIVE_INFINITY
let symmetry: boolean | undefined
let por = false
for (let i = 0; i < rest.length; i++) {
  const a = rest[i] as string
  if (a === '--workers') workers = Number(rest[++i])
  else if (a === '--max-states') maxStates = Number(rest[++i])
  else if (a === '--no-mutation-check') mutationCheck = false
  else if (a === '--por') por = true
  else if (a === '--symmetry' || a === '--no-symmetry') symmetry = a === '--symmetry'
  else {
    const [k, v] = a.split('=')
    params[k as string] = v as string
  }
}
const url = pathToFileURL(resolve(file as string)).href
const spec = (await import(url)).default as AnySpec
const cpu0 = process.cpuUsage()
const r = await check(spec, { params, workers, specUrl: url, mutationCheck, maxStates, por, ...(symmetry === undefined ? {} : { symmetry }) })
const cpu = process.cpuUsage(cpu0)
const s = r.stats
console.log(
  JSON.stringify({
    spec: r.spec,
    params,
    workers,
    distinct: s.distinct,
    total: s.total,
    ...(s.slept !== undefined ? { slept: s.slept } : {}),
    depth: s.depth,
    complete: r.complete,
    wall_s: s.seconds,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    visited_bytes: s.visitedBytes,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
    verdicts: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])),
  }),
)
