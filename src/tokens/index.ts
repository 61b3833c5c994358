export { attrId, attrName, IOB_STRINGS, TOKEN_ATTRS } from "./attrs.js";
export type { IobTag, TokenAttr } from "./attrs.js";
export { Doc } from "./doc.js";
export type { DocInit, DocTensor, SetEntsDefault } from "./doc.js";
export type { AttrArray } from "./doc-array.js";
export type { DocJSON } from "./doc-json.js";
export { BASE_NORMS, DEFAULT_LEX_ATTRS, likeUrlWith } from "./lex-attrs.js";
export type { LexAttrGetters } from "./lex-attrs.js";
export { LEXEME_FLAGS, Lexeme } from "./lexeme.js";
export type { LexemeFlag } from "./lexeme.js";
export { EMPTY_MORPH, featsToDict, normalizeFeats } from "./morphology.js";
export type { MorphFeatures } from "./morphology.js";
export { offsetMap } from "./offsets.js";
export { Span } from "./span.js";
export type { SpanOptions } from "./span.js";
export { SpanGroup, SpanGroups } from "./span-group.js";
export { StringStore, stringId } from "./strings.js";
export { SYMBOL_IDS, SYMBOL_NAMES } from "./symbols.js";
export { Token } from "./token.js";
export { Vocab } from "./vocab.js";
export type { VocabOptions } from "./vocab.js";
export { Vectors } from "./vectors.js";
export type { MostSimilar, MostSimilarOptions, PrunedWords, VectorsAttr, VectorsMode, VectorsOptions } from "./vectors.js";
export { VectorKeys } from "./vectors-keys.js";
export { normalizeRows, plainNearestSearch } from "./vectors-nearest.js";
export type { NearestRows, NearestSearch, NearestSearchFactory } from "./vectors-nearest.js";
export { readVectorsFile } from "./vectors-text.js";
export type { ReadVectorsOptions, VectorsFileInfo } from "./vectors-text.js";
export { Alignment, AlignmentArray, getAlignments } from "./alignment.js";
export { Example } from "./example.js";
export type { AlignedNumberAttr, AlignedParse, AlignedStringAttr, Projectivize } from "./example.js";
export type { ExampleDict, ExampleDictOutput, FromDictOptions, SpanTuple } from "./example-dict.js";
export {
  biluoTagsToOffsets,
  biluoTagsToSpans,
  biluoToIob,
  docToBiluoTags,
  iobToBiluo,
  offsetsToBiluoTags,
  removeBiluPrefix,
  splitBiluLabel,
  tagsToEntities,
} from "./iob-utils.js";
export type { EntityOffsets, EntityTag, TaggedEntity } from "./iob-utils.js";
export { DOCBIN_ALL_ATTRS, DocBin } from "./docbin.js";
export type { DocBinOptions } from "./docbin.js";
