/** Small number and time formatters shared by the reporters. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US')

/** "1 state", "2,197 states": a count and its noun, singular for one. */
export const counted = (n: number, noun: string): string => `${int(n)} ${noun}${n === 1 ? '' : 's'}`

export const secs = (s: number): string => (s < 10 ? s.toFixed(2) : s < 100 ? s.toFixed(1) : s.toFixed(0))

export const rate = (n: number, s: number): string => (s > 0 ? int(n / s) : '-')

export const sci = (x: number): string => (x === 0 ? '0' : x.toExponential(1))

export const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`

/** Left-aligned text table; `right` marks numeric columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string {
  const widths = header.map((h) => h.length)
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** What `stats.depth` means for each explorer: BFS levels, DFS's deepest stack, a walk's length. */
export function depthLabel(strategy: string): string {
  return strategy === 'dfs' ? 'max stack depth' : strategy === 'simulate' ? 'longest walk' : 'depth'
}
