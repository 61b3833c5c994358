// Facts from spaCy v3.5.4 spacy/ml/models/entity_linker.py (EntityLinker.v2) and spacy-legacy v3.0.12
// spacy_legacy/architectures/entity_linker.py (EntityLinker.v1).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { anyModel } from "./common.js";

export function registerEntityLinker(registry: Registry): void {
  for (const version of ["v1", "v2"]) {
    registry.register(
      declareFunction("architectures", `spacy.EntityLinker.${version}`, {
        description: "Entity linker model: encodes each entity's context into a vector compared with the knowledge base's entity vectors",
        args: {
          tok2vec: anyModel().describe("token-to-vector subnetwork (Model[List[Doc], List[Floats2d]])"),
          nO: z.number().int().nullable().default(null).describe("width of the entity vectors; null to take it from the knowledge base"),
        },
        returns: sig.model("List[Doc]", "Floats2d"),
      }),
    );
  }
}
