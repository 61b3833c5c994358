// Facts from spaCy v3.5.4 spacy/ml/models/parser.py (TransitionBasedParser.v2), spacy/ml/_precomputable_affine.py
// and spacy-legacy v3.0.12 spacy_legacy/architectures/parser.py (TransitionBasedParser.v1).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";

function parserArgs(useUpperDefault: boolean | undefined): z.ZodRawShape {
  const useUpper = z.boolean();
  return {
    tok2vec: t.model("List[Doc]", "List[Floats2d]").describe("token-to-vector subnetwork"),
    state_type: z.enum(["parser", "ner"]).describe('"parser" for dependency parsing, "ner" for entity recognition'),
    extra_state_tokens: z.boolean().describe("use more context tokens in the state (13 instead of 8 for the parser, 6 instead of 3 for NER)"),
    hidden_width: z.number().int().describe("width of the hidden layer; 64-256"),
    maxout_pieces: z.number().int().describe("maxout pieces in the hidden layer; 1-3 (1 uses ReLU with use_upper)"),
    use_upper: (useUpperDefault === undefined ? useUpper : useUpper.default(useUpperDefault)).describe(
      "add a hidden layer before the output (recommended for small tok2vec networks, not for transformers)",
    ),
    nO: z.number().int().nullable().default(null).describe("number of actions; null to infer it from the labels at initialization"),
  };
}

export function registerParser(registry: Registry): void {
  registry.register(
    declareFunction("architectures", "spacy.TransitionBasedParser.v2", {
      description: "Transition-based parser model for the parser and NER components",
      args: parserArgs(undefined),
      returns: sig.model("Any", "Any"),
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.TransitionBasedParser.v1", {
      description: "Transition-based parser model (v1) for the parser and NER components",
      args: parserArgs(true),
      returns: sig.model("Any", "Any"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.PrecomputableAffine.v1", {
      description: "The parser's lower layer: an affine transform whose per-token features are computed once per batch",
      args: {
        nO: z.number().int().nullable().describe("output width; null to infer it"),
        nI: z.number().int().nullable().describe("input width; null to infer it"),
        nF: z.number().int().describe("number of state features (tokens)"),
        nP: z.number().int().describe("maxout pieces"),
        dropout: z.number().default(0.1).describe("dropout rate; 0.0-0.5"),
      },
      returns: sig.model("Any", "Any"),
    }),
  );
}
