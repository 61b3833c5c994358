// Facts from spaCy v3.5.4 spacy/pipeline/tok2vec.py.
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { hashEmbedCnn } from "./default_models.js";

export function registerTok2VecFactory(registry: Registry): void {
  registry.register(
    declareFactory("tok2vec", {
      description: "Computes token vectors and shares them with downstream components through listeners",
      args: {
        model: t.model("List[Doc]", "List[Floats2d]").describe("the token-to-vector network, e.g. spacy.Tok2Vec.v2"),
      },
      defaultConfig: { model: hashEmbedCnn() },
      assigns: ["doc.tensor"],
    }),
  );
}
