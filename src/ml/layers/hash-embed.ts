/**
 * HashEmbed.v1 (thinc/layers/hashembed.py): each 64-bit id is hashed (MurmurHash3_x64_128 with
 * the layer's seed) into four 32-bit keys; each key modulo nV picks a row of E (nV, nO), and the
 * four rows are summed. Two ids rarely collide on all four rows, so a small table serves a large
 * vocabulary. With a dropout rate, whole output columns are dropped while training.
 *
 * Hashing runs on the host; only the row ids go to the backend, where one segment-sum kernel
 * does the lookup and one does the table's gradient (src/ml/ops/segment.ts).
 */

import { uniformInit } from "../initializers.js";
import { Model } from "../model.js";
import { hashRows } from "../ops/hash.js";
import { type IdsInput, idCount, idWords } from "../ops/ids.js";
import { gatherAdd, scatterAdd } from "../ops/segment.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { dropoutMask } from "./dropout.js";

export type EmbedInitializer = (shape: number[]) => Tensor;

export interface HashEmbedOptions {
  nO: number;
  nV: number;
  /** null: the layer's id, as Thinc does (spaCy's configs give explicit seeds). */
  seed?: number | null;
  column?: number | null;
  initializer?: EmbedInitializer | null;
  dropout?: number | null;
}

export function hashEmbed(opts: HashEmbedOptions): Model<IdsInput, Floats2d> {
  const initializer = opts.initializer ?? uniformInit(-0.1, 0.1);
  const attrs: Record<string, unknown> = { column: opts.column ?? null, seed: opts.seed ?? null };
  if (opts.dropout !== null && opts.dropout !== undefined) attrs.dropout_rate = opts.dropout;
  const model = new Model<IdsInput, Floats2d>("hashembed", forward, {
    init: (m) => m.setParam("E", initializer([m.getDim("nV"), m.getDim("nO")])),
    dims: { nO: opts.nO, nV: opts.nV, nI: null },
    params: { E: null },
    attrs,
  });
  if (model.attrs.seed === null) model.attrs.seed = model.id;
  return model;
}

export function forward(model: Model<IdsInput, Floats2d>, X: IdsInput, isTrain: boolean): [Floats2d, (dY: Floats2d) => IdsInput] {
  const E = model.getParam("E") as Floats2d;
  const [nV, nO] = E.shape;
  if (idCount(X) === 0) return [tf.zeros([0, nO]), () => X];
  const words = idWords(X, model.attrs.column as number | null, model.name);
  // Thinc: ops.hash(ids, seed) % nV, on unsigned 32-bit keys; four rows per id.
  const rows = hashRows(words, Number(model.attrs.seed), nV);
  const rate = model.attrs.dropout_rate as number | undefined;
  const mask = isTrain && rate !== undefined && rate > 0 ? dropoutMask([nO], rate) : null;
  const summed = gatherAdd(E, rows, 4);
  const Y = mask ? (tf.mul(summed, mask) as Floats2d) : summed;
  const backprop = (dY: Floats2d): IdsInput => {
    model.incGrad("E", scatterAdd(nV, rows, mask ? (tf.mul(dY, mask) as Floats2d) : dY, 4));
    // Ids have no gradient; Thinc returns zeros of the input's length, which nobody reads.
    return X;
  };
  return [Y, backprop];
}
