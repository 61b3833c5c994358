/**
 * with_array: run a layer that takes a 2d array on a list of arrays, a Ragged or a Padded
 * batch, by handing it all rows at once (one matmul per batch, not one per sequence) and
 * splitting its output back the same way (Thinc's with_array.v1, thinc/layers/with_array.py).
 * `pad` zero rows go between list items, for window layers that must not see across sequences.
 * A plain array passes straight to the layer.
 */
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { tf } from "../tf.js";
import { type Floats2d, type Floats3d, type Ints2d, Padded, Ragged } from "../types.js";
import { flatten, lengthsOf, type Rows, unflatten } from "./list2array.js";

/**
 * The kinds of batch the sequence wrappers take. They accept every kind at run time; `seq`
 * only picks the static type, so that chain can check it (a list by default).
 */
export type SeqKind = "list" | "ragged" | "padded" | "array";

/** The batch type of kind K whose rows are T. */
export type SeqOf<K extends SeqKind, T> = K extends "list"
  ? T[]
  : K extends "ragged"
    ? T extends Floats2d | Ints2d
      ? Ragged<T>
      : never
    : K extends "padded"
      ? Padded
      : T;

export interface WithArrayOptions<K extends SeqKind = "list"> {
  /** Zero rows put between list items before the layer sees them (Thinc's pad; 0 by default). */
  pad?: number;
  seq?: K;
}

export function withArray<In, Out, K extends SeqKind = "list">(layer: Model<In, Out>, options?: WithArrayOptions<K>): Model<SeqOf<K, In>, SeqOf<K, Out>>;
export function withArray(layer: AnyModel, options: WithArrayOptions<SeqKind> = {}): AnyModel {
  return new Model(`with_array(${layer.name})`, forward, {
    init,
    layers: [layer],
    attrs: { pad: options.pad ?? 0 },
    dims: copyDims(layer),
  });
}

/** The layer's dims as the wrapper's own, set or not (Thinc's maybe_get_dim). */
export function copyDims(layer: AnyModel): Record<string, number | null> {
  return Object.fromEntries(layer.dimNames.map((name) => [name, layer.hasDim(name) === true ? layer.getDim(name) : null]));
}

export function forward(model: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  const layer = model.layers[0]!;
  if (X instanceof Ragged) {
    const [Y, backprop] = layer.call(X.data, isTrain);
    return [new Ragged(Y, X.lengths), (dY) => new Ragged(backprop((dY as Ragged).data), (dY as Ragged).lengths)];
  }
  if (X instanceof Padded) {
    // The layer sees the (nS * nB) rows, padding included, as Thinc's 3d call would.
    const [nS, nB, nI] = X.data.shape;
    const [Y, backprop] = layer.call(tf.reshape(X.data, [nS * nB, nI]), isTrain);
    const nO = (Y as Floats2d).shape[1];
    return [
      new Padded(tf.reshape(Y as Floats2d, [nS, nB, nO]), X.sizeAtT, X.lengths, X.indices),
      (dY) => {
        const dYp = dY as Padded;
        const dX = backprop(tf.reshape(dYp.data, [nS * nB, nO])) as Floats2d;
        return new Padded(tf.reshape(dX, [nS, nB, nI]) as Floats3d, dYp.sizeAtT, dYp.lengths, dYp.indices);
      },
    ];
  }
  if (!Array.isArray(X)) return layer.call(X, isTrain);
  const pad = model.attrs.pad as number;
  const lengths = lengthsOf(X as Rows[]);
  const [Y, backprop] = layer.call(flatten(X as Rows[], pad), isTrain);
  return [unflatten(Y as Rows, lengths, pad), (dYs) => unflatten(backprop(flatten(dYs as Rows[], pad)) as Rows, lengths, pad)];
}

export function init(model: AnyModel, X?: unknown, Y?: unknown): void {
  const layer = model.layers[0]!;
  const pad = model.attrs.pad as number;
  withScope(() => layer.initialize(X === undefined ? undefined : getArray(X, pad), Y === undefined ? undefined : getArray(Y, pad)));
  for (const name of layer.dimNames) if (layer.hasDim(name) === true && model.hasDim(name) !== false) model.setDim(name, layer.getDim(name));
}

function getArray(X: unknown, pad: number): unknown {
  if (X instanceof Ragged) return X.data;
  if (X instanceof Padded) {
    const [nS, nB, nO] = X.data.shape;
    return tf.reshape(X.data, [nS * nB, nO]);
  }
  if (Array.isArray(X)) return flatten(X as Rows[], pad);
  return X;
}
