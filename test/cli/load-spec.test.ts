/** Finding spec files in a folder (`specFiles`): every file once, in a stable order, whatever links the folder holds. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { specFiles } from '../../src/cli/load-spec.ts'

const dir = mkdtempSync(join(tmpdir(), 'interleave-specfiles-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('specFiles', () => {
  it('walks each folder once: a link back up is no endless path (ELOOP after hundreds of links)', () => {
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'a.ts'), '')
    writeFileSync(join(dir, 'sub', 'b.ts'), '')
    writeFileSync(join(dir, 'sub', 'types.d.ts'), '')
    symlinkSync(dir, join(dir, 'sub', 'up'))
    symlinkSync(join(dir, 'sub'), join(dir, 'again'))
    const files = specFiles(dir).map((f) => f.slice(dir.length + 1))
    // `again` (a link to `sub`) sorts before `sub`, but a folder is listed by its own path.
    expect(files).toEqual(['a.ts', 'sub/b.ts'])
    // A folder reached only through a link is walked, by the link's path.
    const other = mkdtempSync(join(tmpdir(), 'interleave-specfiles-other-'))
    writeFileSync(join(other, 'c.ts'), '')
    symlinkSync(other, join(dir, 'elsewhere'))
    expect(specFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(['a.ts', 'elsewhere/c.ts', 'sub/b.ts'])
    rmSync(other, { recursive: true, force: true })
  })

  it('does not follow a link to a folder holding this one (it would load every module above)', () => {
    const top = mkdtempSync(join(tmpdir(), 'interleave-specfiles-top-'))
    mkdirSync(join(top, 'specs'))
    writeFileSync(join(top, 'above.ts'), '')
    writeFileSync(join(top, 'specs', 'x.ts'), '')
    symlinkSync(top, join(top, 'specs', 'up'))
    symlinkSync('/', join(top, 'specs', 'root'))
    expect(specFiles(join(top, 'specs')).map((f) => f.slice(top.length + 1))).toEqual(['specs/x.ts'])
    rmSync(top, { recursive: true, force: true })
  })
})
