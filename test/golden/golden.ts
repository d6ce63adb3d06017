/**
 * The one pass over every spec in specs/ (found on disk when the test file loads, so new specs
 * are covered without editing this file). Each spec is checked once by the oracle, the sequential
 * BFS, and every other explorer is compared with that one result:
 *
 * - golden: the result must match the spec's own `expect` block (verdicts, counterexample
 *   lengths, counts, depth), and the verdicts, every counterexample's length and action labels,
 *   the distinct states per level and each action's steps and new states are pinned in a
 *   snapshot, so any change to a model or to the checker that alters a reported trace or where
 *   the states are shows up in review (`npx vitest run test/golden -u` to accept); one snapshot
 *   file per spec (`snapshots/<spec>.json`), so the split below can change freely;
 * - parity: the parallel BFS with 2 workers gives an identical result (counts, depth, verdicts,
 *   counterexamples, coverage, liveness graph size), and with 4 workers on the few specs named in
 *   `FOUR_WORKERS` (one for each feature the workers handle); on raft-symmetric, cut at a
 *   number of states (`PARITY_CUT`);
 * - DFS: run to completion it finds the BFS's distinct and generated counts, and its verdicts;
 *   on a spec with liveness properties, the BFS's liveness results (lassos included) and graph
 *   size, the DFS recording the graph as it searches (`dfs-recorder.ts`);
 * - partial-order reduction (`--por`, sleep sets), on every spec whose model says what its steps
 *   touch: the oracle's verdicts, counterexamples (step for step), depth and states per level,
 *   with no more steps generated; where it is off, only for liveness or a view;
 * - symmetry, on every spec whose model has one: searched the other way (with symmetry if the
 *   spec asks for none, without if it does), the same verdicts, safety counterexample lengths and
 *   depth, and no more states under symmetry.
 *
 * (These were four loops in four files, each re-running the oracle; the other parity and DFS
 * tests, on limits and random graphs, stay in test/parallel/parity.test.ts (1 to 4 workers),
 * test/explore/dfs.test.ts and test/explore/liveness/dfs-recorder.test.ts.)
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

/**
 * The specs also compared at 4 workers (twice this machine's cores), one for each thing the
 * workers do beyond expanding plain states; every one has levels of 250 states or more, so
 * all four threads get tasks (levels under 128 states are expanded on the coordinating thread).
 * Every spec up to 10,000 states used to run at 4 workers too: about a sixth of this pass's CPU
 * time (35 of some 205 CPU-s, measured phase by phase on the shared 2-core machine) for a worker
 * count the random-graph parity tests (test/parallel/parity.test.ts: 1 to 4 workers, one state
 * per task, limits, deadlock, constraint) also cover on every shape. (two-phase-commit-net-symmetry,
 * three-phase-commit-crash and three-phase-commit-liveness-partition were here for symmetry, a
 * violation run to the end and a lasso without a view, until the messages their nodes ignore for
 * good were dropped: their widest levels fell to 97, 120 and 130 states.)
 */
const FOUR_WORKERS: ReadonlySet<string> = new Set([
  'specs/two-phase-commit-rm5.ts', // plain states, levels up to 1,425 wide, every property holds
  'specs/two-phase-commit-packed.ts', // a packed model: the workers expand words
  'specs/raft-symmetric.ts', // symmetry derived by the actor harness: the workers canonicalise each successor (cut: PARITY_CUT)
  'specs/two-phase-commit-net-timeout-abort.ts', // an invariant violated, the search run to the end, levels up to 431 wide
  'specs/three-phase-commit-skeen-uncertain-commit.ts', // a violation that decides the run early
  'specs/raft-no-prev-log-check.ts', // a state constraint, levels up to 2,708 wide
  'specs/raft-split-vote.ts', // liveness with a view: the graph recorded by the workers, a lasso
  'specs/raft-split-vote-timing.ts', // liveness with a view that holds
  'specs/eventual-consistency-liveness-partition.ts', // a liveness lasso without a view, levels up to 350 wide
])

