/**
 * The one pass over every spec in specs/ (found on disk when the test file loads, so new specs
 * are covered without editing this file). Each spec is checked once by the oracle, the sequential
 * BFS, and every other explorer is compared with that one result:
 *
 * - golden: the result must match the spec's own `expect` block (verdicts, counterexample
 *   lengths, counts, depth), and the verdicts plus every counterexample's length and action
 *   labels are pinned in a snapshot, so any change to a model or to the checker that alters a
 *   reported trace shows up in review (`npx vitest run test/golden -u` to accept); one snapshot
 *   file per spec (`snapshots/<spec>.json`), so the split below can change freely;
 * - parity: the parallel BFS with 2 workers (and 4, on specs up to 10,000 states) gives an
 *   identical result (counts, depth, verdicts, counterexamples, coverage, liveness graph size);
 * - DFS: run to completion it finds the BFS's distinct and generated counts, and its verdicts.
 *
 * (These were three loops in three files, each re-running the oracle; the other parity and DFS
 * tests, on limits and random graphs, stay in test/parallel/parity.test.ts and
 * test/explore/dfs.test.ts.)
 *
 * The specs are split over four test files (`specs.test.ts`, `specs.part2..4.test.ts`) so vitest's
 * workers check them side by side; more files than workers lets a worker that finishes early take
 * the next file while another is busy with a slow spec.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { actionLabel, check, prepareWorkers } from '../../src/index.ts'
import { loadSpecFile, specFiles } from '../../src/cli/load-spec.ts'
import type { CheckResult } from '../../src/index.ts'
import { expectSpec } from '../../src/testing/index.ts'
import { comparable } from '../parallel/compare.ts'

export const SHARDS = 4

/** Each spec's searches are bounded by its state space, not by time: the limit is only a guard
 * against a hang, far above what a busy two-core machine needs (the slowest spec takes about a
 * minute there with every other test running beside it). */
const SPEC_TIMEOUT_MS = 30 * 60_000

/** Specs up to this many distinct states are also compared at 4 workers (most of them; the
 * random-graph parity tests in test/parallel cover 1 to 4 workers on every shape). */
const FOUR_WORKER_PARITY_MAX = 10_000

const verdicts = (r: CheckResult) => r.properties.map((p) => [p.name, p.verdict])

/** What the snapshot pins for one spec. */
export function pinned(r: CheckResult) {
  return {
    verdicts: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])),
    counterexamples: Object.fromEntries(
      r.properties
        .filter((p) => p.verdict === 'violated' && p.trace)
        .map((p) => [
          p.name,
          {
            length: p.trace!.steps.length,
            ...(p.trace!.loopStart !== undefined ? { loopStart: p.trace!.loopStart } : {}),
            actions: p.trace!.steps.map((s) => (s.action ? actionLabel(s.action) : 'init')),
          },
        ]),
    ),
  }
}

/** Seconds each spec took here when last measured (bench/suite-timings.ts writes them). */
const measured = JSON.parse(readFileSync(new URL('../timings/specs.json', import.meta.url), 'utf8')) as Record<string, number>

/** A spec's cost in seconds, to balance the shards, not to measure anything: as measured, or for a
 * spec not measured yet, from its pinned distinct count at about 300 µs a state over all the runs
 * below (symmetry canonicalises every successor, so it costs several times more per state). */
function weight(file: string): number {
  if (measured[file] !== undefined) return measured[file]
  const text = readFileSync(file, 'utf8')
  const distinct = Number((/distinct: ([\d_]+)/.exec(text)?.[1] ?? '1000').replaceAll('_', ''))
  return distinct * 300e-6 * (/symmetry: true/.test(text) ? 4 : 1)
}

/** The specs of one shard: heaviest first, each to the lightest shard so far, so that no test
 * file holds most of the slow specs (vitest runs the files side by side). */
function shardOf(files: readonly string[], shard: number): string[] {
  const load = Array<number>(SHARDS).fill(0)
  const mine: string[] = []
  for (const [file, w] of files.map((f) => [f, weight(f)] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const to = load.indexOf(Math.min(...load))
    load[to]! += w
    if (to === shard) mine.push(file)
  }
  return mine.sort()
}

export function goldenSuite(shard: number): void {
  const files = shardOf(specFiles(), shard)
  describe(`golden: specs/ (part ${shard + 1} of ${SHARDS})`, () => {
    // One worker bundle for the shard's specs, as `npm run check` makes for a folder: the threads
    // load the checker once and keep its compiled code warm from spec to spec.
    beforeAll(async () => {
      await prepareWorkers(await Promise.all(files.map(async (f) => (await loadSpecFile(f)).url)))
    })
    it('finds specs', () => {
      expect(specFiles().length).toBeGreaterThan(0)
    })
    for (const file of files) {
      it(file, async () => {
        const { spec, url } = await loadSpecFile(file)
        expect(spec.name, 'a spec is named after its file').toBe(basename(file).replace(/\.(ts|js|mjs)$/, ''))
        expect(spec.expect, 'a spec states what it expects').toBeDefined()
        const r = await expectSpec(spec, { file, workers: 1 }).toMatchExpectation()
        await expect(`${JSON.stringify(pinned(r), null, 2)}\n`).toMatchFileSnapshot(`./snapshots/${spec.name}.json`)

        // Parity: the parallel BFS equals the oracle; 4 workers (twice this machine's cores) only
        // on the smaller specs, where it costs seconds: the larger ones are the suite's slowest.
        for (const workers of r.stats.distinct <= FOUR_WORKER_PARITY_MAX ? [2, 4] : [2]) {
          const par = await check(spec, { workers, specUrl: url })
          expect(par.workers).toBe(workers)
          expect(comparable(par), `${workers} workers`).toEqual(comparable(r))
        }

        // DFS: the whole state space (when no early stop cut the BFS short) and the same verdicts.
        // Without the spec's deadlock setting, the oracle's run is the deadlock-free run.
        const dfs = await check(spec, { strategy: 'dfs' })
        expect(dfs.strategy).toBe('dfs')
        expect(verdicts(dfs)).toEqual(verdicts(r))
        const [bfsAll, dfsAll] = spec.deadlock
          ? [await check(spec, { workers: 1, deadlock: false }), await check(spec, { strategy: 'dfs', deadlock: false })]
          : [r, dfs]
        if (bfsAll.complete && bfsAll.decidedEarly === false) {
          expect(dfsAll.complete).toBe(true)
          expect(dfsAll.stats.distinct).toBe(bfsAll.stats.distinct)
          expect(dfsAll.stats.total).toBe(bfsAll.stats.total)
        }
      }, SPEC_TIMEOUT_MS)
    }
  })
}
