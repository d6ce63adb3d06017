import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: the CLI tests spawn processes of their own, so keep vitest's own pool small.
    maxWorkers: 2,
  },
})
