#!/usr/bin/env node
// `npx interleave check|replay|view|explore …`: the CLI without npm's script banner. Registers tsx's
// loader for this process (the sources are TypeScript, run without a build step) and starts the
// same entry point as the npm scripts.
import { register } from 'tsx/esm/api'
import { register as registerCommonJs } from 'tsx/cjs/api'

// Both of tsx's hooks, as `node --import tsx` (the npm scripts) registers them: a spec in a folder
// without a package.json saying "type": "module" is a CommonJS .ts file, which Node loads through
// require (with the ES-module hooks alone: "Cannot require() ES Module ... in a cycle").
registerCommonJs()
register()
await import('../src/cli/main.ts')
