/** Golden test, part 1 of 2 (see golden.ts). */
import { goldenSuite } from './golden.ts'

goldenSuite(0)
