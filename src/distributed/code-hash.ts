/**
 * The hash of this checkout's distributed-run code (the files of this folder): a coordinator takes
 * only workers whose hash is its own, so a worker started from another version of the checker is
 * refused with a clear error instead of speaking a protocol it does not share. (The model and the
 * search code are shipped in the bundle; this covers the worker's side of the wire.)
 * `INTERLEAVE_CODE_HASH` overrides it: a test hook, to start a worker that claims other code.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sha256 } from './bundle.ts'

const DIR = fileURLToPath(new URL('.', import.meta.url))

let cached: string | undefined

export function codeHash(): string {
  if (process.env.INTERLEAVE_CODE_HASH) return process.env.INTERLEAVE_CODE_HASH
  if (cached) return cached
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort()
  cached = sha256(files.map((f) => `${f}\0${readFileSync(DIR + f, 'utf8')}`).join('\0')).slice(0, 16)
  return cached
}
