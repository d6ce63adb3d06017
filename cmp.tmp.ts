import { check } from '/work/wt/plive/src/index.ts'
const files = process.argv.slice(2)
for (const f of files) {
  const url = new URL('file:///work/wt/plive/specs/' + f).href
  const spec = (await import(url)).default
  const rs = []
  for (const w of [1, 2, 4]) {
    const t0 = process.cpuUsage()
    const r = await check(spec, { workers: w, specUrl: url })
    const c = process.cpuUsage(t0)
    rs.push(r)
    console.log(f, w, r.properties.map((p) => p.name + ':' + p.verdict + (p.trace ? `/${p.trace.steps.length}@${p.trace.loopStart}` : '')).join(' '), 'states', r.liveness?.states, 'edges', r.liveness?.edges, 'distinct', r.stats.distinct, 'cpu', ((c.user + c.system) / 1e6).toFixed(1))
  }
  const a = JSON.stringify(rs[0].properties), b = JSON.stringify(rs[1].properties), d = JSON.stringify(rs[2].properties)
  console.log(f, a === b && a === d ? 'SAME' : 'DIFFERENT', JSON.stringify(rs[0].liveness) )
}
process.exit(0)
