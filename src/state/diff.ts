/**
 * What changed between two states, by path: `rmState.r2: working → prepared`,
 * `msgs: + {type: Prepared, rm: r2}`. Used by the text and HTML renderers, replay, and the
 * checker's messages about two states a view or symmetry merged (`explore/key-soundness.ts`).
 *
 * Arrays are read three ways, because plain-data sets are sorted arrays:
 * - both strictly sorted (sets, by `compareValues`): elements added (`+`) and removed (`-`);
 * - the common elements in the same order (append, pop, insert; a queue that popped one and
 *   pushed one): elements added and removed, unless the arrays have the same length and fewer
 *   indices differ than elements would (tuples, per-node arrays: compared index by index);
 * - same length otherwise: index by index; anything else is shown as a whole new value.
 * In a list (not a set), an element added anywhere but the end, or removed anywhere but either
 * end, carries its index (`at`): `sched: + c2 at [0]`. A new user's scheduler that put clients in
 * front instead of at the back read as an append, the very bug it hid.
 */
import type { Value } from '../core/value.ts'
import { compareValues } from './data.ts'

export type Change =
  /** The value at `path` was replaced; `undefined` = the key did not exist (before or after). */
  | { readonly kind: 'set'; readonly path: string; readonly from: Value | undefined; readonly to: Value | undefined }
  /** `at`: in a list, the index it was added at (in the new list) or removed from (in the old
   * one), where that is not its end (an append; a pop from either end). */
  | { readonly kind: 'add'; readonly path: string; readonly value: Value; readonly at?: number }
  | { readonly kind: 'remove'; readonly path: string; readonly value: Value; readonly at?: number }

/** The top-level variables whose values differ. */
export function changedVariables(a: Record<string, Value>, b: Record<string, Value>): string[] {
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))]
  return keys.filter((k) => !(k in a) || !(k in b) || compareValues(a[k] as Value, b[k] as Value) !== 0)
}

/** Every change from `a` to `b`, in the order of `b`'s keys (then keys only `a` has). */
export function diffValues(a: Value, b: Value, path = ''): Change[] {
  const out: Change[] = []
  walk(a, b, path, out)
  return out
}

