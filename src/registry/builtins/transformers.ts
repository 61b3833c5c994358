// Facts from spacy-transformers v1.2.5 (the release line for spaCy 3.5): spacy_transformers/architectures.py,
// span_getters.py and annotation_setters.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { KIND } from "./common.js";

const origin = "spacy-transformers";
const DOCS_TO_TRF = sig.model("List[Doc]", "FullTransformerBatch");
const DOCS_TO_VECS = sig.model("List[Doc]", "List[Floats2d]");

const arg = {
  // Project configs leave it null, to be set with an override: validation accepts that; building will not.
  name: () => z.string().nullable().describe('Hugging Face model name or path, e.g. "roberta-base"; set it before training'),
  getSpans: () => t.fn(KIND.SpanGetter).describe("splits each doc into the spans the transformer reads, e.g. spacy-transformers.strided_spans.v1"),
  tokenizerConfig: () => z.record(z.string(), z.unknown()),
  transformerConfig: () => z.record(z.string(), z.unknown()).default({}).describe("settings passed to the transformer model's config"),
  mixedPrecision: () => z.boolean().default(false).describe("run whitelisted ops in half precision (GPU)"),
  gradScalerConfig: () =>
    z.record(z.string(), z.unknown()).default({}).describe("gradient scaling for mixed precision: enabled, init_scale, growth_factor, ..."),
  pooling: () => t.model("Ragged", "Floats2d").describe("reduces the wordpiece vectors of each token to one vector, e.g. reduce_mean.v1"),
  gradFactor: () => z.number().default(1.0).describe("scales the gradient sent to the transformer; 0 freezes it for this component"),
};

export function registerTransformers(registry: Registry): void {
  registry.register(
    declareFunction("architectures", "spacy-transformers.TransformerModel.v1", {
      origin,
      description: "A pretrained Hugging Face transformer that can be fine-tuned",
      args: {
        name: arg.name(),
        get_spans: arg.getSpans(),
        tokenizer_config: arg.tokenizerConfig().default({}).describe('settings for the Hugging Face tokenizer, e.g. {"use_fast": true}'),
      },
      returns: DOCS_TO_TRF,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy-transformers.TransformerModel.v2", {
      origin,
      description: "A pretrained Hugging Face transformer that can be fine-tuned, with transformer settings",
      args: {
        name: arg.name(),
        get_spans: arg.getSpans(),
        tokenizer_config: arg.tokenizerConfig().default({}).describe('settings for the Hugging Face tokenizer, e.g. {"use_fast": true}'),
        transformer_config: arg.transformerConfig(),
      },
      returns: DOCS_TO_TRF,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy-transformers.TransformerModel.v3", {
      origin,
      description: "A pretrained Hugging Face transformer that can be fine-tuned, with mixed-precision options",
      args: {
        name: arg.name(),
        get_spans: arg.getSpans(),
        tokenizer_config: arg.tokenizerConfig().default({}).describe('settings for the Hugging Face tokenizer, e.g. {"use_fast": true}'),
        transformer_config: arg.transformerConfig(),
        mixed_precision: arg.mixedPrecision(),
        grad_scaler_config: arg.gradScalerConfig(),
      },
      returns: DOCS_TO_TRF,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy-transformers.TransformerListener.v1", {
      origin,
      description: "Reads the output of an upstream transformer component and pools it into one vector per token",
      args: {
        pooling: arg.pooling(),
        grad_factor: arg.gradFactor(),
        upstream: z.string().default("*").describe('name of the upstream transformer component, or "*" for any'),
      },
      returns: DOCS_TO_VECS,
    }),
  );
  const tok2vecTransformer = (version: number): z.ZodRawShape => ({
    name: arg.name(),
    get_spans: arg.getSpans(),
    tokenizer_config: arg.tokenizerConfig().describe('settings for the Hugging Face tokenizer, e.g. {"use_fast": true}'),
    pooling: arg.pooling(),
    grad_factor: arg.gradFactor(),
    ...(version >= 2 ? { transformer_config: arg.transformerConfig() } : {}),
    ...(version >= 3 ? { mixed_precision: arg.mixedPrecision(), grad_scaler_config: arg.gradScalerConfig() } : {}),
  });
  for (const version of [1, 2, 3]) {
    registry.register(
      declareFunction("architectures", `spacy-transformers.Tok2VecTransformer.v${version}`, {
        origin,
        description: "A transformer used directly as one component's tok2vec layer (weights not shared)",
        args: tok2vecTransformer(version),
        returns: DOCS_TO_VECS,
      }),
    );
  }
  const spanGetter = sig.value(KIND.SpanGetter);
  registry.register(
    declareFunction("span_getters", "spacy-transformers.strided_spans.v1", {
      origin,
      description: "Splits each doc into overlapping windows of tokens",
      args: {
        window: z.number().int().describe("tokens per window; e.g. 128"),
        stride: z.number().int().describe("tokens between window starts; less than window for overlap, e.g. 96"),
      },
      returns: spanGetter,
    }),
  );
  registry.register(
    declareFunction("span_getters", "spacy-transformers.sent_spans.v1", {
      origin,
      description: "Uses each sentence of the doc as a span (needs sentence boundaries)",
      args: {},
      returns: spanGetter,
    }),
  );
  registry.register(
    declareFunction("span_getters", "spacy-transformers.doc_spans.v1", {
      origin,
      description: "Uses the whole doc as one span",
      args: {},
      returns: spanGetter,
    }),
  );
  registry.register(
    declareFunction("annotation_setters", "spacy-transformers.null_annotation_setter.v1", {
      origin,
      description: "Sets no extra annotations from the transformer output",
      args: {},
      returns: sig.value(KIND.AnnotationSetter),
    }),
  );
}
