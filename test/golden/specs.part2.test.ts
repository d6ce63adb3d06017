/** Golden test, part 2 of 4 (see golden.ts). */
import { goldenSuite } from './golden.ts'

goldenSuite(1)
