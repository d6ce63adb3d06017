/**
 * A target from a spec instead of a model and a config: the spec's parameters (with overrides,
 * validated as `--param` is) give the configuration the implementation is tested against.
 */
import type { Action } from '../core/action.ts'
import { resolveOptions } from '../core/options.ts'
import type { Params, Spec } from '../core/spec.ts'
import type { AnySpec } from '../core/spec.ts'
import { prepare } from '../explore/prepare.ts'
import type { MbtTarget } from './target.ts'

export type Binding<C, S, A extends Action, I> = Omit<MbtTarget<C, S, A, I>, 'model' | 'config'>

/**
 * The target of `spec` at its parameters (`params` overriding them). `binding` is the target's
 * functions, or a function of the configuration the spec resolved that gives them: a binding
 * whose `create` or `observeModel` reads the configuration (the nodes, the bounds) otherwise had
 * no way to it but the returned target.
 */
export function targetFromSpec<C, S, A extends Action, I>(
  spec: Spec<C, S, A>,
  binding: Binding<C, S, A, I> | ((config: C) => Binding<C, S, A, I>),
  params: Params = {},
): MbtTarget<C, S, A, I> {
  const config = prepare(spec as unknown as AnySpec, resolveOptions({ params })).config as C
  return { ...(typeof binding === 'function' ? binding(config) : binding), model: spec.model, config }
}
