/**
 * Progress while the coordinator waits for its `--nats` workers to join: a `Progress` with
 * `joining` set (the search's counts are all zero then), given to `onProgress` when the wait
 * begins, whenever the number of workers joined changes, and `refreshMs` (5 s) after the last one
 * given otherwise. A coordinator whose workers were never started said nothing for the two
 * minutes before its join timeout; the reporter (`report/progress.ts`) words and prints the line,
 * and a CI log gets one every few seconds, not one a second.
 */
import type { Progress } from '../core/options.ts'

export const JOIN_REFRESH_MS = 5000

/** The URL without a `user:password@` part: the line is printed every few seconds, to CI logs. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1')
}

export interface JoinProgress {
  /** Workers joined so far (given when it changes; the same count again says nothing). */
  joined(count: number): void
  stop(): void
}

/** `secondsBefore`: the run's time before this wait (a run resumed after a lost worker). */
export function joinProgress(onProgress: (p: Progress) => void, serverUrl: string, wanted: number, secondsBefore = 0, refreshMs = JOIN_REFRESH_MS): JoinProgress {
  const url = withoutCredentials(serverUrl)
  const start = performance.now()
  let last = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const emit = (): void => {
    clearTimeout(timer)
    if (stopped) return
    onProgress({ distinct: 0, total: 0, queue: 0, depth: 0, seconds: secondsBefore + (performance.now() - start) / 1000, joining: { url, joined: last, wanted } })
    timer = setTimeout(emit, refreshMs)
    timer.unref()
  }
  emit()
  return {
    joined(count) {
      if (count === last) return
      last = count
      emit()
    },
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
