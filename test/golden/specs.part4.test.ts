/** Golden test, part 4 of 4 (see golden.ts). */
import { goldenSuite } from './golden.ts'

goldenSuite(3)
