/** Reading a stored trace file: one-line usage errors for a missing file or a non-ITF file. */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { UsageError } from '../core/errors.ts'
import type { StoredTrace } from './itf.ts'
import { parseItf } from './itf.ts'

export function readTraceFile(file: string): StoredTrace {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`)
  if (statSync(file).isDirectory()) throw new UsageError(`${file}: is a folder, not a trace file (an .itf.json)`)
  if (!statSync(file).isFile()) throw new UsageError(`${file}: not a regular file, not a trace file (an .itf.json)`)
  return parseItf(readFileSync(file, 'utf8'), file)
}

/** `traces/x/Agreement.itf.json` → `traces/x/Agreement.html`. */
export const htmlPathFor = (file: string): string => file.replace(/(\.itf)?\.json$/i, '') + '.html'
