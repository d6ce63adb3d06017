/**
 * The trace viewer at scale, in headless Chromium (one launch for the file): a 3-node, a 5-node
 * and a 7-node × 60-step trace, each at 1400×900 and on a laptop screen (1280×720). Asserted from
 * the DOM (getBoundingClientRect), not from pixels: up to 5 lifelines (7 at 1400 px) fit without
 * scrolling sideways; every lifeline header can be scrolled into view
 * and is then inside the window and not under the sticky step column; the headers and the step
 * column stay put when the diagram scrolls; no two labels in the diagram overlap; the violating
 * step carries the property's name; the page logs no error. Then the state panel: nested changes
 * highlighted, the variable filter and "hide unchanged". Then arrow labels where arrows cross or
 * end at a crash: Chromium's boxes, halo included, apart and inside the boxes placement assumed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Trace } from '../../src/core/result.ts'
import { renderTraceHtml } from '../../src/trace/html.ts'
import { parseItf } from '../../src/trace/itf.ts'
import { labelBox } from '../../src/trace/sequence-svg.ts'
import { CROWDED, counterexample } from './fixtures/counterexample.ts'
import { cluster } from './fixtures/cluster.ts'
import { walk } from './fixtures/walk.ts'
import buggy from './fixtures/buggy-two-phase-commit.ts'
import type { AnySpec } from '../../src/core/spec.ts'

let browser: Browser
let page: Page
const errors: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'interleave-viewer-'))

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  page = await browser.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Case {
  readonly name: string
  readonly nodes: number
  readonly trace: () => Trace
  readonly property: string
}

const lostPromise = (): Trace => {
  const path = 'traces/examples/paxos-lost-promise.itf.json'
  return parseItf(readFileSync(path, 'utf8'), path).trace
}
const twoPhase = (): Trace =>
  walk(buggy as AnySpec, ['RMPrepare(r1)', 'TMRcvPrepared(r1)', 'TMCommit', 'RMRcvCommitMsg(r1)', 'RMChooseToAbort(r2)'])

const CASES: readonly Case[] = [
  { name: '2pc', nodes: 4, trace: twoPhase, property: 'TCConsistent' },
  { name: 'paxos', nodes: 5, trace: lostPromise, property: 'Agreement' },
  { name: 'cluster', nodes: 7, trace: () => cluster(2, 5, 60), property: 'NoLostWrite' },
]
const SCREENS = [
  [1400, 900],
  [1280, 720],
] as const

type Rect = { left: number; top: number; right: number; bottom: number; width: number; height: number }

async function open(c: Case): Promise<Trace> {
  const trace = c.trace()
  const file = join(dir, `${c.name}.html`)
  writeFileSync(file, renderTraceHtml(trace, { title: `${c.property} violated`, property: { name: c.property, kind: 'always' } }))
  errors.length = 0
  await page.goto(`file://${file}`)
  return trace
}

const rectOf = (sel: string): Promise<Rect> =>
  page.locator(sel).first().evaluate((e) => {
    const r = e.getBoundingClientRect()
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }
  })

/** Pairs of diagram labels whose boxes overlap by more than half a pixel. */
const overlappingLabels = (): Promise<string[]> =>
  page.locator('.seq .msg-label, .seq .band-label, .seq .viol-label').evaluateAll((els) => {
    const boxes = els
      .map((e) => ({ text: e.textContent ?? '', r: e.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.r.height > 0)
    const out: string[] = []
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r
        const b = boxes[j]!.r
        if (a.left + 0.5 < b.right && b.left + 0.5 < a.right && a.top + 0.5 < b.bottom && b.top + 0.5 < a.bottom) out.push(`${boxes[i]!.text} / ${boxes[j]!.text}`)
      }
    }
    return out
  })

