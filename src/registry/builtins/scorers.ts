// Facts from spaCy v3.5.4 (the `make_*_scorer` registrations in spacy/pipeline/*.py[x]),
// spacy-legacy v3.0.12 spacy_legacy/scorers.py (textcat v1 scorers) and
// spacy-experimental v0.6.2 spacy_experimental/char_tokenizer/scorers.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Origin, Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const scorer = sig.value(KIND.Scorer);

/** Scorers that take no arguments: name, what they score, origin. */
const SIMPLE: Array<[string, string, Origin]> = [
  ["spacy.tagger_scorer.v1", "token.tag accuracy (tag_acc)", "spacy"],
  ["spacy.morphologizer_scorer.v1", "POS accuracy, morphological features accuracy and per-feature scores (pos_acc, morph_acc, morph_per_feat)", "spacy"],
  ["spacy.senter_scorer.v1", "sentence boundaries (sents_p, sents_r, sents_f)", "spacy"],
  ["spacy.parser_scorer.v1", "dependency parses and sentence boundaries (dep_uas, dep_las, dep_las_per_type, sents_*)", "spacy"],
  ["spacy.ner_scorer.v1", "named entities (ents_p, ents_r, ents_f, ents_per_type)", "spacy"],
  ["spacy.textcat_scorer.v1", "exclusive text categories (cats_*), as spaCy 3.0-3.2 did", "spacy"],
  ["spacy.textcat_scorer.v2", "exclusive text categories (cats_score, cats_micro_*, cats_macro_*, cats_f_per_type, ...)", "spacy"],
  ["spacy.textcat_multilabel_scorer.v1", "non-exclusive text categories (cats_*), as spaCy 3.0-3.2 did", "spacy"],
  ["spacy.textcat_multilabel_scorer.v2", "non-exclusive text categories (cats_score, cats_micro_*, cats_macro_*, ...)", "spacy"],
  ["spacy.spancat_scorer.v1", "span groups under the component's spans_key (spans_<key>_p/r/f)", "spacy"],
  ["spacy.lemmatizer_scorer.v1", "lemma accuracy (lemma_acc)", "spacy"],
  ["spacy.entity_ruler_scorer.v1", "named entities set by a rule-based component (ents_*)", "spacy"],
  ["spacy.attribute_ruler_scorer.v1", "the token attributes an attribute ruler sets (tag_acc, pos_acc, morph_acc, lemma_acc)", "spacy"],
  ["spacy.entity_linker_scorer.v1", "entity links (nel_micro_p, nel_micro_r, nel_micro_f)", "spacy"],
  ["spacy-experimental.tokenizer_scorer.v1", "tokenization (token_acc, token_p, token_r, token_f)", "spacy-experimental"],
  ["spacy-experimental.tokenizer_senter_scorer.v1", "tokenization and sentence boundaries (token_*, sents_*)", "spacy-experimental"],
];

export function registerScorers(registry: Registry): void {
  for (const [name, what, origin] of SIMPLE) {
    registry.register(declareFunction("scorers", name, { origin, description: `Scores ${what}`, args: {}, returns: scorer }));
  }
  registry.register(
    declareFunction("scorers", "spacy.overlapping_labeled_spans_scorer.v1", {
      description: "Scores possibly overlapping labeled spans in one span group (spans_<key>_p/r/f, spans_<key>_per_type)",
      args: {
        spans_key: z.string().default("ruler").describe("the doc.spans key to score"),
      },
      returns: scorer,
    }),
  );
}
