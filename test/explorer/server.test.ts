/**
 * The explorer's HTTP server on a real socket (port 0, in process) and the `explore` command in a
 * child process: the page and API are served on 127.0.0.1, other Host headers are refused, a port
 * in use is a one-line error with exit code 2, and SIGTERM closes the server and exits 0.
 */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AnySpec } from '../../src/core/spec.ts'
import type { RunningExplorer } from '../../src/explorer/server.ts'
import { startExplorer } from '../../src/explorer/server.ts'
import { ExplorerSession } from '../../src/explorer/session.ts'
import { ROOT, cli } from '../cli/run-cli.ts'
import { commandInProcess } from '../cli/run-in-process.ts'
import { run as explore } from '../../src/cli/explore-command.ts'
import twoStarts from './fixtures/two-starts.ts'

let server: RunningExplorer
const session = new ExplorerSession(twoStarts as AnySpec)

beforeAll(async () => {
  server = await startExplorer(session, 0)
})
afterAll(async () => {
  await server?.close()
})

describe('explorer server', () => {
  it('listens on 127.0.0.1 and serves the page and the API', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
    expect(server.port).toBeGreaterThan(0)
    const page = await fetch(`${server.url}?path=0.0`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await page.text()).toContain('<title>Interleave explorer</title>')
    const s = await fetch(`${server.url}api/state?path=1.1`)
    expect(s.status).toBe(200)
    expect(((await s.json()) as { variables: unknown }).variables).toEqual([
      { name: 'x', value: '0', changed: true },
      { name: 'tag', value: 'b', changed: false },
    ])
    const bad = await fetch(`${server.url}api/state?path=1.9`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'path 1.9: step 1 has no action 9 (the state has 2 enabled, 0 to 1)' })
    expect((await fetch(`${server.url}favicon.ico`)).status).toBe(404)
  })

  it('answers a path over its limit in JSON, however long its URL (not a bare 431 from the header limit)', async () => {
    const long = await fetch(`${server.url}api/state?path=1${'.65535'.repeat(10_001)}`)
    expect(long.status).toBe(400)
    expect(await long.json()).toEqual({ error: 'path of 10001 steps: at most 10000' })
    // 10,000 steps are within it (the first entry picks the initial state): this path fails at its
    // first step, not on its length.
    const most = await fetch(`${server.url}api/state?path=0${'.65535'.repeat(10_000)}`)
    expect(await most.json()).toEqual({ error: expect.stringMatching(/^path .*: step 1 has no action 65535/) })
  })

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number | undefined>((done, fail) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/info', headers: { host: 'attacker.example:80' } }, (res) => {
        res.resume()
        done(res.statusCode)
      })
      req.on('error', fail)
      req.end()
    })
    expect(status).toBe(403)
  })

  it('reports a port in use as a usage error naming it', async () => {
    await expect(startExplorer(session, server.port)).rejects.toThrow(`port ${server.port} is in use (choose another with port N, or port 0 for a free one)`)
  })
})

describe('explore command', () => {
  it('refuses a missing spec, a bad --port, a folder and a bad --param: one line, exit 2', async () => {
    for (const [args, line] of [
      [['explore', 'specs/nope.ts'], 'error: specs/nope.ts: no such file or folder'],
      [['explore', 'specs/three-phase-commit-partition.ts', '--port', 'x'], 'error: --port x: expected a port number, 0 to 65535'],
      [['explore', 'specs/'], 'error: specs/: a folder; explore one spec (a file or a spec name)'],
      [['explore', 'specs/two-phase-commit.ts', '--param', 'rms'], 'error: --param rms: expected key=value'],
    ] as const) {
      // The first through the real process, the others in this one (a spawn costs 1 to 2 CPU-s).
      const r = args[1] === 'specs/nope.ts' ? cli(args) : await commandInProcess(explore, args.slice(1))
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toBe(`${line}\n`)
    }
  })

  it('prints the URL, serves it, and closes cleanly on SIGTERM (exit 0)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'explore', 'test/explorer/fixtures/two-starts.ts', '--port', '0', '--param', 'max=4'], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString()
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)
        if (m) done(m[1] as string)
      })
      child.on('close', () => fail(new Error(`exited before serving: ${stderr}`)))
    })
    const info = (await (await fetch(`${url}api/info`)).json()) as { params: unknown }
    expect(info.params).toEqual({ max: 4 })
    const code = await new Promise<number | null>((done) => {
      child.on('close', (c) => done(c))
      child.kill('SIGTERM')
    })
    expect(code).toBe(0)
    expect(stdout).toBe(`exploring two-starts at ${url}  (Ctrl-C to stop)\nexplorer stopped\n`)
    expect(stderr).toBe('')
  })
})
