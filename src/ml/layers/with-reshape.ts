/**
 * with_reshape: run a layer that takes 2d arrays on a 3d array (nB, nT, nI), as its
 * nB * nT rows, and give its output back as (nB, nT, nO) (Thinc's with_reshape.v1,
 * thinc/layers/with_reshape.py). Thinc's backprop reshapes dY to the input's shape before
 * the layer sees it, which is right only when nO = nI; here dY keeps its own width.
 */
import { TsnlpError } from "../../util/errors.js";
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats2d, Floats3d } from "../types.js";

export function withReshape(layer: Model<Floats2d, Floats2d> | AnyModel): Model<Floats3d, Floats3d> {
  return new Model<Floats3d, Floats3d>(`with_reshape(${layer.name})`, forward, { init, layers: [layer], dims: { nO: null, nI: null } });
}

function rows(X: Tensor, layer: string): Floats2d {
  if (X.rank !== 3) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${layer}' expects a 3d array, but got shape [${X.shape.join(", ")}].`, {
      hint: "with_reshape runs a 2d layer on (batch, steps, features) arrays; use with_array for lists of 2d arrays.",
    });
  }
  return tf.reshape(X, [-1, X.shape[2]!]) as Floats2d;
}

function forward(model: Model<Floats3d, Floats3d>, X: Floats3d, isTrain: boolean): [Floats3d, Backprop<Floats3d, Floats3d>] {
  const layer = model.layers[0] as Model<Floats2d, Floats2d>;
  const [nB, nT] = X.shape;
  const [Y2d, backprop] = layer.call(rows(X, model.name), isTrain);
  const Y = tf.reshape(Y2d, [nB, nT, Y2d.shape[1]]) as Floats3d;
  return [Y, (dY) => tf.reshape(backprop(rows(dY, model.name)), X.shape) as Floats3d];
}

function init(model: Model<Floats3d, Floats3d>, X?: Floats3d, Y?: Floats3d): void {
  const layer = model.layers[0]!;
  withScope(() => layer.initialize(X === undefined ? undefined : rows(X, model.name), Y === undefined ? undefined : rows(Y, model.name)));
  for (const dim of ["nI", "nO"]) if (layer.hasDim(dim) === true) model.setDim(dim, layer.getDim(dim));
}
