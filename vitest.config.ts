import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer } from 'vitest/node'
import type { TestSpecification } from 'vitest/node'

/** Seconds each test file took when last measured (bench/suite-timings.ts writes them). */
const seconds = JSON.parse(readFileSync(new URL('./test/timings/files.json', import.meta.url), 'utf8')) as Record<string, number>

/**
 * Slowest files first, by measured seconds, so that two workers end together: vitest's own order
 * comes from a cache that a fresh clone (CI) does not have, where it starts the largest files,
 * and the golden shards, four lines each but most of the suite's time, would start last. A file
 * not measured yet counts as a few seconds, ahead of the many small ones.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cost = (f: TestSpecification): number => seconds[relative(process.cwd(), f.moduleId)] ?? 3
    return [...files].sort((a, b) => cost(b) - cost(a) || a.moduleId.localeCompare(b.moduleId))
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/temp-dir.setup.ts'],
    // Searches are bounded by states, not time: these limits only guard against a hang, and sit far
    // above what a busy two-core machine needs (the suite must pass with other work running).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Two cores: the CLI tests spawn processes of their own, so keep vitest's own pool small.
    maxWorkers: 2,
    // Test files share their vitest worker's modules (no fresh module graph per file). Each file
    // used to import and compile the checker again: 46.5 s of imports over the suite's 111 files,
    // against 9.6 s shared. Idle suite, one run each: 5:07 wall / 539 CPU-s isolated, 3:54 / 428
    // shared. What a file leaves behind must not matter to the next: the checker's caches are
    // exact by design, and the two tests that count threads close the idle pools first.
    isolate: false,
    sequence: { sequencer: SlowestFirst },
  },
})
