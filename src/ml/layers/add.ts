/**
 * add: run layers on the same input and sum their outputs (Thinc's add.v1, thinc/layers/add.py).
 * The file also holds the elementwise sum of batches that add, residual and concatenate use
 * to sum outputs and input gradients.
 */
import { TsnlpError } from "../../util/errors.js";
import { type AnyModel, type Backprop, Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import { type Floats2d, Padded, Ragged } from "../types.js";
import { getWidth } from "./chain.js";

export function add<In, Out>(layer1: Model<In, Out>, layer2: Model<In, Out>, ...layers: Array<Model<In, Out>>): Model<In, Out> {
  return addLayers([layer1, layer2, ...layers]) as Model<In, Out>;
}

/** add without compile-time checks, for the config system. */
export function addLayers(layers: readonly AnyModel[]): AnyModel {
  const first = layers[0];
  if (!first) throw new TsnlpError("E_LAYER_ARGS", "add needs at least one layer.", { hint: "List the layers whose outputs to sum." });
  // As in Thinc, add(add(a, b), c) grows the first add instead of nesting.
  if (first.name === "add" && first.forward === forward) {
    first.layers.push(...layers.slice(1));
    return first;
  }
  const dims: Record<string, number | null> = { nO: null };
  if (layers.every((layer) => layer.hasDim("nI") !== false)) dims.nI = null;
  return new Model("add", forward, { init, dims, layers: [...layers] });
}

export function forward(model: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  if (model.layers.length === 0) return [X, (dY) => dY];
  const callbacks: Array<Backprop<unknown, unknown>> = [];
  let Y: unknown;
  for (const layer of model.layers) {
    const [out, backprop] = layer.call(X, isTrain);
    callbacks.push(backprop);
    Y = Y === undefined ? out : sumData(Y, out);
  }
  return [Y, (dY) => callbacks.map((backprop) => backprop(dY)).reduce((sum, dX) => sumData(sum, dX))];
}

export function init(model: AnyModel, X?: unknown, Y?: unknown): void {
  const widths: Array<[string, unknown]> = [
    ["nI", X],
    ["nO", Y],
  ];
  for (const [dim, sample] of widths) {
    if (sample === undefined) continue;
    const width = getWidth(sample);
    for (const node of [model, ...model.layers]) if (node.hasDim(dim) !== false) node.setDim(dim, width);
  }
  for (const layer of model.layers) layer.initialize(X, Y);
  const first = model.layers[0];
  if (first?.hasDim("nO") === true) model.setDim("nO", first.getDim("nO"));
}

/**
 * a + b for batches of the same kind: arrays, lists of arrays, Ragged and Padded batches
 * (metadata from a). Integer inputs (ids) have no gradient: their sum is a.
 */
export function sumData<T>(a: T, b: unknown): T {
  if (a instanceof tf.Tensor) return tf.add(a, b as Tensor) as T;
  if (a instanceof Ragged) return (a.data instanceof tf.Tensor ? new Ragged(tf.add(a.data, (b as Ragged).data) as Floats2d, a.lengths) : a) as T;
  if (a instanceof Padded) return new Padded(tf.add(a.data, (b as Padded).data), a.sizeAtT, a.lengths, a.indices) as T;
  if (Array.isArray(a)) return a.map((x, i) => sumData(x, (b as unknown[])[i])) as T;
  return a;
}
