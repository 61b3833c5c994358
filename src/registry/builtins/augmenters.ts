// Facts from spaCy v3.5.4 spacy/training/augment.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const augmenter = sig.value(KIND.Augmenter);
/** {"single": [{"tags": [...], "variants": [...]}], "paired": [...]} */
const orthVariants = () => z.record(z.string(), z.array(z.record(z.string(), z.unknown())));

export function registerAugmenters(registry: Registry): void {
  registry.register(
    declareFunction("augmenters", "spacy.combined_augmenter.v1", {
      description: "Lower-cases, swaps orthographic variants and inserts whitespace tokens in training examples",
      args: {
        lower_level: z.number().describe("fraction of examples to lower-case; 0.0-1.0, e.g. 0.1"),
        orth_level: z.number().describe("fraction of examples whose punctuation variants are swapped; 0.0-1.0"),
        orth_variants: orthVariants().nullable().describe('variants as {"single": [...], "paired": [...]}; null for none'),
        whitespace_level: z.number().describe("fraction of examples that get whitespace tokens inserted; 0.0-1.0"),
        whitespace_per_token: z.number().describe("chance of inserting whitespace after each token of such an example"),
        whitespace_variants: z.array(z.string()).nullable().describe("whitespace strings to insert; null for none"),
      },
      returns: augmenter,
    }),
  );
  registry.register(
    declareFunction("augmenters", "spacy.orth_variants.v1", {
      description: "Swaps orthographic variants (e.g. quote and dash styles) in training examples",
      args: {
        level: z.number().describe("fraction of examples to augment; 0.0-1.0"),
        lower: z.number().describe("fraction of examples to also lower-case; 0.0-1.0"),
        orth_variants: orthVariants().describe('variants as {"single": [...], "paired": [...]}'),
      },
      returns: augmenter,
    }),
  );
  registry.register(
    declareFunction("augmenters", "spacy.lower_case.v1", {
      description: "Lower-cases training examples",
      args: {
        level: z.number().describe("fraction of examples to lower-case; 0.0-1.0, e.g. 0.1"),
      },
      returns: augmenter,
    }),
  );
}
