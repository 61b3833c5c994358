/**
 * Host kernels against the composite tfjs path on the same inputs, on wasm (where the loops run
 * as WebAssembly on the backend's heap) and on cpu (TypeScript loops): the same values up to
 * float32 rounding, zero rows handled, and no tensors left behind.
 */
import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import { hostKernelsActive, setHostKernelsEnabled, wasmLoopsActive } from "../../src/ml/kernels/host-kernel.js";
import { transpose2d } from "../../src/ml/kernels/transpose.js";
import { layerNorm } from "../../src/ml/layers/layer-norm.js";
import { maxout as maxoutLayer } from "../../src/ml/layers/maxout.js";
import { type AnyModel, withScope } from "../../src/ml/model.js";
import { backpropMaxout, maxout } from "../../src/ml/ops/maxout.js";
import { Adam, type GradientOptimizer } from "../../src/ml/optimizers/index.js";
import { type Tensor, type Tensor2D, tf } from "../../src/ml/tf.js";
import type { Floats2d, Floats3d } from "../../src/ml/types.js";

/** Deterministic values in [-scale, scale), different for each salt. */
function values(size: number, salt: number, scale = 1): Float32Array {
  const out = new Float32Array(size);
  let state = (salt * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = ((state >>> 0) / 0x100000000) * 2 * scale - scale;
  }
  return out;
}

function matrix(rows: number, cols: number, salt: number, scale = 1): Tensor2D {
  return tf.tensor2d(values(rows * cols, salt, scale), [rows, cols]);
}

/** Run `fn` with host kernels off, then on; both results as plain arrays. */
function bothPaths(fn: () => Tensor[]): [Float32Array[], Float32Array[]] {
  const run = (host: boolean) => {
    setHostKernelsEnabled(host);
    try {
      return withScope(() => fn().map((t) => Float32Array.from(t.dataSync())));
    } finally {
      setHostKernelsEnabled(true);
    }
  };
  return [run(false), run(true)];
}

/** Equal up to float32 rounding: |a - b| <= tol · max(1, |b|). */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol = 1e-5): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    assert.ok(diff <= tol * Math.max(1, Math.abs(expected[i]!)), `${what}[${i}]: ${actual[i]} (host) vs ${expected[i]} (composite)`);
  }
}

/** Exactly equal values (0 and -0 count as equal: the composite path multiplies by a 0 mask). */
function assertEqualArrays(actual: Float32Array[], expected: Float32Array[]): void {
  assert.equal(actual.length, expected.length);
  for (const [k, got] of actual.entries()) assertClose(got, expected[k]!, `output ${k}`, 0);
}

function assertSamePaths(fn: () => Tensor[], names: string[], tol = 1e-5): void {
  const [composite, host] = bothPaths(fn);
  assert.equal(host.length, names.length);
  for (const [i, name] of names.entries()) assertClose(host[i]!, composite[i]!, name, tol);
}

/** The tensor count after `fn` runs `times` times must equal the count after it ran once. */
function assertNoLeak(fn: () => void, times = 5): void {
  fn();
  const before = tf.memory().numTensors;
  for (let i = 0; i < times; i++) fn();
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
}

/** Forward and backward of a layer: Y, dX, then each parameter gradient in `params` order. */
function layerRun(model: AnyModel, X: Floats2d, dY: Floats2d, params: string[]): Tensor[] {
  model.clearGrads();
  const [Y, backprop] = model.beginUpdate(X) as [Floats2d, (dY: Floats2d) => Floats2d];
  const dX = backprop(dY);
  const grads = params.map((name) => tf.clone(model.getGrad(name)!));
  model.clearGrads();
  return [Y, dX, ...grads];
}

