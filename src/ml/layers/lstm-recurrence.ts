/**
 * One direction of one LSTM layer over packed sequences, forward and backward, with the
 * gate maths of Thinc's NumPy kernels (cpu_lstm_activate_fwd, cpu_lstm_gates_fwd and
 * cpu_lstm_gates_bwd in thinc/backends/numpy_ops.pyx). Gates in Thinc's order:
 *
 *   A = X·Wx + b + h_prev·Wh      f, i, o = sigmoid(A_f, A_i, A_o)    g = tanh(A_g)
 *   c = f * c_prev + i * g        h = o * tanh(c)
 *
 * Packed means Thinc's packed order (lstm.py _padded_to_packed): step by step, the rows of
 * the sequences still running, longest sequence first, so that step t is a block of
 * sizes[t] rows and the running sequences are always its first rows. A sequence's state
 * starts from (h0, c0) at its own first step: the left-to-right pass drops the rows of
 * sequences that have ended, the right-to-left pass adds a fresh (h0, c0) row for each
 * sequence that starts. Padding never enters the sums.
 *
 * The backward pass is the exact gradient of this forward pass, including the gates of the
 * first step, which Thinc's CPU kernel (_lstm_backward_training) leaves out.
 */
import { sumRows } from "../ops/sum-rows.js";
import { unflatten } from "./list2array.js";
import { weightGrad } from "../ops/weight-grad.js";
import { type Tensor1D, type Tensor2D, tf } from "../tf.js";
import type { DirectionGrads, DirectionWeights } from "./lstm-params.js";

/** The packed batch's steps: sizes[t] rows each, starting at offsets[t]. */
export interface Steps {
  sizes: Int32Array;
  offsets: Int32Array;
  /** Rows in all: the sum of sizes. */
  rows: number;
}

export function stepsOf(sizeAtT: Int32Array): Steps {
  const offsets = new Int32Array(sizeAtT.length);
  let rows = 0;
  sizeAtT.forEach((size, t) => {
    offsets[t] = rows;
    rows += size;
  });
  return { sizes: sizeAtT, offsets, rows };
}

/** What one step keeps for the backward pass. */
interface StepState {
  /** The state the step started from, one row per running sequence. */
  hPrev: Tensor2D;
  cPrev: Tensor2D;
  /** sigmoid(A_f, A_i, A_o), (rows, 3 nH). */
  gates: Tensor2D;
  /** tanh(A_g). */
  cand: Tensor2D;
  /** tanh(c). */
  tanhC: Tensor2D;
}

export interface DirectionGradsWithState extends DirectionGrads {
  dX: Tensor2D;
  /** The gradients of the initial state (1, nH). */
  dh0: Tensor2D;
  dc0: Tensor2D;
}

/** h0 or c0 (1, nH) repeated for `rows` sequences. */
function initialRows(state: Tensor2D, rows: number): Tensor2D {
  return tf.broadcastTo(state, [rows, state.shape[1]]) as Tensor2D;
}

/** The previous step's state, cut or grown to the `rows` sequences running now. */
function fitRows(prev: Tensor2D | null, initial: Tensor2D, rows: number): Tensor2D {
  if (prev === null) return initialRows(initial, rows);
  const have = prev.shape[0];
  if (have === rows) return prev;
  if (have > rows) return tf.slice(prev, [0, 0], [rows, -1]);
  return tf.concat([prev, initialRows(initial, rows - have)], 0);
}

/**
 * Run one direction over the packed input X (rows, nI). Returns the hidden states in packed
 * order (rows, nH) and the backward pass, which takes their gradient.
 */
export function runDirection(
  X: Tensor2D,
  w: DirectionWeights,
  h0: Tensor2D,
  c0: Tensor2D,
  steps: Steps,
  reverse: boolean,
  isTrain: boolean,
): [Tensor2D, (dY: Tensor2D) => DirectionGradsWithState] {
  const nH = w.Wh.shape[0];
  const nT = steps.sizes.length;
  // The input's part of every gate in one matMul, cut into its steps in one go (on wasm and
  // cpu a host-side split; a slice per step costs more); the recurrence adds h_prev · Wh.
  const Gx = unflatten(tf.add(tf.matMul(X, w.Wx), w.b) as Tensor2D, steps.sizes);
  const hs: Tensor2D[] = new Array(nT);
  const kept: StepState[] = new Array(nT);
  let h: Tensor2D | null = null;
  let c: Tensor2D | null = null;
  for (let k = 0; k < nT; k++) {
    const t = reverse ? nT - 1 - k : k;
    const rows = steps.sizes[t]!;
    const hPrev = fitRows(h, h0, rows);
    const cPrev = fitRows(c, c0, rows);
    const step = tf.tidy(() => {
      const A = tf.add(Gx[t]!, tf.matMul(hPrev, w.Wh));
      const gates = tf.sigmoid(tf.slice(A, [0, 0], [rows, 3 * nH])) as Tensor2D;
      const cand = tf.tanh(tf.slice(A, [0, 3 * nH], [rows, nH])) as Tensor2D;
      const [f, i, o] = tf.split(gates, 3, 1) as [Tensor2D, Tensor2D, Tensor2D];
      const cNew = tf.add(tf.mul(f, cPrev), tf.mul(i, cand)) as Tensor2D;
      const tanhC = tf.tanh(cNew) as Tensor2D;
      const h = tf.mul(o, tanhC) as Tensor2D;
      // Only training keeps the activations; prediction lets tidy free them at once.
      return isTrain ? { h, c: cNew, gates, cand, tanhC } : { h, c: cNew };
    });
    hs[t] = step.h;
    if (isTrain) kept[t] = { hPrev, cPrev, gates: step.gates!, cand: step.cand!, tanhC: step.tanhC! };
    h = step.h;
    c = step.c;
  }
  const Y = (nT === 1 ? hs[0]! : tf.concat(hs, 0)) as Tensor2D;
  return [Y, (dY) => backpropDirection(dY, X, w, kept, steps, reverse)];
}

