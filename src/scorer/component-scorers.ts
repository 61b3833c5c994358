/**
 * The scorers spaCy's components register (the make_*_scorer functions in
 * spacy/pipeline/*.py[x], spacy-legacy's scorers.py and spacy-experimental's
 * char_tokenizer/scorers.py): each combines the general scorers with the component's
 * attributes and settings. Settings arrive in `options` under spaCy's names.
 */
import type { Doc } from "../tokens/doc.js";
import { TsnlpError } from "../util/errors.js";
import { scoreCats } from "./cats.js";
import { scoreCatsV1 } from "./cats-v1.js";
import { scoreDeps } from "./deps.js";
import { scoreLinks } from "./links.js";
import { getNerPrf } from "./ner.js";
import { ScorerOptions } from "./options.js";
import { spanGroupSpans } from "./span-getters.js";
import { scoreSpans } from "./spans.js";
import { scoreTokenAttr } from "./token-attr.js";
import { scoreTokenAttrPerFeat } from "./token-attr-per-feat.js";
import { getTokenAttr } from "./token-values.js";
import { scoreTokenization } from "./tokenization.js";
import type { Scores, ScorerFn } from "./types.js";

/** spaCy's DEFAULT_SPANS_KEY for the span ruler. */
export const DEFAULT_RULER_SPANS_KEY = "ruler";
/** The knowledge-base id of an entity that links to nothing (spaCy's EntityLinker.NIL). */
export const NIL = "NIL";
/** Dependency labels the parser's scorer leaves out. */
export const PARSER_IGNORE_LABELS: readonly string[] = ["p", "punct"];

const hasSents = (doc: Doc) => doc.hasAnnotation("SENT_START");

/** spacy.tagger_scorer.v1: tag_acc. */
export const taggerScore: ScorerFn = (examples) => scoreTokenAttr(examples, "tag");

/** spacy.lemmatizer_scorer.v1: lemma_acc. */
export const lemmatizerScore: ScorerFn = (examples) => scoreTokenAttr(examples, "lemma");

/** spacy.morphologizer_scorer.v1: pos_acc, morph_acc, morph_micro_p/r/f, morph_per_feat. */
export const morphologizerScore: ScorerFn = (examples) => ({
  ...scoreTokenAttr(examples, "pos"),
  ...scoreTokenAttr(examples, "morph"),
  ...scoreTokenAttrPerFeat(examples, "morph"),
});

/** spacy.attribute_ruler_scorer.v1: tag_acc, pos_acc, morph_acc, morph_micro_p/r/f, morph_per_feat, lemma_acc. */
export const attributeRulerScore: ScorerFn = (examples) => ({
  ...scoreTokenAttr(examples, "tag"),
  ...scoreTokenAttr(examples, "pos"),
  ...scoreTokenAttr(examples, "morph"),
  ...scoreTokenAttrPerFeat(examples, "morph"),
  ...scoreTokenAttr(examples, "lemma"),
});

/** spacy.senter_scorer.v1: sents_p, sents_r, sents_f over docs with sentence boundaries. */
export const senterScore: ScorerFn = (examples) => withoutPerType(scoreSpans(examples, "sents", { hasAnnotation: hasSents }), "sents");

/**
 * spacy.parser_scorer.v1: sents_p/r/f, and dep_uas, dep_las, dep_las_per_type on lowercased
 * labels, leaving out `ignore_labels` (default "p" and "punct").
 */
export const parserScore: ScorerFn = (examples, options = {}) => {
  const read = new ScorerOptions("spacy.parser_scorer.v1", options);
  const sents = withoutPerType(scoreSpans(examples, "sents", { hasAnnotation: hasSents }), "sents");
  const deps = scoreDeps(examples, "dep", {
    getter: (token, attr) => String(getTokenAttr(token, attr)).toLowerCase(),
    ignoreLabels: read.strings("ignore_labels") ?? PARSER_IGNORE_LABELS,
  });
  return { ...sents, ...deps };
};

/** spacy.ner_scorer.v1: ents_p, ents_r, ents_f, ents_per_type. */
export const nerScore: ScorerFn = (examples) => getNerPrf(examples);

/** spacy.entity_ruler_scorer.v1: the same scores as the ner scorer. */
export const entityRulerScore: ScorerFn = (examples) => getNerPrf(examples);