for (const backend of ["wasm", "cpu"] as const) {
  describe(`host kernels on ${backend}`, () => {
    before(async () => {
      await selectBackend({ prefer: backend });
    });
    after(async () => {
      setHostKernelsEnabled(true);
      await selectBackend({ prefer: "wasm" });
    });

    it("are active on this backend, and can be switched off", () => {
      assert.equal(hostKernelsActive(), true);
      setHostKernelsEnabled(false);
      assert.equal(hostKernelsActive(), false);
      setHostKernelsEnabled(true);
    });

    it(backend === "wasm" ? "run their loops as WebAssembly on the backend's heap" : "run their loops in TypeScript", () => {
      // A module that fails to build falls back to the TypeScript loops silently; this says so.
      assert.equal(wasmLoopsActive(), backend === "wasm");
    });

    describe("transpose2d", () => {
      for (const [rows, cols] of [
        [0, 5],
        [5, 0],
        [1, 1],
        [3, 7],
        [33, 67],
        [288, 1024],
      ] as const) {
        it(`equals tf.transpose for ${rows} x ${cols}`, () => {
          const [want, got] = bothPaths(() => [transpose2d(matrix(rows, cols, rows + cols))]);
          assertEqualArrays(got, want);
          withScope(() => assert.deepEqual(transpose2d(matrix(rows, cols, 1)).shape, [cols, rows]));
        });
      }
    });

    describe("maxout op", () => {
      for (const [rows, nO, nP] of [
        [0, 4, 3],
        [1, 1, 2],
        [7, 5, 3],
        [9, 6, 1],
        [130, 17, 5],
        [1024, 96, 3],
      ] as const) {
        it(`finds the same best pieces and gradients for N=${rows}, nO=${nO}, nP=${nP}`, () => {
          const [want, got] = bothPaths(() => {
            const Z = tf.reshape(matrix(rows, nO * nP, nO + nP), [rows, nO, nP]) as Floats3d;
            const [best, which] = maxout(Z);
            const dZ = backpropMaxout(matrix(rows, nO, 3), which, nP);
            assert.deepEqual(best.shape, [rows, nO]);
            assert.deepEqual(dZ.shape, [rows, nO, nP]);
            return [best, tf.cast(which, "float32"), dZ];
          });
          // Picking the max and copying dY involve no arithmetic: the paths agree exactly.
          assertEqualArrays(got, want);
        });
      }

      it("takes the first of equal pieces, as argmax does", () => {
        const [want, got] = bothPaths(() => {
          // Every row of pieces holds ties: (a, a, b), (b, a, a), (a, a, a).
          const Z = tf.tensor3d(
            [
              [
                [2, 2, 1],
                [1, 3, 3],
                [5, 5, 5],
                [0, -1, 0],
                [-2, -2, -2],
              ],
            ],
            [1, 5, 3],
          ) as Floats3d;
          return [tf.cast(maxout(Z)[1], "float32")];
        });
        assert.deepEqual(Array.from(got[0]!), [0, 1, 0, 0, 0]);
        assertEqualArrays(got, want);
      });
    });

    describe("Maxout layer", () => {
      for (const [rows, nI, nO, nP] of [
        [0, 6, 4, 3],
        [5, 6, 4, 3],
        [37, 19, 7, 2],
        [13, 20, 5, 3],
        [7, 40, 4, 2],
        [256, 288, 96, 3],
      ] as const) {
        it(`gives the same output and gradients for N=${rows}, nI=${nI}, nO=${nO}, nP=${nP}`, () => {
          const model = maxoutLayer({ nI, nO, nP });
          withScope(() => model.initialize());
          model.setParam("b", tf.tensor1d(values(nO * nP, 5, 0.5)));
          assertSamePaths(() => layerRun(model, matrix(rows, nI, 1), matrix(rows, nO, 2), ["W", "b"]), ["Y", "dX", "dW", "db"], 2e-5);
          model.dispose();
        });
      }

      it("gives zero gradients for a batch without rows", () => {
        const model = maxoutLayer({ nI: 6, nO: 4, nP: 3 });
        withScope(() => model.initialize());
        withScope(() => {
          const [Y, dX, dW, db] = layerRun(model, matrix(0, 6, 1), matrix(0, 4, 2), ["W", "b"]);
          assert.deepEqual(Y!.shape, [0, 4]);
          assert.deepEqual(dX!.shape, [0, 6]);
          assert.ok(Array.from(dW!.dataSync()).every((v) => v === 0));
          assert.ok(Array.from(db!.dataSync()).every((v) => v === 0));
        });
        model.dispose();
      });

      it("leaves no tensors behind", () => {
        const model = maxoutLayer({ nI: 12, nO: 8, nP: 3 });
        withScope(() => model.initialize());
        const X = tf.keep(matrix(10, 12, 1));
        const dY = tf.keep(matrix(10, 8, 2));
        assertNoLeak(() => withScope(() => void layerRun(model, X, dY, ["W", "b"])));
        for (const t of [X, dY]) t.dispose();
        model.dispose();
      });
    });

    describe("LayerNorm layer", () => {
      for (const [rows, width] of [
        [0, 8],
        [1, 5],
        [9, 96],
        [300, 33],
        [64, 48],
      ] as const) {
        it(`gives the same output and gradients for N=${rows}, width=${width}`, () => {
          const model = layerNorm({ nI: width });
          withScope(() => model.initialize());
          model.setParam("G", tf.tensor1d(values(width, 8, 2)));
          model.setParam("b", tf.tensor1d(values(width, 9, 1)));
          assertSamePaths(() => layerRun(model, matrix(rows, width, 3, 3), matrix(rows, width, 4), ["G", "b"]), ["Y", "dX", "dG", "db"], 5e-5);
          model.dispose();
        });
      }

      it("leaves no tensors behind", () => {
        const model = layerNorm({ nI: 16 });
        withScope(() => model.initialize());
        const X = tf.keep(matrix(10, 16, 1));
        assertNoLeak(() => withScope(() => void layerRun(model, X, X, ["G", "b"])));
        X.dispose();
        model.dispose();
      });
    });

    describe("Adam step", () => {
      const cases: { name: string; settings: Parameters<typeof Adam>[0] }[] = [
        { name: "defaults (clip 1, averages, decoupled L2)", settings: { learnRate: 0.01, L2: 0.01 } },
        { name: "no clip, no averages, no L2", settings: { learnRate: 0.05, gradClip: 0, useAverages: false, L2: 0 } },
        { name: "coupled L2 and a clip that bites", settings: { learnRate: 0.02, L2: 0.1, L2IsWeightDecay: false, gradClip: 0.5 } },
      ];
      for (const { name, settings } of cases) {
        for (const size of [1, 10, 1003]) {
          it(`matches the composite update over three steps: ${name}, ${size} weights`, () => {
            const [want, got] = bothPaths(() => {
              const optimizer = Adam(settings) as GradientOptimizer;
              let param: Tensor = tf.tensor1d(values(size, 1));
              for (let step = 0; step < 3; step++) param = optimizer.update("0:W", param, tf.tensor1d(values(size, step + 2, 3)));
              const state = optimizer.state.get("0:W")!;
              const out = [param, state.mom1!, state.mom2!, ...(state.average ? [state.average] : [])].map((t) => tf.clone(t));
              optimizer.dispose();
              return out;
            });
            assert.equal(got.length, want.length);
            for (const [i, what] of ["param", "mom1", "mom2", "average"].slice(0, got.length).entries()) assertClose(got[i]!, want[i]!, what, 2e-5);
          });
        }
      }

      it("keeps the tensor count flat across updates", () => {
        const optimizer = Adam({ learnRate: 0.01, L2: 0.01 }) as GradientOptimizer;
        let param: Tensor = tf.keep(tf.tensor1d(values(101, 1)));
        const grad = tf.keep(tf.tensor1d(values(101, 2)));
        const step = () => {
          const next = withScope(() => tf.keep(optimizer.update("0:W", param, grad)));
          param.dispose();
          param = next;
        };
        assertNoLeak(step);
        for (const t of [param, grad]) t.dispose();
        optimizer.dispose();
      });
    });
  });
}
