// Facts from spaCy v3.5.4 spacy/pipeline/sentencizer.pyx and spacy/pipeline/functions.py.
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { scorerArg } from "../common.js";

export function registerFunctionFactories(registry: Registry): void {
  registry.register(
    declareFactory("sentencizer", {
      description: "Rule-based sentence boundaries: a sentence ends after punctuation characters",
      args: {
        punct_chars: z.array(z.string()).nullable().describe("characters that end a sentence; null for spaCy's default list"),
        overwrite: z.boolean().describe("overwrite sentence starts that are already set"),
        scorer: scorerArg(),
      },
      defaultConfig: { punct_chars: null, overwrite: false, scorer: { "@scorers": "spacy.senter_scorer.v1" } },
      defaultScoreWeights: { sents_f: 1.0, sents_p: 0.0, sents_r: 0.0 },
      assigns: ["token.is_sent_start", "doc.sents"],
    }),
  );
  registry.register(
    declareFactory("token_splitter", {
      description: "Splits very long tokens into shorter ones (e.g. before a transformer)",
      args: {
        min_length: z.number().int().describe("tokens at least this long are split; e.g. 25"),
        split_length: z.number().int().describe("length of the pieces; e.g. 10"),
      },
      defaultConfig: { min_length: 25, split_length: 10 },
    }),
  );
  registry.register(
    declareFactory("doc_cleaner", {
      description: "Resets doc attributes (e.g. doc.tensor) to save memory at the end of a pipeline",
      args: {
        attrs: z.record(z.string(), z.unknown()).describe('attribute -> value to set, e.g. {"tensor": null, "_.trf_data": null}'),
        silent: z.boolean().describe("do not warn about attributes that cannot be set"),
      },
      defaultConfig: { attrs: { tensor: null, "_.trf_data": null }, silent: true },
    }),
  );
  // Stateless components (@Language.component): no settings.
  registry.register(
    declareFactory("merge_noun_chunks", {
      description: "Merges noun chunks into single tokens",
      args: {},
      defaultConfig: {},
      requires: ["token.dep", "token.tag", "token.pos"],
    }),
  );
  registry.register(
    declareFactory("merge_entities", {
      description: "Merges named entities into single tokens",
      args: {},
      defaultConfig: {},
      requires: ["doc.ents", "token.ent_iob", "token.ent_type"],
    }),
  );
  registry.register(
    declareFactory("merge_subtokens", {
      description: 'Merges tokens the parser attached with the "subtok" label',
      args: {},
      defaultConfig: {},
      requires: ["token.dep"],
    }),
  );
}