/**
 * Specs whose 2-worker parity runs to a number of states, against the oracle cut at the same
 * number, not to the end. raft-symmetric alone: its 2-worker run to the end was the suite's
 * slowest step (about 14 CPU-s, three times the oracle's, at 138,461 orbits; 71,977 since the
 * responses a server ignores for good are dropped). Cut at 20,000 orbits (in level 20 of 37),
 * the workers still expand levels of up to 4,880 orbits with the model's symmetry and the state
 * constraint, find all seven witnesses and stop at max states; only the counts of the last
 * 52,000 orbits go unchecked at 2 workers (the other symmetric specs,
 * two-phase-commit-symmetry, two-phase-commit-net-symmetry and paxos-ballots2, run to the end).
 */
const PARITY_CUT: ReadonlyMap<string, number> = new Map([
  ['specs/raft-symmetric.ts', 20_000],
  // 61,361 states over 35 levels, a state constraint: cut where the witness is reached.
  ['specs/paxos-net-duelling-three-acceptors.ts', 20_000],
  // 13,987 states over 21 levels under a view with the servers renamed: cut in level 10 (3,500
  // states in), where LeaderElectedOnce has long been witnessed.
  ['specs/raft-split-vote-four-servers-all.ts', 3_500],
])

const verdicts = (r: CheckResult) => r.properties.map((p) => [p.name, p.verdict])
/** Each violated safety property's counterexample length (a BFS's: the shortest). */
const safetyLengths = (r: CheckResult) => r.properties.flatMap((p) => (p.verdict === 'violated' && p.trace && p.trace.loopStart === undefined ? [[p.name, p.trace.steps.length]] : []))
const LIVE = new Set(['eventually', 'leadsTo', 'alwaysEventually'])
/** The liveness properties' results, lassos included, as plain data. */
const live = (r: CheckResult): unknown => JSON.parse(JSON.stringify(r.properties.filter((p) => LIVE.has(p.kind))))

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

/**
 * What a spec's snapshot holds: `pinned`, and where the states are: distinct states per BFS
 * level, and per action the steps taken and the new states they found. An edit that changes the
 * counts then shows, in the snapshot's diff, at which depth and by which actions (the failure of
 * the `expect` block gives totals only; a new user comparing `--json` coverage by hand asked for
 * it). Compared softly, before the `expect` block, so that both failures are reported.
 */
export function snapshotOf(r: CheckResult) {
  return {
    ...pinned(r),
    // One line per depth and per action, so that a diff names them (depth 1: the initial states).
    statesAtDepth: Object.fromEntries((r.stats.levels ?? []).flatMap((l, i) => (l.distinct > 0 ? [[String(i + 1), l.distinct]] : []))),
    actions: Object.fromEntries(r.coverage.map((c) => [c.name, `${c.fired} taken, ${c.discovered} new`])),
  }
}

