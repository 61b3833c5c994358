/**
 * LSTM over a Padded batch (Thinc's LSTM.v1, thinc/layers/lstm.py), and the same maths with
 * PyTorch's parameter layout, initialization and dropout for PyTorchLSTM.v1 (which Thinc
 * runs through torch.nn.LSTM in a PyTorchRNNWrapper inside with_padded).
 *
 * depth stacked layers, each with one or (bi) two directions; a bidirectional layer's output
 * is the left-to-right states, then the right-to-left ones, so each direction has nO / 2
 * units. The weights are one flat param "LSTM" in the layout of lstm-params.ts; the initial
 * state is the param "HC0" (2, depth, dirs, nH), cells in HC0[0] and hidden states in HC0[1],
 * the way Thinc hands them to its kernels. Thinc never computes HC0's gradient, so there it
 * keeps its zeros; here it is learned like any param. The PyTorch variant starts from zeros,
 * as torch.nn.LSTM does without an explicit state.
 *
 * Dropout: Thinc's LSTM drops *weights* while training (one mask over the flat vector, after
 * Yarin Gal); PyTorch's drops the outputs of every layer but the last.
 *
 * Padded positions give zero outputs and get zero gradients, and every sequence's
 * right-to-left pass starts at its own last token. (Thinc's PyTorch wrapper runs torch.nn.LSTM
 * over the padding, so there a short sequence's right-to-left states see the padding zeros
 * first; here they do not, so a batch gives the same outputs as its sequences one at a time.)
 */
import { TsnlpError } from "../../util/errors.js";
import { glorotUniformInit, type Initializer, uniformInit, zeroInit } from "../initializers.js";
import { type Backprop, Model } from "../model.js";
import { gatherRows } from "../ops/segment.js";
import { type Tensor, type Tensor1D, type Tensor2D, type Tensor4D, tf } from "../tf.js";
import { type Floats3d, Padded } from "../types.js";
import { dropoutMask } from "./dropout.js";
import { type DirectionGrads, directionWeights, flatGradient, hiddenWidth, initLstmVector, type LstmLayout, type LstmShape, lstmSlots } from "./lstm-params.js";
import { type DirectionGradsWithState, runDirection, type Steps, stepsOf } from "./lstm-recurrence.js";
import { noop } from "./noop.js";
import { withPadded } from "./with-padded.js";

export interface LstmOptions {
  nO?: number | null;
  nI?: number | null;
  /** Two directions per layer, each nO / 2 wide. */
  bi?: boolean;
  depth?: number;
  dropout?: number;
  /** Thinc's defaults: glorot_uniform_init and zero_init. */
  initW?: Initializer | null;
  initB?: Initializer | null;
}

type Lstm = Model<Padded, Padded>;

/** LSTM.v1. */
export function lstm(opts: LstmOptions = {}): Lstm {
  const depth = checkDepth(opts.depth ?? 1, "LSTM.v1");
  const initW = opts.initW ?? glorotUniformInit();
  const initB = opts.initB ?? zeroInit();
  return new Model<Padded, Padded>("lstm", forward, {
    init: (model, X, Y) => init(model, X, Y, initW, initB),
    dims: { nO: opts.nO ?? null, nI: opts.nI ?? null, depth, dirs: opts.bi ? 2 : 1 },
    params: { LSTM: null, HC0: null },
    attrs: { dropout_rate: opts.dropout ?? 0, layout: "thinc" satisfies LstmLayout },
  });
}

export interface PyTorchLstmOptions {
  nO: number;
  nI: number;
  bi?: boolean;
  depth?: number;
  dropout?: number;
}

/**
 * PyTorchLSTM.v1: with_padded around the LSTM core (so lists and Ragged batches work too, as
 * in Thinc); depth 0 is a noop, as there.
 */
export function pytorchLstm(opts: PyTorchLstmOptions): Lstm {
  const depth = opts.depth ?? 1;
  if (depth === 0) return noop<Padded>();
  checkDepth(depth, "PyTorchLSTM.v1");
  const dirs = opts.bi ? 2 : 1;
  const nH = hiddenWidth(opts.nO, dirs, "PyTorchLSTM.v1");
  // torch.nn.LSTM.reset_parameters: every weight and bias from U(±1/√hidden_size).
  const bound = 1 / Math.sqrt(nH);
  const initAll = uniformInit(-bound, bound);
  const core = new Model<Padded, Padded>("pytorch_lstm", forward, {
    init: (model, X, Y) => init(model, X, Y, initAll, initAll),
    dims: { nO: opts.nO, nI: opts.nI, depth, dirs },
    params: { LSTM: null },
    attrs: { dropout_rate: opts.dropout ?? 0, layout: "pytorch" satisfies LstmLayout },
  });
  return withPadded(core, { seq: "padded" });
}

