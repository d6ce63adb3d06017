/**
 * Writes into a checkpoint's append-only column files (the thread engine's `checkpoint.ts` and
 * the process run's `distributed/process-checkpoint.ts`): bytes at an offset, after cutting the
 * file there (what a killed write left past it is dropped), and a cut back to a length on resume.
 */
import { closeSync, existsSync, ftruncateSync, openSync, writeSync } from 'node:fs'

export function appendAt(file: string, offset: number, bytes: Uint8Array): void {
  const fd = openSync(file, existsSync(file) ? 'r+' : 'w')
  try {
    ftruncateSync(fd, offset)
    let done = 0
    while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done, offset + done)
  } finally {
    closeSync(fd)
  }
}

/** Cuts `file` to `length` bytes (a file not written yet stays absent). */
export function truncate(file: string, length: number): void {
  if (!existsSync(file)) return
  const fd = openSync(file, 'r+')
  try {
    ftruncateSync(fd, length)
  } finally {
    closeSync(fd)
  }
}
