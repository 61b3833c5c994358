/**
 * with_array2d: run a layer that takes a 2d array on a list of arrays, a Ragged or a Padded
 * batch (Thinc's with_array2d.v1, thinc/layers/with_array2d.py). Thinc's with_array also takes
 * arrays of other ranks; tsnlp's with_array takes 2d rows only, so the two are one node (named
 * with_array(...) in both, as in Thinc) and this is the name the registry asks for.
 */
import type { Model } from "../model.js";
import { type SeqKind, type SeqOf, type WithArrayOptions, withArray } from "./with-array.js";

export function withArray2d<In, Out, K extends SeqKind = "list">(layer: Model<In, Out>, options: WithArrayOptions<K> = {}): Model<SeqOf<K, In>, SeqOf<K, Out>> {
  return withArray(layer, options);
}
