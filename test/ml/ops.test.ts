import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import { withScope } from "../../src/ml/model.js";
import { hashIds, hashRows } from "../../src/ml/ops/hash.js";
import { backpropMaxout, maxout } from "../../src/ml/ops/maxout.js";
import {
  backpropReduceFirst,
  backpropReduceLast,
  backpropReduceMax,
  backpropReduceMean,
  backpropReduceSum,
  reduceFirst,
  reduceLast,
  reduceMax,
  reduceMean,
  reduceSum,
} from "../../src/ml/ops/reduce.js";
import { gatherAdd, gatherRows, scatterAdd, segmentSum } from "../../src/ml/ops/segment.js";
import { backpropSeq2col, seq2col } from "../../src/ml/ops/seq2col.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { type Floats2d, type Floats3d, Uint64s2d } from "../../src/ml/types.js";
import { murmurhash3X64_128Uint64 } from "../../src/util/murmur3.js";

/** Deterministic small floats, so that comparisons do not depend on a random seed. */
function matrix(rows: number, cols: number, salt = 1): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.sin(salt * 13.7 + i * 3.1 + j * 1.7) * 2));
}

function close(actual: Tensor, expected: number[][] | number[][][], tol = 1e-5): void {
  const got = actual.arraySync() as number[][];
  assert.deepEqual(actual.shape, shapeOf(expected));
  const flatGot = (got as unknown as number[]).flat(2) as number[];
  const flatWant = (expected as unknown as number[]).flat(2) as number[];
  flatWant.forEach((want, i) => {
    assert.ok(Math.abs(flatGot[i]! - want) <= tol, `entry ${i}: ${flatGot[i]} vs ${want}`);
  });
}

function shapeOf(array: unknown): number[] {
  const shape: number[] = [];
  let at = array;
  while (Array.isArray(at)) {
    shape.push(at.length);
    at = at[0];
  }
  return shape;
}

/** Reference seq2col: row i gets rows i-nW..i+nW of its own sequence, zeros elsewhere. */
function refSeq2col(X: number[][], nW: number, lengths: number[]): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (const length of lengths) {
    for (let i = start; i < start + length; i++) {
      const row: number[] = [];
      for (let d = -nW; d <= nW; d++) {
        const j = i + d;
        row.push(...(j >= start && j < start + length ? X[j]! : X[0]!.map(() => 0)));
      }
      out.push(row);
    }
    start += length;
  }
  return out;
}

