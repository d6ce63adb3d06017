/**
 * Progress on stderr while a check runs: one line rewritten in place on a TTY, plain lines
 * otherwise (CI logs). The core calls `onProgress` about once a second; this only formats.
 */
import type { Progress } from '../core/options.ts'
import { int, secs } from './format.ts'

export function progressLine(p: Progress): string {
  const r = p.seconds > 0 ? int(p.distinct / p.seconds) : '-'
  return `${secs(p.seconds)}s  distinct ${int(p.distinct)}  generated ${int(p.total)}  queue ${int(p.queue)}  depth ${p.depth}  ${r} states/s`
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (p: Progress) => void
  done: () => void
} {
  let shown = false
  return {
    onProgress(p) {
      shown = true
      if (stream.isTTY) stream.write(`\r\x1b[2K${progressLine(p)}`)
      else stream.write(`${progressLine(p)}\n`)
    },
    done() {
      if (shown && stream.isTTY) stream.write('\r\x1b[2K')
    },
  }
}
