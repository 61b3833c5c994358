/** noop: the identity; any layers given are kept as sublayers but not run (Thinc's noop.v1). */
import { type AnyModel, type Backprop, Model } from "../model.js";

export function noop<T>(...layers: AnyModel[]): Model<T, T> {
  return new Model<T, T>("noop", forward, { layers });
}

export function forward<T>(_model: Model<T, T>, X: T, _isTrain: boolean): [T, Backprop<T, T>] {
  return [X, (dY) => dY];
}
