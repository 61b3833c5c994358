/** list2ragged: a list of arrays in, one Ragged array out (Thinc's list2ragged.v1). Integer ids stay on the host. */
import { type Backprop, Model } from "../model.js";
import { type Floats2d, type Ints2d, Ragged } from "../types.js";
import { flatten, lengthsOf, unflatten } from "./list2array.js";

export function list2ragged<T extends Floats2d | Ints2d = Floats2d>(): Model<T[], Ragged<T>> {
  return new Model<T[], Ragged<T>>("list2ragged", forward);
}

export function forward<T extends Floats2d | Ints2d>(_model: Model<T[], Ragged<T>>, Xs: T[], _isTrain: boolean): [Ragged<T>, Backprop<Ragged<T>, T[]>] {
  return [new Ragged(flatten(Xs), lengthsOf(Xs)), (dYr) => unflatten(dYr.data, dYr.lengths)];
}
