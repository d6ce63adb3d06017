/**
 * Canonical relabelling for models with interchangeable ids (acceptors, servers, RMs, values).
 *
 * A model says how to rename ids in a state (`relabel`); `canonicalize` applies every permutation
 * of every id group and keeps the image with the smallest 64-bit fingerprint. Every member of an
 * orbit has the same set of images, so every member gets the same representative: orbits are
 * counted exactly (unlike a sort-based heuristic, which may split an orbit into several classes —
 * Stateright's 2PC finds 665 such classes where there are 314 orbits).
 *
 * The cost is one relabel and one fingerprint per permutation (n! per group, the product over
 * groups), so this is for small groups: 5 ids give 120 images, 6 give 720. `relabel` must be a
 * group action: renaming by the identity changes nothing, and renaming twice equals renaming once
 * by the composition. It must rebuild every set it touches (sets are sorted arrays, and renaming
 * changes the order) and leave sequences (logs, queues) in their order.
 */
import type { Value } from '../core/value.ts'
import { setOf } from './data.ts'
import type { SetOf } from './data.ts'
import { fingerprint, fp } from './fingerprint.ts'

/** Maps an id to its image; ids outside every group map to themselves. */
export type Rename = (id: string) => string

/** Every permutation of `items`, the identity first, in lexicographic order of positions. */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()]
  const out: T[][] = []
  items.forEach((x, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([x, ...rest])
  })
  return out
}

const renamesCache = new Map<string, Rename[]>()

/** Every renaming that permutes each group within itself (the product of the groups' symmetric
 * groups), the identity first. Cached per list of groups. */
let lastGroups: readonly (readonly string[])[] = []
let lastRenames: readonly Rename[] = []
export function renamings(groups: readonly (readonly string[])[]): readonly Rename[] {
  // A model passes the same id arrays on every call: found without a key to build.
  if (sameGroups(groups, lastGroups)) return lastRenames
  const key = JSON.stringify(groups)
  const cached = renamesCache.get(key)
  if (cached) {
    lastGroups = groups.slice()
    lastRenames = cached
    return cached
  }
  let maps: Record<string, string>[] = [{}]
  for (const group of groups) {
    const next: Record<string, string>[] = []
    for (const m of maps) {
      for (const image of permutations(group)) {
        const ext = { ...m }
        group.forEach((id, i) => {
          ext[id] = image[i] as string
        })
        next.push(ext)
      }
    }
    maps = next
  }
  const renames = maps.map((m): Rename => (id) => m[id] ?? id)
  identities.add(renames[0] as Rename)
  renamesCache.set(key, renames)
  lastGroups = groups.slice()
  lastRenames = renames
  return renames
}

/**
 * A per-id signature for pruning: a value describing what id holds in `state` that names no id
 * of any group (e.g. an RM's own state), so that every renaming preserves it. `group` is the
 * index of the id's group in `groups`. Ids with different signatures can never be swapped by a
 * permutation that leads to the representative. (A signature naming an id of another group is
 * changed by that group's renamings: it splits orbits, and the count is too high; a client's
 * signature holding its server's name counted 68 orbits for 54.)
 */
export type Signature<S> = (state: S, id: string, group: number) => Value

/**
 * The canonical representative of `state`'s orbit: of all its images under `renamings(groups)`,
 * the one with the smallest fingerprint (compared as an unsigned 64-bit number).
 *
 * With a `signature`, only the images whose ids are ordered by signature within each group are
 * compared (ids of equal signature are still tried in every order). Every member of an orbit has
 * the same such images, so the representative is still canonical, at a fraction of the cost.
 * When that leaves one image, it is the representative without a fingerprint to compare, and
 * when that one image is the identity's, `state` itself is (nothing is built).
 */
export function canonicalize<S>(
  state: S,
  groups: readonly (readonly string[])[],
  relabel: (state: S, rename: Rename) => S,
  signature?: Signature<S>,
): S {
  lastCall.input = state
  lastCall.groups = groups
  lastCall.relabel = relabel as (state: unknown, rename: Rename) => unknown
  const renames = signature ? sortedRenamings(state, groups, signature) : renamings(groups)
  if (renames.length === 1) {
    const only = renames[0] as Rename
    return identities.has(only) ? state : relabel(state, only)
  }
  let best: S | undefined
  let bestHi = 0
  let bestLo = 0
  for (const rename of renames) {
    const image = identities.has(rename) ? state : relabel(state, rename)
    fingerprint(image)
    const hi = fp.hi >>> 0
    const lo = fp.lo >>> 0
    if (best === undefined || hi < bestHi || (hi === bestHi && lo < bestLo)) {
      best = image
      bestHi = hi
      bestLo = lo
    }
  }
  return best as S
}

