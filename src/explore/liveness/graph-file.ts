/**
 * A liveness graph checkpoint (`GraphRecorder.checkpoint`) as bytes, for the checkpoint files of
 * the thread engine (`parallel/checkpoint.ts`) and of worker processes
 * (`distributed/process-checkpoint.ts`): [u32 header length][JSON header: the cut count, each
 * column's name, kind and length][the columns, in the header's order].
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bytesOf } from './column.ts'
import type { TypedArray } from './column.ts'
import type { GraphCheckpoint } from './recorder.ts'

const ARRAYS = { i32: Int32Array, u32: Uint32Array, u16: Uint16Array, u8: Uint8Array } as const
type ArrayKind = keyof typeof ARRAYS
const kindOf = (a: TypedArray): ArrayKind =>
  a instanceof Int32Array ? 'i32' : a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : 'u8'

function encodeGraph(g: GraphCheckpoint): Buffer {
  const names = Object.keys(g.columns).sort()
  const column = (name: string): TypedArray => g.columns[name] as TypedArray
  const header = Buffer.from(JSON.stringify({ cut: g.cut, columns: names.map((name) => ({ name, kind: kindOf(column(name)), length: column(name).length })) }))
  const len = Buffer.alloc(4)
  len.writeUInt32LE(header.length)
  return Buffer.concat([len, header, ...names.map((name) => bytesOf(column(name)))])
}

/** Reads `encodeGraph`'s bytes (already checked against their checksum). */
function decodeGraph(buf: Buffer): GraphCheckpoint {
  const hlen = buf.readUInt32LE(0)
  const header = JSON.parse(buf.subarray(4, 4 + hlen).toString('utf8')) as { cut: number; columns: { name: string; kind: ArrayKind; length: number }[] }
  let at = 4 + hlen
  const columns: Record<string, TypedArray> = {}
  for (const c of header.columns) {
    const ctor = ARRAYS[c.kind]
    const n = c.length * ctor.BYTES_PER_ELEMENT
    // A copy into a fresh, aligned buffer.
    columns[c.name] = new ctor(new Uint8Array(buf.subarray(at, at + n)).buffer)
    at += n
  }
  return { cut: header.cut, columns }
}

/** Writes `g` as checkpoint `dir`'s graph file `file`; gives its SHA-256, for the manifest. */
export function writeGraphFile(dir: string, file: string, g: GraphCheckpoint): string {
  const bytes = encodeGraph(g)
  writeFileSync(join(dir, file), bytes)
  return createHash('sha256').update(bytes).digest('hex')
}

/** Reads checkpoint `dir`'s graph file `file` and checks it against its SHA-256 `sha256` (from the
 * manifest); `refuse` ends the resume in one line when it is missing or corrupt. */
export function readGraphFile(dir: string, file: string, sha256: string | undefined, refuse: (why: string) => never): GraphCheckpoint {
  const path = join(dir, file)
  if (!existsSync(path)) refuse(`${file} is missing`)
  const buf = readFileSync(path)
  if (createHash('sha256').update(buf).digest('hex') !== sha256) refuse(`${file} is corrupt (checksum)`)
  return decodeGraph(buf)
}
