/**
 * Runs `bench/one-run.ts` in a child process (so each measured check has a process, and a peak
 * RSS, of its own) and reads its JSON line; and picks the median of alternating runs. Shared by
 * the benchmarks that compare runs: `run.ts`, `reliability.ts`, `default-workers.ts`.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** What `bench/one-run.ts` prints. */
export interface OneRun {
  readonly spec: string
  readonly params: Readonly<Record<string, string>>
  readonly workers: number
  readonly distinct: number
  readonly total: number
  /** Steps partial-order reduction skipped (`--por`). */
  readonly slept?: number
  readonly depth: number
  readonly complete: boolean
  readonly wall_s: number
  readonly cpu_s: number
  readonly visited_bytes: number
  readonly peak_rss_bytes: number
  readonly verdicts: Readonly<Record<string, string>>
}

/** `node --import tsx bench/one-run.ts <file> <args…>` in a child process. */
export function oneRun(file: string, args: readonly string[], env: Record<string, string> = {}): OneRun {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/one-run.ts', file, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, ...env },
  })
  return JSON.parse(out.trim().split('\n').pop() as string) as OneRun
}

/** The run with the median `key` of `runs` runs of `measure` (single runs vary ±15% on this VM). */
export function median<T>(runs: number, measure: () => T, key: (t: T) => number): T {
  const all = Array.from({ length: runs }, measure).sort((a, b) => key(a) - key(b))
  return all[(all.length - 1) >> 1] as T
}

/** Runs each variant `rounds` times, alternating, and returns the median run (by `key`) of each. */
export function alternate<K extends string>(rounds: number, variants: Record<K, () => OneRun>, key: (r: OneRun) => number = (r) => r.wall_s): Record<K, OneRun> {
  const runs = {} as Record<K, OneRun[]>
  for (let r = 0; r < rounds; r++) for (const k of Object.keys(variants) as K[]) (runs[k] ??= []).push(variants[k]())
  const out = {} as Record<K, OneRun>
  for (const k of Object.keys(runs) as K[]) out[k] = runs[k].sort((a, b) => key(a) - key(b))[(runs[k].length - 1) >> 1]!
  return out
}
