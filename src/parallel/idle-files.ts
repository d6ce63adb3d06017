/**
 * The eviction rule the worker bundle caches share (`parallel/worker-bundle.ts`,
 * `distributed/bundle.ts`): every edit of a spec or the checker makes a new bundle, and a
 * developer's day of runs left hundreds (280 MB). A cache marks a bundle used (its mtime) when a
 * run takes it, so a bundle another process is starting on is never among these.
 */
import { readdirSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'

/** Bundles kept whatever their age. */
const KEEP = 32
const HOUR_MS = 3600_000

/** Marks `file` used now (its mtime, which `idleFiles` reads); false when it is gone (another
 * process removed it: the caller writes it again). */
export function markUsed(file: string): boolean {
  try {
    const now = new Date()
    utimesSync(file, now, now)
    return true
  } catch {
    return false
  }
}

/** The files in `dir` named by `pattern` beyond the `KEEP` most recently used (by mtime) that
 * were not used for an hour: those a cache removes. */
export function idleFiles(dir: string, pattern: RegExp): string[] {
  const byAge: [string, number][] = []
  const now = Date.now()
  for (const f of readdirSync(dir)) {
    if (!pattern.test(f)) continue
    try {
      byAge.push([join(dir, f), now - statSync(join(dir, f)).mtimeMs])
    } catch {
      // another process removed it, or is writing it: leave it
    }
  }
  byAge.sort((a, b) => a[1] - b[1])
  return byAge.slice(KEEP).filter(([, age]) => age > HOUR_MS).map(([file]) => file)
}
