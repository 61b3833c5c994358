/**
 * tuplify: give each layer its own copy of the input and return their outputs as a tuple
 * (Thinc's tuplify.v1, thinc/layers/tuplify.py); often used to pass the original input on
 * next to a transformed one. Backprop sums the layers' input gradients.
 */
import { type AnyModel, type Backprop, Model } from "../model.js";
import { sumData } from "./add.js";

export type Tuple = readonly unknown[];

export function tuplify(layer1: AnyModel, layer2: AnyModel, ...layers: AnyModel[]): Model<unknown, Tuple> {
  const all = [layer1, layer2, ...layers];
  return new Model<unknown, Tuple>(`tuple(${all.map((layer) => layer.name).join(", ")})`, forward, { init, layers: all, dims: { nI: null } });
}

function forward(model: Model<unknown, Tuple>, X: unknown, isTrain: boolean): [Tuple, Backprop<Tuple, unknown>] {
  const outputs = model.layers.map((layer) => layer.call(X, isTrain));
  return [outputs.map(([Y]) => Y), (dYs) => outputs.map(([, backprop], i) => backprop(dYs[i])).reduce((sum, dX) => sumData(sum, dX))];
}

/** Every layer sees X; a layer whose nO is still open gets its own item of Y. */
function init(model: Model<unknown, Tuple>, X?: unknown, Y?: Tuple): void {
  for (const [i, layer] of model.layers.entries()) layer.initialize(X, Y !== undefined && layer.hasDim("nO") === null ? Y[i] : undefined);
  const first = model.layers[0]!;
  if (first.hasDim("nI") === true) model.setDim("nI", first.getDim("nI"));
}
