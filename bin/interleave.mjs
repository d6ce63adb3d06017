#!/usr/bin/env node
// `npx interleave check|replay|view|explore …`: the CLI without npm's script banner. Registers tsx's
// loader for this process (the sources are TypeScript, run without a build step) and starts the
// same entry point as the npm scripts.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
