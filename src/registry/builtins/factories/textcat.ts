// Facts from spaCy v3.5.4 spacy/pipeline/textcat.py and textcat_multilabel.py.
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { scorerArg } from "../common.js";
import { textcatEnsembleModel } from "./default_models.js";

const CATS_WEIGHTS = {
  cats_score: 1.0,
  cats_score_desc: null,
  cats_micro_p: null,
  cats_micro_r: null,
  cats_micro_f: null,
  cats_macro_p: null,
  cats_macro_r: null,
  cats_macro_f: null,
  cats_macro_auc: null,
  cats_f_per_type: null,
};

// spaCy annotates the model as Model[List[Doc], List[Floats2d]], but every textcat architecture
// returns Model[List[Doc], Floats2d] (one row of scores per doc), which is what the component uses.
const model = () => t.model("List[Doc]", "Floats2d").describe("predicts one row of label scores per doc, e.g. spacy.TextCatEnsemble.v2");

export function registerTextcatFactories(registry: Registry): void {
  registry.register(
    declareFactory("textcat", {
      description: "Text classifier for mutually exclusive categories (doc.cats)",
      args: {
        model: model(),
        threshold: z.number().describe("score above which a category counts as predicted, for evaluation; 0.0-1.0"),
        scorer: scorerArg(),
      },
      defaultConfig: { threshold: 0.0, model: textcatEnsembleModel(true), scorer: { "@scorers": "spacy.textcat_scorer.v2" } },
      defaultScoreWeights: CATS_WEIGHTS,
      assigns: ["doc.cats"],
    }),
  );
  registry.register(
    declareFactory("textcat_multilabel", {
      description: "Text classifier for independent (non-exclusive) categories (doc.cats)",
      args: {
        model: model(),
        threshold: z.number().describe("score above which a category counts as predicted, for evaluation; 0.0-1.0, e.g. 0.5"),
        scorer: scorerArg(),
      },
      defaultConfig: { threshold: 0.5, model: textcatEnsembleModel(false), scorer: { "@scorers": "spacy.textcat_multilabel_scorer.v2" } },
      defaultScoreWeights: CATS_WEIGHTS,
      assigns: ["doc.cats"],
    }),
  );
}
