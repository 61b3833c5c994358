// Facts from spaCy v3.5.4 spacy/ml/models/textcat.py (TextCatCNN.v2, TextCatBOW.v2, TextCatEnsemble.v2,
// TextCatLowData.v1) and spacy-legacy v3.0.12 spacy_legacy/architectures/textcat.py (the .v1 versions).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { anyModel } from "./common.js";

const DOCS_TO_SCORES = sig.model("List[Doc]", "Floats2d");

const arg = {
  exclusive: () => z.boolean().describe("classes are mutually exclusive (softmax) rather than independent (logistic)"),
  ngramSize: () => z.number().int().describe("longest n-gram used as a feature; 1-3"),
  noOutputLayer: () => z.boolean().describe("leave out the softmax/logistic output activation"),
  nO: () => z.number().int().nullable().default(null).describe("number of labels; null to infer it from the data at initialization"),
};

export function registerTextcat(registry: Registry): void {
  for (const version of ["v1", "v2"]) {
    registry.register(
      declareFunction("architectures", `spacy.TextCatBOW.${version}`, {
        description: "Bag-of-words text classifier: a sparse linear model over hashed n-grams",
        args: {
          exclusive_classes: arg.exclusive(),
          ngram_size: arg.ngramSize(),
          no_output_layer: arg.noOutputLayer(),
          nO: arg.nO(),
        },
        returns: DOCS_TO_SCORES,
      }),
    );
    registry.register(
      declareFunction("architectures", `spacy.TextCatCNN.${version}`, {
        description: "Text classifier that mean-pools the token vectors of a tok2vec network into a linear output layer",
        args: {
          tok2vec: anyModel().describe("token-to-vector subnetwork (Model[List[Doc], List[Floats2d]])"),
          exclusive_classes: arg.exclusive(),
          nO: arg.nO(),
        },
        returns: DOCS_TO_SCORES,
      }),
    );
  }
  registry.register(
    declareFunction("architectures", "spacy.TextCatEnsemble.v2", {
      description: "Text classifier that combines a linear bag-of-words model with an attention-pooled tok2vec network",
      args: {
        tok2vec: t.model("List[Doc]", "List[Floats2d]").describe("token-to-vector subnetwork"),
        linear_model: t.model("List[Doc]", "Floats2d").describe("the linear part, e.g. spacy.TextCatBOW.v2 (its exclusive_classes decides the output)"),
        nO: arg.nO(),
      },
      returns: DOCS_TO_SCORES,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.TextCatEnsemble.v1", {
      description: "Text classifier (v1) combining a bag-of-words model with a CNN over its own hash embeddings",
      args: {
        width: z.number().int().describe("width of the token vectors; 64-300"),
        embed_size: z.number().int().describe("rows of each hash embedding table; 2000-10000"),
        pretrained_vectors: z.boolean().nullable().describe("also use the vocab's static vectors"),
        exclusive_classes: arg.exclusive(),
        ngram_size: arg.ngramSize(),
        window_size: z.number().int().describe("tokens on either side each convolution sees; 1 is usual"),
        conv_depth: z.number().int().describe("number of convolutional layers; 2-4"),
        dropout: z.number().nullable().describe("dropout rate; null or 0.0-0.5"),
        nO: arg.nO(),
      },
      returns: sig.model("Any", "Any"),
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.TextCatLowData.v1", {
      description: "Text classifier for little data: attention over static vectors (undocumented in spaCy)",
      args: {
        width: z.number().int().describe("width of the projected static vectors"),
        dropout: z.number().nullable().describe("dropout rate before the output; null or 0.0-0.5"),
        nO: arg.nO(),
      },
      returns: DOCS_TO_SCORES,
    }),
  );
}
