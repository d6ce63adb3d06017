/**
 * An upper bound on what the cheapest exact reduction for the actor models could save: eager
 * delivery of a message the receiver ignores (docs/partial-order-reduction.md, "Eager no-op
 * deliveries"). A BFS over the spec (its constraint applied, no view or symmetry) where a state
 * with a Deliver step that changes only the network (the node ignores the message: every field
 * but `net` is the same object) expands that step alone, unless its target was already visited
 * (the cycle proviso) or a fault step (crash, drop, duplicate, partition) is enabled. It does not
 * ask whether the message stays ignored in every future of the node, nor whether a property
 * reads the network, both of which a sound reduction must: so the states it saves bound from
 * above what the reduction would save. It prints both searches' counts and CPU seconds.
 * Usage: node --import tsx bench/por-noop-bound.ts <spec file> [key=value ...] [max states]
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Action } from '../src/core/action.ts'
import type { AnySpec } from '../src/core/spec.ts'
import { resolveOptions } from '../src/core/options.ts'
import { prepare } from '../src/explore/prepare.ts'
import type { Step } from '../src/explore/prepare.ts'
import { fp } from '../src/state/fingerprint.ts'

const [file, ...rest] = process.argv.slice(2)
const params: Record<string, string> = {}
let cap = 3_000_000
for (const a of rest) {
  if (a.includes('=')) {
    const [k, v] = a.split('=')
    params[k as string] = v as string
  } else cap = Number(a)
}
const spec = (await import(pathToFileURL(resolve(file as string)).href)).default as AnySpec
const p = prepare(spec, resolveOptions({ params, mutationCheck: false }))
const FAULTS = new Set(['Crash', 'Drop', 'Duplicate', 'Partition', 'Heal', 'Restart'])

/** Whether `a` took `s` to `t` changing the network alone. */
const ignored = (s: object, a: Action, t: object): boolean => {
  if (a.name !== 'Deliver') return false
  for (const k in s) if (k !== 'net' && (s as Record<string, unknown>)[k] !== (t as Record<string, unknown>)[k]) return false
  return true
}

const search = (reduce: boolean) => {
  const seen = new Set<string>()
  const key = (t: unknown): string => {
    p.fingerprintOf(t, null, fp)
    return `${fp.hi} ${fp.lo}`
  }
  let frontier: unknown[] = []
  for (const s of p.initStates()) {
    const k = key(s)
    if (!seen.has(k)) {
      seen.add(k)
      frontier.push(s)
    }
  }
  let generated = 0
  let reduced = 0
  let depth = 0
  const t0 = process.cpuUsage()
  while (frontier.length > 0 && seen.size < cap) {
    const next: unknown[] = []
    for (const s of frontier) {
      if (p.constraint && !p.constraint(s)) continue
      let steps: readonly Step[] = p.expand(s)
      if (reduce && !steps.some(([a]) => FAULTS.has(a.name))) {
        const one = steps.find(([a, t]) => ignored(s as object, a, t as object))
        if (one !== undefined && !seen.has(key(one[1]))) {
          steps = [one]
          reduced++
        }
      }
      for (const [, t] of steps) {
        generated++
        const k = key(t)
        if (!seen.has(k)) {
          seen.add(k)
          next.push(t)
        }
      }
    }
    frontier = next
    depth++
  }
  const c = process.cpuUsage(t0)
  return { distinct: seen.size, generated, depth, complete: frontier.length === 0, reducedStates: reduced, cpu_s: Number(((c.user + c.system) / 1e6).toFixed(2)) }
}

const full = search(false)
const eager = search(true)
console.log(JSON.stringify({ spec: spec.name, params, full, eager, saved: Number((1 - eager.distinct / full.distinct).toFixed(3)) }))
