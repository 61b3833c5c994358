/**
 * spacy.TorchBiLSTMEncoder.v1 (spacy/ml/models/tok2vec.py, v3.5.4): context encoding by
 * `depth` bidirectional LSTM layers, width / 2 units each way, so the output is as wide as
 * the input. spaCy builds it from Thinc's PyTorchLSTM (torch.nn.LSTM); here it is the same
 * maths on tfjs (layers/lstm.ts), with PyTorch's initialization and dropout between layers.
 */
import { type PyTorchLstmOptions, pytorchLstm } from "../layers/lstm.js";
import { noop } from "../layers/noop.js";
import { withPadded } from "../layers/with-padded.js";
import type { Model } from "../model.js";
import type { Floats2d } from "../types.js";

export interface BiLSTMEncoderOptions {
  width: number;
  depth: number;
  dropout: number;
}

export function torchBiLSTMEncoder(opts: BiLSTMEncoderOptions): Model<Floats2d[], Floats2d[]> {
  if (opts.depth === 0) return noop<Floats2d[]>();
  const lstmOptions: PyTorchLstmOptions = { nO: opts.width, nI: opts.width, bi: true, depth: opts.depth, dropout: opts.dropout };
  return withPadded(pytorchLstm(lstmOptions));
}
