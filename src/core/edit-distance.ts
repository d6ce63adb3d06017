/** Levenshtein distance: insertions, deletions and substitutions of one character each (for
 * "did you mean" hints: options, property names, spec names in the CLI). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length] as number
}

/** Up to `n` of `names` within a third of `target`'s length (at least 2 edits), nearest first
 * (then alphabetically); none when nothing is that close. */
export function closest(target: string, names: readonly string[], n = 3): string[] {
  const limit = Math.max(2, Math.floor(target.length / 3))
  return [...new Set(names)]
    .map((name) => [name, editDistance(target, name)] as const)
    .filter(([, d]) => d <= limit)
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, n)
    .map(([name]) => name)
}
