/**
 * The worker processes that `--processes N` starts on this machine run `cli/worker-main.ts`
 * bundled by esbuild into one plain JavaScript file, as the thread workers do
 * (`parallel/worker-bundle.ts`): started through tsx, each worker spent about 0.5 CPU second
 * more before it could join (tsx's loader and its hooks thread, TypeScript transforms, source
 * maps), four times per run (figures: docs/distributed.md, "Where the CPU goes").
 *
 * The bundle is built on each run (esbuild takes tens of milliseconds; the coordinator runs it
 * anyway for the run's own bundle, `bundle.ts`) and written to the checker's
 * `node_modules/.cache/interleave/` by its content hash (`writeBundle`, so npm packages resolve
 * from there). Each module keeps its source file's `import.meta.url` (`sourceUrls`), so the
 * worker's code hash (`code-hash.ts`) and paths are the sources'. If the bundle cannot be made,
 * the workers start through tsx as before. Workers started by hand (`npx interleave worker`)
 * still go through tsx.
 */
import { fileURLToPath } from 'node:url'
import { BUNDLE_OPTIONS, importsTypeScript } from '../parallel/worker-bundle.ts'
import { sha256, writeBundle } from './bundle.ts'

const ENTRY = fileURLToPath(new URL('../cli/worker-main.ts', import.meta.url))

/** The path of the bundled worker entry, or undefined when it cannot be made. */
export async function workerEntry(): Promise<string | undefined> {
  try {
    const { build } = await import('esbuild')
    const r = await build({
      entryPoints: [ENTRY],
      ...BUNDLE_OPTIONS,
      metafile: true,
    })
    // An import left outside the bundle that only tsx could load: start the sources instead.
    if (importsTypeScript(r.metafile)) return undefined
    const bytes = r.outputFiles[0].contents
    return fileURLToPath(writeBundle(bytes, sha256(bytes)))
  } catch {
    return undefined
  }
}
