/** Small layers and an optimizer for tests: a Thinc-style affine layer and plain SGD. */
import { Model, type Optimizer } from "../../src/ml/model.js";
import { tf } from "../../src/ml/tf.js";
import type { Floats2d } from "../../src/ml/types.js";

/** Y = X W + b, with nI (and nO, given Y) inferred at initialization when left open. */
export function affine(nO: number | null, nI: number | null = null): Model<Floats2d, Floats2d> {
  return new Model<Floats2d, Floats2d>(
    "affine",
    (model, X) => {
      const W = model.getParam("W") as Floats2d;
      const Y = tf.add(tf.matMul(X, W), model.getParam("b")) as Floats2d;
      return [
        Y,
        (dY) => {
          model.incGrad("W", tf.matMul(tf.transpose(X), dY));
          model.incGrad("b", tf.sum(dY, 0));
          return tf.matMul(dY, tf.transpose(W));
        },
      ];
    },
    {
      dims: { nO, nI },
      params: { W: null, b: null },
      init: (model, X, Y) => {
        if (X) model.setDim("nI", X.shape[1]);
        if (Y) model.setDim("nO", Y.shape[1]);
        model.setParam("W", tf.randomNormal([model.getDim("nI"), model.getDim("nO")], 0, 0.5, "float32", model.id + 1));
        model.setParam("b", tf.randomNormal([model.getDim("nO")], 0, 0.5, "float32", model.id + 2));
      },
    },
  );
}

export const sgd = (rate: number): Optimizer => ({ update: (_key, param, grad) => tf.sub(param, tf.mul(grad, rate)) });

/** One-hot rows cycling through the labels: row i is label i mod nLabels. */
export function cyclicOneHot(rows: number, nLabels: number): Floats2d {
  const y = new Float32Array(rows * nLabels);
  for (let i = 0; i < rows; i++) y[i * nLabels + (i % nLabels)] = 1;
  return tf.tensor2d(y, [rows, nLabels]);
}
