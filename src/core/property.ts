/**
 * Named properties, as Stateright and TLA+ state them. Predicates take `(config, state)` like every
 * other model function.
 *
 * - `always(P)`: P holds in every reachable state (an invariant). A violation is a path.
 * - `sometimes(P)`: P holds in some reachable state. A witness beside each invariant catches
 *   vacuous models: a `sometimes` never reached is reported as a failure.
 * - `eventually(P)`, `alwaysEventually(P)`, `leadsTo(P, Q)`: liveness, checked under the spec's
 *   fairness by the liveness explorer; a violation is a lasso.
 */
export type Predicate<C, S> = (config: C, state: S) => boolean

export type Property<C, S> =
  | { readonly kind: 'always'; readonly name: string; readonly holds: Predicate<C, S> }
  | { readonly kind: 'sometimes'; readonly name: string; readonly holds: Predicate<C, S> }
  | { readonly kind: 'eventually'; readonly name: string; readonly holds: Predicate<C, S> }
  | { readonly kind: 'alwaysEventually'; readonly name: string; readonly holds: Predicate<C, S> }
  | {
      readonly kind: 'leadsTo'
      readonly name: string
      readonly from: Predicate<C, S>
      readonly to: Predicate<C, S>
    }

export type PropertyKind = Property<unknown, unknown>['kind']

export const always = <C, S>(name: string, holds: Predicate<C, S>): Property<C, S> => ({
  kind: 'always',
  name,
  holds,
})

export const sometimes = <C, S>(name: string, holds: Predicate<C, S>): Property<C, S> => ({
  kind: 'sometimes',
  name,
  holds,
})

export const eventually = <C, S>(name: string, holds: Predicate<C, S>): Property<C, S> => ({
  kind: 'eventually',
  name,
  holds,
})

export const alwaysEventually = <C, S>(name: string, holds: Predicate<C, S>): Property<C, S> => ({
  kind: 'alwaysEventually',
  name,
  holds,
})

export const leadsTo = <C, S>(
  name: string,
  from: Predicate<C, S>,
  to: Predicate<C, S>,
): Property<C, S> => ({ kind: 'leadsTo', name, from, to })

/** Safety properties are decided on single states; the rest need the behaviour graph. */
export const isSafety = (p: { kind: PropertyKind }): boolean =>
  p.kind === 'always' || p.kind === 'sometimes'
