/**
 * Records how long each test file and each golden spec took, from a vitest JSON report, so that
 * the suite can order and split its work by measured seconds (vitest.config.ts starts the slowest
 * files first; test/golden/golden.ts balances its shards). Not a benchmark: rough seconds, only
 * used for scheduling, which is why a busy machine's figures are good enough.
 *
 *   npx vitest run --reporter=json --outputFile=/tmp/report.json
 *   node --import tsx bench/suite-timings.ts /tmp/report.json
 *
 * Writes test/timings/files.json and test/timings/specs.json (keys sorted, one decimal, so a
 * re-run shows as a small diff). A file or spec missing from them is estimated (see their readers).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'

interface Report {
  testResults: { name: string; startTime: number; endTime: number; assertionResults: { title: string; duration?: number }[] }[]
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const reportFile = process.argv[2]
if (!reportFile) {
  console.error('usage: node --import tsx bench/suite-timings.ts <vitest-json-report>')
  process.exit(2)
}
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report
const files: Record<string, number> = {}
const specs: Record<string, number> = {}
const round = (s: number): number => Math.round(s * 10) / 10
for (const f of report.testResults) {
  const name = relative(ROOT, f.name)
  files[name] = round((f.endTime - f.startTime) / 1000)
  if (!name.startsWith('test/golden/')) continue
  for (const t of f.assertionResults) if (t.title.startsWith('specs/')) specs[t.title] = round((t.duration ?? 0) / 1000)
}
const sorted = (o: Record<string, number>): string => `${JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))), null, 1)}\n`
writeFileSync(`${ROOT}/test/timings/files.json`, sorted(files))
writeFileSync(`${ROOT}/test/timings/specs.json`, sorted(specs))
console.log(`${Object.keys(files).length} files (${round(Object.values(files).reduce((a, b) => a + b, 0))} s), ${Object.keys(specs).length} specs (${round(Object.values(specs).reduce((a, b) => a + b, 0))} s)`)
