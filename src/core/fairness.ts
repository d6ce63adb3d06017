import type { Action } from './action.ts'
import { isIterable } from './value.ts'

/**
 * Fairness over a named group of actions, with the meaning TLA+ gives WF and SF:
 * - weak: if the group is continuously enabled from some point on, it is eventually taken;
 * - strong: if the group is enabled infinitely often, it is taken infinitely often.
 * A group is the set of steps whose action matches: by action name (`weakFair('Deliver')`), or
 * by a predicate over the action with a label for reports.
 */
export interface Fairness {
  readonly kind: 'weak' | 'strong'
  readonly label: string
  readonly matches: (action: Action) => boolean
  /** The action names the group was given by (none for a predicate): compared with the model's
   * actions, so that a misspelt name is reported, not a fairness that silently never applies. A
   * group with names contains exactly the actions of those names (`matches` is not asked: the
   * liveness recorder works out such a group per action name, `GroupMasks`). */
  readonly names?: readonly string[]
  /** A predicate group's source text, kept where `matches` is wrapped (`prepare.ts`): what a
   * checkpoint's identity hashes (what the predicate's closure captures is not in it). */
  readonly text?: string
}

/** A model's or spec's fairness: a list of groups, or a function of the configuration that gives
 * them (one group per node of a configuration whose nodes a parameter sets). */
export type FairnessOf<C> = readonly Fairness[] | ((config: C) => readonly Fairness[])

/** A group as reports name it: `WF(Deliver)`, `SF(p1⇄a1)`. */
export const fairnessName = (f: Pick<Fairness, 'kind' | 'label'>): string => `${f.kind === 'weak' ? 'WF' : 'SF'}(${f.label})`

/** The names the network harness (`src/net`) gives its own steps. A fairness group may name one
 * that this configuration never takes (no drops, no crashes): that is harmless, and only warned
 * about; any other name the model does not declare is a misspelling, refused. */
export const HARNESS_STEPS: ReadonlySet<string> = new Set(['Deliver', 'Drop', 'Duplicate', 'Partition', 'Heal', 'Crash', 'Restart'])

/** The groups of `fairness` given by names that name no action of `declared` (nor of `known`),
 * each as "WF(Stpe) names 'Stpe'": a misspelt name is a fairness that never applies. */
export function undeclaredFairness(fairness: readonly Fairness[], declared: readonly string[], known: ReadonlySet<string> = new Set()): string[] {
  return groupsNaming(fairness, (n) => !declared.includes(n) && !known.has(n))
}

/** Each group of `fairness` with names that `pick` chooses, as "WF(Restart) names 'Restart'". */
export function groupsNaming(fairness: readonly Fairness[], pick: (name: string) => boolean): string[] {
  const out: string[] = []
  for (const f of fairness) {
    const names = (f.names ?? []).filter(pick)
    if (names.length > 0) out.push(`${fairnessName(f)} names ${names.map((n) => `'${n}'`).join(', ')}`)
  }
  return out
}

type GroupSpec = string | readonly string[] | ((action: Action) => boolean)

function group(kind: Fairness['kind'], spec: GroupSpec, label?: string): Fairness {
  if (typeof spec === 'function') return { kind, label: label ?? 'custom', matches: spec }
  // (A JavaScript spec is not type-checked: `weakFair(42)` failed as "number 42 is not iterable".)
  const list = typeof spec === 'string' ? [spec] : isIterable(spec) ? [...spec] : undefined
  if (list === undefined || !list.every((x) => typeof x === 'string')) {
    throw new TypeError(`${kind === 'weak' ? 'weakFair' : 'strongFair'}: expected an action name, a list of action names or a predicate on actions, not ${JSON.stringify(list ?? spec) ?? String(spec)}`)
  }
  const names = new Set(list)
  return {
    kind,
    label: label ?? [...names].join('|'),
    matches: (a) => names.has(a.name),
    names: [...names],
  }
}

export const weakFair = (spec: GroupSpec, label?: string): Fairness => group('weak', spec, label)
export const strongFair = (spec: GroupSpec, label?: string): Fairness =>
  group('strong', spec, label)