/** Whether a run found a deadlock (and so stopped short of the whole state space). */
const deadlocked = (r: CheckResult): boolean => r.properties.some((p) => p.kind === 'deadlock' && p.verdict === 'violated')

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
      // A spec renamed or removed must not drop out of the 4-worker parity or the cut unnoticed.
      expect(specFiles()).toEqual(expect.arrayContaining([...FOUR_WORKERS, ...PARITY_CUT.keys()]))
    })
    for (const file of files) {
      it(file, async () => {
        const { spec, url } = await loadSpecFile(file)
        expect(spec.name, 'a spec is named after its file').toBe(basename(file).replace(/\.(ts|js|mjs)$/, ''))
        expect(spec.expect, 'a spec states what it expects').toBeDefined()
        const oracleRun = expectSpec(spec, { file, workers: 1 })
        await expect.soft(`${JSON.stringify(snapshotOf(await oracleRun.result()), null, 2)}\n`).toMatchFileSnapshot(`./snapshots/${spec.name}.json`)
        const r = await oracleRun.toMatchExpectation()

        // Parity: the parallel BFS equals the oracle, with 4 workers too on the specs named above.
        const cut = PARITY_CUT.get(file)
        const oracle = cut === undefined ? r : await check(spec, { workers: 1, maxStates: cut })
        if (cut !== undefined) expect([oracle.stopReason, oracle.properties.filter((p) => p.kind === 'sometimes' && p.verdict !== 'holds')]).toEqual(['max-states', []])
        for (const workers of FOUR_WORKERS.has(file) ? [2, 4] : [2]) {
          const par = await check(spec, { workers, specUrl: url, ...(cut === undefined ? {} : { maxStates: cut }) })
          expect(par.workers).toBe(workers)
          expect(comparable(par), `${workers} workers`).toEqual(comparable(oracle))
        }

        // DFS: the whole state space (when no early stop cut the BFS short) and the same verdicts.
        // Without the spec's deadlock setting, the oracle's run is the deadlock-free run.
        const dfs = await check(spec, { strategy: 'dfs' })
        expect(dfs.strategy).toBe('dfs')
        expect(verdicts(dfs)).toEqual(verdicts(r))
        // Liveness: a DFS's safety counterexamples differ (not the shortest), its liveness results do not.
        if (r.properties.some((p) => LIVE.has(p.kind))) {
          expect([r.complete, dfs.complete], 'a liveness spec is searched to the end').toEqual([true, true])
          expect(live(dfs)).toEqual(live(r))
          expect([dfs.liveness?.states, dfs.liveness?.edges]).toEqual([r.liveness?.states, r.liveness?.edges])
        }
        // Partial-order reduction (sleep sets) skips steps, never states, and finds each state by
        // the same first step: the same states, levels, verdicts and counterexamples, step for
        // step; fewer steps generated.
        if (spec.model.footprint) {
          const por = await check(spec, { workers: 1, por: true })
          const off = por.warnings.find((w) => w.startsWith('partial-order reduction is off'))
          if (off !== undefined) expect(off).toMatch(/liveness|view/)
          else {
            expect(pinned(por)).toEqual(pinned(r))
            expect([por.stats.distinct, por.stats.depth, por.stats.levels?.map((l) => l.distinct), por.stats.cut]).toEqual([r.stats.distinct, r.stats.depth, r.stats.levels?.map((l) => l.distinct), r.stats.cut])
            expect(por.stats.total).toBeLessThanOrEqual(r.stats.total)
          }
        }
        // Symmetry: one state per orbit gives the full search's verdicts, safety counterexample
        // lengths and depth, with no more states. Every spec whose model has a symmetry (and no
        // view) is searched the other way too: with symmetry if it asks for none, without if it
        // does. A model may refuse it for a configuration (Raft with named candidates), in a line
        // that says so.
        // (Not the search without symmetry of a spec past 10,000 orbits, raft-symmetric's 431,758
        // states and paxos-ballots2's 185,369, 8.5 CPU-s of the suite: Raft's symmetry is compared
        // with the full search in test/models/consensus/raft-symmetry.test.ts, Paxos's in
        // test/models/consensus/paxos.test.ts.)
        if (spec.model.symmetry && !spec.model.view && !(spec.symmetry === true && r.stats.distinct > 10_000)) {
          const other = await check(spec, { workers: 1, symmetry: spec.symmetry !== true }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
          if (other instanceof Error) expect(other.message).toMatch(/symmetry/)
          else {
            const [sym, full] = spec.symmetry === true ? [r, other] : [other, r]
            expect(verdicts(sym), 'verdicts under symmetry').toEqual(verdicts(full))
            expect(safetyLengths(sym), 'safety counterexample lengths under symmetry').toEqual(safetyLengths(full))
            if (sym.complete && full.complete && !sym.decidedEarly && !full.decidedEarly) expect(sym.stats.depth).toBe(full.stats.depth)
            expect(sym.stats.distinct).toBeLessThanOrEqual(full.stats.distinct)
          }
        }
        // The whole state space, searched again without the deadlock check only where a deadlock
        // stopped a run: one that found none searched every state anyway.
        const bfsAll = spec.deadlock && deadlocked(r) ? await check(spec, { workers: 1, deadlock: false }) : r
        const dfsAll = spec.deadlock && deadlocked(dfs) ? await check(spec, { strategy: 'dfs', deadlock: false }) : dfs
        if (bfsAll.complete && bfsAll.decidedEarly === false) {
          expect(dfsAll.complete).toBe(true)
          expect(dfsAll.stats.distinct).toBe(bfsAll.stats.distinct)
          expect(dfsAll.stats.total).toBe(bfsAll.stats.total)
          // Every state is begun once either way: the same states cut by the constraint.
          expect(dfsAll.stats.cut).toBe(bfsAll.stats.cut)
        }
      }, SPEC_TIMEOUT_MS)
    }
  })
}
