/** Golden test, part 3 of 4 (see golden.ts). */
import { goldenSuite } from './golden.ts'

goldenSuite(2)
