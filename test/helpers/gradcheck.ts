/**
 * Finite-difference checks of a model's backprop. The loss is sum(Y * R) for a fixed random
 * R, so dLoss/dY = R is what backprop receives. Central differences in float32 have an error
 * of about eps^2 (truncation) plus float32 rounding / eps, so with eps = 1e-2 the two agree
 * to about 1e-3 relative: the default tolerance is 2e-2 of the larger magnitude, plus 2e-3
 * absolute for gradients near zero.
 */
import { strict as assert } from "node:assert";
import type { AnyModel } from "../../src/ml/model.js";
import { Model, withScope } from "../../src/ml/model.js";
import { type Tensor, tf } from "../../src/ml/tf.js";

export interface GradCheckOptions {
  eps?: number;
  rtol?: number;
  atol?: number;
  /** Entries checked per parameter (random positions). */
  samples?: number;
  seed?: number;
}

/**
 * `run(isTrain)` runs the forward pass and returns the outputs as a list of tensors and a
 * backprop taking one gradient tensor per output (it must call the model's backprop).
 */
export type GradRun = (isTrain: boolean) => [Tensor[], (dY: Tensor[]) => void];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

export function checkParamGradients(model: AnyModel, run: GradRun, options: GradCheckOptions = {}): number {
  const eps = options.eps ?? 1e-2;
  const rtol = options.rtol ?? 2e-2;
  const atol = options.atol ?? 2e-3;
  const samples = options.samples ?? 6;
  const rand = random(options.seed ?? 7);
  for (const node of model.walk()) node.clearGrads();
  const R = withScope(() => {
    const [Y] = run(false);
    return Y.map((y) => tf.keep(tf.randomUniform(y.shape, -1, 1, "float32", 11)));
  });
  const loss = () => withScope(() => run(false)[0].reduce((sum, y, k) => sum + tf.sum(tf.mul(y, R[k]!)).dataSync()[0]!, 0));
  withScope(() => {
    const [, backprop] = run(true);
    backprop(R);
  });
  let checked = 0;
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      if (node.hasParam(name) !== true) continue;
      const param = node.getParam(name);
      const analytic = node.getGrad(name)?.dataSync() ?? new Float32Array(param.size);
      const values = param.dataSync().slice();
      for (let s = 0; s < Math.min(samples, values.length); s++) {
        const i = Math.floor(rand() * values.length);
        const original = values[i]!;
        const evaluate = (value: number) => {
          values[i] = value;
          Model.internals(node).params.get(name)?.dispose();
          Model.internals(node).params.set(name, tf.keep(tf.tensor(values, param.shape)));
          return loss();
        };
        const numeric = (evaluate(original + eps) - evaluate(original - eps)) / (2 * eps);
        evaluate(original);
        const got = analytic[i]!;
        const scale = Math.max(Math.abs(numeric), Math.abs(got));
        assert.ok(
          Math.abs(numeric - got) <= atol + rtol * scale,
          `${node.name}.${name}[${i}]: backprop gives ${got}, finite differences ${numeric} (eps ${eps})`,
        );
        checked++;
      }
    }
  }
  for (const r of R) r.dispose();
  for (const node of model.walk()) node.clearGrads();
  return checked;
}

/** Check dLoss/dX for a model from one float tensor to outputs, at a few random entries of X. */
export function checkInputGradient(forward: (X: Tensor, isTrain: boolean) => [Tensor[], (dY: Tensor[]) => Tensor], X: Tensor, options: GradCheckOptions = {}): void {
  const eps = options.eps ?? 1e-2;
  const rtol = options.rtol ?? 2e-2;
  const atol = options.atol ?? 2e-3;
  const rand = random(options.seed ?? 3);
  const R = withScope(() => forward(X, false)[0].map((y) => tf.keep(tf.randomUniform(y.shape, -1, 1, "float32", 5))));
  const values = Float32Array.from(X.dataSync());
  const loss = (input: Float32Array) =>
    withScope(() => forward(tf.tensor(input, X.shape), false)[0].reduce((sum, y, k) => sum + tf.sum(tf.mul(y, R[k]!)).dataSync()[0]!, 0));
  const dX = withScope(() => {
    const [, backprop] = forward(X, true);
    return backprop(R).dataSync().slice();
  });
  for (let s = 0; s < Math.min(options.samples ?? 6, values.length); s++) {
    const i = Math.floor(rand() * values.length);
    const plus = values.slice();
    plus[i] = values[i]! + eps;
    const minus = values.slice();
    minus[i] = values[i]! - eps;
    const numeric = (loss(plus) - loss(minus)) / (2 * eps);
    const scale = Math.max(Math.abs(numeric), Math.abs(dX[i]!));
    assert.ok(Math.abs(numeric - dX[i]!) <= atol + rtol * scale, `dX[${i}]: backprop gives ${dX[i]}, finite differences ${numeric}`);
  }
  for (const r of R) r.dispose();
}
