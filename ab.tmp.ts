// In-process A/B: the base checkout's check() and this branch's, alternated, CPU seconds each.
const [file, params, workers, rounds] = [process.argv[2], JSON.parse(process.argv[3] ?? '{}'), Number(process.argv[4] ?? 2), Number(process.argv[5] ?? 6)]
const sides = [['base', '/tmp/plive-base'], ['new', '/work/wt/plive']] as const
const mods = await Promise.all(sides.map(async ([, dir]) => ({ check: (await import(`${dir}/src/index.ts`)).check, url: `file://${dir}/specs/${file}` })))
const specs = await Promise.all(mods.map(async (m) => (await import(m.url)).default))
const cpu: Record<string, number[]> = { base: [], new: [] }
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < 2; i++) {
    const k = (r % 2 === 0) ? i : 1 - i
    const t0 = process.cpuUsage()
    const res = await mods[k].check(specs[k], { workers, specUrl: mods[k].url, params })
    const c = process.cpuUsage(t0)
    cpu[sides[k][0]].push((c.user + c.system) / 1e6)
    if (r === 0) console.log(sides[k][0], res.stats.distinct, res.liveness?.states, res.properties.map((p: { verdict: string }) => p.verdict).join(','))
  }
}
for (const [k, v] of Object.entries(cpu)) console.log(k, v.map((x) => x.toFixed(2)).join(' '), 'median', [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)].toFixed(2))
process.exit(0)
