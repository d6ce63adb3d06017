/**
 * `stepAt(n)`: whether a step of an actor model is node `n`'s own, for fairness per node (TLA+'s
 * `\A n \in Node : WF_vars(Next(n))`): a message delivered to `n`, or one of `n`'s local actions
 * (those named in `names`, when given; a name `Deliver` keeps the deliveries). A fairness group
 * reads the core `Action`, which names no node: every model that wanted one per node cast it to
 * the harness's actions (`(a as DeliverAction<Msg>).to`, `(a as { node?: string }).node`), and a
 * new user copied that boilerplate.
 */
import type { Action } from '../core/action.ts'

export function stepAt(n: string, names?: readonly string[]): (a: Action) => boolean {
  return (a) => {
    if (names !== undefined && !names.includes(a.name)) return false
    return a.name === 'Deliver' ? (a as { readonly to?: unknown }).to === n : (a as { readonly node?: unknown }).node === n
  }
}
