/**
 * uniqued: run a layer only on the distinct rows of a batch of ids, as told apart by one
 * column, and copy its output to the repeats (Thinc's uniqued.v1, thinc/layers/uniqued.py): a
 * cache local to the batch, for embeddings of repeated words. Backprop sums the repeats'
 * gradients into their distinct row. Grouping runs on the host, over the ids' 32-bit words.
 *
 * Thinc orders the distinct rows by key (numpy.unique); here they keep the order of their
 * first occurrence, which changes nothing for a layer that maps each row on its own.
 */
import { TsnlpError } from "../../util/errors.js";
import { type AnyModel, type Backprop, Model } from "../model.js";
import { gatherRows, scatterAdd } from "../ops/segment.js";
import { tf } from "../tf.js";
import { type Floats2d, Ints2d, Uint64s2d } from "../types.js";

export type IdRows = Ints2d | Uint64s2d;

export interface UniquedOptions {
  /** The column whose value tells rows apart (0 by default). */
  column?: number;
}

export function uniqued(layer: Model<IdRows, Floats2d> | AnyModel, opts: UniquedOptions = {}): Model<IdRows, Floats2d> {
  const known = (dim: string) => (layer.hasDim(dim) === true ? layer.getDim(dim) : null);
  return new Model<IdRows, Floats2d>(`uniqued(${layer.name})`, forward, {
    init,
    layers: [layer],
    dims: { nO: known("nO"), nI: known("nI") },
    attrs: { column: opts.column ?? 0 },
  });
}

/** For each row, the index of its distinct key (inverse) and, per distinct key, its first row and count. */
export function groupRows(X: IdRows, column: number, layer: string): { first: Int32Array; inverse: Int32Array; counts: Int32Array } {
  if (!Number.isInteger(column) || column < 0 || column >= X.cols) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${layer}' groups rows by column ${column}, but its input has ${X.cols} column${X.cols === 1 ? "" : "s"}.`, {
      hint: "Set uniqued's column to the index of the attribute that identifies a row (ORTH's, for spaCy's feature columns).",
    });
  }
  const seen = new Map<number | string, number>();
  const inverse = new Int32Array(X.rows);
  const first: number[] = [];
  for (let row = 0; row < X.rows; row++) {
    const key = keyOf(X, row, column);
    let index = seen.get(key);
    if (index === undefined) {
      index = first.length;
      seen.set(key, index);
      first.push(row);
    }
    inverse[row] = index;
  }
  const counts = new Int32Array(first.length);
  for (const index of inverse) counts[index]!++;
  return { first: Int32Array.from(first), inverse, counts };
}

/** A Map key equal for equal ids: a number while exact (below 2^53), else the two words. */
function keyOf(X: IdRows, row: number, column: number): number | string {
  if (X instanceof Ints2d) return X.data[row * X.cols + column]!;
  const at = 2 * (row * X.cols + column);
  const lo = X.words[at]!;
  const hi = X.words[at + 1]!;
  return hi < 0x200000 ? hi * 0x100000000 + lo : `${hi}:${lo}`;
}

/** The given rows of an id table, as the same kind of table. */
function pickRows(X: IdRows, rows: Int32Array): IdRows {
  if (X instanceof Ints2d) {
    const data = new Int32Array(rows.length * X.cols);
    for (const [i, row] of rows.entries()) data.set(X.data.subarray(row * X.cols, (row + 1) * X.cols), i * X.cols);
    return new Ints2d(data, rows.length, X.cols);
  }
  const words = new Uint32Array(2 * rows.length * X.cols);
  const width = 2 * X.cols;
  for (const [i, row] of rows.entries()) words.set(X.words.subarray(row * width, (row + 1) * width), i * width);
  return new Uint64s2d(words, rows.length, X.cols);
}

function forward(model: Model<IdRows, Floats2d>, X: IdRows, isTrain: boolean): [Floats2d, Backprop<Floats2d, IdRows>] {
  const layer = model.layers[0] as Model<IdRows, Floats2d>;
  if (X.rows * X.cols < 2) return layer.call(X, isTrain);
  const { first, inverse, counts } = groupRows(X, model.attrs.column as number, model.name);
  const [Yuniq, backpropUniq] = layer.call(pickRows(X, first), isTrain);
  const backprop = (dY: Floats2d): IdRows => {
    const dX = backpropUniq(scatterAdd(first.length, inverse, dY));
    // Ids have no gradient; a layer that returns a float one gets it shared among the repeats.
    if (!(dX instanceof tf.Tensor)) return X;
    return gatherRows(tf.div(dX, tf.tensor2d(counts, [counts.length, 1], "float32")) as Floats2d, inverse) as unknown as IdRows;
  };
  return [gatherRows(Yuniq, inverse), backprop];
}

function init(model: Model<IdRows, Floats2d>, X?: IdRows, Y?: Floats2d): void {
  const layer = model.layers[0]!;
  layer.initialize(X, Y);
  for (const dim of ["nI", "nO"]) if (layer.hasDim(dim) === true && model.hasDim(dim) !== false) model.setDim(dim, layer.getDim(dim));
}
