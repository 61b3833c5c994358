import { z } from "zod";
import { t } from "../registry/types.js";

/**
 * Schemas of the sections that are plain settings rather than function calls; the
 * fields, types and strictness follow spaCy's ConfigSchema* (spacy/schemas.py).
 */
const callback = () => t.optionalCallback("Callback");

export const nlpSchema = z
  .object({
    lang: z.string().describe("language code, e.g. en"),
    pipeline: z.array(z.string()).describe("component names, in order"),
    disabled: z.array(z.string()).describe("components loaded but disabled by default"),
    tokenizer: t.fn("TokenizerFactory").describe("the tokenizer to use"),
    before_creation: callback().describe("callback on the Language class before it is created"),
    after_creation: callback().describe("callback on the nlp object before the pipeline is built"),
    after_pipeline_creation: callback().describe("callback on the nlp object after the pipeline is built"),
    batch_size: z.number().int().nullable().describe("default batch size of nlp.pipe and nlp.evaluate"),
  })
  .strict();

export const trainingSchema = z
  .object({
    dev_corpus: z.string().describe("config path of the dev corpus, e.g. corpora.dev"),
    train_corpus: z.string().describe("config path of the training corpus"),
    batcher: t.fn("Batcher").describe("batcher for the training data"),
    dropout: z.number().describe("dropout rate; 0.1-0.3"),
    patience: z.number().int().describe("steps without improvement before stopping; 0 never stops early"),
    max_epochs: z.number().int().describe("0 unlimited, -1 streams the corpus"),
    max_steps: z.number().int().describe("0 unlimited"),
    eval_frequency: z.number().int().describe("steps between evaluations"),
    seed: z.number().int().nullable().describe("random seed"),
    gpu_allocator: z.string().nullable().describe("memory allocator on GPU"),
    accumulate_gradient: z.number().int().describe("split each batch into this many sub-batches"),
    score_weights: z.record(z.string(), z.number().nullable()).describe("scores shown in the table and their weights"),
    optimizer: t.fn("Optimizer").describe("the optimizer"),
    logger: t.fn("Logger").describe("logs training progress"),
    frozen_components: z.array(z.string()).describe("components not updated during training"),
    annotating_components: z.array(z.string()).describe("components that set annotations during training"),
    before_to_disk: callback().describe("callback on the nlp object before it is saved"),
    before_update: z.union([z.null(), t.fn("Callback")]).describe("callback at the start of each step"),
  })
  .strict();

export const pretrainingSchema = z
  .object({
    max_epochs: z.number().int().describe("epochs over the raw text"),
    dropout: z.number().describe("dropout rate"),
    n_save_every: z.number().int().nullable().describe("save a temporary model every N batches"),
    n_save_epoch: z.number().int().nullable().describe("save the model every N epochs"),
    optimizer: t.fn("Optimizer").describe("the optimizer"),
    corpus: z.string().describe("config path of the raw-text corpus"),
    batcher: t.fn("Batcher").describe("batcher for the raw text"),
    component: z.string().describe("component whose layer is pretrained"),
    layer: z.string().describe("layer to pretrain; empty for the whole model"),
    objective: t.fn("PretrainObjective").describe("the pretraining objective"),
  })
  .strict();

export const initializeSchema = z
  .object({
    vocab_data: z.string().nullable().describe("path to a JSONL vocabulary file"),
    lookups: z.union([z.null(), t.fn("Any")]).describe("vocabulary lookups"),
    vectors: z.string().nullable().describe("path to a vectors pipeline"),
    init_tok2vec: z.string().nullable().describe("path to pretrained tok2vec weights"),
    tokenizer: z.record(z.string(), z.unknown()).describe("arguments of the tokenizer's initialize"),
    components: z.record(z.string(), z.record(z.string(), z.unknown())).describe("arguments of each component's initialize"),
    before_init: callback().describe("callback before initialization"),
    after_init: callback().describe("callback after initialization"),
  })
  .strict();
