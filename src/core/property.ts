/**
 * Named properties, as Stateright and TLA+ state them. Predicates take `(config, state)` like every
 * other model function.
 *
 * - `always(P)`: P holds in every reachable state (an invariant). A violation is a path.
 *   `always(P, { when: A })` is the invariant `A ⇒ P`, and says what situation it is about: a
 *   complete search in which no reachable state satisfies `A` reports the invariant *vacuous*,
 *   not held (Agreement when nothing was ever chosen proves nothing). `{ witness: 'W' }` names an
 *   existing `sometimes` that plays the same part. An invariant with neither (a type invariant)
 *   is about every state and cannot be vacuous.
 * - `sometimes(P)`: P holds in some reachable state. A witness beside each invariant catches
 *   vacuous models: a `sometimes` never reached is reported as a failure.
 * - `eventually(P)`, `alwaysEventually(P)`, `leadsTo(P, Q)`: liveness, checked under the spec's
 *   fairness by the liveness explorer; a violation is a lasso.
 */
export type Predicate<C, S> = (config: C, state: S) => boolean

export type Property<C, S> =
  | {
      readonly kind: 'always'
      readonly name: string
      /** The whole invariant, `!when || P` when there is an antecedent: explorers evaluate this. */
      readonly holds: Predicate<C, S>
      /** The antecedent: the situation the invariant is about (see `always`). */
      readonly when?: Predicate<C, S>
      /** The name of a `sometimes` that witnesses the situation the invariant is about. */
      readonly witness?: string
    }
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

/** What an invariant is about: an antecedent, or a named `sometimes` witness (not both). */
export type AlwaysOptions<C, S> =
  | { readonly when: Predicate<C, S>; readonly witness?: never }
  | { readonly witness: string; readonly when?: never }

export function always<C, S>(name: string, holds: Predicate<C, S>, opts?: AlwaysOptions<C, S>): Property<C, S> {
  const when = opts?.when
  if (when) return { kind: 'always', name, holds: (c, s) => !when(c, s) || holds(c, s), when }
  if (opts?.witness !== undefined) return { kind: 'always', name, holds, witness: opts.witness }
  return { kind: 'always', name, holds }
}

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

/** The name of the hidden witness an antecedent is compiled into (`Agreement:when`). A name no
 * property of a model may take: the colon is not in any bundled name, and `prepare` checks. */
export const antecedentName = (name: string): string => `${name}:when`

/**
 * The `sometimes` an invariant's antecedent becomes, so that every explorer tracks "the antecedent
 * was reached" as it tracks any witness, with no code of its own: `undefined` without `when`.
 */
export function antecedentWitness<C, S>(p: Property<C, S>): Property<C, S> | undefined {
  return p.kind === 'always' && p.when ? sometimes(antecedentName(p.name), p.when) : undefined
}