function backpropDirection(dY: Tensor2D, X: Tensor2D, w: DirectionWeights, kept: StepState[], steps: Steps, reverse: boolean): DirectionGradsWithState {
  const nT = steps.sizes.length;
  const nH = w.Wh.shape[0];
  const dYs = unflatten(dY, steps.sizes);
  const dGs: Tensor2D[] = new Array(nT);
  // Gradients that reach the initial state: from each sequence's first step.
  const dh0Parts: Tensor2D[] = [];
  const dc0Parts: Tensor2D[] = [];
  // The gradient of the state the later step (in the forward pass's order) started from.
  let dhCarry: Tensor2D | null = null;
  let dcCarry: Tensor2D | null = null;
  for (let k = nT - 1; k >= 0; k--) {
    const t = reverse ? nT - 1 - k : k;
    const rows = steps.sizes[t]!;
    const { gates, cand, tanhC, cPrev } = kept[t]!;
    let dhIn: Tensor2D | null = null;
    let dcIn: Tensor2D | null = null;
    if (dhCarry !== null && dcCarry !== null) {
      const have = dhCarry.shape[0];
      if (have === rows) {
        dhIn = dhCarry;
        dcIn = dcCarry;
      } else if (have < rows) {
        // Left to right: the sequences that ended at this step had no later step.
        dhIn = tf.pad(dhCarry, [
          [0, rows - have],
          [0, 0],
        ]);
        dcIn = tf.pad(dcCarry, [
          [0, rows - have],
          [0, 0],
        ]);
      } else {
        // Right to left: the later step's extra rows were sequences starting from (h0, c0).
        dhIn = tf.slice(dhCarry, [0, 0], [rows, -1]);
        dcIn = tf.slice(dcCarry, [0, 0], [rows, -1]);
        dh0Parts.push(tf.slice(dhCarry, [rows, 0], [-1, -1]));
        dc0Parts.push(tf.slice(dcCarry, [rows, 0], [-1, -1]));
      }
    }
    const dYt = dYs[t]!;
    const step = tf.tidy((): { dA: Tensor2D; dhPrev: Tensor2D; dcPrev: Tensor2D } => {
      const dh: Tensor2D = dhIn === null ? dYt : tf.add(dYt, dhIn);
      const [f, i, o] = tf.split(gates, 3, 1) as [Tensor2D, Tensor2D, Tensor2D];
      // h = o * tanh(c): dc gets dh * o * (1 - tanh(c)^2), plus what flows back from the next c.
      const dcFromH = tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tanhC))) as Tensor2D;
      const dc: Tensor2D = dcIn === null ? dcFromH : tf.add(dcFromH, dcIn);
      const dGates = tf.concat([tf.mul(dc, cPrev), tf.mul(dc, cand), tf.mul(dh, tanhC)], 1);
      const dAgates = tf.mul(dGates, tf.mul(gates, tf.sub(1, gates)));
      const dAcand = tf.mul(tf.mul(dc, i), tf.sub(1, tf.square(cand)));
      const dA = tf.concat([dAgates, dAcand], 1) as Tensor2D;
      return { dA, dhPrev: tf.matMul(dA, w.WhRows) as Tensor2D, dcPrev: tf.mul(dc, f) as Tensor2D };
    });
    dGs[t] = step.dA;
    dhCarry = step.dhPrev;
    dcCarry = step.dcPrev;
  }
  // The step the forward pass began with started every one of its sequences from (h0, c0).
  if (dhCarry !== null && dcCarry !== null) {
    dh0Parts.push(dhCarry);
    dc0Parts.push(dcCarry);
  }
  const dG = (nT === 1 ? dGs[0]! : tf.concat(dGs, 0)) as Tensor2D;
  const hPrevs = (
    nT === 1
      ? kept[0]!.hPrev
      : tf.concat(
          kept.map((state) => state.hPrev),
          0,
        )
  ) as Tensor2D;
  const stateGrad = (parts: Tensor2D[]) => tf.reshape(sumRows(parts.length === 1 ? parts[0]! : tf.concat(parts, 0)), [1, nH]) as Tensor2D;
  return {
    dX: tf.matMul(dG, w.WxRows),
    dWx: weightGrad(X, dG),
    dWh: weightGrad(hPrevs, dG),
    db: sumRows(dG) as Tensor1D,
    dh0: stateGrad(dh0Parts),
    dc0: stateGrad(dc0Parts),
  };
}