describe("ops", () => {
  before(async () => {
    await selectBackend();
  });

  it("hashIds hashes a column of 64-bit ids into four words per id", () => {
    const ids = [
      [1n, 2n],
      [0xffffffffffffffffn, 17733446577440811016n],
      [0n, 12345678901234567n],
    ];
    const X = Uint64s2d.fromBigInts(BigUint64Array.from(ids.flat()), 3, 2);
    const keys = hashIds(X, 7, 1);
    const want = new Uint32Array(4);
    ids.forEach(([, id], i) => {
      murmurhash3X64_128Uint64(Number(id! & 0xffffffffn), Number(id! >> 32n), 7, want, 0);
      assert.deepEqual([...keys.subarray(4 * i, 4 * i + 4)], [...want]);
    });
    const rows = hashRows(X, 7, 1000, 1);
    assert.deepEqual(
      [...rows],
      [...keys].map((key) => key % 1000),
    );
    assert.ok(rows.every((row) => row >= 0 && row < 1000));
  });

  it("segmentSum, gatherRows, gatherAdd and scatterAdd match host loops", () =>
    withScope(() => {
      const data = matrix(5, 3);
      const X = tf.tensor2d(data) as Floats2d;
      // Trailing empty segments are zero rows.
      const summed = segmentSum(X, Int32Array.of(4, 0, 2, 2), Int32Array.of(0, 0, 2, 2), 5);
      close(summed, [data[4]!.map((v, j) => v + data[0]![j]!), [0, 0, 0], data[2]!.map((v) => 2 * v), [0, 0, 0], [0, 0, 0]]);
      close(gatherRows(X, Int32Array.of(3, 3, 0)), [data[3]!, data[3]!, data[0]!]);
      const ids = Int32Array.of(1, 4, 4, 0, 2, 1);
      close(
        gatherAdd(X, ids, 2),
        [0, 1, 2].map((i) => data[ids[2 * i]!]!.map((v, j) => v + data[ids[2 * i + 1]!]![j]!)),
      );
      const values = matrix(3, 3, 2);
      const want = Array.from({ length: 6 }, () => [0, 0, 0]);
      ids.forEach((id, k) => {
        for (let j = 0; j < 3; j++) want[id]![j]! += values[Math.floor(k / 2)]![j]!;
      });
      close(scatterAdd(6, ids, tf.tensor2d(values) as Floats2d, 2), want);
      // Negative ids are skipped, as Thinc's cpu_scatter_add does.
      close(scatterAdd(2, Int32Array.of(-1, 1), tf.tensor2d([[1], [2]]) as Floats2d), [[0], [2]]);
      close(scatterAdd(2, new Int32Array(0), tf.zeros([0, 1]) as Floats2d), [[0], [0]]);
    }));

  it("seq2col and its backprop match a reference, with and without lengths", () =>
    withScope(() => {
      for (const [nW, lengths] of [
        [1, [7]],
        [1, [3, 0, 2, 1, 1]],
        [2, [4, 3]],
      ] as Array<[number, number[]]>) {
        const data = matrix(7, 2);
        const X = tf.tensor2d(data) as Floats2d;
        const lens = Int32Array.from(lengths);
        close(seq2col(X, nW, lengths.length === 1 ? undefined : lens), refSeq2col(data, nW, lengths));
        // Row j collects, from each row i whose window holds it, the slot of dY[i] it was copied into.
        const dY = matrix(7, 2 * (2 * nW + 1), 3);
        const dX = backpropSeq2col(tf.tensor2d(dY) as Floats2d, nW, lens).arraySync();
        const want = data.map((row) => row.map(() => 0));
        let start = 0;
        for (const length of lengths) {
          for (let i = start; i < start + length; i++) {
            for (let d = -nW; d <= nW; d++) {
              const j = i + d;
              if (j < start || j >= start + length) continue;
              for (let c = 0; c < 2; c++) want[j]![c]! += dY[i]![(d + nW) * 2 + c]!;
            }
          }
          start += length;
        }
        close(tf.tensor2d(dX), want);
      }
      assert.throws(() => seq2col(tf.zeros([3, 2]) as Floats2d, 1, Int32Array.of(1, 1)), /lengths sum to 2, not to the 3 rows/);
    }));

  it("maxout keeps the best piece and its backprop routes the gradient there", () =>
    withScope(() => {
      const Z = [
        [
          [1, 5, 2],
          [3, 3, -1],
        ],
        [
          [-4, -2, -3],
          [0, 7, 8],
        ],
      ];
      const [best, which] = maxout(tf.tensor3d(Z) as Floats3d);
      close(best, [
        [5, 3],
        [-2, 8],
      ]);
      assert.deepEqual(which.arraySync(), [
        [1, 0],
        [1, 2],
      ]);
      close(
        backpropMaxout(
          tf.tensor2d([
            [10, 20],
            [30, 40],
          ]) as Floats2d,
          which,
          3,
        ),
        [
          [
            [0, 10, 0],
            [20, 0, 0],
          ],
          [
            [0, 30, 0],
            [0, 0, 40],
          ],
        ],
      );
    }));

  it("maxout with one piece passes the gradient straight through", () =>
    withScope(() => {
      const [best, which] = maxout(tf.tensor3d([[[1], [-2]]]) as Floats3d);
      close(best, [[1, -2]]);
      close(backpropMaxout(tf.tensor2d([[3, 4]]) as Floats2d, which, 1), [[[3], [4]]]);
    }));

  it("ragged reductions and their backprops match host loops", () =>
    withScope(() => {
      const lengths = Int32Array.of(2, 3, 1);
      const data = matrix(6, 3);
      const X = tf.tensor2d(data) as Floats2d;
      const seqs = [data.slice(0, 2), data.slice(2, 5), data.slice(5, 6)];
      const colwise = (rows: number[][], f: (values: number[]) => number) => rows[0]!.map((_, j) => f(rows.map((row) => row[j]!)));
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      close(
        reduceSum(X, lengths),
        seqs.map((s) => colwise(s, sum)),
      );
      close(
        reduceMean(X, lengths),
        seqs.map((s) => colwise(s, (v) => sum(v) / v.length)),
      );
      close(
        reduceFirst(X, lengths),
        seqs.map((s) => s[0]!),
      );
      close(
        reduceLast(X, lengths),
        seqs.map((s) => s[s.length - 1]!),
      );
      const [max, which] = reduceMax(X, lengths);
      close(
        max,
        seqs.map((s) => colwise(s, (v) => Math.max(...v))),
      );
      assert.deepEqual(
        which.arraySync(),
        seqs.map((s) => colwise(s, (v) => v.indexOf(Math.max(...v)))),
      );

      const dY = matrix(3, 3, 5);
      const dYt = tf.tensor2d(dY) as Floats2d;
      const seqOf = [0, 0, 1, 1, 1, 2];
      const posOf = [0, 1, 0, 1, 2, 0];
      close(
        backpropReduceSum(dYt, lengths),
        seqOf.map((b) => dY[b]!),
      );
      close(
        backpropReduceMean(dYt, lengths),
        seqOf.map((b) => dY[b]!.map((v) => v / lengths[b]!)),
      );
      close(
        backpropReduceFirst(dYt, lengths),
        seqOf.map((b, t) => (posOf[t] === 0 ? dY[b]! : [0, 0, 0])),
      );
      close(
        backpropReduceLast(dYt, lengths),
        seqOf.map((b, t) => (posOf[t] === lengths[b]! - 1 ? dY[b]! : [0, 0, 0])),
      );
      const w = which.arraySync() as number[][];
      close(
        backpropReduceMax(dYt, which, lengths),
        seqOf.map((b, t) => dY[b]!.map((v, j) => (w[b]![j] === posOf[t] ? v : 0))),
      );

      // Empty sequences: zero rows for sum and mean (Thinc), an error for max/first/last.
      close(reduceSum(tf.tensor2d([[1], [2]]) as Floats2d, Int32Array.of(0, 2, 0)), [[0], [3], [0]]);
      close(reduceMean(tf.tensor2d([[1], [2]]) as Floats2d, Int32Array.of(0, 2, 0)), [[0], [1.5], [0]]);
      close(backpropReduceMean(tf.tensor2d([[1], [2], [3]]) as Floats2d, Int32Array.of(0, 2, 0)), [[1], [1]]);
      assert.throws(() => reduceMax(tf.tensor2d([[1]]) as Floats2d, Int32Array.of(0, 1)), /must be > 0/);
    }));
});
