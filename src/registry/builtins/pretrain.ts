// Facts from spaCy v3.5.4 spacy/ml/models/multi_task.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const objective = sig.value(KIND.PretrainObjective);

export function registerPretrain(registry: Registry): void {
  registry.register(
    declareFunction("architectures", "spacy.PretrainVectors.v1", {
      description: "Pretraining objective: predict each (masked) word's static vector from its context",
      args: {
        maxout_pieces: z.number().int().describe("maxout pieces of the hidden layer; 2-3"),
        hidden_size: z.number().int().describe("width of the hidden layer; e.g. 300"),
        loss: z.enum(["cosine", "L2"]).describe('distance between predicted and true vectors: "cosine" or "L2"'),
      },
      returns: objective,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.PretrainCharacters.v1", {
      description: "Pretraining objective: predict the first and last characters of each (masked) word",
      args: {
        maxout_pieces: z.number().int().describe("maxout pieces of the hidden layer; 2-3"),
        hidden_size: z.number().int().describe("width of the hidden layer; e.g. 300"),
        n_characters: z.number().int().describe("characters to predict from each end of the word; e.g. 4"),
      },
      returns: objective,
    }),
  );
}
