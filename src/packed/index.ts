/** Packed models: named field handles over int32 words (`layout`), pure actions building
 * successors in `edit(s)`, and `packedModel` to make them checkable. */
export { LayoutError, MapOf, Scalar, SetOf, layout, packed, sameWords } from './layout.ts'
export { fieldAs, layoutFromSchema } from './layout-from-schema.ts'
export type { Layout, PlainOf, PlainState, Words } from './layout.ts'
export { edit, packedModel } from './packed-model.ts'
export type { PackedModel, PackedModelDef, PackedSteps } from './packed-model.ts'
