// Facts from spaCy v3.5.4 spacy/ml/models/spancat.py (SpanCategorizer.v1, LinearLogistic.v1,
// mean_max_reducer.v1) and spacy/pipeline/spancat.py (the n-gram suggesters); spacy.preset_spans_suggester.v1
// comes from spaCy v3.6.0 spacy/pipeline/spancat.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { KIND, layerArgs } from "./common.js";

const suggester = sig.value(KIND.Suggester);

export function registerSpancat(registry: Registry): void {
  registry.register(
    declareFunction("architectures", "spacy.SpanCategorizer.v1", {
      description: "Span classifier: tok2vec vectors of each suggested span are reduced to one vector and scored",
      args: {
        tok2vec: t.model("List[Doc]", "List[Floats2d]").describe("token-to-vector subnetwork"),
        reducer: t.model("Ragged", "Floats2d").describe("reduces a span's token vectors to one vector, e.g. spacy.mean_max_reducer.v1"),
        scorer: t.model("Floats2d", "Floats2d").describe("maps span vectors to label scores, e.g. spacy.LinearLogistic.v1"),
      },
      returns: sig.model("Tuple[List[Doc], Ragged]", "Floats2d"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.LinearLogistic.v1", {
      description: "A linear layer followed by a logistic activation (independent label probabilities)",
      args: { nO: layerArgs.nO(), nI: layerArgs.nI() },
      returns: sig.model("Floats2d", "Floats2d"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.mean_max_reducer.v1", {
      description: "Concatenates the first, last, mean and max of a span's vectors and mixes them with a maxout layer",
      args: { hidden_size: z.number().int().describe("output width of the maxout layer; 64-256, e.g. 128") },
      returns: sig.model("Ragged", "Floats2d"),
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.ngram_suggester.v1", {
      description: "Suggests every n-gram of the given lengths as a candidate span",
      args: { sizes: z.array(z.number().int()).describe("n-gram lengths, e.g. [1, 2, 3]") },
      returns: suggester,
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.ngram_range_suggester.v1", {
      description: "Suggests every n-gram with a length in [min_size, max_size] as a candidate span",
      args: {
        min_size: z.number().int().describe("shortest n-gram; 1 is usual"),
        max_size: z.number().int().describe("longest n-gram; e.g. 3-10"),
      },
      returns: suggester,
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.preset_spans_suggester.v1", {
      description: "Suggests the spans already stored in doc.spans[spans_key] (spaCy 3.6+)",
      args: { spans_key: z.string().describe("the doc.spans key that holds the candidate spans") },
      returns: suggester,
    }),
  );
}
