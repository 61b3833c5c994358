// Facts from spaCy v3.5.4 spacy/pipeline/entity_linker.py.
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { KIND, scorerArg } from "../common.js";
import { entityLinkerModel } from "./default_models.js";

export function registerEntityLinkerFactory(registry: Registry): void {
  registry.register(
    declareFactory("entity_linker", {
      description: "Links named entities to knowledge-base ids (token.ent_kb_id)",
      args: {
        model: t.model("List[Doc]", "Floats2d").describe("encodes each entity's context, e.g. spacy.EntityLinker.v2"),
        labels_discard: z.array(z.string()).describe("entity labels never linked"),
        n_sents: z.number().int().describe("sentences on either side used as context; 0-2"),
        incl_prior: z.boolean().describe("use the knowledge base's prior probabilities"),
        incl_context: z.boolean().describe("use the context vector"),
        entity_vector_length: z.number().int().describe("width of the entity vectors; e.g. 64"),
        get_candidates: t.fn(KIND.CandidateGenerator).describe("finds candidates for a mention, e.g. spacy.CandidateGenerator.v1"),
        get_candidates_batch: t.fn(KIND.CandidateBatchGenerator).describe("finds candidates for a batch of mentions, e.g. spacy.CandidateBatchGenerator.v1"),
        generate_empty_kb: t.fn(KIND.EmptyKBFactory).describe("creates the empty knowledge base, e.g. spacy.EmptyKB.v2"),
        overwrite: z.boolean().describe("overwrite links that are already set"),
        scorer: scorerArg(),
        use_gold_ents: z.boolean().describe("train on the gold entities (false: on entities predicted earlier in the pipeline)"),
        candidates_batch_size: z.number().int().describe("mentions per candidate lookup; 1 uses get_candidates"),
        threshold: z.number().nullable().describe("minimum confidence for a link; null for none"),
      },
      defaultConfig: {
        model: entityLinkerModel(),
        labels_discard: [],
        n_sents: 0,
        incl_prior: true,
        incl_context: true,
        entity_vector_length: 64,
        get_candidates: { "@misc": "spacy.CandidateGenerator.v1" },
        get_candidates_batch: { "@misc": "spacy.CandidateBatchGenerator.v1" },
        generate_empty_kb: { "@misc": "spacy.EmptyKB.v2" },
        overwrite: true,
        scorer: { "@scorers": "spacy.entity_linker_scorer.v1" },
        use_gold_ents: true,
        candidates_batch_size: 1,
        threshold: null,
      },
      defaultScoreWeights: { nel_micro_f: 1.0, nel_micro_r: null, nel_micro_p: null },
      assigns: ["token.ent_kb_id"],
      requires: ["doc.ents", "doc.sents", "token.ent_iob", "token.ent_type"],
    }),
  );
}
