/**
 * The bundled worker entry (`src/distributed/worker-entry.ts`) that `--processes N` starts on this
 * machine: it runs without tsx, prints the worker's usage, and ends a bad URL as the CLI does (one
 * line, exit 2). That its code hash is the sources' is shown by every local run: a worker with
 * another hash is refused and the run fails (`distributed-bfs.test.ts`, "dies mid-run").
 */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { workerEntry } from '../../src/distributed/worker-entry.ts'

describe('the bundled worker entry', () => {
  it('is one plain JavaScript file that runs the worker command without tsx', async () => {
    const entry = await workerEntry()
    expect(entry).toMatch(/node_modules\/\.cache\/interleave\/distributed-[0-9a-f]{16}\.mjs$/)
    const help = spawnSync(process.execPath, [entry!, '--help'], { encoding: 'utf8' })
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^usage: npx interleave worker --nats/)
    const bad = spawnSync(process.execPath, [entry!, '--nats', 'nats://127.0.0.1:1', '--once'], { encoding: 'utf8', timeout: 30_000 })
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toMatch(/^error: --nats/)
  })
})
