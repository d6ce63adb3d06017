import { chromium } from 'playwright-core'
const [w, h, ...names] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } })
page.on('console', (m) => console.log('console', m.type(), m.text()))
page.on('pageerror', (e) => console.log('pageerror', e.message))
for (const n of names) {
  await page.goto(`file:///tmp/v/${n}.html`)
  await page.screenshot({ path: `/tmp/v/${n}-${w}.png` })
  const hidden = await page.locator('[data-label="hidden"]').count()
  console.log(n, 'arrows', await page.locator('[data-arrow]').count(), 'hidden labels', hidden)
  await page.keyboard.press('End')
  await page.screenshot({ path: `/tmp/v/${n}-${w}-end.png` })
}
await browser.close()
