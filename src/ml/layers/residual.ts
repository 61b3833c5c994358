/**
 * residual: Y = X + layer(X), for arrays, lists of arrays, Ragged and Padded batches
 * (Thinc's residual.v1, thinc/layers/residual.py). The gradient passes both ways: dX = dY + dlayer(dY).
 */
import { type Backprop, Model } from "../model.js";
import { sumData } from "./add.js";

export function residual<T>(layer: Model<T, T>): Model<T, T> {
  return new Model<T, T>(`residual(${layer.name})`, forward, {
    init,
    layers: [layer],
    dims: {
      nO: layer.hasDim("nO") === true ? layer.getDim("nO") : null,
      nI: layer.hasDim("nI") === true ? layer.getDim("nI") : null,
    },
  });
}

export function forward<T>(model: Model<T, T>, X: T, isTrain: boolean): [T, Backprop<T, T>] {
  const [Y, backpropLayer] = (model.layers[0] as Model<T, T>).call(X, isTrain);
  return [sumData(X, Y), (dY) => sumData(dY, backpropLayer(dY))];
}

export function init<T>(model: Model<T, T>, X?: T, Y?: T): void {
  const layer = model.layers[0] as Model<T, T>;
  layer.initialize(X, layer.hasDim("nO") === null ? Y : undefined);
  for (const dim of ["nO", "nI"]) if (layer.hasDim(dim) === true) model.setDim(dim, layer.getDim(dim));
}
