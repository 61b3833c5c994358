/**
 * A tfjs-layers network as a spaCy-style architecture, from a --code file: tfjsWrapper makes a
 * `tf.LayersModel` a tsnlp Model (as PyTorchWrapper does for torch modules in spaCy), so
 * tsnlp's optimizer trains its weights and the pipeline saves them with the rest.
 *
 * "my_project.TfjsEncoder.v1" is a context-free, position-wise encoder for spacy.Tok2Vec.v2:
 * dense (relu) → dropout → dense, added to its input and layer-normalized, run on all tokens of
 * the batch at once.
 *
 *   npm run build
 *   npx tsnlp debug config examples/tfjs-wrapper/config.cfg --code examples/tfjs-wrapper/functions.ts --show-functions
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { declareFunction, registry, sig, tfjsWrapper } from "tsnlp";
import { z } from "zod";

type Floats2d = tf.Tensor2D;

/** The Keras-style network: one residual feed-forward block over vectors of `width`. */
function feedForward(width: number, hiddenWidth: number, dropout: number): tfl.LayersModel {
  const input = tfl.input({ shape: [width] });
  let hidden = tfl.layers.dense({ units: hiddenWidth, activation: "relu" }).apply(input) as tfl.SymbolicTensor;
  if (dropout > 0) hidden = tfl.layers.dropout({ rate: dropout }).apply(hidden) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: width }).apply(hidden) as tfl.SymbolicTensor;
  const sum = tfl.layers.add().apply([input, output]) as tfl.SymbolicTensor;
  const normed = tfl.layers.layerNormalization().apply(sum) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: normed });
}

function tfjsEncoder(width: number, hiddenWidth: number, dropout: number) {
  const rows = (Xs: Floats2d[]) => Xs.map((X) => X.shape[0]);
  // The layers model takes one (tokens × width) array: concatenate the docs, split the output.
  return tfjsWrapper<Floats2d[], Floats2d[]>(feedForward(width, hiddenWidth, dropout), {
    name: "tfjs_encoder",
    convertInputs: (_model, Xs) => [Xs.length > 0 ? tf.concat(Xs, 0) : tf.zeros([0, width]), (dX) => tf.split(dX, rows(Xs), 0) as Floats2d[]],
    convertOutputs: (_model, [Xs, Y]) => [
      Xs.length > 0 ? (tf.split(Y, rows(Xs), 0) as Floats2d[]) : [],
      (dYs) => (dYs.length > 0 ? tf.concat(dYs, 0) : tf.zeros([0, width])),
    ],
  });
}

registry.register({
  ...declareFunction("architectures", "my_project.TfjsEncoder.v1", {
    origin: "user",
    description: "A position-wise feed-forward encoder built with tfjs-layers and wrapped with tfjsWrapper",
    args: {
      width: z.number().int().positive().describe("width of the token vectors in and out; the embedding's width"),
      hidden_width: z.number().int().positive().default(256).describe("width of the hidden dense layer"),
      dropout: z.number().min(0).max(1).default(0.1).describe("dropout rate after the hidden layer, in training"),
    },
    returns: sig.model("List[Floats2d]", "List[Floats2d]"),
  }),
  build: (args) => tfjsEncoder(args.width as number, args.hidden_width as number, args.dropout as number),
});
