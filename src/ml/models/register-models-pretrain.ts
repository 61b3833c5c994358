/**
 * Implementations of the pretraining objectives declared in src/registry/builtins/pretrain.ts
 * (spacy.PretrainCharacters.v1 and spacy.PretrainVectors.v1); the builders are in pretrain.ts.
 */
import type { Registry } from "../../registry/registry.js";
import { createPretrainCharacters, createPretrainVectors } from "./pretrain.js";

export function registerPretrainModels(registry: Registry): void {
  registry.implement("architectures", "spacy.PretrainCharacters.v1", (a) =>
    createPretrainCharacters({ maxoutPieces: Number(a.maxout_pieces), hiddenSize: Number(a.hidden_size), nCharacters: Number(a.n_characters) }),
  );
  registry.implement("architectures", "spacy.PretrainVectors.v1", (a) =>
    createPretrainVectors({ maxoutPieces: Number(a.maxout_pieces), hiddenSize: Number(a.hidden_size), loss: a.loss as "cosine" | "L2" }),
  );
}
