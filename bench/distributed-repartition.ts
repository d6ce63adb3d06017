/**
 * What resuming a distributed checkpoint with another number of processes costs the coordinator
 * (`src/distributed/repartition.ts`): TwoPhase.tla run over 3 local worker processes, cut by max
 * states with `--checkpoint`; then, alternated, three times each: reading and checking the
 * checkpoint alone, and reading it then re-partitioning it for 2 and for 4 processes (CPU seconds
 * of this process). Figures in docs/distributed.md ("Checkpoints and lost workers").
 *
 * Usage: node --import tsx bench/distributed-repartition.ts [rms, default 7] [plain|packed, default plain] [max states]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSpecFile } from '../src/cli/load-spec.ts'
import { resolveOptions } from '../src/core/options.ts'
import { distributedBfs } from '../src/distributed/distributed-bfs.ts'
import { partStates } from '../src/distributed/part-states.ts'
import { readProcessCheckpoint } from '../src/distributed/process-checkpoint.ts'
import { repartition } from '../src/distributed/repartition.ts'
import { prepare } from '../src/explore/prepare.ts'
import { identityOf } from '../src/parallel/checkpoint-identity.ts'

const rms = Number(process.argv[2] ?? 7)
const model = process.argv[3] ?? 'plain'
const { spec, url } = await loadSpecFile(model === 'packed' ? 'specs/two-phase-commit-packed.ts' : 'specs/two-phase-commit.ts')
const dir = mkdtempSync(join(tmpdir(), 'interleave-rpbench-'))
const options = resolveOptions({ processes: 3, specUrl: url, params: { rms }, checkpoint: dir, checkpointIntervalSeconds: 3600, maxStates: Number(process.argv[4] ?? 250_000) })
const p = prepare(spec, options)
const cut = await distributedBfs(p, options)
const identity = identityOf(p, options)
const disk = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
const first = readProcessCheckpoint(dir, identity)
const frontier = first.parts.reduce((sum, q) => sum + q.ranks.length, 0)
console.log(
  `2PC rms=${rms} ${model}: cut at ${cut.stats.distinct} distinct (${cut.stopReason}); checkpoint of level ${first.start.level}: ` +
    `${first.start.distinct} states, ${frontier} in the frontier, ${disk} bytes on disk`,
)
const cpu = (f: () => void): number => {
  const c0 = process.cpuUsage()
  f()
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1e6
}
const states = partStates(p)
for (let round = 0; round < 3; round++) {
  const read = cpu(() => readProcessCheckpoint(dir, identity))
  const to2 = cpu(() => repartition(readProcessCheckpoint(dir, identity), 2, states, dir))
  const to4 = cpu(() => repartition(readProcessCheckpoint(dir, identity), 4, states, dir))
  console.log(`round ${round + 1}: read and check ${read.toFixed(3)} s; read, check and re-partition for 2: ${to2.toFixed(3)} s, for 4: ${to4.toFixed(3)} s (CPU)`)
}
rmSync(dir, { recursive: true, force: true })
