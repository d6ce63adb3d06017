/**
 * `compareValues` (data.ts) for the values of a union schema (a model's messages), compiled from
 * the schema so that a comparison lists no keys.
 *
 * `compareValues` orders two records by key count, then by their sorted keys, then by their values
 * in sorted key order; to do that without sorting, it finds each record's key list among those it
 * has seen (`shapeOf`), walking the record's keys up to four times per comparison. A union
 * variant's keys are fixed by the schema (its fields and the tag), so here the order between two
 * variants is worked out once, when the schema compiles, and two messages of one variant are
 * compared field by field in sorted key order (`compileKeyCompare`, the code `compareValues` runs
 * for them). Raft's bag insertion (`bagAdd`, a binary search per message sent) spent about 4% of a
 * run there (docs/performance.md, "the bag's order compiled from the message schema").
 *
 * The limit: the order is `compareValues`' only for values that match the schema (a tag naming one
 * of its variants, exactly that variant's keys). A value with an unknown tag, or none, is compared
 * by `compareValues`; one with the right tag and a key the schema does not declare (or lacking
 * one) is not detected here. Such a state is a model error that the compiled fingerprint reports,
 * naming the path, where it hashes the state (`ENV.bad`: it counts each variant's keys).
 */
import type { Schema } from '../core/schema.ts'
import type { Value } from '../core/value.ts'
import { compareValues, compileKeyCompare } from './data.ts'
import { generatedFunction } from './generated-function.ts'

export type Compare = (a: Value, b: Value) => number

/** A comparator equal in sign to `compareValues` on the values of `s`, or undefined when `s` is
 * not a union (nothing to gain: a record schema's values are the one shape data.ts keeps). */
export function compileSchemaCompare(s: Schema): Compare | undefined {
  if (s.kind !== 'union') return undefined
  const tag = s.tag
  // Each variant's sorted keys (the tag's among them, as `compareRecords` sees them). Variants
  // with the same keys form one group: the order between them is not fixed (the tag is one of the
  // fields compared in order), so a group has one comparison over all its keys.
  const groups: string[][] = []
  const groupOf = new Map<string, number>()
  for (const [name, fields] of Object.entries(s.variants)) {
    const sorted = [...new Set([...Object.keys(fields), tag])].sort()
    const id = sorted.join('\0')
    let g = groups.findIndex((k) => k.join('\0') === id)
    if (g < 0) {
      g = groups.length
      groups.push(sorted)
    }
    groupOf.set(name, g)
  }
  // The groups' order as `compareRecords` gives it: by key count, then key by key (`<` on strings,
  // which is `sort()`'s order).
  const order = groups.map((_, i) => i).sort((i, j) => compareKeyLists(groups[i] as string[], groups[j] as string[]))
  const rank = new Array<number>(groups.length)
  order.forEach((g, r) => (rank[g] = r))
  const compares = groups.map((keys) => compileKeyCompare(keys))
  const names = [...groupOf.keys()]
  const q = (k: string): string => JSON.stringify(k)
  // A switch on the tag: its variant's comparison (same tag), its group's rank (different tags).
  const same = names.map((n, i) => `case ${q(n)}: return C${groupOf.get(n)}(x, y);`).join('\n')
  const ranks = (v: string, out: string): string =>
    `switch (${v}) {\n${names.map((n) => `case ${q(n)}: ${out} = ${rank[groupOf.get(n) as number]}; break;`).join('\n')}\ndefault: return cmp(x, y);\n}`
  const src = `'use strict';
return function compareUnion(x, y) {
if (x === y) return 0;
if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) return cmp(x, y);
const tx = x[${q(tag)}], ty = y[${q(tag)}];
if (tx === ty) {
switch (tx) {
${same}
default: return cmp(x, y);
}
}
let rx = 0, ry = 0;
${ranks('tx', 'rx')}
${ranks('ty', 'ry')}
if (rx !== ry) return rx - ry;
switch (rx) {
${order.map((g, r) => `case ${r}: return C${g}(x, y);`).join('\n')}
}
return cmp(x, y);
};`
  const args = compares.map((_, i) => `C${i}`)
  return generatedFunction(['cmp', ...args], src)(compareValues, ...compares) as Compare
}

/** `compareRecords`' order on sorted key lists: the shorter first, then by the first key that differs. */
function compareKeyLists(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1
  }
  return 0
}
