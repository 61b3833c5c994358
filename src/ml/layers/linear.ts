/** Y = X W + b (Thinc's Linear.v1, thinc/layers/linear.py; W stored (nI, nO), see dense-activation.ts). */
import { Model } from "../model.js";
import type { Floats2d } from "../types.js";
import { type AffineOptions, affine, backpropAffine, glorotUniform, initAffine, zeros } from "./dense-activation.js";

export function linear(opts: AffineOptions = {}): Model<Floats2d, Floats2d> {
  const initW = opts.initW ?? glorotUniform;
  const initB = opts.initB ?? zeros;
  return new Model<Floats2d, Floats2d>("linear", forward, {
    init: (model, X, Y) => initAffine(model, X, Y, initW, initB),
    dims: { nO: opts.nO ?? null, nI: opts.nI ?? null },
    params: { W: null, b: null },
  });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d): [Floats2d, (dY: Floats2d) => Floats2d] {
  return [affine(model, X), (dY) => backpropAffine(model, X, dY)];
}
