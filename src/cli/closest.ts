/** The names nearest a mistyped one, for "did you mean" hints (the CLI's, not the core's). */
import { editDistance } from '../core/edit-distance.ts'

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
