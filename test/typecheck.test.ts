/**
 * The whole tree type-checks (`npm run typecheck`: `tsc --noEmit`, tsconfig.json's strict options
 * and `noUnusedLocals`): nothing ran tsc in the suite or in CI, so a type error, or an import left
 * unused, landed unseen (seven unused locals were found by hand, 2026-12-08). About 7 s here.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The project's own compiler (its `bin`, which the package's `exports` do not name). */
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

describe('the tree', () => {
  it('type-checks with no error and no unused local', () => {
    // One thread: as fast alone (7.1 s) and 8.3 CPU-s against 13.2 (the suite's two cores are busy).
    const r = spawnSync(process.execPath, [TSC, '--noEmit', '-p', '.', '--singleThreaded'], { cwd: ROOT, encoding: 'utf8' })
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('')
    expect(r.status).toBe(0)
  })
})
