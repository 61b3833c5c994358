/**
 * with_getitem: run a layer on one item of a tuple and pass the other items through
 * (Thinc's with_getitem.v1, thinc/layers/with_getitem.py). Tuples are plain arrays.
 */
import { type AnyModel, type Backprop, Model } from "../model.js";

export type Tuple = readonly unknown[];

export function withGetitem<In, Out>(idx: number, layer: Model<In, Out>): Model<Tuple, Tuple>;
export function withGetitem(idx: number, layer: AnyModel): Model<Tuple, Tuple> {
  return new Model<Tuple, Tuple>(`with_getitem(${layer.name})`, forward, { init, layers: [layer], attrs: { idx } });
}

function replaced(items: Tuple, idx: number, value: unknown): Tuple {
  const copy = [...items];
  copy[idx] = value;
  return copy;
}

export function forward(model: Model<Tuple, Tuple>, items: Tuple, isTrain: boolean): [Tuple, Backprop<Tuple, Tuple>] {
  const idx = model.attrs.idx as number;
  const [Y, backprop] = model.layers[0]!.call(items[idx], isTrain);
  return [replaced(items, idx, Y), (dY) => replaced(dY, idx, backprop(dY[idx]))];
}

export function init(model: Model<Tuple, Tuple>, X?: Tuple, Y?: Tuple): void {
  const idx = model.attrs.idx as number;
  model.layers[0]!.initialize(X?.[idx], Y?.[idx]);
}
