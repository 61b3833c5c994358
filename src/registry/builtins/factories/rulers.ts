// Facts from spaCy v3.5.4 spacy/pipeline/entityruler.py, span_ruler.py (span_ruler, future_entity_ruler)
// and attributeruler.py.
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { KIND, scorerArg } from "../common.js";

const arg = {
  phraseMatcherAttr: () =>
    z.union([z.string(), z.number().int()]).nullable().describe('token attribute the phrase patterns match on, e.g. "LOWER"; null for ORTH'),
  fuzzy: () => t.fn(KIND.FuzzyCompare).describe("comparison used by FUZZY pattern operators, e.g. spacy.levenshtein_compare.v1"),
  validate: () => z.boolean().describe("validate patterns against the pattern schema when they are added"),
  entIdSep: () => z.string().describe("separator between label and id in the stored ent_id"),
};

const ENTS_WEIGHTS = { ents_f: 1.0, ents_p: 0.0, ents_r: 0.0, ents_per_type: null };
const LEVENSHTEIN = () => ({ "@misc": "spacy.levenshtein_compare.v1" });

export function registerRulerFactories(registry: Registry): void {
  registry.register(
    declareFactory("entity_ruler", {
      description: "Adds named entities from token and phrase patterns",
      args: {
        phrase_matcher_attr: arg.phraseMatcherAttr(),
        matcher_fuzzy_compare: arg.fuzzy(),
        validate: arg.validate(),
        overwrite_ents: z.boolean().describe("let pattern matches replace overlapping existing entities"),
        ent_id_sep: arg.entIdSep(),
        scorer: scorerArg(),
      },
      defaultConfig: {
        phrase_matcher_attr: null,
        matcher_fuzzy_compare: LEVENSHTEIN(),
        validate: false,
        overwrite_ents: false,
        ent_id_sep: "||",
        scorer: { "@scorers": "spacy.entity_ruler_scorer.v1" },
      },
      defaultScoreWeights: ENTS_WEIGHTS,
      assigns: ["doc.ents", "token.ent_type", "token.ent_iob"],
    }),
  );
  registry.register(
    declareFactory("future_entity_ruler", {
      description: "The entity ruler reimplemented on the span ruler (spaCy 4's entity_ruler)",
      args: {
        phrase_matcher_attr: arg.phraseMatcherAttr(),
        matcher_fuzzy_compare: arg.fuzzy(),
        validate: arg.validate(),
        overwrite_ents: z.boolean().describe("let pattern matches replace overlapping existing entities"),
        scorer: scorerArg(),
        ent_id_sep: arg.entIdSep(),
      },
      defaultConfig: {
        phrase_matcher_attr: null,
        validate: false,
        overwrite_ents: false,
        scorer: { "@scorers": "spacy.entity_ruler_scorer.v1" },
        ent_id_sep: "__unused__",
        matcher_fuzzy_compare: LEVENSHTEIN(),
      },
      defaultScoreWeights: ENTS_WEIGHTS,
      assigns: ["doc.ents"],
    }),
  );
  registry.register(
    declareFactory("span_ruler", {
      description: "Adds spans (and optionally entities) from token and phrase patterns",
      args: {
        spans_key: z.string().nullable().describe("doc.spans key the matches are written to; null to write none"),
        spans_filter: t.optionalCallback(KIND.SpansFilter).describe("filters the spans before they are saved; null keeps all"),
        annotate_ents: z.boolean().describe("also write the matches to doc.ents"),
        ents_filter: t.fn(KIND.SpansFilter).describe("resolves overlaps with doc.ents, e.g. spacy.first_longest_spans_filter.v1"),
        phrase_matcher_attr: arg.phraseMatcherAttr(),
        matcher_fuzzy_compare: arg.fuzzy(),
        validate: arg.validate(),
        overwrite: z.boolean().describe("replace the existing spans under spans_key (and doc.ents)"),
        scorer: scorerArg(),
      },
      defaultConfig: {
        spans_key: "ruler",
        spans_filter: null,
        annotate_ents: false,
        ents_filter: { "@misc": "spacy.first_longest_spans_filter.v1" },
        phrase_matcher_attr: null,
        matcher_fuzzy_compare: LEVENSHTEIN(),
        validate: false,
        overwrite: true,
        scorer: { "@scorers": "spacy.overlapping_labeled_spans_scorer.v1", spans_key: "ruler" },
      },
      defaultScoreWeights: { spans_ruler_f: 1.0, spans_ruler_p: 0.0, spans_ruler_r: 0.0, spans_ruler_per_type: null },
      assigns: ["doc.spans"],
    }),
  );
  registry.register(
    declareFactory("attribute_ruler", {
      description: "Sets token attributes (tag, pos, morph, lemma, ...) for tokens matched by patterns",
      args: {
        validate: arg.validate(),
        scorer: scorerArg(),
      },
      defaultConfig: { validate: false, scorer: { "@scorers": "spacy.attribute_ruler_scorer.v1" } },
    }),
  );
}
