/**
 * Dense layer with a softmax output (Thinc's Softmax.v1 and Softmax.v2, thinc/layers/softmax.py),
 * and the weightless softmax_activation.v1.
 *
 * Like Thinc, the layer's backprop does not multiply by the softmax Jacobian: it takes dY as the
 * gradient of the logits, which is what softmax + cross-entropy gives (dY = Y - truth), divided
 * by the temperature. At prediction time v2 can skip the softmax (normalize_outputs: false) and
 * return the logits; backprop is then an error, since training always normalizes.
 */
import { TsnlpError } from "../../util/errors.js";
import { Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type AffineOptions, affine, backpropAffine, initAffine, zeros } from "./dense-activation.js";

export interface SoftmaxOptions extends AffineOptions {
  normalizeOutputs?: boolean;
  temperature?: number;
}

export function softmax(opts: SoftmaxOptions = {}): Model<Floats2d, Floats2d> {
  const temperature = opts.temperature ?? 1;
  validateTemperature(temperature);
  const initW = opts.initW ?? zeros;
  const initB = opts.initB ?? zeros;
  return new Model<Floats2d, Floats2d>("softmax", forward, {
    init: (model, X, Y) => initAffine(model, X, Y, initW, initB),
    dims: { nO: opts.nO ?? null, nI: opts.nI ?? null },
    params: { W: null, b: null },
    attrs: { softmax_normalize: opts.normalizeOutputs ?? true, softmax_temperature: temperature },
  });
}

function validateTemperature(temperature: number): void {
  if (!(temperature > 0)) {
    throw new TsnlpError("E_SOFTMAX_TEMPERATURE", `The softmax temperature must be above zero, not ${temperature}.`, {
      hint: "Use 1.0 for a plain softmax; above 1 flattens the distribution, below 1 sharpens it.",
    });
  }
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, isTrain: boolean): [Floats2d, (dY: Floats2d) => Floats2d] {
  const normalize = Boolean(model.attrs.softmax_normalize) || isTrain;
  const temperature = Number(model.attrs.softmax_temperature ?? 1);
  validateTemperature(temperature);
  const Z = affine(model, X);
  if (!normalize) {
    return [
      Z,
      () => {
        throw new TsnlpError("E_SOFTMAX_UNNORMALIZED", "Backprop is not supported for a Softmax layer that outputs unnormalized scores.", {
          hint: "Call the layer with isTrain = true (training always normalizes), or set normalize_outputs = true.",
        });
      },
    ];
  }
  const Y = tf.softmax(temperature === 1 ? Z : tf.div(Z, temperature)) as Floats2d;
  return [
    Y,
    (dY) => {
      checkSameShape(model.name, Y, dY);
      return backpropAffine(model, X, temperature === 1 ? dY : (tf.div(dY, temperature) as Floats2d));
    },
  ];
}

/** Thinc's ArrayInfo check: the gradient must have the output's shape. */
export function checkSameShape(layer: string, Y: Tensor, dY: Tensor): void {
  if (Y.shape.length !== dY.shape.length || Y.shape.some((size, i) => size !== dY.shape[i])) {
    throw new TsnlpError("E_LAYER_GRADIENT", `Layer '${layer}' output shape [${Y.shape.join(", ")}], but its gradient has shape [${dY.shape.join(", ")}].`, {
      hint: "The loss must return one gradient value per output value.",
    });
  }
}

/** Softmax over the last axis, without weights; backprop multiplies by the true softmax Jacobian. */
export function softmaxActivation(): Model<Floats2d, Floats2d> {
  return new Model<Floats2d, Floats2d>("softmax_activation", (_model, X) => {
    const Y = tf.softmax(X) as Floats2d;
    return [Y, (dY) => tf.tidy(() => tf.mul(Y, tf.sub(dY, tf.sum(tf.mul(Y, dY), -1, true)))) as Floats2d];
  });
}
