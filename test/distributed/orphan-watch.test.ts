/**
 * Local worker processes end themselves once their coordinator is gone (`orphan-watch.ts`): a
 * worker stuck in a model step that never returns runs no event loop, so it never saw the
 * nats-server go, and a coordinator killed with SIGKILL left it spinning for good.
 */
import { execFileSync, spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const children = (pid: number): number[] => {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0)
  } catch {
    return [] // ps exits 1 when it lists nothing
  }
}
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
const until = async (test: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (test()) return true
  return test()
}

describe('local worker processes', () => {
  it('end once their coordinator is killed, even stuck in a step that never returns', async () => {
    // Double never returns at x = 9; the watchdog is off (it does not watch worker processes).
    const coordinator = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', 'test/parallel/fixtures/faulty.ts', '--processes', '2', '--param', 'fault=loop', '--param', 'at=9', '--step-timeout', '0', '--out', '/tmp/interleave-orphan-out'], { stdio: 'ignore' })
    const pid = coordinator.pid as number
    // The nats-server's shell and two workers, then a moment for a worker to reach x = 9.
    expect(await until(() => children(pid).length >= 3, 60_000)).toBe(true)
    await new Promise((r) => setTimeout(r, 1500))
    const left = children(pid)
    coordinator.kill('SIGKILL')
    try {
      expect(await until(() => left.every((p) => !alive(p)), 20_000)).toBe(true)
    } finally {
      // (Failing, the test leaves no process spinning.)
      for (const p of left) if (alive(p)) process.kill(p, 'SIGKILL')
    }
  }, 120_000)
})
