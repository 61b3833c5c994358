/**
 * The LSTM's weights as one flat vector, in Thinc's layout (thinc/layers/lstm.py init and
 * _split_weights in thinc/backends/numpy_ops.pyx) or in PyTorch's (torch.nn.LSTM's
 * _flat_weights), and the views of it that the recurrence needs.
 *
 * Per layer, then per direction, Thinc stores Wx (4 nH x nI), bx (4 nH), Wh (4 nH x nH), bh
 * (4 nH), each as four gate blocks in the order forget, input, output, cell; PyTorch stores
 * W_ih, W_hh, b_ih, b_hh with the gates in the order input, forget, cell, output. The
 * recurrence always sees Thinc's gate order, so PyTorch's blocks are permuted on the way in
 * and back on the way out.
 */
import { TsnlpError } from "../../util/errors.js";
import type { Initializer } from "../initializers.js";
import { type Tensor, type Tensor1D, type Tensor2D, tf } from "../tf.js";

export type LstmLayout = "thinc" | "pytorch";

export interface LstmShape {
  /** Width of the first layer's input. */
  nI: number;
  /** Width of each direction's hidden state (nO / dirs). */
  nH: number;
  depth: number;
  /** 1, or 2 for a bidirectional LSTM. */
  dirs: number;
}

/** Where one layer-direction's four blocks start in the flat vector, and its input width. */
export interface LstmSlot {
  nI: number;
  Wx: number;
  bx: number;
  Wh: number;
  bh: number;
}

/** The gate blocks of PyTorch's order (i, f, g, o) that give Thinc's order (f, i, o, g); the permutation is its own inverse. */
const PYTORCH_TO_THINC = [1, 0, 3, 2];

/** The slots of every layer (outer) and direction (inner), and the vector's length. */
export function lstmSlots(shape: LstmShape, layout: LstmLayout): { slots: LstmSlot[][]; size: number } {
  const { nH, depth, dirs } = shape;
  const slots: LstmSlot[][] = [];
  let at = 0;
  for (let layer = 0; layer < depth; layer++) {
    const nI = layer === 0 ? shape.nI : nH * dirs;
    const row: LstmSlot[] = [];
    for (let dir = 0; dir < dirs; dir++) {
      const sizes = { Wx: 4 * nH * nI, bx: 4 * nH, Wh: 4 * nH * nH, bh: 4 * nH };
      const order: Array<keyof typeof sizes> = layout === "thinc" ? ["Wx", "bx", "Wh", "bh"] : ["Wx", "Wh", "bx", "bh"];
      const slot: LstmSlot = { nI, Wx: 0, bx: 0, Wh: 0, bh: 0 };
      for (const block of order) {
        slot[block] = at;
        at += sizes[block];
      }
      row.push(slot);
    }
    slots.push(row);
  }
  return { slots, size: at };
}

/** The hidden width for an output width, or an error where the directions cannot share it. */
export function hiddenWidth(nO: number, dirs: number, layer: string): number {
  if (nO % dirs !== 0) {
    throw new TsnlpError("E_LSTM_WIDTH", `${layer}: a bidirectional LSTM splits its output width between two directions, but nO = ${nO} is odd.`, {
      hint: "Give the bidirectional LSTM an even output width (nO, or width for TorchBiLSTMEncoder).",
    });
  }
  return nO / dirs;
}

/**
 * A fresh flat vector. Thinc draws each gate block on its own (init_W((nH, nI)) four times,
 * then init_b((nH,)) four times, and the same for the hidden-to-gates blocks); PyTorch draws
 * every weight and bias from U(±1 / √nH).
 */
