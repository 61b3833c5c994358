/**
 * Maxout's two loops (Thinc's ops.maxout and ops.backprop_maxout) as host kernels. Forward
 * finds the largest piece and its index in one pass, where the composite path runs max and
 * argMax; backprop writes dY into the winning pieces and zeros elsewhere, and sums the bias
 * gradient in the same pass, where the composite path runs oneHot, cast, mul and a row sum.
 */
import type { Tensor1D, Tensor2D, Tensor3D } from "../tf.js";
import type { Floats2d } from "../types.js";
import { defineHostKernel } from "./host-kernel.js";

interface PiecesAttrs {
  nP: number;
}

const maxoutKernel = defineHostKernel<"z", PiecesAttrs>({
  name: "TsnlpMaxout",
  inputs: ["z"],
  outputs: ({ z }, { nP }) => {
    const rows = z![0]!;
    // (N, nO, nP) or (N, nO·nP); from the shape, not the size, so that N = 0 works.
    const nO = z!.length === 3 ? z![1]! : z![1]! / nP;
    return [
      { shape: [rows, nO], dtype: "float32" },
      { shape: [rows, nO], dtype: "int32" },
    ];
  },
  compute: ({ z }, [best, which], { nP }, simd) => {
    const Z = z!.values;
    const out = best!.values;
    const index = which!.values;
    // SIMD for whole groups of four outputs where it can run; this loop for the rest.
    const count4 = simd ? out.length & ~3 : 0;
    if (simd && count4 > 0) simd.maxout(count4, z!.address, best!.address, which!.address, nP);
    for (let k = count4, base = count4 * nP; k < out.length; k++, base += nP) {
      let top = Z[base]!;
      let at = 0;
      // Strictly greater: the first of equal pieces wins, as argmax picks it.
      for (let p = 1; p < nP; p++) {
        const value = Z[base + p]!;
        if (value > top) {
          top = value;
          at = p;
        }
      }
      out[k] = top;
      index[k] = at;
    }
  },
});

const backpropKernel = defineHostKernel<"dY" | "which", PiecesAttrs>({
  name: "TsnlpMaxoutBackprop",
  inputs: ["dY", "which"],
  outputs: ({ dY }, { nP }) => [
    { shape: [dY![0]!, dY![1]! * nP], dtype: "float32" },
    { shape: [dY![1]! * nP], dtype: "float32" },
  ],
  compute: ({ dY, which }, [dZ, db], { nP }, simd) => {
    const nO = dY!.shape[1]!;
    if (simd) return simd.maxoutBackprop(dY!.values.length, dY!.address, which!.address, dZ!.address, db!.address, nO, nP);
    const grad = dY!.values;
    const index = which!.values;
    const out = dZ!.values;
    const bias = new Float64Array(nO * nP);
    out.fill(0);
    for (let k = 0, o = 0; k < grad.length; k++) {
      const value = grad[k]!;
      out[k * nP + index[k]!] = value;
      bias[o * nP + index[k]!]! += value;
      if (++o === nO) o = 0;
    }
    db!.values.set(bias);
  },
});

const inputGradKernel = defineHostKernel<"dY" | "which" | "Wt", PiecesAttrs>({
  name: "TsnlpMaxoutInputGrad",
  inputs: ["dY", "which", "Wt"],
  outputs: ({ dY, Wt }) => [{ shape: [dY![0]!, Wt![1]!], dtype: "float32" }],
  compute: ({ dY, which, Wt }, [dX], { nP }, simd) => {
    const [rows, nO] = dY!.shape as [number, number];
    const nI = Wt!.shape[1]!;
    if (simd && nI % 4 === 0) return simd.maxoutInputGrad(rows, nO, nP, nI, dY!.address, which!.address, Wt!.address, dX!.address);
    const grad = dY!.values;
    const index = which!.values;
    const weights = Wt!.values;
    const out = dX!.values;
    out.fill(0);
    for (let n = 0; n < rows; n++) {
      const at = n * nI;
      for (let o = 0; o < nO; o++) {
        const scale = grad[n * nO + o]!;
        const row = (o * nP + index[n * nO + o]!) * nI;
        for (let i = 0; i < nI; i++) out[at + i]! += scale * weights[row + i]!;
      }
    }
  },
});

/**
 * Z (N, nO·nP), piece p of output o in column o·nP + p (or Z shaped (N, nO, nP)) -> the best
 * piece (N, nO) and its index (N, nO, int32; the first of equal pieces). Host backends only.
 */
export function maxoutHost(Z: Tensor2D | Tensor3D, nP: number): [Floats2d, Tensor2D] {
  const [best, which] = maxoutKernel({ z: Z }, { nP });
  return [best as Floats2d, which as Tensor2D];
}

/**
 * The gradient of maxout: dZ (N, nO·nP) with dY[n, o] at piece which[n, o] and zeros at the
 * others, and its column sums (the bias gradient, nO·nP). Host backends only.
 */
export function backpropMaxoutHost(dY: Floats2d, which: Tensor2D, nP: number): [Floats2d, Tensor1D] {
  const [dZ, db] = backpropKernel({ dY, which }, { nP });
  return [dZ as Floats2d, db as Tensor1D];
}

/**
 * dX = dZ · Wᵀ of maxout from dY and which, without dZ: dX[n] = Σ_o dY[n, o] · Wt[o·nP + which[n, o]],
 * with Wt = Wᵀ (nO·nP, nI). Host backends only.
 */
export function maxoutInputGradHost(dY: Floats2d, which: Tensor2D, Wt: Tensor2D, nP: number): Floats2d {
  return inputGradKernel({ dY, which, Wt }, { nP })[0] as Floats2d;
}
