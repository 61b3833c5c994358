/**
 * Several softmax outputs side by side from one affine transform (Thinc's MultiSoftmax.v1,
 * thinc/layers/multisoftmax.py): columns [0, nOs[0]) form one distribution, the next nOs[1]
 * columns another, and so on. As for Softmax, backprop takes dY as the logits' gradient.
 */
import { TsnlpError } from "../../util/errors.js";
import { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { affine, backpropAffine, initAffine, zeros } from "./dense-activation.js";
import { checkSameShape } from "./softmax.js";

export interface MultiSoftmaxOptions {
  nOs: number[];
  nI?: number | null;
}

export function multiSoftmax(opts: MultiSoftmaxOptions): Model<Floats2d, Floats2d> {
  if (opts.nOs.length === 0 || opts.nOs.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new TsnlpError("E_LAYER_ARGS", `MultiSoftmax needs a list of positive output widths (nOs), not [${opts.nOs.join(", ")}].`);
  }
  return new Model<Floats2d, Floats2d>("multisoftmax", forward, {
    // Thinc allocates zeros for both W and b.
    init: (model, X) => initAffine(model, X, undefined, zeros, zeros),
    dims: { nO: opts.nOs.reduce((a, b) => a + b, 0), nI: opts.nI ?? null },
    params: { W: null, b: null },
    attrs: { nOs: [...opts.nOs] },
  });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d): [Floats2d, (dY: Floats2d) => Floats2d] {
  const nOs = model.attrs.nOs as number[];
  const Z = affine(model, X);
  const Y = (
    nOs.length === 1
      ? tf.softmax(Z)
      : tf.concat(
          tf.split(Z, nOs, 1).map((part) => tf.softmax(part)),
          1,
        )
  ) as Floats2d;
  return [
    Y,
    (dY) => {
      checkSameShape(model.name, Y, dY);
      return backpropAffine(model, X, dY);
    },
  ];
}
