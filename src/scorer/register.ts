import type { Registry } from "../registry/registry.js";
import {
  attributeRulerScore,
  DEFAULT_RULER_SPANS_KEY,
  entityLinkerScore,
  entityRulerScore,
  lemmatizerScore,
  morphologizerScore,
  nerScore,
  overlappingLabeledSpansScorer,
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
import type { ScorerFn } from "./types.js";

/** The scorers that take no arguments, by registered name. */
const SCORERS: ReadonlyArray<readonly [string, ScorerFn]> = [
  ["spacy.tagger_scorer.v1", taggerScore],
  ["spacy.morphologizer_scorer.v1", morphologizerScore],
  ["spacy.senter_scorer.v1", senterScore],
  ["spacy.parser_scorer.v1", parserScore],
  ["spacy.ner_scorer.v1", nerScore],
  ["spacy.textcat_scorer.v1", textcatScoreV1],
  ["spacy.textcat_scorer.v2", textcatScore],
  ["spacy.textcat_multilabel_scorer.v1", textcatMultilabelScoreV1],
  ["spacy.textcat_multilabel_scorer.v2", textcatMultilabelScore],
  ["spacy.spancat_scorer.v1", spancatScore],
  ["spacy.lemmatizer_scorer.v1", lemmatizerScore],
  ["spacy.entity_ruler_scorer.v1", entityRulerScore],
  ["spacy.attribute_ruler_scorer.v1", attributeRulerScore],
  ["spacy.entity_linker_scorer.v1", entityLinkerScore],
  ["spacy-experimental.tokenizer_scorer.v1", tokenizerScore],
  ["spacy-experimental.tokenizer_senter_scorer.v1", tokenizerSenterScore],
];

/** Attach the scorer functions to the names src/registry/builtins/scorers.ts declares. */
export function registerScorerFunctions(registry: Registry): void {
  for (const [name, scorer] of SCORERS) registry.implement("scorers", name, () => scorer);
  registry.implement("scorers", "spacy.overlapping_labeled_spans_scorer.v1", (args) =>
    overlappingLabeledSpansScorer(typeof args.spans_key === "string" ? args.spans_key : DEFAULT_RULER_SPANS_KEY),
  );
}
