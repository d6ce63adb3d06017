/**
 * One shared instance per distinct plain record (messages, votes). Set helpers compare records
 * by identity first and cache each instance's sorted keys, so models that build the same message
 * over and over run markedly faster when they intern it. Purely an optimisation: an interned
 * record equals the one passed in.
 */
import type { Value } from '../src/index.ts'

const table = new Map<string, Value>()
const LIMIT = 1 << 18

export function interned<T extends Value>(v: T): T {
  const key = JSON.stringify(v)
  const found = table.get(key)
  if (found !== undefined) return found as T
  if (table.size >= LIMIT) table.clear()
  table.set(key, v)
  return v
}
