/**
 * What the dense layers share: Y = act(X W + b) with explicit backprop, weight initialisation,
 * and the optional LayerNorm and Dropout that Thinc's Relu/Mish/Swish/Gelu... append.
 *
 * W is stored (nI, nO), the transpose of Thinc's (nO, nI): on wasm a plain matMul is about ten
 * times faster than one with transposeB, so forward needs no transpose and backprop pays for
 * explicit tf.transpose calls instead. Initializers still see Thinc's (nO, nI) shape, so
 * fan-in/fan-out rules (he_normal uses shape[1]) mean the same as in Thinc.
 */
import { TsnlpError } from "../../util/errors.js";
import { type AnyModel, Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats1d, Floats2d } from "../types.js";
import { chainLayers } from "./chain.js";
import { dropout } from "./dropout.js";
import { layerNorm } from "./layer-norm.js";
import { glorotUniformInit, heNormalInit, type Initializer, zeroInit } from "../initializers.js";
import { sumRows } from "../ops/sum-rows.js";
import { weightGrad } from "../ops/weight-grad.js";

// Thinc's defaults for these layers, drawn with Thinc's (nO, nI) fan convention.
export const glorotUniform: Initializer = glorotUniformInit();
export const heNormal: Initializer = heNormalInit();
export const zeros: Initializer = zeroInit();

export type { Initializer };

export interface AffineOptions {
  nO?: number | null;
  nI?: number | null;
  initW?: Initializer | null;
  initB?: Initializer | null;
}

export interface DenseOptions extends AffineOptions {
  dropout?: number | null;
  normalize?: boolean;
}

/** The width of a 2d input, with an error that says which layer wanted it. */
export function widthOf(X: Tensor, layer: string): number {
  if (X.rank !== 2) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${layer}' expects a 2d array (rows x features), but got shape [${X.shape.join(", ")}].`, {
      hint: "Check the layer before it in the model: its output must be a 2d float array.",
    });
  }
  return X.shape[1]!;
}

/** Infer nI / nO from samples (only where unset, as Thinc's Softmax and Sigmoid do) and allocate W (nI, nO) and b (nO). */
export function initAffine(model: AnyModel, X: Tensor | undefined, Y: Tensor | undefined, initW: Initializer, initB: Initializer): void {
  if (X !== undefined && model.hasDim("nI") !== true) model.setDim("nI", widthOf(X, model.name));
  if (Y !== undefined && model.hasDim("nO") !== true) model.setDim("nO", widthOf(Y, model.name));
  const nO = model.getDim("nO");
  const nI = model.getDim("nI");
  model.setParam(
    "W",
    tf.tidy(() => tf.transpose(initW([nO, nI]))),
  );
  model.setParam(
    "b",
    tf.tidy(() => tf.reshape(initB([nO]), [nO])),
  );
}

/** Check X's width against nI before the matMul, whose own error would not name the layer. */
export function checkInput(model: AnyModel, X: Tensor): void {
  const nI = model.getDim("nI");
  const width = widthOf(X, model.name);
  if (width !== nI) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${model.name}' expects ${nI} input features per row, but got ${width}.`, {
      hint: "Check the width of the layer before it (its nO) against this layer's nI in the config.",
    });
  }
}

/**
 * An activation after the affine transform. `fused` names a tfjs fused-matMul activation
 * (one kernel for matMul + bias + activation); `grad` gives dZ from dY, the pre-activation Z
 * and the output Y.
 */
export interface Activation {
  fused?: "relu" | "sigmoid";
  apply?: (Z: Floats2d) => Floats2d;
  grad: (dY: Floats2d, Z: Floats2d, Y: Floats2d) => Floats2d;
}

/** Backprop of Y = Z, Z = X W + b, given dZ: the shared tail of every dense layer. */
export function backpropAffine(model: AnyModel, X: Floats2d, dZ: Floats2d): Floats2d {
  const W = model.getParam("W") as Floats2d;
  model.incGrad("W", weightGrad(X as Floats2d, dZ as Floats2d));
  model.incGrad("b", sumRows(dZ as Floats2d));
  return tf.matMul(dZ, tf.transpose(W)) as Floats2d;
}

/** Z = X W + b, or act(Z) in one kernel when the activation is one tfjs fuses. */
export function affine(model: AnyModel, X: Floats2d, activation?: "relu" | "sigmoid"): Floats2d {
  checkInput(model, X);
  return tf.fused.matMul({ a: X, b: model.getParam("W") as Floats2d, bias: model.getParam("b") as Floats1d, activation: activation ?? "linear" }) as Floats2d;
}

/** A dense layer with an activation, plus LayerNorm and Dropout when asked (Thinc's Relu.v1 and friends). */
export function denseActivation(name: string, activation: Activation, opts: DenseOptions, defaultInitW: Initializer): Model<Floats2d, Floats2d> {
  const initW = opts.initW ?? defaultInitW;
  const initB = opts.initB ?? zeros;
  const model = new Model<Floats2d, Floats2d>(
    name,
    (m, X) => {
      if (activation.fused) {
        const Y = affine(m, X, activation.fused);
        return [Y, (dY) => backpropAffine(m, X, activation.grad(dY, Y, Y))];
      }
      const Z = affine(m, X);
      const Y = activation.apply!(Z);
      return [Y, (dY) => backpropAffine(m, X, activation.grad(dY, Z, Y))];
    },
    {
      init: (m, X, Y) => initAffine(m, X, Y, initW, initB),
      dims: { nO: opts.nO ?? null, nI: opts.nI ?? null },
      params: { W: null, b: null },
    },
  );
  return withNormalizeAndDropout(model, opts);
}

/** chain(model, LayerNorm(nI=nO), Dropout(rate)) as Thinc's dense layers build it. */
export function withNormalizeAndDropout(
  model: Model<Floats2d, Floats2d>,
  opts: { nO?: number | null; dropout?: number | null; normalize?: boolean },
): Model<Floats2d, Floats2d> {
  const layers: Array<Model<Floats2d, Floats2d>> = [model];
  if (opts.normalize) layers.push(layerNorm({ nI: opts.nO ?? null }));
  if (opts.dropout !== null && opts.dropout !== undefined) layers.push(dropout({ rate: opts.dropout }) as Model<Floats2d, Floats2d>);
  return layers.length === 1 ? model : (chainLayers(layers) as Model<Floats2d, Floats2d>);
}
