/**
 * Every bundled spec, searched by the distributed BFS (3 worker processes over a local
 * nats-server) and by the sequential BFS, compared field by field (timings, memory and the
 * per-process figures aside). Too long for the test suite on a small machine (test/distributed/
 * runs a handful of specs); run it after changing `src/distributed/`:
 *
 *   node --import tsx bench/distributed-parity.ts [--max-states 30000] [--liveness]
 *
 * Specs with liveness properties included (their verdicts and lassos compared too); `--liveness`:
 * only those. Exit code 1 if any spec differs or fails.
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { check } from '../src/check.ts'
import type { CheckResult } from '../src/core/result.ts'
import { loadSpecFile } from '../src/cli/load-spec.ts'
import { freePort, natsServerPath, waitForPort } from '../src/distributed/local-cluster.ts'
import { comparable } from '../test/parallel/compare.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const i = process.argv.indexOf('--max-states')
const maxStates = i > 0 ? Number(process.argv[i + 1]) : 30_000
const onlyLiveness = process.argv.includes('--liveness')

const port = await freePort()
const url = `nats://127.0.0.1:${port}`
const kids: ChildProcess[] = [spawn(natsServerPath(), ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })]
await waitForPort(port)
for (let k = 0; k < 3; k++) kids.push(spawn(process.execPath, ['--import', 'tsx', `${ROOT}src/cli/main.ts`, 'worker', '--nats', url, '--quiet'], { stdio: 'inherit' }))

const plain = (r: CheckResult): string => {
  const { processes: _p, ...stats } = r.stats
  return JSON.stringify(comparable({ ...r, stats }))
}

let same = 0
let skipped = 0
const bad: string[] = []
try {
  for (const f of readdirSync(`${ROOT}specs`).filter((f) => f.endsWith('.ts')).sort()) {
    const { spec, url: specUrl } = await loadSpecFile(`${ROOT}specs/${f}`)
    const seq = await check(spec, { workers: 1, maxStates })
    if (onlyLiveness && !seq.properties.some((p) => p.kind !== 'always' && p.kind !== 'sometimes' && p.kind !== 'deadlock')) {
      skipped++
      continue
    }
    try {
      const dist = await check(spec, { processes: 3, nats: url, specUrl, maxStates })
      if (plain(dist) === plain(seq)) same++
      else bad.push(`${f}: differs (distinct ${seq.stats.distinct} vs ${dist.stats.distinct}, generated ${seq.stats.total} vs ${dist.stats.total})`)
    } catch (e) {
      bad.push(`${f}: ${String(e).split('\n')[0]}`)
    }
  }
} finally {
  for (const k of kids) k.kill('SIGKILL')
}
for (const b of bad) process.stdout.write(`${b}\n`)
const skips = onlyLiveness ? `, ${skipped} without liveness skipped` : ''
process.stdout.write(`${same} specs equal, ${bad.length} differ or failed${skips}, max ${maxStates.toLocaleString('en-US')} states each\n`)
process.exitCode = bad.length > 0 ? 1 : 0
