/**
 * expand_window.v1 (thinc/layers/expand_window.py): each row concatenated with the
 * window_size rows on either side, zeros past the edges. On a Ragged batch the windows stop at
 * each sequence's edges.
 */
import { Model } from "../model.js";
import { backpropSeq2col, seq2col } from "../ops/seq2col.js";
import { type Floats2d, Ragged } from "../types.js";

export type ExpandWindowInput = Floats2d | Ragged<Floats2d>;

export function expandWindow<T extends ExpandWindowInput = Floats2d>(windowSize = 1): Model<T, T> {
  return new Model<T, T>("expand_window", forward as unknown as (m: Model<T, T>, X: T, isTrain: boolean) => [T, (dY: T) => T], {
    attrs: { window_size: windowSize },
  });
}

export function forward(
  model: Model<ExpandWindowInput, ExpandWindowInput>,
  X: ExpandWindowInput,
): [ExpandWindowInput, (dY: ExpandWindowInput) => ExpandWindowInput] {
  const nW = Number(model.attrs.window_size);
  if (X instanceof Ragged) {
    const lengths = X.lengths;
    return [new Ragged(seq2col(X.data, nW, lengths), lengths), (dY) => new Ragged(backpropSeq2col((dY as Ragged<Floats2d>).data, nW, lengths), lengths)];
  }
  return [seq2col(X, nW), (dY) => backpropSeq2col(dY as Floats2d, nW)];
}
