// Facts from spaCy v3.5.4 spacy/pipeline/tagger.pyx, morphologizer.pyx and senter.pyx.
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { scorerArg } from "../common.js";
import { hashEmbedCnn, morphologizerModel, taggerModel } from "./default_models.js";

const model = () => t.model("List[Doc]", "List[Floats2d]").describe("predicts one class per token, e.g. spacy.Tagger.v2");

export function registerTaggingFactories(registry: Registry): void {
  registry.register(
    declareFactory("tagger", {
      description: "Predicts fine-grained part-of-speech tags (token.tag)",
      args: {
        model: model(),
        overwrite: z.boolean().describe("overwrite tags that are already set"),
        scorer: scorerArg(),
        neg_prefix: z.string().describe('prefix of labels that mean "not this tag" in partial annotation'),
        label_smoothing: z.number().min(0).max(1).optional().describe("tsnlp: probability mass spread over the other tags in the training target; 0-0.2, 0 by default"),
      },
      defaultConfig: { model: taggerModel(hashEmbedCnn()), overwrite: false, scorer: { "@scorers": "spacy.tagger_scorer.v1" }, neg_prefix: "!" },
      defaultScoreWeights: { tag_acc: 1.0 },
      assigns: ["token.tag"],
    }),
  );
  registry.register(
    declareFactory("morphologizer", {
      description: "Predicts morphological features and coarse-grained part-of-speech tags (token.morph, token.pos)",
      args: {
        model: model(),
        overwrite: z.boolean().describe("overwrite features and POS that are already set"),
        extend: z.boolean().describe("add predicted features to existing ones instead of replacing them"),
        label_smoothing: z.number().min(0).max(1).optional().describe("tsnlp: probability mass spread over the other labels in the training target; 0-0.2, 0 by default"),
        scorer: scorerArg(),
      },
      defaultConfig: { model: morphologizerModel(), overwrite: true, extend: false, scorer: { "@scorers": "spacy.morphologizer_scorer.v1" } },
      defaultScoreWeights: { pos_acc: 0.5, morph_acc: 0.5, morph_per_feat: null },
      assigns: ["token.morph", "token.pos"],
    }),
  );
  registry.register(
    declareFactory("senter", {
      description: "Predicts sentence starts (token.is_sent_start)",
      args: {
        model: model(),
        overwrite: z.boolean().describe("overwrite sentence starts that are already set"),
        scorer: scorerArg(),
      },
      defaultConfig: {
        model: taggerModel(hashEmbedCnn({ width: 12, depth: 1, maxout_pieces: 2 })),
        overwrite: false,
        scorer: { "@scorers": "spacy.senter_scorer.v1" },
      },
      defaultScoreWeights: { sents_f: 1.0, sents_p: 0.0, sents_r: 0.0 },
      assigns: ["token.is_sent_start"],
    }),
  );
}
