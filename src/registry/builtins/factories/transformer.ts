// Facts from spacy-transformers v1.2.5 spacy_transformers/pipeline_component.py.
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { KIND } from "../common.js";

export function registerTransformerFactory(registry: Registry): void {
  registry.register(
    declareFactory("transformer", {
      origin: "spacy-transformers",
      description: "Runs a Hugging Face transformer and shares its output with downstream listeners (doc._.trf_data)",
      args: {
        model: t.model("List[Doc]", "FullTransformerBatch").describe("the transformer, e.g. spacy-transformers.TransformerModel.v3"),
        set_extra_annotations: t.fn(KIND.AnnotationSetter).describe("sets extra annotations from the output, e.g. null_annotation_setter.v1"),
        max_batch_items: z.number().int().describe("maximum padded batch size (wordpieces) per forward pass; e.g. 4096"),
      },
      defaultConfig: {
        max_batch_items: 4096,
        set_extra_annotations: { "@annotation_setters": "spacy-transformers.null_annotation_setter.v1" },
        model: {
          "@architectures": "spacy-transformers.TransformerModel.v3",
          name: "roberta-base",
          tokenizer_config: { use_fast: true },
          transformer_config: {},
          mixed_precision: false,
          grad_scaler_config: {},
          get_spans: { "@span_getters": "spacy-transformers.strided_spans.v1", window: 128, stride: 96 },
        },
      },
      assigns: ["doc._.trf_data"],
    }),
  );
}
