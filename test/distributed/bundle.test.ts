/**
 * The cache of distributed bundles (`writeBundle`) stays small: every edit of a spec or of the
 * checker makes a new bundle, so past 32 of them the least recently used ones idle for an hour go,
 * as well as any idle for a week.
 */
import { readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sha256, writeBundle } from '../../src/distributed/bundle.ts'

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/interleave/', import.meta.url))
const HOUR = 3600_000

describe('the distributed bundle cache', () => {
  it('keeps at most 32 bundles idle for over an hour', () => {
    // 40 stale bundles, idle 2 to 3 hours (other tests' recent bundles are left alone).
    const fake = (i: number) => `distributed-${sha256(`stale ${process.pid} ${i}`).slice(0, 16)}.mjs`
    const now = Date.now()
    for (let i = 0; i < 40; i++) {
      const f = join(CACHE, fake(i))
      writeFileSync(f, '// stale\n')
      const t = new Date(now - 2 * HOUR - i * 60_000)
      utimesSync(f, t, t)
    }
    // A new bundle (one this cache has not held) prunes.
    const code = new TextEncoder().encode(`// ${process.pid} ${now}\n`)
    const fresh = fileURLToPath(writeBundle(code, sha256(code)))
    const bundles = readdirSync(CACHE).filter((f) => /^distributed-[0-9a-f]{16}\.mjs$/.test(f))
    const idle = bundles.filter((f) => Date.now() - statSync(join(CACHE, f)).mtimeMs > HOUR)
    expect(idle.length).toBeLessThanOrEqual(32)
    const left = new Set(bundles)
    expect(Array.from({ length: 40 }, (_, i) => fake(i)).filter((f) => left.has(f)).length).toBeLessThanOrEqual(32)
    expect(left.has(fake(39))).toBe(false)
    expect(statSync(fresh).isFile()).toBe(true)
    for (const f of [...Array.from({ length: 40 }, (_, i) => join(CACHE, fake(i))), fresh]) rmSync(f, { force: true })
  })
})
