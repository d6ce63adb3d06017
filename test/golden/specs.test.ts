/** Golden test, part 1 of 4 (see golden.ts). */
import { goldenSuite } from './golden.ts'

goldenSuite(0)
