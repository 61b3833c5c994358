export { type CatsScoreOptions, scoreCats } from "./cats.js";
export { type CatsGetter, type CatsScores, getDocCats } from "./cats-results.js";
export { scoreCatsV1 } from "./cats-v1.js";
export {
  attributeRulerScore,
  DEFAULT_RULER_SPANS_KEY,
  entityLinkerScore,
  entityRulerScore,
  lemmatizerScore,
  morphologizerScore,
  NIL,
  nerScore,
  overlappingLabeledSpansScorer,
  PARSER_IGNORE_LABELS,
  parserScore,
  senterScore,
  spancatScore,
  taggerScore,
  textcatMultilabelScore,
  textcatMultilabelScoreV1,
  textcatScore,
  textcatScoreV1,
  tokenizerScore,
  tokenizerSenterScore,
} from "./component-scorers.js";
export { type DepScoreOptions, type DepScores, scoreDeps } from "./deps.js";
export { type LinkScores, scoreLinks } from "./links.js";
export { getNerPrf, type NerScores } from "./ner.js";
export { type PRFDict, PRFScore, prfTable, tupleKey } from "./prf-score.js";
export { registerScorerFunctions } from "./register.js";
export { ROCAUCScore, rocAucScore } from "./roc-auc-score.js";
export { getDocSpans, type SpanGetter, sentenceSpans, spanGroupSpans } from "./span-getters.js";
export { type SpanScoreOptions, type SpanScores, scoreSpans } from "./spans.js";
export { scoreTokenAttr, type TokenAttrOptions } from "./token-attr.js";
export { scoreTokenAttrPerFeat, type TokenAttrPerFeatOptions, type TokenAttrPerFeatScores } from "./token-attr-per-feat.js";
export { getTokenAttr, isMissing, MISSING_VALUES, type TokenAttrGetter } from "./token-values.js";
export { scoreTokenization, type TokenizationScores } from "./tokenization.js";
export type { ScorerFn, Scores, ScoreValue } from "./types.js";
