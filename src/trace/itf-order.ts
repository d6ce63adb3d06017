/** A total order and a canonical text for ITF values: for writing Immutable.js sets and maps in
 * one order whatever their insertion history, and for comparing values whatever their key order.
 * The `ItfValue` type is here, not in `itf-value.ts` (which re-exports it), so that the two
 * modules do not import each other. */

/** An ITF value as it appears in JSON (`null` only in traces written before ITF-valid output). */
export type ItfValue =
  | null
  | boolean
  | number
  | string
  | readonly ItfValue[]
  | { readonly [key: string]: ItfValue }

const kindRank = (v: ItfValue): number => {
  if (v === null) return 0
  if (typeof v === 'boolean') return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 4
  if (Array.isArray(v)) return 5
  const o = v as Record<string, ItfValue>
  if ('#bigint' in o) return 3
  if ('#tup' in o) return 6
  if ('#set' in o) return 7
  if ('#map' in o) return 8
  return 9
}

/** A total order on ITF values (integers numerically, records by sorted keys), so sets and
 * maps from Immutable.js are written in one order whatever their insertion history. */
export function compareItf(a: ItfValue, b: ItfValue): number {
  const ra = kindRank(a)
  const rb = kindRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 0:
      return 0
    case 1:
    case 2:
    case 4:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    case 3: {
      const x = BigInt((a as { '#bigint': string })['#bigint'])
      const y = BigInt((b as { '#bigint': string })['#bigint'])
      return x < y ? -1 : x > y ? 1 : 0
    }
    case 5:
      return compareLists(a as readonly ItfValue[], b as readonly ItfValue[])
    case 6:
    case 7:
    case 8: {
      const tag = ra === 6 ? '#tup' : ra === 7 ? '#set' : '#map'
      const x = (a as Record<string, readonly ItfValue[]>)[tag] as readonly ItfValue[]
      const y = (b as Record<string, readonly ItfValue[]>)[tag] as readonly ItfValue[]
      return compareLists(x, y)
    }
    default: {
      const x = a as Record<string, ItfValue>
      const y = b as Record<string, ItfValue>
      const kx = Object.keys(x).sort()
      const ky = Object.keys(y).sort()
      const c = compareLists(kx, ky)
      if (c !== 0) return c
      for (const k of kx) {
        const d = compareItf(x[k] as ItfValue, y[k] as ItfValue)
        if (d !== 0) return d
      }
      return 0
    }
  }
}

function compareLists(x: readonly ItfValue[], y: readonly ItfValue[]): number {
  const n = Math.min(x.length, y.length)
  for (let i = 0; i < n; i++) {
    const c = compareItf(x[i] as ItfValue, y[i] as ItfValue)
    if (c !== 0) return c
  }
  return x.length - y.length
}

/** JSON of an ITF value with record keys sorted: equal values give equal strings, whatever
 * their key order (used to compare a replayed state with a recorded one). */
export function canonicalItf(v: ItfValue): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canonicalItf).join(',')}]`
  const o = v as Record<string, ItfValue>
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalItf(o[k] as ItfValue)}`)
    .join(',')}}`
}
