/**
 * chain: feed each layer's output into the next (Thinc's chain.v1, thinc/layers/chain.py).
 * The typed overloads make `chain(a, b)` a compile error when a's output is not b's input;
 * `chainLayers` is the untyped form the config system calls.
 */
import { TsnlpError } from "../../util/errors.js";
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import { Ints2d, Padded, Ragged, Uint64s2d } from "../types.js";

export function chain<A, B>(l1: Model<A, B>): Model<A, B>;
export function chain<A, B, C>(l1: Model<A, B>, l2: Model<B, C>): Model<A, C>;
export function chain<A, B, C, D>(l1: Model<A, B>, l2: Model<B, C>, l3: Model<C, D>): Model<A, D>;
export function chain<A, B, C, D, E>(l1: Model<A, B>, l2: Model<B, C>, l3: Model<C, D>, l4: Model<D, E>): Model<A, E>;
export function chain<A, B, C, D, E, F>(l1: Model<A, B>, l2: Model<B, C>, l3: Model<C, D>, l4: Model<D, E>, l5: Model<E, F>): Model<A, F>;
export function chain<A, B, C, D, E, F, G>(l1: Model<A, B>, l2: Model<B, C>, l3: Model<C, D>, l4: Model<D, E>, l5: Model<E, F>, l6: Model<F, G>): Model<A, G>;
export function chain(...layers: AnyModel[]): AnyModel {
  return chainLayers(layers);
}

/** chain without compile-time checks, for layers whose types are only known at run time. */
export function chainLayers(layers: readonly AnyModel[]): AnyModel {
  const first = layers[0];
  const last = layers[layers.length - 1];
  if (!first || !last) {
    throw new TsnlpError("E_LAYER_ARGS", "chain needs at least one layer.", {
      hint: "List the layers to compose as chain's arguments (in a config: `*` blocks).",
    });
  }
  // Thinc gives the chain an nI only where its first layer has one, and always an nO.
  const dims: Record<string, number | null> = { nO: last.hasDim("nO") === true ? last.getDim("nO") : null };
  const hasNI = first.hasDim("nI");
  if (hasNI !== false) dims.nI = hasNI ? first.getDim("nI") : null;
  return new Model(layers.map((layer) => layer.name).join(">>"), forward, { init, dims, layers: [...layers] });
}

export function forward(model: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  const callbacks: Array<Backprop<unknown, unknown>> = [];
  let Y = X;
  for (const layer of model.layers) {
    const [out, backprop] = layer.call(Y, isTrain);
    callbacks.push(backprop);
    Y = out;
  }
  return [
    Y,
    (dY) => {
      let d = dY;
      for (let i = callbacks.length - 1; i >= 0; i--) d = callbacks[i]!(d);
      return d;
    },
  ];
}

/**
 * Shape inference: each layer is initialized on the previous one's output for the sample X.
 * Y goes only to layers whose nO is still open (Thinc's policy), since it is the chain's output.
 * The sample predictions run in their own scope, so they are freed once their widths are known.
 */
export function init(model: AnyModel, X?: unknown, Y?: unknown): void {
  const outWidth = withScope(() => {
    let current = X;
    for (const layer of model.layers) {
      layer.initialize(current, layer.hasDim("nO") === null ? Y : undefined);
      if (current !== undefined) current = layer.predict(current);
    }
    return current === undefined ? undefined : getWidth(current);
  });
  const first = model.layers[0]!;
  const last = model.layers[model.layers.length - 1]!;
  if (first.hasDim("nI") === true && model.hasDim("nI") !== false) model.setDim("nI", first.getDim("nI"));
  if (model.hasDim("nO") === null) {
    if (outWidth !== undefined) model.setDim("nO", outWidth);
    else if (last.hasDim("nO") === true) model.setDim("nO", last.getDim("nO"));
  }
}

/** The width of a batch: the last dimension of an array, of a Ragged's or Padded's data, or of a list's first item (Thinc's get_width). */
export function getWidth(X: unknown): number {
  if (X instanceof Ragged || X instanceof Padded) return getWidth(X.data);
  if (X instanceof Ints2d || X instanceof Uint64s2d) return X.cols;
  if (X instanceof Int32Array) return X.reduce((max, x) => Math.max(max, x + 1), 0);
  if (X instanceof tf.Tensor) return (X as Tensor).rank === 0 ? 0 : (X as Tensor).shape[(X as Tensor).rank - 1]!;
  if (Array.isArray(X)) return X.length === 0 ? 0 : getWidth(X[0]);
  throw new TsnlpError("E_LAYER_INPUT", `Cannot tell the width of ${X === null ? "null" : typeof X} data.`, {
    hint: "Layers take arrays, Ragged or Padded batches, or lists of arrays.",
  });
}
