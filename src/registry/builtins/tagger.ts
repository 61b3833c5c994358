// Facts from spaCy v3.5.4 spacy/ml/models/tagger.py (Tagger.v2) and spacy-legacy v3.0.12
// spacy_legacy/architectures/tagger.py (Tagger.v1).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";

const tok2vec = () => t.model("List[Doc]", "List[Floats2d]").describe("token-to-vector subnetwork, e.g. spacy.Tok2VecListener.v1 or spacy.HashEmbedCNN.v2");
const nO = () => z.number().int().nullable().default(null).describe("number of tags; null to infer it from the labels at initialization");

export function registerTagger(registry: Registry): void {
  registry.register(
    declareFunction("architectures", "spacy.Tagger.v2", {
      description: "Tagger: a tok2vec network followed by a softmax layer that predicts one class per token",
      args: {
        tok2vec: tok2vec(),
        nO: nO(),
        normalize: z.boolean().default(false).describe("normalize the softmax outputs to probabilities during training"),
      },
      returns: sig.model("List[Doc]", "List[Floats2d]"),
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.Tagger.v1", {
      description: "Tagger (v1): a tok2vec network followed by a softmax layer that predicts one class per token",
      args: { tok2vec: tok2vec(), nO: nO() },
      returns: sig.model("List[Doc]", "List[Floats2d]"),
    }),
  );
}