/** The state, groups and relabelling of the last `canonicalize` call (three stores per call),
 * one record for every copy of this module in the process (kept on `globalThis`). A spec in a
 * folder whose package.json does not say "type": "module" is CommonJS: what it imports of
 * Interleave, the `canonicalize` its model calls included, is a second copy of this file beside
 * the checker's. With module variables the checker's `groupsBy` saw no call from the model's copy,
 * so the check that fairness groups are symmetric was skipped and a group per node gave a wrong
 * liveness verdict under symmetry. (Two different versions of Interleave in one process would
 * share the record too; its shape has not changed.) */
type CanonicalCallRecord = {
  input: unknown
  groups: readonly (readonly string[])[] | undefined
  relabel: ((state: unknown, rename: Rename) => unknown) | undefined
}
const LAST_CALL = Symbol.for('interleave.canonicalize.lastCall')
const lastCall = ((globalThis as Record<symbol, unknown>)[LAST_CALL] ??= { input: undefined, groups: undefined, relabel: undefined }) as CanonicalCallRecord

/**
 * Every image of `state` under the groups and relabelling a hand-written `symmetry` passed to its
 * last `canonicalize` call, found by calling it: --debug compares a state's property answers with
 * all of them (a model built with `symmetricNodes` gives them as `symmetryImages`). Undefined
 * when the symmetry made no `canonicalize` call on `state` itself (a symmetry of its own making,
 * or one that canonicalizes a part of the state: the representative is all there is to compare).
 */
export function imagesBy<S>(symmetry: (state: S) => S, state: S): { readonly representative: S; readonly images: readonly S[] | undefined } {
  const { representative, whole } = canonicalCall(symmetry, state)
  return { representative, images: whole ? renamings(whole.groups).map((r) => whole.relabel(state, r) as S) : undefined }
}

/** The id groups `symmetry` passed to its `canonicalize` call on `state` itself, or undefined (a
 * symmetry of its own making, or one that canonicalizes a part of the state). */
export function groupsBy<S>(symmetry: (state: S) => S, state: S): readonly (readonly string[])[] | undefined {
  return canonicalCall(symmetry, state).whole?.groups
}

/** Calls `symmetry` on `state`, and gives what its `canonicalize` call was passed when that call
 * was on the state itself (`whole`): a symmetry may canonicalize a part of it (or a reshaped
 * copy), whose groups and relabelling do not apply to the whole state. */
function canonicalCall<S>(
  symmetry: (state: S) => S,
  state: S,
): { readonly representative: S; readonly whole: { readonly groups: readonly (readonly string[])[]; readonly relabel: (state: unknown, rename: Rename) => unknown } | undefined } {
  lastCall.input = lastCall.groups = lastCall.relabel = undefined
  const representative = symmetry(state)
  const { input, groups, relabel } = lastCall
  return { representative, whole: input === state && groups !== undefined && relabel !== undefined ? { groups, relabel } : undefined }
}

/** `v` with every id renamed (`rename`), wherever it is a string or a record's key in plain data:
 * what a renaming does to an action, whose fields name nodes as the state's do. Undefined when
 * `v` holds anything but plain arrays and records (a Map, a Set, an Immutable.js value, a class
 * instance), which this does not rename. */
export function renameIds(v: unknown, rename: Rename): unknown {
  if (typeof v === 'string') return rename(v)
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) {
    const out: unknown[] = []
    for (const x of v) {
      const y = renameIds(x, rename)
      if (y === undefined) return undefined
      out.push(y)
    }
    return out
  }
  const proto = Object.getPrototypeOf(v) as unknown
  if (proto !== Object.prototype && proto !== null) return undefined
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v)) {
    const y = renameIds((v as Record<string, unknown>)[k], rename)
    if (y === undefined) return undefined
    out[rename(k)] = y
  }
  return out
}

