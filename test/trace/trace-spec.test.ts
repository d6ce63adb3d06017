import { describe, expect, it } from 'vitest'
import { tracedSpecName, tracedSpecPath } from '../../src/trace/trace-spec.ts'

describe('the spec a trace names, read as data', () => {
  it('takes a relative spec path under the working folder, and no other', () => {
    expect(tracedSpecPath({ specPath: 'specs/two-phase-commit.ts' })).toBe('specs/two-phase-commit.ts')
    expect(tracedSpecPath({ specPath: './specs/x.ts' })).toBe('./specs/x.ts')
    for (const specPath of ['/etc/passwd.ts', '../x.ts', 'specs/../../x.ts', './../x.ts', 'C:x.ts', 'C:..\\x.ts', 'specs/x.json']) {
      expect(tracedSpecPath({ specPath }), specPath).toBeUndefined()
    }
  })

  it('takes a spec name only as a plain name', () => {
    expect(tracedSpecName({ spec: 'raft-overwrite' })).toBe('raft-overwrite')
    for (const spec of ['../x', 'a/../../x', '/abs', '']) expect(tracedSpecName({ spec }), spec).toBeUndefined()
  })
})