function checkDepth(depth: number, layer: string): number {
  if (!Number.isInteger(depth) || depth < 1) {
    throw new TsnlpError("E_LAYER_ARGS", `${layer} needs depth >= 1 (the number of stacked layers), not ${depth}.`, {
      hint: "Set depth to 1 or more.",
    });
  }
  return depth;
}

function shapeOf(model: Lstm): LstmShape {
  const dirs = model.getDim("dirs");
  return { nI: model.getDim("nI"), nH: hiddenWidth(model.getDim("nO"), dirs, model.name), depth: model.getDim("depth"), dirs };
}

function init(model: Lstm, X: Padded | undefined, Y: Padded | undefined, initW: Initializer, initB: Initializer): void {
  if (X !== undefined) model.setDim("nI", X.data.shape[2]);
  if (Y !== undefined) model.setDim("nO", Y.data.shape[2]);
  const shape = shapeOf(model);
  const layout = model.attrs.layout as LstmLayout;
  model.setParam("LSTM", initLstmVector(shape, layout, initW, initB));
  if (model.hasParam("HC0") !== false) model.setParam("HC0", tf.zeros([2, shape.depth, shape.dirs, shape.nH]));
}

// ---- packing: Thinc's _padded_to_packed and _packed_to_padded, as one gather each (the
// segment-sum kernel: wasm's GatherV2 is about ten times slower at these sizes) ----

/** The running rows of each step, step after step: rows (sum of sizeAtT, nI). */
function pack(Xp: Padded, steps: Steps): Tensor2D {
  const [nS, nB, nI] = Xp.data.shape;
  const flat = tf.reshape(Xp.data, [nS * nB, nI]) as Tensor2D;
  if (steps.rows === nS * nB) return flat;
  const rows = new Int32Array(steps.rows);
  for (let t = 0, at = 0; t < nS; t++) for (let b = 0; b < steps.sizes[t]!; b++) rows[at++] = t * nB + b;
  return gatherRows(flat, rows);
}

/** The inverse of pack: zeros where a sequence has ended. */
function unpack(Y: Tensor2D, like: Padded, steps: Steps): Floats3d {
  const [nS, nB] = like.data.shape;
  const nO = Y.shape[1];
  if (steps.rows === nS * nB) return tf.reshape(Y, [nS, nB, nO]) as Floats3d;
  const rows = new Int32Array(nS * nB).fill(steps.rows);
  for (let t = 0; t < nS; t++) for (let b = 0; b < steps.sizes[t]!; b++) rows[t * nB + b] = steps.offsets[t]! + b;
  const withZeroRow = tf.concat([Y, tf.zeros([1, nO])], 0) as Tensor2D;
  return tf.reshape(gatherRows(withZeroRow, rows), [nS, nB, nO]) as Floats3d;
}

// ---- forward ----

function checkInput(model: Lstm, Xp: Padded): void {
  const nI = model.getDim("nI");
  const width = Xp.data.shape[2];
  if (Xp.data.rank !== 3 || width !== nI) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${model.name}' expects padded rows of width ${nI}, but got data of shape [${Xp.data.shape.join(", ")}].`, {
      hint: "Check the width of the layer before it (its nO) against this LSTM's nI.",
    });
  }
  const total = Xp.sizeAtT.reduce((sum, n) => sum + n, 0);
  const lengths = Xp.lengths.reduce((sum, n) => sum + n, 0);
  if (total !== lengths) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${model.name}' got a Padded batch whose sizeAtT (${total} rows) disagrees with its lengths (${lengths}).`, {
      hint: "Build Padded batches with list2padded or with_padded.",
    });
  }
}

