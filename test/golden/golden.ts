/**
 * The golden test over every spec in specs/ (found on disk when the test file loads, so new specs
 * are covered without editing this file): the result must match the spec's own `expect` block
 * (verdicts, counterexample lengths, counts, depth), and the verdicts plus every counterexample's
 * length and action labels are pinned in a snapshot, so any change to a model or to the checker
 * that alters a reported trace shows up in review (`npx vitest run test/golden -u` to accept).
 * One snapshot file per spec (`snapshots/<spec>.json`), so the split below can change freely.
 *
 * The specs are split over four test files (`specs.test.ts`, `specs.part2..4.test.ts`) so vitest's
 * workers check them side by side; more files than workers lets a worker that finishes early take
 * the next file while another is busy with a slow spec.
 */
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionLabel } from '../../src/index.ts'
import { loadSpecFile, specFiles } from '../../src/cli/load-spec.ts'
import type { CheckResult } from '../../src/index.ts'
import { expectSpec } from '../../src/testing/index.ts'

export const SHARDS = 4

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

export function goldenSuite(shard: number): void {
  const files = specFiles().filter((_, i) => i % SHARDS === shard)
  describe(`golden: specs/ (part ${shard + 1} of ${SHARDS})`, () => {
    it('finds specs', () => {
      expect(specFiles().length).toBeGreaterThan(0)
    })
    for (const file of files) {
      it(file, async () => {
        const { spec } = await loadSpecFile(file)
        expect(spec.name, 'a spec is named after its file').toBe(basename(file).replace(/\.(ts|js|mjs)$/, ''))
        expect(spec.expect, 'a spec states what it expects').toBeDefined()
        const r = await expectSpec(spec, { file }).toMatchExpectation()
        await expect(`${JSON.stringify(pinned(r), null, 2)}\n`).toMatchFileSnapshot(`./snapshots/${spec.name}.json`)
      })
    }
  })
}
