/**
 * Embed.v1 (thinc/layers/embed.py): row ids (from remap_ids, say) index a table E (nV, nO).
 * With a dropout rate, whole output columns are dropped while training.
 */
import { TsnlpError } from "../../util/errors.js";
import { uniformInit } from "../initializers.js";
import { Model } from "../model.js";
import { type IdsInput, idCount, idInts } from "../ops/ids.js";
import { gatherRows, scatterAdd } from "../ops/segment.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { getWidth } from "./chain.js";
import { dropoutMask } from "./dropout.js";
import type { EmbedInitializer } from "./hash-embed.js";

export interface EmbedOptions {
  nO?: number | null;
  nV?: number | null;
  column?: number | null;
  initializer?: EmbedInitializer | null;
  dropout?: number | null;
}

export function embed(opts: EmbedOptions = {}): Model<IdsInput, Floats2d> {
  const initializer = opts.initializer ?? uniformInit(-0.1, 0.1);
  const attrs: Record<string, unknown> = { column: opts.column ?? null };
  if (opts.dropout !== null && opts.dropout !== undefined) attrs.dropout_rate = opts.dropout;
  return new Model<IdsInput, Floats2d>("embed", forward, {
    init: (m, _X, Y) => {
      if (Y !== undefined) m.setDim("nO", getWidth(Y));
      m.setParam("E", initializer([m.getDim("nV"), m.getDim("nO")]));
    },
    dims: { nO: opts.nO ?? null, nV: opts.nV ?? null },
    params: { E: null },
    attrs,
  });
}

export function forward(model: Model<IdsInput, Floats2d>, X: IdsInput, isTrain: boolean): [Floats2d, (dY: Floats2d) => IdsInput] {
  const E = model.getParam("E") as Floats2d;
  const [nV, nO] = E.shape;
  if (idCount(X) === 0) return [tf.zeros([0, nO]), () => X];
  const ids = idInts(X, model.attrs.column as number | null, model.name);
  for (const id of ids) {
    if (id < 0 || id >= nV) {
      throw new TsnlpError("E_LAYER_INPUT", `Layer '${model.name}' has ${nV} rows, but got row id ${id}.`, {
        hint: "Make nV larger than the largest id (remap_ids maps unknown keys to its default, 0 unless set).",
      });
    }
  }
  const rate = model.attrs.dropout_rate as number | undefined;
  const mask = isTrain && rate !== undefined && rate > 0 ? dropoutMask([nO], rate) : null;
  const rows = gatherRows(E, ids);
  const Y = mask ? (tf.mul(rows, mask) as Floats2d) : rows;
  const backprop = (dY: Floats2d): IdsInput => {
    model.incGrad("E", scatterAdd(nV, ids, mask ? (tf.mul(dY, mask) as Floats2d) : dY));
    return X;
  };
  return [Y, backprop];
}
