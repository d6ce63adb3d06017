// Worker bootstrap: registers tsx so the TypeScript worker (and the user's spec) can be imported,
// whatever flags the parent process ran under (vitest, node --import tsx, a compiled build).
import { register } from 'tsx/esm/api'

register()
const worker = await import('./worker.ts')
export default worker.default
