/** ragged2list: a Ragged array in, one array per sequence out (Thinc's ragged2list.v1). */
import { type Backprop, Model } from "../model.js";
import { type Floats2d, type Ints2d, Ragged } from "../types.js";
import { flatten, unflatten } from "./list2array.js";

export function ragged2list<T extends Floats2d | Ints2d = Floats2d>(): Model<Ragged<T>, T[]> {
  return new Model<Ragged<T>, T[]>("ragged2list", forward);
}

export function forward<T extends Floats2d | Ints2d>(_model: Model<Ragged<T>, T[]>, Xr: Ragged<T>, _isTrain: boolean): [T[], Backprop<T[], Ragged<T>>] {
  const lengths = Xr.lengths;
  return [unflatten(Xr.data, lengths), (dXs) => new Ragged(flatten(dXs), lengths)];
}
