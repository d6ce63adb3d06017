/**
 * Partitions: the nodes split into groups; every link between two groups is cut (both ways), links
 * inside a group work. A partition value is canonical (each group sorted, groups sorted by their
 * first node), so equal partitions are equal values.
 */
import { compareValues } from '../state/data.ts'

export type Groups = readonly (readonly string[])[]

/** The canonical form of `groups`: each group sorted, empty groups removed, groups ordered. */
export function canonicalGroups(groups: Groups): Groups {
  return groups
    .filter((g) => g.length > 0)
    .map((g) => [...g].sort())
    .sort((a, b) => compareValues(a, b))
}

/** Every way to split `nodes` into two non-empty groups (2^(n-1) - 1 of them), canonical, in a
 * deterministic order. The usual candidates for a `Partition` fault. */
export function bipartitions(nodes: readonly string[]): Groups[] {
  const sorted = [...nodes].sort()
  const [first, ...rest] = sorted
  if (first === undefined) return []
  const out: Groups[] = []
  // The first node always sits in group A, so each split is produced once.
  for (let mask = 0; mask < 1 << rest.length; mask++) {
    const a = [first]
    const b: string[] = []
    rest.forEach((n, i) => ((mask >> i) & 1 ? b : a).push(n))
    if (b.length > 0) out.push(canonicalGroups([a, b]))
  }
  return out
}

/** Isolates one node from all the others: `{n}|{rest}`. */
export const isolate = (nodes: readonly string[], n: string): Groups =>
  canonicalGroups([[n], nodes.filter((m) => m !== n)])

/** True when `groups` separates `a` from `b`. Nodes in no group are reachable from nobody else. */
export function separates(groups: Groups | null, a: string, b: string): boolean {
  if (groups === null || a === b) return false
  const ga = groups.findIndex((g) => g.includes(a))
  return ga < 0 || !(groups[ga] as readonly string[]).includes(b)
}

/** `{p1}|{c,p2}`: a partition as traces print it. */
export const groupsLabel = (groups: Groups): string => groups.map((g) => `{${g.join(',')}}`).join('|')
