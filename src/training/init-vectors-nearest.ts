/**
 * The nearest-row search for pruning a vectors table, on the tensor backend: the cosines of a
 * batch of dropped rows against every kept row are one matMul, and the best of each is one
 * topk, so only the answers come back to the host. The plain TypeScript search
 * (src/tokens/vectors-nearest.ts) does the same products some ten to forty times slower, which
 * matters when a million-row table is pruned to tens of thousands.
 */
import { tf } from "../ml/tf.js";
import type { NearestSearchFactory } from "../tokens/vectors-nearest.js";

/** Scores held at once, per query batch: 32M floats (128 MB). */
const MAX_SCORES = 1 << 25;

export const backendNearestSearch: NearestSearchFactory = (unitRows, nRows, width) => {
  // Stored (width, rows) so that each batch is a plain matMul (see dense-activation.ts).
  const table = tf.tidy(() => tf.transpose(tf.tensor2d(unitRows, [nRows, width])));
  const step = Math.max(1, Math.floor(MAX_SCORES / Math.max(nRows, 1)));
  return {
    nearest(queries, count, n) {
      const rows = new Int32Array(count * n);
      const scores = new Float32Array(count * n);
      for (let start = 0; start < count; start += step) {
        const end = Math.min(count, start + step);
        tf.tidy(() => {
          const batch = tf.tensor2d(queries.subarray(start * width, end * width), [end - start, width]);
          const { values, indices } = tf.topk(tf.matMul(batch, table), n);
          rows.set(indices.dataSync() as Int32Array, start * n);
          scores.set(values.dataSync() as Float32Array, start * n);
        });
      }
      return { rows, scores };
    },
    dispose() {
      table.dispose();
    },
  };
};
