// Facts from spaCy v3.5.4 spacy/pipeline/spancat.py.
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { KIND, scorerArg } from "../common.js";
import { spancatModel } from "./default_models.js";

const arg = {
  suggester: () => t.fn(KIND.Suggester).describe("proposes candidate spans, e.g. spacy.ngram_suggester.v1"),
  model: () => t.model("Tuple[List[Doc], Ragged]", "Floats2d").describe("scores each candidate span, e.g. spacy.SpanCategorizer.v1"),
  spansKey: () => z.string().describe('doc.spans key the predictions are written to, e.g. "sc"'),
};

const SPANS_WEIGHTS = { spans_sc_f: 1.0, spans_sc_p: 0.0, spans_sc_r: 0.0 };
const suggester = () => ({ "@misc": "spacy.ngram_suggester.v1", sizes: [1, 2, 3] });

export function registerSpancatFactories(registry: Registry): void {
  registry.register(
    declareFactory("spancat", {
      description: "Span categorizer: labels (possibly overlapping) candidate spans, several labels per span allowed",
      args: {
        suggester: arg.suggester(),
        model: arg.model(),
        spans_key: arg.spansKey(),
        scorer: scorerArg(),
        threshold: z.number().describe("minimum probability for a label to be assigned; 0.0-1.0, e.g. 0.5"),
        max_positive: z.number().int().nullable().describe("at most this many labels per span; null for no limit"),
      },
      defaultConfig: {
        threshold: 0.5,
        spans_key: "sc",
        max_positive: null,
        model: spancatModel(false),
        suggester: suggester(),
        scorer: { "@scorers": "spacy.spancat_scorer.v1" },
      },
      defaultScoreWeights: SPANS_WEIGHTS,
      assigns: ["doc.spans"],
    }),
  );
  registry.register(
    declareFactory("spancat_singlelabel", {
      description: "Span categorizer with one exclusive label (or none) per candidate span",
      args: {
        suggester: arg.suggester(),
        model: arg.model(),
        spans_key: arg.spansKey(),
        negative_weight: z.number().describe("weight of the 'no label' class in the loss; 0.0-1.0"),
        allow_overlap: z.boolean().describe("keep overlapping predicted spans (otherwise the highest-scoring wins)"),
        scorer: scorerArg(),
      },
      defaultConfig: {
        spans_key: "sc",
        model: spancatModel(true),
        negative_weight: 1.0,
        suggester: suggester(),
        scorer: { "@scorers": "spacy.spancat_scorer.v1" },
        allow_overlap: true,
      },
      defaultScoreWeights: SPANS_WEIGHTS,
      assigns: ["doc.spans"],
    }),
  );
}
