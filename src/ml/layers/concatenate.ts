/**
 * concatenate: run layers on the same input and join their outputs feature-wise, for array,
 * list and Ragged outputs (Thinc's concatenate.v1, thinc/layers/concatenate.py). Backprop splits
 * the gradient by the layers' widths and sums their input gradients.
 */
import { type AnyModel, type Backprop, Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import { type Floats2d, Ragged } from "../types.js";
import { sumData } from "./add.js";
import { getWidth } from "./chain.js";
import { flatten, lengthsOf, unflatten } from "./list2array.js";
import { noop } from "./noop.js";

export function concatenate<In, Out>(...layers: Array<Model<In, Out>>): Model<In, Out> {
  return concatenateLayers(layers) as Model<In, Out>;
}

/** concatenate without compile-time checks, for the config system. */
export function concatenateLayers(layers: readonly AnyModel[]): AnyModel {
  const first = layers[0];
  if (!first) return noop();
  if (layers.length === 1) return first;
  // As in Thinc, concatenate(concatenate(a, b), c) grows the first one instead of nesting.
  if (first.forward === forward) {
    first.layers.push(...layers.slice(1));
    return first;
  }
  const dims: Record<string, number | null> = { nO: null };
  if (layers.every((layer) => layer.hasDim("nI") !== false)) dims.nI = null;
  return new Model(layers.map((layer) => layer.name).join("|"), forward, { init, dims, layers: [...layers] });
}

export function forward(model: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  const outputs = model.layers.map((layer) => layer.call(X, isTrain));
  const Ys = outputs.map(([Y]) => Y);
  const callbacks = outputs.map(([, backprop]) => backprop);
  const first = Ys[0];
  if (Array.isArray(first)) return listForward(Ys as Floats2d[][], callbacks);
  if (first instanceof Ragged) return raggedForward(Ys as Ragged[], callbacks);
  return arrayForward(Ys as Tensor[], callbacks);
}

function backpropParts(callbacks: Array<Backprop<unknown, unknown>>, parts: unknown[]): unknown {
  return callbacks.map((backprop, i) => backprop(parts[i])).reduce((sum, dX) => sumData(sum, dX));
}

function arrayForward(Ys: Tensor[], callbacks: Array<Backprop<unknown, unknown>>): [Tensor, Backprop<unknown, unknown>] {
  const widths = Ys.map(getWidth);
  const axis = (Ys[0]?.rank ?? 2) - 1;
  return [tf.concat(Ys, axis), (dY) => backpropParts(callbacks, tf.split(dY as Tensor, widths, axis))];
}

function raggedForward(Ys: Ragged[], callbacks: Array<Backprop<unknown, unknown>>): [Ragged, Backprop<unknown, unknown>] {
  const widths = Ys.map(getWidth);
  const lengths = Ys[0]!.lengths;
  const output = new Ragged(
    tf.concat(
      Ys.map((Y) => Y.data),
      1,
    ),
    lengths,
  );
  return [
    output,
    (dY) => {
      const dYr = dY as Ragged;
      return backpropParts(
        callbacks,
        tf.split(dYr.data, widths, 1).map((data) => new Ragged(data as Floats2d, dYr.lengths)),
      );
    },
  ];
}

/** Lists are joined as one array: a concat per layer and one split, not one op per sequence and layer. */
function listForward(Ys: Floats2d[][], callbacks: Array<Backprop<unknown, unknown>>): [Floats2d[], Backprop<unknown, unknown>] {
  const lengths = lengthsOf(Ys[0]!);
  const flat = Ys.map((Y) => flatten(Y));
  const widths = flat.map(getWidth);
  const output = unflatten(tf.concat(flat, 1), lengths);
  return [
    output,
    (dYs) =>
      backpropParts(
        callbacks,
        tf.split(flatten(dYs as Floats2d[]), widths, 1).map((part) => unflatten(part as Floats2d, lengths)),
      ),
  ];
}

// Unlike Thinc, Y is not handed on to the layers: it is the joined output, wider than any one layer's.
export function init(model: AnyModel, X?: unknown, _Y?: unknown): void {
  // Only layers that take arrays have an nI to infer; concatenated Doc encoders do not.
  const withInput = [model, ...model.layers].filter((node) => node.hasDim("nI") !== false);
  if (X !== undefined && withInput.length > 0) {
    const width = getWidth(X);
    for (const node of withInput) node.setDim("nI", width);
  }
  for (const layer of model.layers) layer.initialize(X);
  if (model.layers.every((layer) => layer.hasDim("nO") === true)) {
    model.setDim(
      "nO",
      model.layers.reduce((sum, layer) => sum + layer.getDim("nO"), 0),
    );
  }
}
