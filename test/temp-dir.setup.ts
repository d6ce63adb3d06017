/**
 * One temporary directory per `npm test`, removed when the run ends, pass or fail: every test
 * that makes a directory with `mkdtempSync(join(tmpdir(), …))`, and every CLI, worker process,
 * nats-server or browser a test starts, writes under it (TMPDIR is read by `os.tmpdir()` and
 * inherited by child processes). Without it each run left 99 entries in /tmp, 69 MB (63 MB of
 * them the trace of test/cli/deep-run.test.ts's 200,000-state counterexample): 3.2 GB had
 * gathered on the development machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-test-'))
  const before = process.env.TMPDIR
  process.env.TMPDIR = dir
  return () => {
    if (before === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = before
    rmSync(dir, { recursive: true, force: true })
  }
}
