/**
 * What checkpoints cost a distributed search (`--processes 3 --checkpoint`): TwoPhase.tla over 3
 * local worker processes, without checkpoints and with one at every level, alternated, two runs
 * each: search seconds, coordinator and worker CPU seconds (workers' start-up included), control
 * bytes (the checkpoints' columns and frontiers travel as control frames), and the last
 * checkpoint's size on disk. Figures in docs/distributed.md ("Checkpoints and lost workers").
 *
 * Usage: node --import tsx bench/distributed-checkpoint.ts [rms, default 6]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSpecFile } from '../src/cli/load-spec.ts'
import { resolveOptions } from '../src/core/options.ts'
import { distributedBfs } from '../src/distributed/distributed-bfs.ts'
import type { DistributedStats } from '../src/distributed/distributed-bfs.ts'
import { prepare } from '../src/explore/prepare.ts'

const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
const rms = Number(process.argv[2] ?? 6)
for (let round = 0; round < 2; round++) {
  for (const every of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-ckbench-'))
    const options = resolveOptions({ processes: 3, specUrl: url, params: { rms }, ...(every ? { checkpoint: dir, checkpointIntervalSeconds: 0.001 } : {}) })
    let stats: DistributedStats | undefined
    const c0 = process.cpuUsage()
    const r = await distributedBfs(prepare(spec, options), options, { onStats: (s) => (stats = s) })
    const c = process.cpuUsage(c0)
    const workers = stats!.workerCpu.reduce((a, b) => a + b, 0)
    const disk = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
    console.log(
      `rms=${rms} checkpoint every level: ${every}  distinct ${r.stats.distinct}  depth ${r.stats.depth}  search ${r.stats.seconds.toFixed(2)} s  ` +
        `coordinator CPU ${((c.user + c.system) / 1e6).toFixed(2)} s  workers CPU ${workers.toFixed(2)} s  control bytes ${stats!.controlBytes}${every ? `  checkpoint ${disk} bytes` : ''}`,
    )
    rmSync(dir, { recursive: true, force: true })
  }
}
