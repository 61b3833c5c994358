/**
 * The transpose of a matrix. tfjs-backend-wasm's Transpose takes about 1.5 ms for 1024 x 288
 * (a maxout layer's input, transposed for its weight gradient); SIMD 4 x 4 tiles on the wasm
 * heap take a fraction of that. The cpu backend gets a tiled TypeScript loop.
 */
import { type Tensor2D, tf } from "../tf.js";
import { defineHostKernel, type HostValues, hostKernelsActive } from "./host-kernel.js";

const TILE = 32;

const transposeKernel = defineHostKernel<"x", Record<string, never>>({
  name: "TsnlpTranspose2D",
  inputs: ["x"],
  outputs: ({ x }) => [{ shape: [x![1]!, x![0]!], dtype: "float32" }],
  compute: ({ x }, [out], _attrs, simd) => {
    const [rows, cols] = x!.shape as [number, number];
    // SIMD 4 x 4 tiles for the top-left block whose sides are multiples of 4, when it can run;
    // the loop below for the rows under it and the columns right of it.
    const useSimd = simd !== null && rows >= 4 && cols >= 4;
    const rows4 = useSimd ? rows & ~3 : 0;
    const cols4 = useSimd ? cols & ~3 : 0;
    if (useSimd) simd.transpose(rows, cols, rows4, cols4, x!.address, out!.address);
    copyTransposed(x!.values, out!.values, rows, cols, rows4, rows, 0, cols);
    copyTransposed(x!.values, out!.values, rows, cols, 0, rows4, cols4, cols);
  },
});

/** dst[c·rows + r] = src[r·cols + c] for rows [r0, r1) and columns [c0, c1), in tiles. */
function copyTransposed(src: HostValues, dst: HostValues, rows: number, cols: number, r0: number, r1: number, c0: number, c1: number): void {
  for (let rt = r0; rt < r1; rt += TILE) {
    const rEnd = Math.min(rt + TILE, r1);
    for (let ct = c0; ct < c1; ct += TILE) {
      const cEnd = Math.min(ct + TILE, c1);
      for (let r = rt; r < rEnd; r++) {
        const row = r * cols;
        for (let c = ct; c < cEnd; c++) dst[c * rows + r] = src[row + c]!;
      }
    }
  }
}

/** Xᵀ for a float32 matrix: a host kernel on wasm and cpu, tf.transpose elsewhere. */
export function transpose2d(X: Tensor2D): Tensor2D {
  if (!hostKernelsActive() || X.dtype !== "float32") return tf.transpose(X);
  return transposeKernel({ x: X }, {})[0] as Tensor2D;
}