const isRec = (v: Value | undefined): v is Record<string, Value> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const keyPath = (path: string, k: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`

function walk(a: Value, b: Value, path: string, out: Change[]): void {
  if (compareValues(a, b) === 0) return
  if (isRec(a) && isRec(b)) {
    for (const k of Object.keys(b)) {
      const p = keyPath(path, k)
      if (!(k in a)) out.push({ kind: 'set', path: p, from: undefined, to: b[k] as Value })
      else walk(a[k] as Value, b[k] as Value, p, out)
    }
    for (const k of Object.keys(a)) {
      if (!(k in b)) out.push({ kind: 'set', path: keyPath(path, k), from: a[k] as Value, to: undefined })
    }
    return
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = a as readonly Value[]
    const y = b as readonly Value[]
    const diff = multisetDiff(x, y)
    if (isStrictlySorted(x) && isStrictlySorted(y)) return elementChanges(diff, path, out)
    const shifted = orderConsistent(x, y, diff)
    if (x.length === y.length && !(shifted && fewerAsElements(x, y, diff))) {
      x.forEach((v, i) => walk(v, y[i] as Value, `${path}[${i}]`, out))
      return
    }
    if (shifted) return listChanges(x, y, diff, path, out)
  }
  out.push({ kind: 'set', path, from: a, to: b })
}

function isStrictlySorted(x: readonly Value[]): boolean {
  for (let i = 1; i < x.length; i++) if (compareValues(x[i - 1] as Value, x[i] as Value) >= 0) return false
  return true
}

/** Multiset difference: what `y` has more of than `x` (added), and the reverse (removed), each in
 * its array's order. Of the copies of one value, the first ones of each array are matched with
 * each other, the later ones are added or removed; `keptX`, `keptY` mark those matched. */
function multisetDiff(x: readonly Value[], y: readonly Value[]): MultisetDiff {
  const [keptX, keptY] = matchedFirst(x, y)
  return { added: y.filter((_, i) => !keptY[i]), removed: x.filter((_, i) => !keptX[i]), keptX, keptY }
}

/**
 * For each element of `x`, and of `y`, whether it is one of the first k copies of its value in its
 * array, where k is the smaller of the two arrays' counts of that value: the copies a one-by-one
 * matching in order pairs with each other. By sorting, O(n log n) comparisons: the matching used
 * to look for each element in the rest of the other array and splice it out, O(n²) (writing a
 * 7-state trace whose state holds a set of 200,000 numbers took 102 s, 5 s since).
 */
function matchedFirst(x: readonly Value[], y: readonly Value[]): [boolean[], boolean[]] {
  const a = sortedIndices(x)
  const b = sortedIndices(y)
  const inX = new Array<boolean>(x.length).fill(false)
  const inY = new Array<boolean>(y.length).fill(false)
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const c = compareValues(x[a[i] as number] as Value, y[b[j] as number] as Value)
    if (c < 0) i++
    else if (c > 0) j++
    else {
      inX[a[i] as number] = true
      inY[b[j] as number] = true
      i++
      j++
    }
  }
  return [inX, inY]
}

/** The indices of `arr` in value order, equal values by index (so each value's copies in order). */
function sortedIndices(arr: readonly Value[]): number[] {
  return Array.from(arr.keys()).sort((i, j) => compareValues(arr[i] as Value, arr[j] as Value) || i - j)
}

type MultisetDiff = { readonly added: Value[]; readonly removed: Value[]; readonly keptX: readonly boolean[]; readonly keptY: readonly boolean[] }

function elementChanges({ added, removed }: MultisetDiff, path: string, out: Change[]): void {
  for (const v of removed) out.push({ kind: 'remove', path, value: v })
  for (const v of added) out.push({ kind: 'add', path, value: v })
}

/** A list's elements removed and added, in order, each with its index unless it is at an end:
 * removed from the front or the back, added at the back (the first copies of a value kept, as
 * `multisetDiff` keeps them). A copy next to equal ones is at the end its run reaches: [1, 1, 2]
 * to [1, 2] pops the front. */
function listChanges(x: readonly Value[], y: readonly Value[], { keptX, keptY }: MultisetDiff, path: string, out: Change[]): void {
  // The runs of removed elements at x's ends, and of added ones at y's back.
  let head = 0
  while (head < x.length && !keptX[head]) head++
  let tail = x.length
  while (tail > head && !keptX[tail - 1]) tail--
  let back = y.length
  while (back > 0 && !keptY[back - 1]) back--
  // Whether arr[from..to) all equal v: then v at any of them is v at the run's end.
  const run = (arr: readonly Value[], from: number, to: number, v: Value): boolean => {
    for (let j = from; j < to; j++) if (compareValues(arr[j] as Value, v) !== 0) return false
    return true
  }
  x.forEach((value, i) => {
    if (keptX[i]) return
    const inside = i >= head && i < tail && !run(x, head, i, value) && !run(x, i + 1, tail, value)
    out.push({ kind: 'remove', path, value, ...(inside ? { at: i } : {}) })
  })
  y.forEach((value, i) => {
    if (keptY[i]) return
    out.push({ kind: 'add', path, value, ...(i < back && !run(y, i + 1, back, value) ? { at: i } : {}) })
  })
}

/** A queue that popped one and pushed one reads better as `- a`, `+ b` than index by index. */
function fewerAsElements(x: readonly Value[], y: readonly Value[], { added, removed }: MultisetDiff): boolean {
  const atIndex = x.filter((v, i) => compareValues(v, y[i] as Value) !== 0).length
  return Math.max(added.length, removed.length) < atIndex
}

/** True when the elements common to both arrays appear in the same order in each. */
function orderConsistent(x: readonly Value[], y: readonly Value[], { added, removed }: MultisetDiff): boolean {
  // Drops the first copies in `arr` of what is `gone` (as many of each value as `gone` has).
  const strip = (arr: readonly Value[], gone: Value[]): Value[] => {
    const [dropped] = matchedFirst(arr, gone)
    return arr.filter((_, i) => !dropped[i])
  }
  const cx = strip(x, removed)
  const cy = strip(y, added)
  return cx.length === cy.length && cx.every((v, i) => compareValues(v, cy[i] as Value) === 0)
}
