/**
 * LayerNorm's forward and backward passes (Thinc's LayerNorm.v1, thinc/layers/layernorm.py)
 * as host kernels: one pass per row for the moments and the output, and one for all three
 * gradients, where the composite path runs about ten tfjs ops each way. Forward also returns
 * each row's mean and 1/sqrt(var + 1e-8), which is all backprop needs besides X.
 */
import type { Tensor1D } from "../tf.js";
import type { Floats1d, Floats2d } from "../types.js";
import { defineHostKernel } from "./host-kernel.js";

/** Thinc adds this to the variance (_get_moments). */
const VARIANCE_EPS = 1e-8;

const forwardKernel = defineHostKernel<"x" | "G" | "b", Record<string, never>>({
  name: "TsnlpLayerNorm",
  inputs: ["x", "G", "b"],
  outputs: ({ x }) => [
    { shape: [x![0]!, x![1]!], dtype: "float32" },
    { shape: [x![0]!, 2], dtype: "float32" },
  ],
  compute: ({ x, G, b }, [y, stats], _attrs, simd) => {
    const [rows, width] = x!.shape as [number, number];
    if (simd && width % 4 === 0) return simd.layerNorm(rows, width, x!.address, G!.address, b!.address, y!.address, stats!.address);
    const X = x!.values;
    const scale = G!.values;
    const shift = b!.values;
    const Y = y!.values;
    const S = stats!.values;
    for (let r = 0, at = 0; r < rows; r++, at += width) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += X[at + j]!;
      const mean = sum / width;
      let squares = 0;
      for (let j = 0; j < width; j++) {
        const dist = X[at + j]! - mean;
        squares += dist * dist;
      }
      const invStd = 1 / Math.sqrt(squares / width + VARIANCE_EPS);
      for (let j = 0; j < width; j++) Y[at + j] = (X[at + j]! - mean) * invStd * scale[j]! + shift[j]!;
      S[2 * r] = mean;
      S[2 * r + 1] = invStd;
    }
  },
});

const backpropKernel = defineHostKernel<"dY" | "x" | "G" | "stats", Record<string, never>>({
  name: "TsnlpLayerNormBackprop",
  inputs: ["dY", "x", "G", "stats"],
  outputs: ({ x }) => [
    { shape: [x![0]!, x![1]!], dtype: "float32" },
    { shape: [x![1]!], dtype: "float32" },
    { shape: [x![1]!], dtype: "float32" },
  ],
  compute: ({ dY, x, G, stats }, [dX, dG, db], _attrs, simd) => {
    const [rows, width] = x!.shape as [number, number];
    if (simd && width % 4 === 0) {
      return simd.layerNormBackprop(rows, width, dY!.address, x!.address, G!.address, stats!.address, dX!.address, dG!.address, db!.address);
    }
    const grad = dY!.values;
    const X = x!.values;
    const scale = G!.values;
    const S = stats!.values;
    const out = dX!.values;
    const gradG = new Float64Array(width);
    const gradB = new Float64Array(width);
    for (let r = 0, at = 0; r < rows; r++, at += width) {
      const mean = S[2 * r]!;
      const invStd = S[2 * r + 1]!;
      // With dXhat = dY·G: sum(dXhat) and sum(dXhat·dist), then Thinc's
      // dX = (N·dXhat - sum(dXhat) - dist/var·sum(dXhat·dist)) / (N·sqrt(var)).
      let sumD = 0;
      let sumDDist = 0;
      for (let j = 0; j < width; j++) {
        const g = grad[at + j]!;
        const dist = X[at + j]! - mean;
        const dXhat = g * scale[j]!;
        sumD += dXhat;
        sumDDist += dXhat * dist;
        gradG[j]! += g * dist * invStd;
        gradB[j]! += g;
      }
      const distScale = invStd * invStd * sumDDist;
      const outScale = invStd / width;
      for (let j = 0; j < width; j++) {
        const dist = X[at + j]! - mean;
        out[at + j] = (width * grad[at + j]! * scale[j]! - sumD - dist * distScale) * outScale;
      }
    }
    dG!.values.set(gradG);
    db!.values.set(gradB);
  },
});

/** Y = (X - mean) / sqrt(var + 1e-8) · G + b per row, and the (N, 2) means and inverse deviations. */
export function layerNormHost(X: Floats2d, G: Floats1d, b: Floats1d): [Floats2d, Floats2d] {
  const [Y, stats] = forwardKernel({ x: X, G, b }, {});
  return [Y as Floats2d, stats as Floats2d];
}

/** dX, dG and db of layerNormHost, given its stats output. */
export function backpropLayerNormHost(dY: Floats2d, X: Floats2d, G: Floats1d, stats: Floats2d): [Floats2d, Tensor1D, Tensor1D] {
  const [dX, dG, db] = backpropKernel({ dY, x: X, G, stats }, {});
  return [dX as Floats2d, dG as Tensor1D, db as Tensor1D];
}
