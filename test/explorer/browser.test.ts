/**
 * The explorer end to end in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core, as test/trace/html.test.ts does; one browser launch): the 3PC partition
 * counterexample, found by the checker, is walked by clicking its actions in the page and ends on
 * a state where AtomicCommit shows as violated; then back, the browser's history, a reload of the
 * shared URL, and the same counterexample loaded as an ITF file and continued from one of its
 * steps; and the choice among several initial states.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actionLabel } from '../../src/core/action.ts'
import type { Trace } from '../../src/core/result.ts'
import type { AnySpec } from '../../src/core/spec.ts'
import type { RunningExplorer } from '../../src/explorer/server.ts'
import { startExplorer } from '../../src/explorer/server.ts'
import { ExplorerSession } from '../../src/explorer/session.ts'
import { check } from '../../src/index.ts'
import { traceToItfJson } from '../../src/trace/itf.ts'
import threePhasePartition from '../../specs/three-phase-commit-partition.ts'
import twoStarts from './fixtures/two-starts.ts'

const spec = threePhasePartition as AnySpec
const PROPERTY = 'AtomicCommit'
let browser: Browser
let page: Page
let server: RunningExplorer
let trace: Trace
const consoleErrors: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'interleave-explorer-'))

beforeAll(async () => {
  const r = await check(spec)
  const found = r.properties.find((p) => p.name === PROPERTY)
  if (found?.verdict !== 'violated' || !found.trace) throw new Error(`expected ${PROPERTY} to be violated`)
  trace = found.trace
  server = await startExplorer(new ExplorerSession(spec, {}, 'specs/three-phase-commit-partition.ts'), 0)
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The tab's sessionStorage, as the page's scripts see it (no DOM types here). */
type TabStorage = { getItem(k: string): string | null; setItem(k: string, v: string): void }

/** Waits until the page has rendered `path` (the page sets `body[data-path]` when done). */
const shown = (path: string): Promise<unknown> => page.waitForSelector(`body[data-path="${path}"]`, { state: 'attached' })
const status = (property: string): Promise<string | null> => page.getAttribute(`#properties [data-property="${property}"]`, 'data-status')

