import { writeFileSync, readFileSync } from 'node:fs'
import { renderTraceHtml } from './src/trace/html.ts'
import { parseItf } from './src/trace/itf.ts'
import { cluster } from './test/trace/fixtures/cluster.ts'
const t = cluster(2, 5, 60)
writeFileSync('/tmp/v/cluster.html', renderTraceHtml(t, { title: 'cluster', property: { name: 'SomeInvariant', kind: 'always' } }))
for (const n of ['paxos-lost-promise', 'paxos-livelock', 'raft-figure8', 'three-phase-commit-partition']) {
  const st = parseItf(readFileSync(`/work/wt/viewer/traces/examples/${n}.itf.json`, 'utf8'), n)
  writeFileSync(`/tmp/v/${n}.html`, renderTraceHtml(st.trace, { title: n, details: ['x'], property: { name: String(st.origin.property), kind: 'always' } }))
}
import { check } from './src/index.ts'
import buggy from './test/trace/fixtures/buggy-two-phase-commit.ts'
const r = await check(buggy as never)
const tr = r.properties.find((p) => p.name === 'TCConsistent')!.trace!
writeFileSync('/tmp/v/2pc.html', renderTraceHtml(tr, { title: '2pc', property: { name: 'TCConsistent', kind: 'always' } }))