describe('trace viewer at scale (headless Chromium)', () => {
  for (const c of CASES) {
    for (const [width, height] of SCREENS) {
      it(`${c.name} (${c.nodes} nodes) at ${width}×${height}: every lifeline reachable, headers and steps sticky, no overlapping labels, violation marked`, async () => {
        await page.setViewportSize({ width, height })
        const trace = await open(c)
        const n = trace.steps.length
        const heads = await page.locator('[data-lifeline-head]').all()
        expect(heads.length).toBe(c.nodes)
        const diagram = await rectOf('#diagram')
        expect(diagram.right).toBeLessThanOrEqual(width)
        // Up to 5 lifelines fit at 1280 px and 7 at 1400 px without scrolling sideways.
        if (c.nodes <= 5 || width >= 1400) {
          const rights = await page.locator('[data-lifeline-head]').evaluateAll((es) => es.map((e) => e.getBoundingClientRect().right))
          expect(Math.max(...rights)).toBeLessThanOrEqual(diagram.right)
        }
        for (const h of heads) {
          await h.scrollIntoViewIfNeeded()
          const r = await h.evaluate((e) => e.getBoundingClientRect().toJSON() as Rect)
          const steps = await rectOf('.steps-col')
          const name = await h.textContent()
          // Inside the window and the diagram's box, and not under the sticky step column.
          expect(r.left, name ?? '').toBeGreaterThanOrEqual(steps.right - 1)
          expect(r.right, name ?? '').toBeLessThanOrEqual(Math.min(width, diagram.right) + 1)
          expect(r.top, name ?? '').toBeGreaterThanOrEqual(diagram.top)
          expect(r.bottom, name ?? '').toBeLessThanOrEqual(height)
        }
        // Scrolled to the far corner, the headers stay at the top and the steps at the left.
        await page.locator('#diagram').evaluate((e) => e.scrollTo(e.scrollWidth, e.scrollHeight))
        const head = await rectOf('.seq-head')
        const col = await rectOf('.steps-col')
        expect(Math.abs(head.top - diagram.top)).toBeLessThanOrEqual(2)
        expect(Math.abs(col.left - diagram.left)).toBeLessThanOrEqual(2)
        expect(await overlappingLabels()).toEqual([])
        // The violating (last) step: its row, its name in the diagram, the banner once there.
        expect(await page.getAttribute(`.row[data-step="${n - 1}"]`, 'class')).toContain('violating')
        expect(await page.locator(`.seq [data-violation="${c.property}"]`).count()).toBe(1)
        expect(await page.isVisible('#violation')).toBe(false)
        await page.keyboard.press('End')
        expect(await page.isVisible('#violation')).toBe(true)
        expect(await page.textContent('#violation')).toContain(c.property)
        // The current row is scrolled into view below the sticky header.
        const row = await rectOf(`.row[data-step="${n - 1}"]`)
        expect(row.top).toBeGreaterThanOrEqual(head.bottom - 1)
        expect(row.bottom).toBeLessThanOrEqual(diagram.bottom + 1)
        expect(errors).toEqual([])
      })
    }
  }

  it('draws arrow labels apart, halo included, within the boxes placed, over every arrow (crossing arrows, a crash)', async () => {
    await page.setViewportSize({ width: 1400, height: 900 })
    for (const { spec, property } of CROWDED.slice(0, 2)) {
      const trace = await counterexample(spec, property)
      const file = join(dir, `${spec.name}.html`)
      writeFileSync(file, renderTraceHtml(trace, { title: `${property} violated`, property: { name: property, kind: 'always' } }))
      await page.goto(`file://${file}`)
      const labels = await page.locator('.seq .msg-label').evaluateAll((els) =>
        els.map((e) => {
          const t = e as unknown as { getBBox(): { x: number; y: number; width: number; height: number }; getAttribute(n: string): string | null; textContent: string | null }
          const b = t.getBBox()
          // The halo: the letters' white stroke, half of it outside them (no DOM types here).
          const style = (globalThis as unknown as { getComputedStyle(e: unknown): { strokeWidth: string } }).getComputedStyle(e)
          const h = parseFloat(style.strokeWidth) / 2
          return { text: t.textContent ?? '', x: Number(t.getAttribute('x')), y: Number(t.getAttribute('y')), x1: b.x - h, y1: b.y - h, x2: b.x + b.width + h, y2: b.y + b.height + h }
        }),
      )
      expect(labels.length, spec.name).toBeGreaterThan(2)
      for (const l of labels) {
        const box = labelBox(l.x, l.y, l.text)
        expect(l.x1 >= box.x1 - 0.1 && l.y1 >= box.y1 - 0.1 && l.x2 <= box.x2 + 0.1 && l.y2 <= box.y2 + 0.1, `${spec.name}: ${l.text} drawn in ${JSON.stringify(l)}, placed in ${JSON.stringify(box)}`).toBe(true)
      }
      const met = labels.flatMap((a, i) => labels.slice(i + 1).flatMap((b) => (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2 ? [`${a.text} / ${b.text}`] : [])))
      expect(met, spec.name).toEqual([])
      // No arrow's line comes after a label in the document (it would be painted over it).
      const after = await page.locator('.seq .msg-label').first().evaluate((first) => [...first.ownerDocument.querySelectorAll('.seq [data-arrow] line')].filter((l) => first.compareDocumentPosition(l) & 4).length)
      expect(after, spec.name).toBe(0)
    }
    expect(errors).toEqual([])
  })

  it('shows each step label whole on hover, and nested changes highlighted, filtered and hidden', async () => {
    await page.setViewportSize({ width: 1280, height: 720 })
    const trace = await open(CASES[1] as Case)
    // Full labels on hover: the row's title is the whole action, however long.
    const label = await page.locator('.row[data-step="7"] .label').textContent()
    expect(label).toBe('Deliver(Promise(0, null, 1) a1→p1)')
    expect(await page.getAttribute('.row[data-step="7"]', 'title')).toBe(label)
    // Step 16 (a1 accepts (1, v1)): the changed leaves are highlighted, not whole variables.
    await page.keyboard.press('End')
    expect(await page.locator('#vars tr.changed').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-var')))).toEqual(['acceptors', 'net', 'votes'])
    expect(await page.locator('#vars tr[data-var="acceptors"] .chg').allTextContents()).toEqual(['1', '1', 'v1'])
    expect(await page.locator('#vars tr[data-var="votes"] .added').allTextContents()).toEqual(['{acc: a1, n: 1, v: v1}'])
    expect(await page.locator('#vars tr[data-var="net"] .added').count()).toBe(1)
    await page.check('#hide-unchanged')
    expect(await page.locator('#vars tbody tr').count()).toBe(3)
    await page.fill('#filter', 'acc')
    expect(await page.locator('#vars tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-var')))).toEqual(['acceptors'])
    // Typing in the filter does not move the step; the filter holds as steps change.
    await page.keyboard.press('k')
    expect(await page.getAttribute('body', 'data-current-step')).toBe(String(trace.steps.length - 1))
    expect(await page.inputValue('#filter')).toBe('acck')
    await page.fill('#filter', 'acc')
    await page.keyboard.press('Escape')
    await page.keyboard.press('k')
    expect(await page.getAttribute('body', 'data-current-step')).toBe(String(trace.steps.length - 2))
    await page.keyboard.press('/')
    expect(await page.locator('#filter').evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true)
    await page.keyboard.press('Escape')
    await page.uncheck('#hide-unchanged')
    await page.keyboard.press('Home')
    expect(await page.locator('#vars tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-var')))).toEqual(['acceptors'])
    expect(errors).toEqual([])
  })
})