describe('explorer in headless Chromium', () => {
  it('walks the 3PC partition counterexample by clicking actions and ends on AtomicCommit violated', async () => {
    expect(trace.steps.length).toBe(12)
    await page.goto(server.url)
    // One initial state: the page goes straight to it.
    await shown('0')
    expect(await status(PROPERTY)).toBe('holds')
    let path = '0'
    for (const step of trace.steps.slice(1)) {
      const label = actionLabel(step.action!)
      const labels = await page.locator('#steps button[data-step-index]').evaluateAll((bs) => bs.map((b) => (b as unknown as { dataset: { label: string } }).dataset.label))
      const at = labels.flatMap((l, i) => (l === label ? [i] : []))
      expect(at, `${label} among ${labels.join(', ')}`).toHaveLength(1)
      expect(await status(PROPERTY), `before ${label}`).toBe('holds')
      await page.click(`#steps button[data-step-index="${at[0]}"]`)
      path = `${path}.${at[0]}`
      await shown(path)
    }
    expect(await status(PROPERTY)).toBe('violated')
    expect(await page.locator('#trail li').count()).toBe(12)
    expect(await page.textContent('#trail li.current')).toBe(actionLabel(trace.steps[11]!.action!))
    // The URL carries the path: it is the link to share.
    expect(new URL(page.url()).searchParams.get('path')).toBe(path)
    expect(await page.getAttribute('#share', 'href')).toBe(page.url())

    // Back (the button), then the browser's own history forward and back.
    const parent = path.slice(0, path.lastIndexOf('.'))
    await page.click('#back')
    await shown(parent)
    expect(await status(PROPERTY)).toBe('holds')
    await page.goBack()
    await shown(path)
    expect(await status(PROPERTY)).toBe('violated')

    // Reloading the shared URL in a fresh navigation restores the same state.
    const shared = page.url()
    await page.goto('about:blank')
    await page.goto(shared)
    await shown(path)
    expect(await status(PROPERTY)).toBe('violated')
    expect(await page.locator('#trail li').count()).toBe(12)

    // The same counterexample as an ITF file: matched step by step, the page goes to its end;
    // from its 4th state the user continues with another action.
    const origin = { spec: spec.name, model: spec.model.name, params: { participants: 2, partitions: 1 }, property: PROPERTY, propertyKind: 'always', verdict: 'violated' }
    const file = join(dir, `${PROPERTY}.itf.json`)
    writeFileSync(file, traceToItfJson(trace, origin))
    await page.goto(`${server.url}?path=0`)
    await shown('0')
    await page.setInputFiles('#trace-file', file)
    await shown(path)
    expect(await page.isVisible('#trace-panel')).toBe(true)
    expect(await page.locator('#trace-steps button[data-trace-step]').count()).toBe(12)
    expect(await page.textContent('#trace-notes')).toBe('')
    const fourth = path.split('.').slice(0, 4).join('.')
    await page.click('#trace-steps button[data-trace-step="3"]')
    await shown(fourth)
    expect(await page.locator('#trace-steps li.current').count()).toBe(1)
    const steps = await page.locator('#steps button[data-step-index]').count()
    expect(steps).toBeGreaterThan(0)
    await page.click(`#steps button[data-step-index="${steps - 1}"]`)
    await shown(`${fourth}.${steps - 1}`)
    // The keys: Backspace goes back, a digit takes that step.
    await page.keyboard.press('Backspace')
    await shown(fourth)
    await page.keyboard.press('0')
    await shown(`${fourth}.0`)
    expect(consoleErrors).toEqual([])

    // A path that names a missing step: the API's one-line message, shown in the page.
    await page.goto(`${server.url}?path=0.99`)
    await page.waitForSelector('#error:not([hidden])')
    expect(await page.textContent('#error')).toBe('path 0.99: step 1 has no action 99 (the state has 6 enabled, 0 to 5)')
    await page.screenshot({ path: join(dir, 'explorer.png') })
  })

  // The same port may serve another spec after a restart: a trace kept from the first named its
  // steps by paths of the other (a helper's tour: "step 4 has no action 2", or unrelated states).
  it('keeps a loaded trace across reloads of the spec it was loaded for, and drops it for another', async () => {
    await page.goto(`${server.url}?path=0`)
    await shown('0')
    expect(await page.isVisible('#trace-panel')).toBe(true)
    await page.evaluate(() => {
      const store = (globalThis as unknown as { sessionStorage: TabStorage }).sessionStorage
      const kept = JSON.parse(store.getItem('interleave-explorer-trace') ?? 'null') as { served: string }
      kept.served = JSON.stringify(['another-spec'])
      store.setItem('interleave-explorer-trace', JSON.stringify(kept))
    })
    await page.reload()
    await shown('0')
    expect(await page.isVisible('#trace-panel')).toBe(false)
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: TabStorage }).sessionStorage.getItem('interleave-explorer-trace'))).toBeNull()
  })

  it('lets the user choose among several initial states', async () => {
    const other = await startExplorer(new ExplorerSession(twoStarts as AnySpec), 0)
    try {
      await page.goto(other.url)
      await page.waitForSelector('#inits-panel:not([hidden])')
      expect(await page.locator('#inits button').allTextContents()).toEqual(['{x: 0, tag: a}', '{x: 2, tag: b}'])
      await page.locator('#inits button').nth(1).click()
      await shown('1')
      expect(await page.locator('#steps button[data-step-index]').allTextContents()).toEqual(['Inc', 'Reset'])
      await page.click('#steps button[data-step-index="0"]')
      await shown('1.0')
      expect(await status('Small')).toBe('violated')
      expect(await page.isVisible('#constraint-note')).toBe(true)
      // A trail entry goes to its state (the API numbers the trail; the page cuts its path).
      await page.click('#trail li[data-trail-index="0"] button')
      await shown('1')
      await page.goBack()
      await shown('1.0')
      // Back from an initial state returns to the choice.
      await page.click('#back')
      await shown('1')
      await page.click('#back')
      await page.waitForSelector('#inits-panel:not([hidden])')
      expect(await page.getAttribute('body', 'data-path')).toBe('')

      // A path with leading zeros shows its state under the canonical URL, the link to share.
      await page.goto(`${other.url}?path=01.000`)
      await shown('1.0')
      expect(new URL(page.url()).searchParams.get('path')).toBe('1.0')
      expect(await page.getAttribute('#share', 'href')).toBe(page.url())
    } finally {
      await other.close()
    }
  })
})