export function initLstmVector(shape: LstmShape, layout: LstmLayout, initW: Initializer, initB: Initializer): Tensor1D {
  const { nH } = shape;
  return tf.tidy(() => {
    const { slots, size } = lstmSlots(shape, layout);
    const parts: Tensor[] = [];
    for (const row of slots) {
      for (const slot of row) {
        if (layout === "thinc") {
          for (let gate = 0; gate < 4; gate++) parts.push(initW([nH, slot.nI]));
          for (let gate = 0; gate < 4; gate++) parts.push(initB([nH]));
          for (let gate = 0; gate < 4; gate++) parts.push(initW([nH, nH]));
          for (let gate = 0; gate < 4; gate++) parts.push(initB([nH]));
        } else {
          parts.push(initW([4 * nH, slot.nI]), initW([4 * nH, nH]), initB([4 * nH]), initB([4 * nH]));
        }
      }
    }
    const flat = tf.concat(parts.map((part) => tf.reshape(part, [-1])));
    if (flat.size !== size) throw new RangeError(`LSTM params: ${flat.size} values for a layout of ${size}.`);
    return flat as Tensor1D;
  });
}

/** One layer-direction's weights, gates in Thinc's order, in the orientations the recurrence needs. */
export interface DirectionWeights {
  /** (nI, 4 nH): X · Wx gives the input's part of the gates. */
  Wx: Tensor2D;
  /** (4 nH, nI): dG · WxRows gives the input's gradient. */
  WxRows: Tensor2D;
  /** (nH, 4 nH): h · Wh gives the previous state's part of the gates. */
  Wh: Tensor2D;
  /** (4 nH, nH): dG · WhRows gives the previous state's gradient. */
  WhRows: Tensor2D;
  /** (4 nH): bx + bh. */
  b: Tensor1D;
}

function gateRows(block: Tensor, nH: number, cols: number, layout: LstmLayout): Tensor2D {
  const rows = tf.reshape(block, [4 * nH, cols]) as Tensor2D;
  if (layout === "thinc") return rows;
  return tf.reshape(tf.gather(tf.reshape(rows, [4, nH * cols]), PYTORCH_TO_THINC), [4 * nH, cols]) as Tensor2D;
}

/** The views of the flat vector P for one slot. */
export function directionWeights(P: Tensor1D, slot: LstmSlot, nH: number, layout: LstmLayout): DirectionWeights {
  const WxRows = gateRows(tf.slice(P, slot.Wx, 4 * nH * slot.nI), nH, slot.nI, layout);
  const WhRows = gateRows(tf.slice(P, slot.Wh, 4 * nH * nH), nH, nH, layout);
  const bias = tf.add(tf.slice(P, slot.bx, 4 * nH), tf.slice(P, slot.bh, 4 * nH));
  return {
    Wx: tf.transpose(WxRows),
    WxRows,
    Wh: tf.transpose(WhRows),
    WhRows,
    b: tf.reshape(gateRows(bias, nH, 1, layout), [4 * nH]) as Tensor1D,
  };
}

/** One slot's gradients, in the orientation of DirectionWeights' Wx, Wh and b. */
export interface DirectionGrads {
  dWx: Tensor2D;
  dWh: Tensor2D;
  db: Tensor1D;
}

/**
 * The flat gradient from every slot's. The bias is the sum bx + bh, so both get db (Thinc's
 * backprop gives bh none, which leaves it at its initial zeros).
 */
export function flatGradient(grads: DirectionGrads[][], shape: LstmShape, layout: LstmLayout): Tensor1D {
  const { nH } = shape;
  const { slots } = lstmSlots(shape, layout);
  const parts: Tensor[] = [];
  slots.forEach((row, layer) => {
    row.forEach((slot, dir) => {
      const { dWx, dWh, db } = grads[layer]![dir]!;
      const blocks = {
        Wx: gateRows(tf.transpose(dWx), nH, slot.nI, layout),
        Wh: gateRows(tf.transpose(dWh), nH, nH, layout),
        bx: gateRows(db, nH, 1, layout),
      };
      const order = layout === "thinc" ? [blocks.Wx, blocks.bx, blocks.Wh, blocks.bx] : [blocks.Wx, blocks.Wh, blocks.bx, blocks.bx];
      for (const block of order) parts.push(tf.reshape(block, [-1]));
    });
  });
  return tf.concat(parts) as Tensor1D;
}
