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
