/**
 * One sequential check, with its CPU time split between the search's own thread and V8's helper
 * threads (the concurrent TurboFan compiler and the garbage collector's helpers), read from
 * `/proc/self/task/<tid>/stat` before and after the check (Linux only). Prints one JSON line.
 *
 * Usage: node --import tsx bench/thread-split.ts <spec file> [key=value ...] [--max-states N]
 *
 * Why: the per-state figures of issue #14 are distinct states per CPU-second of the whole process.
 * On a run of a second or two, a third of that CPU can be V8 compiling the model, the harness and
 * the generated hashers on its own threads, beside the search (docs/performance.md, "Where a
 * short run's CPU goes").
 */
import { readFileSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { check } from '../src/check.ts'
import type { AnySpec } from '../src/core/spec.ts'

/** CPU seconds (user + system) of each thread of this process, by thread id. */
function threadSeconds(): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    out.set(tid, (Number(f[11]) + Number(f[12])) / 100)
  }
  return out
}

const [file, ...rest] = process.argv.slice(2)
if (file === undefined) throw new Error('usage: bench/thread-split.ts <spec file> [key=value ...] [--max-states N]')
const params: Record<string, string> = {}
let maxStates = Number.POSITIVE_INFINITY
for (let i = 0; i < rest.length; i++) {
  const a = rest[i] as string
  if (a === '--max-states') maxStates = Number(rest[++i])
  else {
    const [k, v] = a.split('=')
    params[k as string] = v as string
  }
}
const spec = (await import(pathToFileURL(resolve(file)).href)).default as AnySpec
const before = threadSeconds()
const cpu0 = process.cpuUsage()
const r = await check(spec, { params, workers: 1, mutationCheck: false, maxStates })
const cpu = process.cpuUsage(cpu0)
const after = threadSeconds()
const main = String(process.pid)
const delta = (tid: string): number => (after.get(tid) ?? 0) - (before.get(tid) ?? 0)
let others = 0
for (const tid of after.keys()) if (tid !== main) others += delta(tid)
const cpuS = (cpu.user + cpu.system) / 1e6
const round = (x: number, d = 2): number => Number(x.toFixed(d))
console.log(
  JSON.stringify({
    spec: r.spec,
    params,
    distinct: r.stats.distinct,
    cpu_s: round(cpuS),
    search_thread_s: round(delta(main)),
    other_threads_s: round(others),
    distinct_per_cpu_s: Math.round(r.stats.distinct / cpuS),
    distinct_per_search_thread_s: Math.round(r.stats.distinct / delta(main)),
  }),
)