/** spacy.entity_linker_scorer.v1: nel_score, nel_micro_p/r/f, nel_macro_p/r/f, nel_f_per_type. */
export const entityLinkerScore: ScorerFn = (examples) => scoreLinks(examples, { negativeLabels: [NIL] });

/** spacy.textcat_scorer.v2: exclusive categories over `labels`, with an optional binary `positive_label`. */
export const textcatScore: ScorerFn = (examples, options = {}) =>
  scoreCats(examples, "cats", { ...catsOptions("spacy.textcat_scorer.v2", options), multiLabel: false });

/** spacy.textcat_multilabel_scorer.v2: independent categories over `labels`, positive from `threshold` (0.5). */
export const textcatMultilabelScore: ScorerFn = (examples, options = {}) =>
  scoreCats(examples, "cats", { ...catsOptions("spacy.textcat_multilabel_scorer.v2", options), multiLabel: true });

/** spacy.textcat_scorer.v1: exclusive categories as spaCy 3.0-3.2 scored them. */
export const textcatScoreV1: ScorerFn = (examples, options = {}) =>
  scoreCatsV1(examples, "cats", { ...catsOptions("spacy.textcat_scorer.v1", options), multiLabel: false });

/** spacy.textcat_multilabel_scorer.v1: independent categories as spaCy 3.0-3.2 scored them. */
export const textcatMultilabelScoreV1: ScorerFn = (examples, options = {}) =>
  scoreCatsV1(examples, "cats", { ...catsOptions("spacy.textcat_multilabel_scorer.v1", options), multiLabel: true });

/**
 * spacy.spancat_scorer.v1: spans_KEY_p/r/f and spans_KEY_per_type for the span group
 * `spans_key` (required), over docs that have that group; overlapping spans allowed.
 */
export const spancatScore: ScorerFn = (examples, options = {}) => {
  const read = new ScorerOptions("spacy.spancat_scorer.v1", options);
  const key = read.string("spans_key");
  if (key === undefined) {
    throw new TsnlpError("E_SCORER_OPTION", "The scorer spacy.spancat_scorer.v1 needs spans_key, the span group to score, and got none.", {
      hint: "Score through the spancat component, which passes its spans_key, or pass spans_key yourself.",
    });
  }
  return spanGroupScore(examples, key, read, { allowOverlap: true });
};

/**
 * spacy.overlapping_labeled_spans_scorer.v1 (the span ruler's): spans_KEY_p/r/f and
 * spans_KEY_per_type for the span group `spansKey`; a spans_key option overrides it.
 */
export function overlappingLabeledSpansScorer(spansKey: string = DEFAULT_RULER_SPANS_KEY): ScorerFn {
  return (examples, options = {}) => {
    const read = new ScorerOptions("spacy.overlapping_labeled_spans_scorer.v1", options);
    return spanGroupScore(examples, read.string("spans_key") ?? spansKey, read, { allowOverlap: true });
  };
}

/** spacy-experimental.tokenizer_scorer.v1: token_acc, token_p, token_r, token_f. */
export const tokenizerScore: ScorerFn = (examples) => scoreTokenization(examples);

/** spacy-experimental.tokenizer_senter_scorer.v1: token_acc/p/r/f and sents_p/r/f. */
export const tokenizerSenterScore: ScorerFn = (examples) => ({
  ...scoreTokenization(examples),
  ...withoutPerType(scoreSpans(examples, "sents", { hasAnnotation: hasSents }), "sents"),
});

function spanGroupScore(examples: Parameters<ScorerFn>[0], key: string, read: ScorerOptions, defaults: { allowOverlap: boolean }): Scores {
  return scoreSpans(examples, `spans_${key}`, {
    getter: (doc) => spanGroupSpans(doc, key),
    hasAnnotation: (doc) => doc.spans.has(key),
    allowOverlap: read.boolean("allow_overlap") ?? defaults.allowOverlap,
    labeled: read.boolean("labeled") ?? true,
  });
}

function catsOptions(scorer: string, options: Record<string, unknown>) {
  const read = new ScorerOptions(scorer, options);
  return { labels: read.strings("labels") ?? [], threshold: read.number("threshold") ?? null, positiveLabel: read.string("positive_label") ?? null };
}

/** Sentence spans have no labels, so spaCy's senter and parser scorers drop the per-type table. */
function withoutPerType<T extends Record<string, unknown>>(scores: T, attr: string): T {
  const { [`${attr}_per_type`]: _dropped, ...rest } = scores;
  return rest as T;
}
