/**
 * Progress on stderr while a check runs: one line rewritten in place on a TTY, plain lines
 * otherwise (CI logs). The core calls `onProgress` about once a second (every few seconds while a
 * distributed run waits for its workers: `joining`); this only formats.
 */
import type { ProcessProgress, Progress } from '../core/options.ts'
import { int, secs } from './format.ts'

export function progressLine(p: Progress): string {
  if (p.joining) return `${secs(p.seconds)}s  waiting for ${int(p.joining.wanted)} workers on ${p.joining.url}: ${int(p.joining.joined)} joined`
  const r = p.seconds > 0 ? int(p.distinct / p.seconds) : '-'
  const line = `${secs(p.seconds)}s  distinct ${int(p.distinct)}  generated ${int(p.total)}  queue ${int(p.queue)}  depth ${p.depth}  ${r} states/s`
  return p.processes && p.processes.length > 0 ? `${line}  ${processesPart(p.processes)}` : line
}

/** "3 processes: 412 · 401 · 421 states, level 63% expanded"; past six workers, the least and most. */
function processesPart(ps: readonly ProcessProgress[]): string {
  const states = ps.map((q) => q.states)
  const list = ps.length <= 6 ? states.map(int).join(' · ') : `${int(Math.min(...states))}–${int(Math.max(...states))}`
  const frontier = ps.reduce((s, q) => s + q.frontier, 0)
  const expanded = ps.reduce((s, q) => s + q.expanded, 0)
  const level = frontier > 0 ? `, level ${Math.floor((100 * expanded) / frontier)}% expanded` : ''
  return `${ps.length} processes: ${list} states${level}`
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
