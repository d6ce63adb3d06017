/**
 * The default memory budget: a search that outgrows the JS heap stops, incomplete (exit 3), with
 * its summary and a "memory limit" warning, instead of dying in V8's out-of-memory abort (exit
 * 134, no result). Run with a small heap so the fixture's wide, heavy states fill it in seconds.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './run-cli.ts'

const smallHeap = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=100`.trim() }

describe('default memory budget', () => {
  it('stops a single-threaded search before the heap is full, with its summary', () => {
    const r = cli(['check', 'test/cli/fixtures/heavy-states.ts', '--workers', '1', '--out', mkdtempSync(join(tmpdir(), 'il-mem-'))], smallHeap)
    expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory/)
    expect(r.code).toBe(3)
    expect(r.stdout).toMatch(/INCOMPLETE: memory-limit reached/)
    expect(r.stdout).toMatch(/warning: memory limit: stopped at [\d,]+ states because the JS heap has \d+ MiB committed \(\d+ MiB live\) of its \d+ MiB limit; give Node more \(NODE_OPTIONS=--max-old-space-size=MiB\)/)
  })
})