/** The renamings `sortedRenamings` built, by the ids' order and blocks of equal signature, per
 * list of groups (kept for the last list seen: a model passes the same id arrays each time). */
let sortedGroups: readonly (readonly string[])[] = []
let sortedCache = new Map<string, Rename[]>()
/** Renamings that map every id to itself: `canonicalize` returns the state for them. */
const identities = new WeakSet<Rename>()

const sameGroups = (a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean =>
  a.length === b.length && a.every((g, i) => g === b[i])

/** The renamings that send each group's ids, sorted by signature, onto the group's positions. */
function sortedRenamings<S>(state: S, groups: readonly (readonly string[])[], signature: Signature<S>): Rename[] {
  if (!sameGroups(groups, sortedGroups)) {
    sortedGroups = groups.slice()
    sortedCache = new Map()
  }
  // The renamings depend only on each group's order by signature and where signatures are equal:
  // `key` says both (positions, with '|' between blocks of equal signature), and names them.
  const keyed: { id: string; k: number; hi: number; lo: number }[][] = []
  let key = ''
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as readonly string[]
    const row = group.map((id, k) => {
      fingerprint(signature(state, id, g))
      return { id, k, hi: fp.hi >>> 0, lo: fp.lo >>> 0 }
    })
    row.sort((x, y) => x.hi - y.hi || x.lo - y.lo)
    row.forEach((x, i) => {
      const prev = row[i - 1]
      key += prev && prev.hi === x.hi && prev.lo === x.lo ? `,${x.k}` : `|${x.k}`
    })
    key += ';'
    keyed.push(row)
  }
  let renames = sortedCache.get(key)
  if (renames === undefined) sortedCache.set(key, (renames = buildSortedRenamings(groups, keyed)))
  return renames
}

function buildSortedRenamings(groups: readonly (readonly string[])[], keyed: readonly (readonly { id: string; hi: number; lo: number }[])[]): Rename[] {
  let maps: Record<string, string>[] = [{}]
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as readonly string[]
    const row = keyed[g] as readonly { id: string; hi: number; lo: number }[]
    // Blocks of equal signature: each block's ids go, in every order, to the block's positions.
    const blockImages: { ids: string[]; targets: string[] }[] = []
    row.forEach((k, i) => {
      const prev = row[i - 1]
      if (prev && prev.hi === k.hi && prev.lo === k.lo) {
        const last = blockImages[blockImages.length - 1] as { ids: string[]; targets: string[] }
        last.ids.push(k.id)
        last.targets.push(group[i] as string)
      } else blockImages.push({ ids: [k.id], targets: [group[i] as string] })
    })
    for (const block of blockImages) {
      const next: Record<string, string>[] = []
      for (const m of maps) {
        for (const image of permutations(block.targets)) {
          const ext = { ...m }
          block.ids.forEach((id, i) => {
            ext[id] = image[i] as string
          })
          next.push(ext)
        }
      }
      maps = next
    }
  }
  return maps.map((m): Rename => {
    const rename: Rename = (id) => m[id] ?? id
    if (Object.keys(m).every((id) => m[id] === id)) identities.add(rename)
    return rename
  })
}

// ---- helpers for writing `relabel` -------------------------------------------------------------

/** A record keyed by ids, with every key renamed (values unchanged). */
export function renameKeys<V extends Value>(rec: Readonly<Record<string, V>>, rename: Rename): Record<string, V> {
  const out: Record<string, V> = {}
  for (const k of Object.keys(rec)) out[rename(k)] = rec[k] as V
  return out
}

/** A record keyed by ids, keys renamed and values mapped. */
export function renameEntries<V extends Value, W extends Value>(
  rec: Readonly<Record<string, V>>,
  rename: Rename,
  f: (v: V) => W,
): Record<string, W> {
  const out: Record<string, W> = {}
  for (const k of Object.keys(rec)) out[rename(k)] = f(rec[k] as V)
  return out
}

/** A set with every element mapped, re-sorted. */
export const mapSet = <T extends Value, U extends Value>(set: SetOf<T>, f: (v: T) => U): SetOf<U> =>
  setOf(...set.map(f))

/** `rename` lifted to ids that may be null (`votedFor: null`). */
export const renameOrNull = (id: string | null, rename: Rename): string | null => (id === null ? null : rename(id))
