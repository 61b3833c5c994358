/**
 * with_list: run a layer that takes a list of 2d arrays on a Ragged or Padded batch,
 * converting on the way in and back on the way out (Thinc's with_list.v1, thinc/layers/with_list.py).
 */
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { type Floats2d, Padded, Ragged } from "../types.js";
import { flatten, unflatten } from "./list2array.js";
import { list2paddedData } from "./list2padded.js";
import { padded2listData } from "./padded2list.js";
import { copyDims, type SeqKind, type SeqOf } from "./with-array.js";
import type { WithSeqOptions } from "./with-padded.js";

export function withList<K extends SeqKind = "ragged">(
  layer: Model<Floats2d[], Floats2d[]>,
  options?: WithSeqOptions<K>,
): Model<SeqOf<K, Floats2d>, SeqOf<K, Floats2d>>;
export function withList(layer: AnyModel, _options: WithSeqOptions<SeqKind> = {}): AnyModel {
  return new Model(`with_list(${layer.name})`, forward, { init, layers: [layer], dims: copyDims(layer) });
}

export function forward(model: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  const layer = model.layers[0] as Model<Floats2d[], Floats2d[]>;
  if (X instanceof Padded) {
    const [Ys, backprop] = layer.call(padded2listData(X), isTrain);
    return [list2paddedData(Ys), (dY) => list2paddedData(backprop(padded2listData(dY as Padded)))];
  }
  if (X instanceof Ragged) {
    const [Ys, backprop] = layer.call(unflatten(X.data as Floats2d, X.lengths), isTrain);
    return [
      new Ragged(flatten(Ys), X.lengths),
      (dY) => {
        const dYr = dY as Ragged;
        return new Ragged(flatten(backprop(unflatten(dYr.data, dYr.lengths))), dYr.lengths);
      },
    ];
  }
  return layer.call(X as Floats2d[], isTrain) as [unknown, Backprop<unknown, unknown>];
}

export function init(model: AnyModel, X?: unknown, Y?: unknown): void {
  withScope(() => model.layers[0]!.initialize(X === undefined ? undefined : toList(X), Y === undefined ? undefined : toList(Y)));
}

function toList(X: unknown): unknown {
  if (X instanceof Padded) return padded2listData(X);
  if (X instanceof Ragged) return unflatten(X.data, X.lengths);
  return X;
}
