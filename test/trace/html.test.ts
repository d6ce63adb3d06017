/**
 * The HTML viewer in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * it draws the right lifelines, arrows and fault marks, navigates with the keyboard, and loads
 * nothing from the network.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AnySpec } from '../../src/core/spec.ts'
import { check } from '../../src/index.ts'
import { renderTraceHtml } from '../../src/trace/html.ts'
import { renderReportHtml } from '../../src/trace/report-html.ts'
import buggy from './fixtures/buggy-two-phase-commit.ts'
import { faultyEcho } from './fixtures/walk.ts'

let browser: Browser
let page: Page
const requests: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'interleave-html-'))

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  page.on('request', (r) => requests.push(r.url()))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function open(html: string, name: string): Promise<void> {
  const file = join(dir, name)
  writeFileSync(file, html)
  requests.length = 0
  await page.goto(`file://${file}`)
}

const count = (sel: string): Promise<number> => page.locator(sel).count()
const current = async (): Promise<string | null> => page.getAttribute('body', 'data-current-step')

describe('HTML trace viewer (headless Chromium)', () => {
  it('draws lifelines, message arrows and every kind of fault of a src/net trace', async () => {
    const trace = faultyEcho()
    await open(renderTraceHtml(trace, { title: 'faults' }), 'faults.html')
    expect(await count('svg [data-lifeline]')).toBe(2)
    expect(await count('svg [data-arrow]')).toBe(4)
    expect(await count('svg [data-arrow][data-fate="dropped"]')).toBe(2)
    expect(await count('svg [data-arrow][data-fate="in-flight"]')).toBe(1)
    for (const kind of ['crash', 'restart', 'partition', 'heal']) expect(await count(`svg [data-mark="${kind}"]`), kind).toBe(1)
    expect(await count('svg [data-mark="timeout"]')).toBe(2)
    expect(await count('svg [data-down="server"]')).toBe(1)
    expect(await count('.steps-col .row[data-step]')).toBe(trace.steps.length)
    expect(await count('[data-lifeline-head]')).toBe(2)
    const png = join(dir, 'faults.png')
    await page.screenshot({ path: png, fullPage: true })
    expect(statSync(png).size).toBeGreaterThan(10_000)
    // Self-contained: nothing but the page itself was requested.
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([])
  })

  it('moves the current step with ←/→ and j/k, Home/End, and clicks; highlights what changed', async () => {
    const r = await check(buggy as AnySpec)
    const trace = r.properties.find((p) => p.name === 'TCConsistent')?.trace
    if (!trace) throw new Error('no counterexample')
    await open(renderTraceHtml(trace, { title: 'TCConsistent violated' }), '2pc.html')
    // r3 has a lifeline too (a key of rmState), though no step concerns it.
    expect(await count('svg [data-lifeline]')).toBe(4)
    expect(await count('svg [data-arrow]')).toBe(2)
    expect(await current()).toBe('0')
    expect(await count('#vars tr.changed')).toBe(0)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await current()).toBe('2')
    expect(await page.textContent('#step-title')).toBe('Step 3: TMRcvPrepared(r1)')
    expect(await page.locator('#vars tr.changed td:first-child').allTextContents()).toEqual(['tmPrepared'])
    expect(await page.locator('#changes li').allTextContents()).toEqual(['tmPrepared: + r1'])
    await page.keyboard.press('j')
    expect(await current()).toBe('3')
    expect(await page.getAttribute('.row[data-step="3"]', 'class')).toContain('current')
    await page.keyboard.press('k')
    await page.keyboard.press('ArrowLeft')
    expect(await current()).toBe('1')
    await page.keyboard.press('End')
    expect(await current()).toBe('5')
    await page.keyboard.press('ArrowRight') // stays on the last step
    expect(await current()).toBe('5')
    await page.keyboard.press('Home')
    expect(await current()).toBe('0')
    await page.click('.row[data-step="4"] .label')
    expect(await current()).toBe('4')
  })

  it('marks the loop of a lasso, and falls back to a step list when no node can be inferred', async () => {
    const lasso = {
      steps: [
        { action: null, state: { x: 0 } },
        { action: { name: 'Tick' }, state: { x: 1 } },
        { action: { name: 'Tock' }, state: { x: 2 } },
      ],
      loopStart: 1,
    }
    await open(renderTraceHtml(lasso, { title: 'lasso' }), 'lasso.html')
    expect(await count('svg')).toBe(0)
    expect(await count('#steps li[data-step]')).toBe(3)
    expect(await count('#steps li.loop-start[data-step="1"]')).toBe(1)
    expect(await page.textContent('[data-loop-note]')).toContain('from step 2 it repeats forever')
    // "Why the loop is fair" lines up with the loop's note, not with the page's edge (its
    // disclosure triangle was drawn at x = 0, half cut off).
    await open(renderTraceHtml({ ...lasso, closing: { name: 'Back' }, fairness: ['WF(Tick): taken at step 2'] }, { title: 'lasso' }), 'lasso-fair.html')
    const left = async (sel: string) => (await page.locator(sel).boundingBox())!.x
    expect(await left('.loop-fair summary')).toBe(await left('[data-loop-note]'))
    await open(renderTraceHtml(lasso, { title: 'lasso' }), 'lasso.html')
    await page.keyboard.press('ArrowRight')
    expect(await count('#steps li.current[data-step="1"]')).toBe(1)
    // With nodes, the loop is drawn as a bracket in the diagram.
    const withNodes = { ...faultyEcho(), loopStart: 3 }
    await open(renderTraceHtml(withNodes, { title: 'lasso' }), 'lasso2.html')
    expect(await count('svg [data-loop="3"]')).toBe(1)
  })

  it('renders the run report with the verdicts and links to each counterexample', async () => {
    const r = await check(buggy as AnySpec)
    await open(renderReportHtml(r, new Map([['TCConsistent', { html: 'TCConsistent.html', txt: 'TCConsistent.txt', itf: 'TCConsistent.itf.json' }]])), 'report.html')
    // TypeOK, TCConsistent, TMDecisionSent, AllCommitted, AllAborted.
    expect(await count('[data-property]')).toBe(5)
    expect(await page.getAttribute('[data-trace-link="TCConsistent"]', 'href')).toBe('TCConsistent.html')
    expect(await count('[data-action]')).toBe(7)
    // The BFS records per-level counts: one bar per entry.
    expect(await count('[data-level]')).toBe(r.stats.levels!.length)
    const withLevels = { ...r, stats: { ...r.stats, levels: [{ distinct: 1, total: 1 }, { distinct: 5, total: 7 }] } }
    await open(renderReportHtml(withLevels), 'report2.html')
    expect(await count('[data-level]')).toBe(2)
    const { levels: _none, ...withoutLevels } = r.stats
    await open(renderReportHtml({ ...r, stats: withoutLevels }), 'report3.html')
    expect(await count('[data-levels="none"]')).toBe(1)
  })
})
