/**
 * with_padded: run a layer that takes a Padded batch (an LSTM) on a list of arrays, a Ragged
 * batch or a time-major 3d array, converting on the way in and back on the way out (Thinc's
 * with_padded.v1, thinc/layers/with_padded.py). Thinc's 4-tuple form of Padded is not taken.
 */
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { tf } from "../tf.js";
import { type Floats2d, type Floats3d, Padded, Ragged } from "../types.js";
import { list2paddedData, ragged2padded } from "./list2padded.js";
import { padded2listData, padded2ragged } from "./padded2list.js";
import { copyDims, type SeqKind, type SeqOf } from "./with-array.js";

export interface WithSeqOptions<K extends SeqKind> {
  /** The batch kind to type the wrapper for (all kinds work at run time). */
  seq?: K;
}

export function withPadded<K extends SeqKind = "list">(
  layer: Model<Padded, Padded>,
  options?: WithSeqOptions<K>,
): Model<SeqOf<K, Floats2d>, SeqOf<K, Floats2d>>;
export function withPadded(layer: AnyModel, _options: WithSeqOptions<SeqKind> = {}): AnyModel {
  return new Model(`with_padded(${layer.name})`, forward, { init, layers: [layer], dims: copyDims(layer) });
}

export function forward(model: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  const layer = model.layers[0] as Model<Padded, Padded>;
  if (X instanceof Padded) return layer.call(X, isTrain) as [unknown, Backprop<unknown, unknown>];
  if (X instanceof Ragged) {
    const [Yp, backprop] = layer.call(ragged2padded(X.data, X.lengths), isTrain);
    return [
      new Ragged(padded2ragged(Yp).data, X.lengths),
      (dY) => {
        const dYr = dY as Ragged;
        return new Ragged(padded2ragged(backprop(ragged2padded(dYr.data, dYr.lengths))).data, dYr.lengths);
      },
    ];
  }
  if (X instanceof tf.Tensor) {
    const Xp = fullPadded(X as Floats3d);
    const [Yp, backprop] = layer.call(Xp, isTrain);
    return [Yp.data, (dY) => backprop(new Padded(dY as Floats3d, Xp.sizeAtT, Xp.lengths, Xp.indices)).data];
  }
  const [Yp, backprop] = layer.call(list2paddedData(X as Floats2d[]), isTrain);
  return [padded2listData(Yp), (dYs) => padded2listData(backprop(list2paddedData(dYs as Floats2d[])))];
}

export function init(model: AnyModel, X?: unknown, Y?: unknown): void {
  withScope(() => model.layers[0]!.initialize(X === undefined ? undefined : toPadded(X), Y === undefined ? undefined : toPadded(Y)));
}

function toPadded(X: unknown): Padded {
  if (X instanceof Padded) return X;
  if (X instanceof Ragged) return ragged2padded(X.data, X.lengths);
  if (X instanceof tf.Tensor) return fullPadded(X as Floats3d);
  return list2paddedData(X as Floats2d[]);
}

/** A (nS, nB, nO) array read as nB sequences that all run the full nS steps. */
function fullPadded(X: Floats3d): Padded {
  const [nS, nB] = X.shape;
  return new Padded(
    X,
    new Int32Array(nS).fill(nB),
    new Int32Array(nB).fill(nS),
    Int32Array.from({ length: nB }, (_, i) => i),
  );
}
