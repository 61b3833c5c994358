/**
 * bidirectional: run one recurrent layer left to right and another right to left over a
 * Padded batch, and join their outputs feature-wise, l2r first (Thinc's bidirectional.v1,
 * thinc/layers/bidirectional.py). r2l defaults to a copy of l2r with its own weights.
 *
 * r2l reads each sequence backwards from its own last token, and its outputs are turned back
 * to the original order before joining, so row t of both halves belongs to token t. (Thinc's
 * _reverse is `data[::1]`, which reverses nothing, and its _split hands the first half of the
 * gradient to both layers; this is the layer that its docstring describes.)
 */
import { type Backprop, Model, withScope } from "../model.js";
import { gatherRows } from "../ops/segment.js";
import { type Tensor2D, tf } from "../tf.js";
import { type Floats3d, Padded } from "../types.js";

type Rnn = Model<Padded, Padded>;

export function bidirectional(l2r: Rnn, r2l: Rnn | null = null): Rnn {
  const other = r2l ?? l2r.copy();
  const known = (layer: Rnn, dim: string) => (layer.hasDim(dim) === true ? layer.getDim(dim) : null);
  const nL = known(l2r, "nO");
  const nR = known(other, "nO");
  return new Model<Padded, Padded>(`bi${l2r.name}`, forward, {
    init,
    layers: [l2r, other],
    dims: { nO: nL !== null && nR !== null ? nL + nR : null, nI: known(l2r, "nI") },
  });
}

/**
 * Each sequence's rows in reverse order within its own length (padding stays at the end): one
 * gather. Reversing twice gives the input back, so the backward pass uses the same map.
 */
export function reverseSequences(Xp: Padded): Padded {
  const [nS, nB, nO] = Xp.data.shape;
  const zeroRow = nS * nB;
  const rows = new Int32Array(nS * nB).fill(zeroRow);
  for (let b = 0; b < nB; b++) {
    const length = Xp.lengths[b]!;
    for (let t = 0; t < length; t++) rows[t * nB + b] = (length - 1 - t) * nB + b;
  }
  const flat = tf.concat([tf.reshape(Xp.data, [nS * nB, nO]), tf.zeros([1, nO])], 0) as Tensor2D;
  const reversed = tf.reshape(gatherRows(flat, rows), [nS, nB, nO]) as Floats3d;
  return new Padded(reversed, Xp.sizeAtT, Xp.lengths, Xp.indices);
}

function forward(model: Rnn, Xp: Padded, isTrain: boolean): [Padded, Backprop<Padded, Padded>] {
  const [l2r, r2l] = model.layers as [Rnn, Rnn];
  const [Yl, backpropL] = l2r.call(Xp, isTrain);
  const [Yr, backpropR] = r2l.call(reverseSequences(Xp), isTrain);
  const widthL = Yl.data.shape[2];
  const Z = tf.concat([Yl.data, reverseSequences(Yr).data], 2) as Floats3d;
  const backprop = (dZp: Padded): Padded => {
    const [dL, dR] = tf.split(dZp.data, [widthL, dZp.data.shape[2] - widthL], 2) as [Floats3d, Floats3d];
    const dXl = backpropL(new Padded(dL, dZp.sizeAtT, dZp.lengths, dZp.indices));
    const dXr = reverseSequences(backpropR(reverseSequences(new Padded(dR, dZp.sizeAtT, dZp.lengths, dZp.indices))));
    return new Padded(tf.add(dXl.data, dXr.data) as Floats3d, dZp.sizeAtT, dZp.lengths, dZp.indices);
  };
  return [new Padded(Z, Xp.sizeAtT, Xp.lengths, Xp.indices), backprop];
}

/** Both layers see X; where Y is given, each gets its half of the features. */
function init(model: Rnn, X?: Padded, Y?: Padded): void {
  const [l2r, r2l] = model.layers as [Rnn, Rnn];
  withScope(() => {
    let halves: [Padded, Padded] | [undefined, undefined] = [undefined, undefined];
    if (Y !== undefined) {
      const parts = tf.split(Y.data, 2, 2) as [Floats3d, Floats3d];
      halves = [new Padded(parts[0], Y.sizeAtT, Y.lengths, Y.indices), new Padded(parts[1], Y.sizeAtT, Y.lengths, Y.indices)];
    }
    l2r.initialize(X, halves[0]);
    r2l.initialize(X, halves[1]);
  });
  if (l2r.hasDim("nI") === true) model.setDim("nI", l2r.getDim("nI"));
  if (l2r.hasDim("nO") === true && r2l.hasDim("nO") === true) model.setDim("nO", l2r.getDim("nO") + r2l.getDim("nO"));
}
