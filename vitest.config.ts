import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Searches are bounded by states, not time: these limits only guard against a hang, and sit far
    // above what a busy two-core machine needs (the suite must pass with other work running).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Two cores: the CLI tests spawn processes of their own, so keep vitest's own pool small.
    maxWorkers: 2,
  },
})
