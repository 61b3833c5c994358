/**
 * with_ragged: run a layer that takes a Ragged batch on a list of arrays or a Padded batch,
 * converting on the way in and back on the way out (Thinc's with_ragged.v1,
 * thinc/layers/with_ragged.py). Thinc's (data, lengths) tuple form is not taken.
 */
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { type Floats2d, Padded, Ragged } from "../types.js";
import { flatten, lengthsOf, unflatten } from "./list2array.js";
import { ragged2padded } from "./list2padded.js";
import { padded2ragged } from "./padded2list.js";
import type { SeqKind, SeqOf } from "./with-array.js";
import type { WithSeqOptions } from "./with-padded.js";

export function withRagged<K extends SeqKind = "list">(
  layer: Model<Ragged, Ragged>,
  options?: WithSeqOptions<K>,
): Model<SeqOf<K, Floats2d>, SeqOf<K, Floats2d>>;
export function withRagged(layer: AnyModel, _options: WithSeqOptions<SeqKind> = {}): AnyModel {
  // Thinc gives with_ragged no dims of its own.
  return new Model(`with_ragged(${layer.name})`, forward, { init, layers: [layer] });
}

export function forward(model: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  const layer = model.layers[0] as Model<Ragged, Ragged>;
  if (X instanceof Ragged) return layer.call(X, isTrain) as [unknown, Backprop<unknown, unknown>];
  if (X instanceof Padded) {
    // The Padded order is by length; the Ragged batch keeps the original order.
    const { data, lengths } = padded2ragged(X);
    const [Yr, backprop] = layer.call(new Ragged(data, lengths), isTrain);
    return [
      ragged2padded(Yr.data, Yr.lengths),
      (dY) => {
        const dXr = backprop(new Ragged(padded2ragged(dY as Padded).data, lengths));
        return ragged2padded(dXr.data, lengths);
      },
    ];
  }
  const Xs = X as Floats2d[];
  const lengths = lengthsOf(Xs);
  const [Yr, backprop] = layer.call(new Ragged(flatten(Xs), lengths), isTrain);
  return [unflatten(Yr.data, Yr.lengths), (dYs) => unflatten(backprop(new Ragged(flatten(dYs as Floats2d[]), lengths)).data, lengths)];
}

export function init(model: AnyModel, X?: unknown, Y?: unknown): void {
  withScope(() => model.layers[0]!.initialize(X === undefined ? undefined : toRagged(X), Y === undefined ? undefined : toRagged(Y)));
}

function toRagged(X: unknown): Ragged {
  if (X instanceof Ragged) return X;
  if (X instanceof Padded) {
    const { data, lengths } = padded2ragged(X);
    return new Ragged(data, lengths);
  }
  const Xs = X as Floats2d[];
  return new Ragged(flatten(Xs), lengthsOf(Xs));
}
