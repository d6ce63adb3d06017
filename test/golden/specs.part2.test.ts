/** Golden test, part 2 of 2 (see golden.ts). */
import { goldenSuite } from './golden.ts'

goldenSuite(1)
