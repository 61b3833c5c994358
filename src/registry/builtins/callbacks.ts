// Facts from spaCy v3.5.4 spacy/training/callbacks.py and spacy/ml/callbacks.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const callback = sig.value(KIND.Callback);

export function registerCallbacks(registry: Registry): void {
  registry.register(
    declareFunction("callbacks", "spacy.copy_from_base_model.v1", {
      description: "Copies the tokenizer and/or vocab of an installed or saved pipeline into the nlp object",
      args: {
        tokenizer: z.string().nullable().default(null).describe("pipeline name or path to copy the tokenizer from; null to keep it"),
        vocab: z.string().nullable().default(null).describe("pipeline name or path to copy the vocab from; null to keep it"),
      },
      returns: callback,
    }),
  );
  registry.register(
    declareFunction("callbacks", "spacy.models_with_nvtx_range.v1", {
      description: "Wraps every model's forward and backprop in NVTX ranges for GPU profiling",
      args: {
        forward_color: z.number().int().default(-1).describe("NVTX color of forward ranges; -1 for the default"),
        backprop_color: z.number().int().default(-1).describe("NVTX color of backprop ranges; -1 for the default"),
      },
      returns: callback,
    }),
  );
  registry.register(
    declareFunction("callbacks", "spacy.models_and_pipes_with_nvtx_range.v1", {
      description: "Wraps models and pipe methods in NVTX ranges for GPU profiling",
      args: {
        forward_color: z.number().int().default(-1).describe("NVTX color of forward ranges; -1 for the default"),
        backprop_color: z.number().int().default(-1).describe("NVTX color of backprop ranges; -1 for the default"),
        additional_pipe_functions: z
          .record(z.string(), z.array(z.string()))
          .nullable()
          .default(null)
          .describe("extra pipe methods to wrap, by component name; null for the usual ones"),
      },
      returns: callback,
    }),
  );
}
