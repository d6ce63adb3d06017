/**
 * A lock file naming the process that holds a folder (`--out`'s, `--checkpoint`'s): who holds it,
 * and whether that process is still there (a lock of a process gone is stale).
 */
import { readFileSync } from 'node:fs'

/** The process named in lock file `file`, or undefined (no file, or not a pid). */
export function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10)
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/** Whether process `pid` is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as { code?: unknown }).code === 'EPERM'
  }
}
