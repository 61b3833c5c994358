/**
 * rel_model.v1 and rel_classification_layer.v1 (spaCy's tutorials/rel_component): the instance
 * tensor chained to a classifier, and the classifier itself, Linear then Logistic, which scores
 * every relation label of a pair independently (multi-label).
 *
 * tsnlp registers Thinc's layers by their config names, so this file builds chain, Linear and
 * Logistic through the registry, as `@layers = "Linear.v1"` in a config would.
 */
import type * as tf from "@tensorflow/tfjs-core";
import { type Doc, type Model, type Registry, TsnlpError } from "tsnlp";

type Floats2d = tf.Tensor2D;

// biome-ignore lint/suspicious/noExplicitAny: a layer's own types are its business
export type AnyModel = Model<any, any>;

/** Build a layer registered under `name` with these arguments. */
function registeredLayer(registry: Registry, name: string, args: Record<string, unknown>, positional: unknown[] = []): AnyModel {
  const decl = registry.get("layers", name);
  if (!decl.build) {
    throw new TsnlpError("E_REL_LAYER", `The layer '${name}' that the relation model uses is declared but not implemented in this tsnlp.`, {
      hint: "Use a tsnlp version that implements it (tsnlp debug config --show-functions lists them).",
    });
  }
  return decl.build(args, positional) as AnyModel;
}

export function classificationLayer(registry: Registry, nO: number | null, nI: number | null): Model<Floats2d, Floats2d> {
  return registeredLayer(registry, "chain.v1", {}, [registeredLayer(registry, "Linear.v1", { nO, nI }), registeredLayer(registry, "Logistic.v1", {})]);
}

/** The whole model: docs in, one row of label probabilities per candidate pair out. */
export function relationModel(registry: Registry, createInstanceTensor: Model<Doc[], Floats2d>, classifier: Model<Floats2d, Floats2d>): Model<Doc[], Floats2d> {
  const model = registeredLayer(registry, "chain.v1", {}, [createInstanceTensor, classifier]) as Model<Doc[], Floats2d>;
  // The component asks the model which pairs its rows are, as spaCy's tutorial does.
  model.attrs.get_instances = createInstanceTensor.attrs.get_instances;
  return model;
}
