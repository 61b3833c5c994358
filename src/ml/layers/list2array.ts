/**
 * list2array: a list of 2d arrays in, their rows stacked into one array out (Thinc's
 * list2array.v1). The file also holds the row flatten / unflatten every sequence layer uses,
 * after Thinc's Ops.flatten and Ops.unflatten (thinc/backends/ops.py).
 */
import { TsnlpError } from "../../util/errors.js";
import { type Backprop, Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import { type Floats2d, Ints2d } from "../types.js";

/** Rows that can be stacked: float tensors on the backend, integer ids on the host. */
export type Rows = Tensor | Ints2d;

export function list2array(): Model<Floats2d[], Floats2d> {
  return new Model<Floats2d[], Floats2d>("list2array", forward);
}

export function forward(_model: Model<Floats2d[], Floats2d>, Xs: Floats2d[], _isTrain: boolean): [Floats2d, Backprop<Floats2d, Floats2d[]>] {
  const lengths = lengthsOf(Xs);
  return [flatten(Xs), (dY) => unflatten(dY, lengths)];
}

export function lengthsOf(Xs: readonly Rows[]): Int32Array {
  return Int32Array.from(Xs, rowCount);
}

export function rowCount(X: Rows): number {
  return X instanceof Ints2d ? X.rows : (X.shape[0] ?? 0);
}

/**
 * Stack the rows of a list of arrays, with `pad` zero rows before each non-empty array and
 * after the last one (empty arrays get no padding, as in Thinc, so unflatten can undo it).
 * One concat on the backend, whatever the number of arrays.
 */
export function flatten<T extends Rows>(Xs: readonly T[], pad = 0): T {
  const first = Xs[0];
  if (first === undefined) return tf.zeros([0, 0]) as Tensor as T;
  const nonEmpty = Xs.filter((x) => rowCount(x) > 0);
  if (first instanceof Ints2d) return flattenInts(nonEmpty as unknown as Ints2d[], first.cols, pad) as T;
  if (nonEmpty.length === 0) return tf.zeros(first.shape) as T;
  if (pad <= 0) return (nonEmpty.length === 1 ? nonEmpty[0]! : tf.concat(nonEmpty as Tensor[], 0)) as T;
  const zeros = tf.zeros([pad, ...first.shape.slice(1)]);
  const parts: Tensor[] = [zeros];
  for (const x of nonEmpty as Tensor[]) parts.push(x, zeros);
  return tf.concat(parts, 0) as T;
}

function flattenInts(Xs: Ints2d[], cols: number, pad: number): Ints2d {
  const rows = Xs.reduce((sum, x) => sum + x.rows, 0) + (Xs.length > 0 && pad > 0 ? pad * (Xs.length + 1) : 0);
  const data = new Int32Array(rows * cols);
  let at = pad > 0 && Xs.length > 0 ? pad * cols : 0;
  for (const x of Xs) {
    data.set(x.data, at);
    at += x.data.length + (pad > 0 ? pad * cols : 0);
  }
  return new Ints2d(data, rows, cols);
}

/** The inverse of flatten: split the rows back into arrays of the given lengths (one split op). */
export function unflatten<T extends Rows>(X: T, lengths: Int32Array, pad = 0): T[] {
  // Piece sizes in order, each marked kept or dropped (the padding rows).
  const sizes: number[] = [];
  const keep: boolean[] = [];
  let total = 0;
  for (const length of lengths) {
    if (length > 0 && pad > 0) {
      sizes.push(pad);
      keep.push(false);
      total += pad;
    }
    sizes.push(length);
    keep.push(true);
    total += length;
  }
  if (pad > 0 && total > 0) {
    sizes.push(pad);
    keep.push(false);
    total += pad;
  }
  const rows = rowCount(X);
  if (rows !== total) {
    throw new TsnlpError(
      "E_SHAPE_MISMATCH",
      `Cannot split an array of ${rows} rows into sequences of ${total} rows in all (lengths ${[...lengths].join(", ")}${pad > 0 ? `, padding ${pad}` : ""}).`,
      {
        hint: "The lengths must describe the rows of the data: check that the layers before this one keep one row per token.",
      },
    );
  }
  if (lengths.length === 0) return [];
  let pieces: Rows[];
  if (X instanceof Ints2d) {
    pieces = [];
    let start = 0;
    for (const size of sizes) {
      pieces.push(new Ints2d(X.data.subarray(start * X.cols, (start + size) * X.cols), size, X.cols));
      start += size;
    }
  } else if (sizes.length === 1) {
    pieces = [X];
  } else if (hostBackedTensors()) {
    pieces = splitOnHost(X as Tensor, sizes);
  } else {
    pieces = tf.split(X, sizes, 0);
  }
  return pieces.filter((_, i) => keep[i]) as T[];
}

/**
 * On wasm and cpu, tensor data lives in host memory anyway, and tf.split copies the whole
 * input for every piece (18 ms for 70 pieces of a 2000 x 96 batch): one read and one upload
 * per piece takes 0.5 ms. GPU backends keep tf.split, which stays on the device.
 */
function hostBackedTensors(): boolean {
  const backend = tf.getBackend();
  return backend === "wasm" || backend === "cpu";
}

function splitOnHost(X: Tensor, sizes: number[]): Tensor[] {
  const data = X.dataSync();
  const width = X.shape.slice(1).reduce((product, size) => product * size, 1);
  const pieces: Tensor[] = [];
  let start = 0;
  for (const size of sizes) {
    pieces.push(tf.tensor(data.subarray(start * width, (start + size) * width), [size, ...X.shape.slice(1)], X.dtype));
    start += size;
  }
  return pieces;
}
