// Worker bootstrap, plain JavaScript so that it starts whatever flags the parent ran under (vitest,
// node --import tsx, a compiled build). A task whose setup names a bundle (`worker-bundle.ts`) runs
// on that bundle's code; otherwise the TypeScript sources load through tsx, registered on first use.
import { parentPort, workerData } from 'node:worker_threads'

// Stack traces through a bundle's inline source map name the source files (model errors cite them).
process.setSourceMapsEnabled(true)

const bundles = new Map()
let sources

// tsx's ESM hooks are registered under a namespace: they load the sources and what those import,
// and nothing else. Registered for the whole thread, they also took the bundles a later task of
// the same pool loaded, whose inline source maps were then lost (stack traces named the bundle,
// not the model's file, and model errors no user frame). Its CommonJS hooks are the thread's: a
// spec in a package without "type": "module" is a CommonJS .ts file, which Node loads through
// require (without them: "Unexpected token 'export'"); they do not touch the ES-module bundles.
function fromSources() {
  sources ??= Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]).then(([esm, cjs]) => {
    cjs.register()
    return esm.register({ namespace: 'interleave-worker' }).import('./worker.ts', import.meta.url)
  })
  return sources
}

function runnerFor(task) {
  const url = task.setup.bundleUrl
  if (!url) return fromSources()
  let m = bundles.get(url)
  // A bundle that does not load here (a package the spec imports resolves from the spec's folder
  // but not from the checker's cache) leaves the sources, which resolve as the spec does.
  if (!m) bundles.set(url, (m = import(url).catch(() => fromSources())))
  return m
}

/** Piscina's task handler. */
export default async function run(task) {
  return (await runnerFor(task)).runTask(task)
}

// Our own pool: one task at a time per message, answered in order.
if (parentPort && workerData?.interleavePool) {
  const port = parentPort
  port.on('message', (task) => {
    runnerFor(task).then(
      async (m) => {
        const r = await m.runTask(task)
        port.postMessage(r, m.transferables(r))
      },
      (e) => port.postMessage({ kind: 'failed', error: 'usage', message: `a worker thread cannot load its code (${task.setup.bundleUrl ?? 'the TypeScript sources'}): ${String(e?.message ?? e).split('\n')[0]}` }),
    )
  })
}