function forward(model: Lstm, Xp: Padded, isTrain: boolean): [Padded, Backprop<Padded, Padded>] {
  checkInput(model, Xp);
  const shape = shapeOf(model);
  const { nH, depth, dirs } = shape;
  const layout = model.attrs.layout as LstmLayout;
  const rate = Number(model.attrs.dropout_rate ?? 0);
  const dropping = isTrain && rate > 0;
  const steps = stepsOf(Xp.sizeAtT);
  const [nS, nB] = Xp.data.shape;
  const wrap = (data: Floats3d) => new Padded(data, Xp.sizeAtT, Xp.lengths, Xp.indices);
  if (steps.rows === 0) {
    return [wrap(tf.zeros([nS, nB, nH * dirs])), (dYp) => new Padded(tf.zeros(Xp.data.shape), dYp.sizeAtT, dYp.lengths, dYp.indices)];
  }
  const params = model.getParam("LSTM") as Tensor1D;
  const weightMask = dropping && layout === "thinc" ? dropoutMask(params.shape, rate) : null;
  const P = weightMask ? (tf.mul(params, weightMask) as Tensor1D) : params;
  const HC0 = model.hasParam("HC0") === true ? (model.getParam("HC0") as Tensor4D) : null;
  const initial = (which: 0 | 1, layer: number, dir: number): Tensor2D =>
    HC0 ? (tf.reshape(tf.slice(HC0, [which, layer, dir, 0], [1, 1, 1, nH]), [1, nH]) as Tensor2D) : (tf.zeros([1, nH]) as Tensor2D);
  const { slots } = lstmSlots(shape, layout);

  let X = pack(Xp, steps);
  const layers: Array<{ backprops: Array<(dY: Tensor2D) => DirectionGradsWithState>; mask: Tensor | null }> = [];
  for (let layer = 0; layer < depth; layer++) {
    const outputs: Tensor2D[] = [];
    const backprops: Array<(dY: Tensor2D) => DirectionGradsWithState> = [];
    for (let dir = 0; dir < dirs; dir++) {
      const w = directionWeights(P, slots[layer]![dir]!, nH, layout);
      const [Y, backprop] = runDirection(X, w, initial(1, layer, dir), initial(0, layer, dir), steps, dir === 1, isTrain);
      outputs.push(Y);
      backprops.push(backprop);
    }
    let H = (dirs === 1 ? outputs[0]! : tf.concat(outputs, 1)) as Tensor2D;
    // torch.nn.LSTM's dropout: on each layer's output except the last one's.
    const mask = dropping && layout === "pytorch" && layer < depth - 1 ? dropoutMask(H.shape, rate) : null;
    if (mask) H = tf.mul(H, mask) as Tensor2D;
    layers.push({ backprops, mask });
    X = H;
  }
  const Yp = wrap(unpack(X, Xp, steps));

  const backprop = (dYp: Padded): Padded => {
    const grads: DirectionGrads[][] = [];
    const dHC0: Tensor2D[][][] = [[], []];
    let dH = pack(dYp, steps);
    for (let layer = depth - 1; layer >= 0; layer--) {
      const { backprops, mask } = layers[layer]!;
      if (mask) dH = tf.mul(dH, mask) as Tensor2D;
      const dOut = dirs === 1 ? [dH] : (tf.split(dH, dirs, 1) as Tensor2D[]);
      let dX: Tensor2D | null = null;
      const layerGrads: DirectionGrads[] = [];
      dHC0[0]![layer] = [];
      dHC0[1]![layer] = [];
      for (let dir = 0; dir < dirs; dir++) {
        const g = backprops[dir]!(dOut[dir]!);
        layerGrads.push(g);
        dHC0[0]![layer]!.push(g.dc0);
        dHC0[1]![layer]!.push(g.dh0);
        dX = dX === null ? g.dX : (tf.add(dX, g.dX) as Tensor2D);
      }
      grads[layer] = layerGrads;
      dH = dX!;
    }
    const dFlat = flatGradient(grads, shape, layout);
    model.incGrad("LSTM", weightMask ? tf.mul(dFlat, weightMask) : dFlat);
    if (HC0)
      model.incGrad(
        "HC0",
        tf.reshape(
          tf.concat(
            dHC0.flatMap((perLayer) => perLayer.flat()),
            0,
          ),
          HC0.shape,
        ),
      );
    return new Padded(unpack(dH, dYp, steps), dYp.sizeAtT, dYp.lengths, dYp.indices);
  };
  return [Yp, backprop];
}
