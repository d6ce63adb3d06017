/**
 * The check options that shape a search, as plain data: what a worker (a thread, or a process of
 * a distributed run) needs to prepare the spec as the coordinator did. Functions do not cross
 * threads or the network; these do.
 */
import { resolveOptions } from '../core/options.ts'
import type { CheckOptions } from '../core/options.ts'
import type { AnySpec, Params } from '../core/spec.ts'
import { prepare } from '../explore/prepare.ts'
import type { Prepared } from '../explore/prepare.ts'

export interface SpecOptions {
  readonly params: Params
  readonly properties: readonly string[]
  readonly deadlock: boolean | undefined
  readonly symmetry: boolean | undefined
  readonly debug: boolean
  readonly mutationCheck: boolean
}

/** The coordinator's side: its prepared spec's parameters and its options. */
export const specOptionsOf = (p: Prepared, o: CheckOptions): SpecOptions => ({
  params: p.params,
  properties: o.properties,
  deadlock: o.deadlock,
  symmetry: o.symmetry,
  debug: o.debug,
  mutationCheck: o.mutationCheck,
})

/** The worker's side: `spec` prepared with the coordinator's options (read field by field: a
 * setup carries more). */
export const prepareWith = (spec: AnySpec, s: SpecOptions): Prepared =>
  prepare(
    spec,
    resolveOptions({
      params: s.params,
      properties: s.properties,
      deadlock: s.deadlock,
      symmetry: s.symmetry,
      debug: s.debug,
      mutationCheck: s.mutationCheck,
    }),
  )
