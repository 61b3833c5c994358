// Facts from thinc v8.1.7 thinc/loss.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const loss = sig.value(KIND.Loss);

const arg = {
  normalize: () => z.boolean().default(true).describe("divide the gradient by the number of rows"),
  names: () => z.array(z.string()).nullable().default(null).describe("class names, so that truths may be given as strings; null for integer truths"),
  missing_value: () =>
    z.union([z.string(), z.number().int()]).nullable().default(null).describe("truth value that marks a missing label (no gradient); null for none"),
  neg_prefix: () => z.string().nullable().default(null).describe('prefix marking a negative label (e.g. "!" for "not this class"); null for none'),
  label_smoothing: () => z.number().default(0.0).describe("label smoothing; 0.0-0.2"),
};

export function registerLosses(registry: Registry): void {
  const cce = "Categorical cross-entropy over one array of class scores";
  registry.register(
    declareFunction("losses", "CategoricalCrossentropy.v1", {
      origin: "thinc",
      description: cce,
      args: { normalize: arg.normalize(), names: arg.names(), missing_value: arg.missing_value() },
      returns: loss,
    }),
  );
  registry.register(
    declareFunction("losses", "CategoricalCrossentropy.v2", {
      origin: "thinc",
      description: `${cce}, with negative labels`,
      args: { normalize: arg.normalize(), names: arg.names(), missing_value: arg.missing_value(), neg_prefix: arg.neg_prefix() },
      returns: loss,
    }),
  );
  registry.register(
    declareFunction("losses", "CategoricalCrossentropy.v3", {
      origin: "thinc",
      description: `${cce}, with negative labels and label smoothing`,
      args: {
        normalize: arg.normalize(),
        names: arg.names(),
        missing_value: arg.missing_value(),
        neg_prefix: arg.neg_prefix(),
        label_smoothing: arg.label_smoothing(),
      },
      returns: loss,
    }),
  );
  const scce = "Categorical cross-entropy over a sequence of arrays (one per doc)";
  registry.register(
    declareFunction("losses", "SequenceCategoricalCrossentropy.v1", {
      origin: "thinc",
      description: scce,
      args: { normalize: arg.normalize(), names: arg.names() },
      returns: loss,
    }),
  );
  registry.register(
    declareFunction("losses", "SequenceCategoricalCrossentropy.v2", {
      origin: "thinc",
      description: `${scce}, with negative labels`,
      args: { normalize: arg.normalize(), names: arg.names(), neg_prefix: arg.neg_prefix() },
      returns: loss,
    }),
  );
  registry.register(
    declareFunction("losses", "SequenceCategoricalCrossentropy.v3", {
      origin: "thinc",
      description: `${scce}, with missing values, negative labels and label smoothing`,
      args: {
        normalize: arg.normalize(),
        names: arg.names(),
        missing_value: arg.missing_value(),
        neg_prefix: arg.neg_prefix(),
        label_smoothing: arg.label_smoothing(),
      },
      returns: loss,
    }),
  );
  registry.register(
    declareFunction("losses", "L2Distance.v1", {
      origin: "thinc",
      description: "Squared L2 distance between predicted and target vectors",
      args: { normalize: arg.normalize() },
      returns: loss,
    }),
  );
  registry.register(
    declareFunction("losses", "CosineDistance.v1", {
      origin: "thinc",
      description: "Cosine distance between predicted and target vectors",
      args: {
        normalize: arg.normalize(),
        ignore_zeros: z.boolean().default(false).describe("give no loss for rows whose target vector is all zeros"),
      },
      returns: loss,
    }),
  );
}
