// Worker for bench/shared-visited-bench.ts: inserts its share of fingerprints into the shared
// visited set when released, and reports how long that took.
import { register } from 'tsx/esm/api'
import { parentPort, workerData } from 'node:worker_threads'

register()
const { SharedVisited } = await import('../src/parallel/shared-visited.ts')
const { handles, hi, lo, go } = workerData
const visited = SharedVisited.attach(handles)
const flag = new Int32Array(go)
Atomics.add(flag, 1, 1)
Atomics.wait(flag, 0, 0)
const t = performance.now()
for (let i = 0; i < hi.length; i++) visited.insertCandidate(hi[i], lo[i], i, 0)
parentPort.postMessage(performance.now() - t)
