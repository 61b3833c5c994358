// Facts from spaCy v3.5.4 spacy/pipeline/lemmatizer.py, edit_tree_lemmatizer.py and the language-specific
// lemmatizer factories in spacy/lang/*/__init__.py (registered by spaCy as "<lang>.lemmatizer").
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { scorerArg } from "../common.js";
import { hashEmbedCnn, taggerModel } from "./default_models.js";

const LEMMA_SCORER = { "@scorers": "spacy.lemmatizer_scorer.v1" };

const ruleArgs = (withScorer: boolean) => ({
  model: z.union([z.null(), t.model("Any", "Any")]).describe("unused by the rule-based lemmatizer; null"),
  mode: z.string().describe('lemmatization mode: "lookup", "rule", "pos_lookup", "pymorphy3", ... (depends on the language)'),
  overwrite: z.boolean().describe("overwrite lemmas that are already set"),
  ...(withScorer ? { scorer: scorerArg() } : {}),
});

/** Languages with their own lemmatizer factory, and its default mode. */
const LANGUAGE_LEMMATIZERS: Array<[string, string]> = [
  ["bn", "rule"],
  ["ca", "rule"],
  ["el", "rule"],
  ["en", "rule"],
  ["es", "rule"],
  ["fa", "rule"],
  ["fr", "rule"],
  ["it", "pos_lookup"],
  ["mk", "rule"],
  ["nb", "rule"],
  ["nl", "rule"],
  ["pl", "pos_lookup"],
  ["ru", "pymorphy3"],
  ["sv", "rule"],
  ["uk", "pymorphy3"],
];

export function registerLemmatizerFactories(registry: Registry): void {
  registry.register(
    declareFactory("lemmatizer", {
      description: "Rule- or lookup-based lemmatizer (token.lemma)",
      args: ruleArgs(true),
      defaultConfig: { model: null, mode: "lookup", overwrite: false, scorer: LEMMA_SCORER },
      defaultScoreWeights: { lemma_acc: 1.0 },
      assigns: ["token.lemma"],
    }),
  );
  for (const [lang, mode] of LANGUAGE_LEMMATIZERS) {
    registry.register(
      declareFactory(`${lang}.lemmatizer`, {
        description: `The "lemmatizer" factory of language "${lang}" (default mode "${mode}")`,
        args: ruleArgs(true),
        defaultConfig: { model: null, mode, overwrite: false, scorer: LEMMA_SCORER },
        defaultScoreWeights: { lemma_acc: 1.0 },
        assigns: ["token.lemma"],
      }),
    );
  }
  registry.register(
    declareFactory("ga.lemmatizer", {
      description: 'The "lemmatizer" factory of language "ga" (default mode "pos_lookup"; it takes no scorer)',
      args: ruleArgs(false),
      defaultConfig: { model: null, mode: "pos_lookup", overwrite: false },
      defaultScoreWeights: { lemma_acc: 1.0 },
      assigns: ["token.lemma"],
    }),
  );
  registry.register(
    declareFactory("trainable_lemmatizer", {
      description: "Trainable lemmatizer that predicts edit trees turning each form into its lemma",
      args: editTreeArgs(),
      defaultConfig: editTreeDefaults("spacy.Tagger.v2"),
      defaultScoreWeights: { lemma_acc: 1.0 },
      assigns: ["token.lemma"],
      requires: [],
    }),
  );
}

export function editTreeArgs() {
  return {
    model: t.model("List[Doc]", "List[Floats2d]").describe("predicts one edit tree per token, e.g. spacy.Tagger.v2"),
    backoff: z.string().nullable().describe('token attribute used when no tree applies, e.g. "orth"; null leaves the lemma unset'),
    min_tree_freq: z.number().int().describe("edit trees seen fewer times are not used as labels; e.g. 3"),
    overwrite: z.boolean().describe("overwrite lemmas that are already set"),
    top_k: z.number().int().describe("number of most likely trees to try in turn; 1-3"),
    scorer: scorerArg(),
  };
}

export function editTreeDefaults(taggerArchitecture: string): Record<string, unknown> {
  return {
    model: { ...taggerModel(hashEmbedCnn()), "@architectures": taggerArchitecture },
    backoff: "orth",
    min_tree_freq: 3,
    overwrite: false,
    top_k: 1,
    scorer: LEMMA_SCORER,
  };
}
