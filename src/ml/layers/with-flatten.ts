/**
 * with_flatten: run a layer on the items of a list of lists as one flat list, and split its
 * output back per outer item. Two versions, as in Thinc (thinc/layers/with_flatten.py and
 * with_flatten_v2.py), both named with_flatten(...):
 *
 * - v1: the layer returns one array with a row per item; the output is a list of arrays,
 *   one per outer item (rows = its number of items).
 * - v2: the layer returns a list with an entry per item; the output is a list of lists.
 *
 * Thinc's v1 splits the input gradient along the last axis and initializes with the
 * column-wise hstack of Y; here both go by rows, as the forward pass does.
 */
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { tf } from "../tf.js";
import { Ints2d, Uint64s2d } from "../types.js";
import { flatten, type Rows, unflatten } from "./list2array.js";

type Nested = readonly (readonly unknown[])[];

export function withFlatten(layer: AnyModel): Model<Nested, unknown[]> {
  return new Model<Nested, unknown[]>(`with_flatten(${layer.name})`, forwardV1, { init: initV1, layers: [layer] });
}

export function withFlattenV2(layer: AnyModel): Model<Nested, unknown[][]> {
  return new Model<Nested, unknown[][]>(`with_flatten(${layer.name})`, forwardV2, { init: initV2, layers: [layer] });
}

function flattenNested(nested: Nested): { flat: unknown[]; lengths: Int32Array } {
  return { flat: nested.flat(), lengths: Int32Array.from(nested, (items) => items.length) };
}

function unflattenList<T>(flat: readonly T[], lengths: Int32Array): T[][] {
  const nested: T[][] = [];
  let at = 0;
  for (const length of lengths) {
    nested.push(flat.slice(at, at + length));
    at += length;
  }
  return nested;
}

/** Split rows (an array, Ints2d or Uint64s2d) or a list into pieces of the given lengths. */
function split(value: unknown, lengths: Int32Array): unknown[] {
  if (Array.isArray(value)) return unflattenList(value, lengths);
  if (value instanceof Uint64s2d) {
    let at = 0;
    return Array.from(lengths, (length) => {
      const piece = new Uint64s2d(value.words.subarray(2 * at * value.cols, 2 * (at + length) * value.cols), length, value.cols);
      at += length;
      return piece;
    });
  }
  return unflatten(value as Rows, lengths);
}

/** One array from a list of arrays (rows), or the list itself when its items are not arrays. */
function joinRows(items: readonly unknown[]): unknown {
  const first = items[0];
  if (first instanceof tf.Tensor || first instanceof Ints2d) return flatten(items as Rows[]);
  return items;
}

/** Outer items only, none with an inner item: nothing to run the layer on (it could not even tell the width of an empty list). */
const nothingInside = (lengths: Int32Array) => lengths.every((length) => length === 0);

function forwardV1(model: Model<Nested, unknown[]>, Xnest: Nested, isTrain: boolean): [unknown[], Backprop<unknown[], Nested>] {
  const layer = model.layers[0]!;
  const { flat, lengths } = flattenNested(Xnest);
  if (nothingInside(lengths)) {
    const width = layer.hasDim("nO") === true ? layer.getDim("nO") : 0;
    return [Array.from(lengths, () => tf.zeros([0, width])), () => Array.from(lengths, () => [])];
  }
  const [Yflat, backpropLayer] = layer.call(flat, isTrain);
  return [split(Yflat, lengths), (dYnest) => split(backpropLayer(joinRows(dYnest)), lengths) as unknown[][]];
}

function forwardV2(model: Model<Nested, unknown[][]>, Xnest: Nested, isTrain: boolean): [unknown[][], Backprop<unknown[][], Nested>] {
  const layer = model.layers[0]!;
  const { flat, lengths } = flattenNested(Xnest);
  if (nothingInside(lengths)) return [Array.from(lengths, () => []), () => Array.from(lengths, () => [])];
  const [Yflat, backpropLayer] = layer.call(flat, isTrain);
  return [unflattenList(Yflat as unknown[], lengths), (dYnest) => unflattenList(backpropLayer(flattenNested(dYnest).flat) as unknown[], lengths)];
}

function initV1(model: Model<Nested, unknown[]>, X?: Nested, Y?: unknown[]): void {
  withScope(() => model.layers[0]!.initialize(X === undefined ? undefined : flattenNested(X).flat, Y === undefined ? undefined : joinRows(Y)));
}

function initV2(model: Model<Nested, unknown[][]>, X?: Nested, Y?: unknown[][]): void {
  withScope(() => model.layers[0]!.initialize(X === undefined ? undefined : flattenNested(X).flat, Y === undefined ? undefined : flattenNested(Y).flat));
}
