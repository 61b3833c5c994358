/**
 * A relation extraction component written from scratch, after spaCy's "Layers and Model
 * Architectures" guide and its tutorials/rel_component project. This file declares the
 * functions config.cfg names; the code behind each lives in the files beside it.
 *
 *   npx tsnlp train examples/relation-extraction/config.cfg --code examples/relation-extraction/functions.ts --output out/rel
 *
 * tsnlp calls `register` with the registry in use. Registering replaces an earlier
 * registration of the same names, so loading the file twice in one process is harmless.
 */
import { z } from "zod";
import { type Decl, declareFactory, declareFunction, type PipelineContext, type Registry, sig, t } from "tsnlp";
import { relationCorpus } from "./corpus.js";
import { type InstanceTensorModel, instanceTensor, type PoolingModel, type Tok2VecModel } from "./instance-tensor.js";
import { type GetInstances, INSTANCE_GENERATOR, instanceGenerator } from "./instances.js";
import { type AnyModel, classificationLayer, relationModel } from "./models.js";
import { RELATION_EXTRACTOR, RelationExtractor } from "./relation-extractor.js";

const nullableSize = (what: string) => z.number().int().positive().nullable().default(null).describe(`${what}; null to infer it at initialization`);

export function register(registry: Registry): void {
  const add = (decl: Decl, build: (args: Record<string, unknown>) => unknown) => registry.register({ ...decl, build }, { override: true });

  add(
    declareFunction("architectures", "rel_model.v1", {
      origin: "user",
      description: "Relation extraction: candidate entity pairs as rows of an instance tensor, then a classifier over them",
      args: {
        create_instance_tensor: t.model("List[Doc]", "Floats2d").describe("one row per candidate pair of entities, e.g. rel_instance_tensor.v1"),
        classification_layer: t.model("Floats2d", "Floats2d").describe("label probabilities per row, e.g. rel_classification_layer.v1"),
      },
      returns: sig.model("List[Doc]", "Floats2d"),
    }),
    (args) => relationModel(registry, args.create_instance_tensor as InstanceTensorModel, args.classification_layer as AnyModel),
  );

  add(
    declareFunction("architectures", "rel_instance_tensor.v1", {
      origin: "user",
      description: "Pools each entity's token vectors and puts the two entities of every candidate pair side by side",
      args: {
        tok2vec: t.model("List[Doc]", "List[Floats2d]").describe("token vectors, e.g. a spacy.Tok2VecListener.v1"),
        pooling: t.model("Ragged", "Floats2d").describe("one vector per entity from its tokens' vectors, e.g. reduce_mean.v1"),
        get_instances: t.fn(INSTANCE_GENERATOR).describe("the candidate pairs of a doc, e.g. rel_instance_generator.v1"),
      },
      returns: sig.model("List[Doc]", "Floats2d"),
    }),
    (args) => instanceTensor(args.tok2vec as Tok2VecModel, args.pooling as PoolingModel, args.get_instances as GetInstances),
  );

  add(
    declareFunction("misc", "rel_instance_generator.v1", {
      origin: "user",
      description: "Every ordered pair of distinct entities whose starts are at most max_length tokens apart",
      args: {
        max_length: z.number().int().min(0).default(100).describe("largest distance in tokens between the entities of a pair; 0 for no limit"),
      },
      returns: sig.value(INSTANCE_GENERATOR),
    }),
    (args) => instanceGenerator(args.max_length as number),
  );

  add(
    declareFunction("architectures", "rel_classification_layer.v1", {
      origin: "user",
      description: "Linear then Logistic: an independent probability for each relation label",
      args: { nI: nullableSize("width of the instance rows"), nO: nullableSize("number of relation labels") },
      returns: sig.model("Floats2d", "Floats2d"),
    }),
    (args) => classificationLayer(registry, args.nO as number | null, args.nI as number | null),
  );

  add(
    declareFactory(RELATION_EXTRACTOR, {
      origin: "user",
      description: "Predicts relations between pairs of entities (doc.userData.rel)",
      args: {
        model: t.model("List[Doc]", "Floats2d").describe("label probabilities per candidate pair, e.g. rel_model.v1"),
        threshold: z.number().min(0).max(1).describe("probability from which a relation counts as predicted; 0-1"),
      },
      defaultConfig: { threshold: 0.5 },
      defaultScoreWeights: { rel_micro_p: 0.0, rel_micro_r: 0.0, rel_micro_f: 1.0 },
      requires: ["doc.ents", "token.ent_iob", "token.ent_type"],
      assigns: ["doc._.rel"],
    }),
    (args) => {
      const { nlp, name, model, threshold } = args as { nlp: PipelineContext; name: string; model: AnyModel; threshold: number };
      return new RelationExtractor(nlp.vocab, model, name, { threshold });
    },
  );

  add(
    declareFunction("readers", "rel_corpus.v1", {
      origin: "user",
      description: "Texts with entities and the relations between them, from a JSONL file",
      args: { path: z.string().describe('a .jsonl file of {"text", "entities", "relations"} objects') },
      returns: sig.value("Reader"),
    }),
    (args) => relationCorpus(args.path as string),
  );
}
