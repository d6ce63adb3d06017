/**
 * Where a message-passing model's time goes per state, warm: the first N expansions of a BFS are
 * collected (each state with its successors), then re-run in this process, each part alone, and
 * the best of 7 passes reported in µs: the model's `next` per expanded state, the parent's
 * recording fingerprint (`fingerprintParent`), a successor's fingerprint, and every safety
 * predicate the search evaluates per new state. Warm-up, the visited set and the collector's
 * work on a search's survivors are left out (docs/performance.md, "Message-passing models, per
 * state"). Usage: node --import tsx bench/per-state.ts <spec file> [N=20000] [key=value ...]
 * [--each] (--each: every predicate on its own).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AnySpec } from '../src/core/spec.ts'
import { resolveOptions } from '../src/core/options.ts'
import { prepare } from '../src/explore/prepare.ts'
import { fp } from '../src/state/fingerprint.ts'

const [file, ...rest] = process.argv.slice(2)
let n = 20_000
let each = false
const params: Record<string, string> = {}
for (const a of rest) {
  if (a === '--each') each = true
  else if (a.includes('=')) {
    const [k, v] = a.split('=')
    params[k as string] = v as string
  } else n = Number(a)
}
const spec = (await import(pathToFileURL(resolve(file as string)).href)).default as AnySpec
const p = prepare(spec, resolveOptions({ params, mutationCheck: false }))

const pairs: [unknown, unknown[]][] = []
const seen = new Set<string>()
let frontier: unknown[] = [...p.initStates()]
while (pairs.length < n && frontier.length > 0) {
  const next: unknown[] = []
  for (const s of frontier) {
    const succ = p.expand(s).map((step) => step[1])
    pairs.push([s, succ])
    for (const t of succ) {
      p.fingerprintOf(t, null, fp)
      const k = `${fp.hi} ${fp.lo}`
      if (!seen.has(k)) {
        seen.add(k)
        next.push(t)
      }
    }
    if (pairs.length >= n) break
  }
  frontier = next
}
const successors = pairs.reduce((k, [, succ]) => k + succ.length, 0)

let sink = 0
const best = (f: () => void): number => {
  let min = Number.POSITIVE_INFINITY
  for (let r = 0; r < 7; r++) {
    const t0 = process.cpuUsage()
    f()
    const c = process.cpuUsage(t0)
    min = Math.min(min, (c.user + c.system) / 1000)
  }
  return min
}
type Holds = (c: unknown, s: unknown) => boolean
const predicates = p.safety.map((q) => [q.name, (q as unknown as { holds: Holds }).holds] as const)
const us = (ms: number, per: number): string => ((1000 * ms) / per).toFixed(2)

const next = best(() => {
  for (const [s] of pairs) sink += p.expand(s).length
})
const both = best(() => {
  for (const [s, succ] of pairs) {
    p.fingerprintParent(s, fp)
    for (const t of succ) p.fingerprintOf(t, null, fp)
  }
})
const parents = best(() => {
  for (const [s] of pairs) p.fingerprintParent(s, fp)
})
const props = best(() => {
  for (const [, succ] of pairs) for (const t of succ) for (const [, holds] of predicates) if (holds(p.config, t)) sink++
})
console.log(
  `${spec.name}: ${pairs.length} expanded states, ${successors} successors; µs (best of 7): next ${us(next, pairs.length)} per expanded state, ` +
    `parent fingerprint ${us(parents, pairs.length)}, successor fingerprint ${us(both - parents, successors)}, ` +
    `${predicates.length} predicates ${us(props, successors)} per state`,
)
if (each) {
  for (const [name, holds] of predicates) {
    const t = best(() => {
      for (const [, succ] of pairs) for (const s of succ) if (holds(p.config, s)) sink++
    })
    console.log(`  ${name}: ${us(t, successors)}`)
  }
}
if (sink === -1) console.log(sink)
