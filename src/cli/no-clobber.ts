/**
 * An output file named on the command line (`--dot FILE`, `view --out FILE`) must not take the
 * place of the user's own files: not the input being read (a trace viewed onto itself became
 * HTML), and not an existing file of another kind (`--dot spec.ts` replaced the spec with a
 * graph). A file of the output's own kind is rewritten, as a rerun expects.
 */
import { existsSync, realpathSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from '../core/errors.ts'

/** Throws a usage error naming `flag` when writing `path` would replace one of `inputs` or an
 * existing file whose name does not match `kind` (`{ ext: /\.dot$/i, name: '.dot' }`). */
export function refuseClobber(flag: string, path: string, inputs: readonly string[], kind: { readonly ext: RegExp; readonly name: string }): void {
  if (!existsSync(path) || !statSync(path).isFile()) return
  const real = realpathSync(resolve(path))
  for (const input of inputs) {
    if (existsSync(input) && realpathSync(resolve(input)) === real) throw new UsageError(`${flag} ${path}: that is the input file; refusing to write over it`)
  }
  if (!kind.ext.test(path)) throw new UsageError(`${flag} ${path}: a file that is not ${kind.name} file is there; refusing to write over it (remove it, or name ${kind.name} file)`)
}
