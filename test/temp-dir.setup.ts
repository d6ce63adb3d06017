/**
 * One temporary directory per `npm test`, removed when the run ends, pass or fail: every test
 * that makes a directory with `mkdtempSync(join(tmpdir(), …))`, and every CLI, worker process,
 * nats-server or browser a test starts, writes under it (TMPDIR is read by `os.tmpdir()` and
 * inherited by child processes). Without it each run left some 1,500 directories in /tmp, 65 MB
 * of them from the 200,000-state trace of test/cli/deep-run.test.ts.
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
