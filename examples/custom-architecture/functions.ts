/**
 * Registering your own architecture from a --code file. Its arguments are declared once
 * with zod: `tsnlp init fill-config` fills their defaults, `tsnlp debug config` validates
 * them and checks the model signatures it takes and returns.
 *
 *   npx tsnlp debug config examples/custom-architecture/config.cfg --code examples/custom-architecture/functions.ts
 */
import { declareFunction, registry, sig, t } from "tsnlp";
import { z } from "zod";

registry.register(
  declareFunction("architectures", "my_project.WindowTagger.v1", {
    origin: "user",
    description: "A tagger head over a token-to-vector layer, with a wider context window",
    args: {
      tok2vec: t.model("List[Doc]", "List[Floats2d]").describe("the token-to-vector layer it listens to"),
      window: z.number().int().min(0).default(2).describe("tokens of context on each side; 1-3"),
      nO: z.number().int().nullable().default(null).describe("number of tags; null to infer from the data"),
    },
    returns: sig.model("List[Doc]", "List[Floats2d]"),
  }),
);
