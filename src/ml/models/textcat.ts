/**
 * spaCy's text classification architectures (spacy/ml/models/textcat.py, v3.5.4; the .v1
 * variants from spacy-legacy v3.0.12 spacy_legacy/architectures/textcat.py):
 * TextCatBOW (hashed n-grams into a SparseLinear), TextCatCNN (mean-pooled tok2vec into a
 * linear output) and TextCatEnsemble.v2 (the two side by side, then one output layer).
 *
 * spaCy wraps the output layers in thinc's `resizable` so that labels added after training
 * began can grow them; here `attrs.resize_output(model, nO)` grows the output layer in place
 * (same fill values: W 0, b NEG_VALUE before a softmax/logistic), which needs no wrapper node.
 */
import { TsnlpError } from "../../util/errors.js";
import { chainLayers } from "../layers/chain.js";
import { concatenateLayers } from "../layers/concatenate.js";
import { dropout } from "../layers/dropout.js";
import { extractNgrams } from "../layers/extract-ngrams.js";
import type { ArrayDoc } from "../layers/feature-extractor.js";
import { layerNorm } from "../layers/layer-norm.js";
import { linear } from "../layers/linear.js";
import { list2ragged } from "../layers/list2ragged.js";
import { logistic } from "../layers/logistic.js";
import { maxout } from "../layers/maxout.js";
import { parametricAttention } from "../layers/parametric-attention.js";
import { reduceMean, reduceSum } from "../layers/reduce.js";
import { residual } from "../layers/residual.js";
import { softmax, softmaxActivation } from "../layers/softmax.js";
import { sparseLinear } from "../layers/sparse-linear.js";
import { type AnyModel, Model, withScope } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";

/** spaCy's fill value for the bias of new classes before a softmax / logistic (textcat.py NEG_VALUE). */
export const NEG_VALUE = -5000;

/** spaCy's attribute id of ORTH (spacy/attrs.pyx). */
const ORTH = 65;

export type TextcatModel = Model<ArrayDoc[], Floats2d>;

/** What grows an output layer: new W columns and b entries get these values. */
export interface FillDefaults {
  W: number;
  b: number;
}

/**
 * Thinc's resize_linear_weighted (thinc/layers/resizable.py), in place: an output layer with
 * params W and b and dims nO (and nI) gets nO = newNO, keeping the weights of the old classes.
 * Handles our layouts: Linear / Softmax store W as (nI, nO), so classes are columns;
 * SparseLinear stores W flat (nO * length), copied flat as thinc does.
 */
export function resizeLinearWeighted(layer: AnyModel, newNO: number, fill: FillDefaults = { W: 0, b: 0 }): void {
  if (layer.hasDim("nO") !== true) {
    layer.setDim("nO", newNO);
    return;
  }
  const oldNO = layer.getDim("nO");
  if (oldNO === newNO) return;
  if (newNO < oldNO) {
    throw new TsnlpError("E_RESIZE_SMALLER", `Cannot shrink the output layer '${layer.name}' from ${oldNO} to ${newNO} classes.`, {
      hint: "Labels can be added to a trained component, not removed.",
    });
  }
  layer.setDim("nO", newNO, { force: true });
  if (layer.hasParam("W") !== true || layer.hasParam("b") !== true) return;
  const W = layer.getParam("W");
  const b = layer.getParam("b");
  const extra = newNO - oldNO;
  if (layer.name === "sparse_linear") {
    const length = layer.getDim("length");
    layer.setParam(
      "W",
      tf.tidy(() => tf.concat([W, tf.fill([extra * length], fill.W)], 0)),
    );
  } else {
    const nI = W.shape[0]!;
    layer.setParam(
      "W",
      tf.tidy(() => tf.concat([W, tf.fill([nI, extra], fill.W)], 1)),
    );
  }
  layer.setParam(
    "b",
    tf.tidy(() => tf.concat([b, tf.fill([extra], fill.b)], 0)),
  );
}

/** attrs.resize_output of TextCatBOW / TextCatCNN (spaCy's resize_and_set_ref). */
function resizeOutput(fill: FillDefaults): (model: AnyModel, newNO: number) => AnyModel {
  return (model, newNO) => {
    resizeLinearWeighted(model.getRef("output_layer"), newNO, fill);
    model.setDim("nO", newNO, { force: true });
    return model;
  };
}

export interface TextCatBOWOptions {
  exclusiveClasses: boolean;
  ngramSize: number;
  noOutputLayer: boolean;
  nO?: number | null;
}

/**
 * spacy.TextCatBOW.v2 (and v1: the same tree, without resizing): extract_ngrams(ORTH) >>
 * SparseLinear (thinc's v1 slot arithmetic in both: spaCy 3.5 imports thinc's SparseLinear,
 * which is SparseLinear.v1) >> softmax_activation (exclusive) or Logistic.
 */
export function textCatBOW(opts: TextCatBOWOptions, version: 1 | 2 = 2): TextcatModel {
  const sparse = sparseLinear({ nO: opts.nO ?? null, v1Indexing: true });
  const layers: AnyModel[] = [extractNgrams(opts.ngramSize, ORTH), sparse];
  const fill: FillDefaults = { W: 0, b: 0 };
  if (!opts.noOutputLayer) {
    fill.b = NEG_VALUE;
    layers.push(opts.exclusiveClasses ? softmaxActivation() : logistic());
  }
  const model = chainLayers(layers) as TextcatModel;
  if (opts.nO !== null && opts.nO !== undefined) model.setDim("nO", opts.nO);
  model.setRef("output_layer", sparse);
  model.attrs.multi_label = !opts.exclusiveClasses;
  if (version === 2) model.attrs.resize_output = resizeOutput(fill);
  return model;
}

export interface TextCatCNNOptions {
  tok2vec: AnyModel;
  exclusiveClasses: boolean;
  nO?: number | null;
}

/** The width of a model's tok2vec output, or null when not known yet (a listener's upstream's nO, as spaCy's get_tok2vec_width). */
export function tok2vecWidth(tok2vec: AnyModel): number | null {
  if (tok2vec.hasDim("nO") === true) return tok2vec.getDim("nO");
  if (tok2vec.hasRef("listener") === true) {
    const listener = tok2vec.getRef("listener");
    if (listener.hasDim("nO") === true) return listener.getDim("nO");
  }
  return null;
}

/**
 * spacy.TextCatCNN.v2 (and v1): tok2vec >> list2ragged >> reduce_mean >> Softmax (exclusive)
 * or Linear >> Logistic.
 */
export function textCatCNN(opts: TextCatCNNOptions, version: 1 | 2 = 2): TextcatModel {
  const nO = opts.nO ?? null;
  const nI = tok2vecWidth(opts.tok2vec);
  const layers: AnyModel[] = [opts.tok2vec, list2ragged(), reduceMean()];
  let outputLayer: AnyModel;
  const fill: FillDefaults = { W: 0, b: 0 };
  if (opts.exclusiveClasses) {
    outputLayer = softmax({ nO, nI });
    fill.b = NEG_VALUE;
    layers.push(outputLayer);
  } else {
    outputLayer = linear({ nO, nI });
    layers.push(outputLayer, logistic());
  }
  const model = chainLayers(layers) as TextcatModel;
  model.setRef("output_layer", outputLayer);
  if (version === 2) model.attrs.resize_output = resizeOutput(fill);
  model.setRef("tok2vec", opts.tok2vec);
  if (nO !== null) model.setDim("nO", nO);
  model.attrs.multi_label = !opts.exclusiveClasses;
  return model;
}

export interface TextCatEnsembleOptions {
  tok2vec: AnyModel;
  /** A TextCatBOW (or any model of docs to scores with attrs.multi_label and an output_layer ref). */
  linearModel: AnyModel;
  nO?: number | null;
}

/**
 * spacy.TextCatEnsemble.v2: (linear_model | cnn) >> Softmax or Linear >> Logistic, where cnn is
 * tok2vec >> list2ragged >> ParametricAttention >> reduce_sum >> residual(Maxout >> LayerNorm
 * >> Dropout(0)). Exclusiveness comes from linear_model.attrs.multi_label.
 *
 * spaCy gives the output layer nI = 2 * nO, which is right only when the tok2vec width equals
 * nO (the concatenation is nO + width wide); here nI is inferred at initialization.
 */
export function textCatEnsemble(opts: TextCatEnsembleOptions): TextcatModel {
  const { tok2vec, linearModel } = opts;
  const nO = opts.nO ?? null;
  const exclusive = linearModel.attrs.multi_label === false;
  const width = tok2vecWidth(tok2vec);
  const attention = parametricAttention({ nO: width });
  const maxoutLayer = maxout({ nO: width, nI: width });
  const normLayer = layerNorm({ nI: width });
  const cnn = chainLayers([tok2vec, list2ragged(), attention, reduceSum(), residual(chainLayers([maxoutLayer, normLayer, dropout({ rate: 0 })]))]);
  const outputLayer = exclusive ? softmax({ nO }) : chainLayers([linear({ nO }), logistic()]);
  const model = new Model<ArrayDoc[], Floats2d>("textcat_ensemble", ensembleForward, {
    init: ensembleInit,
    dims: { nO },
    layers: [concatenateLayers([linearModel, cnn]), outputLayer],
  });
  model.setRef("tok2vec", tok2vec);
  model.setRef("linear_model", linearModel);
  model.setRef("output_layer", linearModel.hasRef("output_layer") === true ? linearModel.getRef("output_layer") : null);
  model.setRef("attention_layer", attention);
  model.setRef("maxout_layer", maxoutLayer);
  model.setRef("norm_layer", normLayer);
  model.setRef("final_layer", outputLayer);
  model.attrs.multi_label = !exclusive;
  return model;
}

function ensembleForward(model: TextcatModel, docs: ArrayDoc[], isTrain: boolean): [Floats2d, (dY: Floats2d) => ArrayDoc[]] {
  const [concat, output] = model.layers as [AnyModel, AnyModel];
  const [H, backpropConcat] = concat.call(docs, isTrain);
  const [Y, backpropOutput] = output.call(H, isTrain);
  return [Y as Floats2d, (dY) => backpropConcat(backpropOutput(dY)) as ArrayDoc[]];
}

/**
 * spaCy's init_ensemble_textcat, then the chain's init: the attention / maxout / norm widths
 * are the tok2vec's; the linear model gets the labels' Y (thinc's concatenate hands Y on); the
 * output layer sees the joined width.
 */
function ensembleInit(model: TextcatModel, X?: ArrayDoc[], Y?: Floats2d): void {
  const tok2vec = model.getRef("tok2vec");
  const linearModel = model.getRef("linear_model");
  const [concat, output] = model.layers as [AnyModel, AnyModel];
  const cnn = concat.layers[1]!;
  if (Y !== undefined && model.hasDim("nO") !== true) model.setDim("nO", Y.shape[1]!);
  let width = tok2vecWidth(tok2vec);
  if (width === null) {
    tok2vec.initialize(X);
    width = tok2vecWidth(tok2vec);
    if (width === null && X !== undefined) width = withScope(() => (tok2vec.predict(X) as Floats2d[]).find((v) => v !== undefined)?.shape[1] ?? null);
    if (width === null) {
      throw new TsnlpError("E_DIM_UNSET", "TextCatEnsemble.v2 cannot tell the width of its tok2vec.", {
        hint: "Give the tok2vec a known width, or initialize the model with sample docs.",
      });
    }
  }
  model.getRef("attention_layer").setDim("nO", width);
  model.getRef("maxout_layer").setDim("nO", width);
  model.getRef("maxout_layer").setDim("nI", width);
  model.getRef("norm_layer").setDim("nI", width);
  const nO = model.hasDim("nO") === true ? model.getDim("nO") : null;
  if (nO !== null) {
    // The linear model's output layer (its SparseLinear) and the chain around it.
    for (const node of linearModel.walk()) if (node.name === "sparse_linear" && node.hasDim("nO") === null) node.setDim("nO", nO);
    if (linearModel.hasDim("nO") === null) linearModel.setDim("nO", nO);
  }
  linearModel.initialize(X, Y);
  cnn.initialize(X);
  const linearNO = linearModel.hasDim("nO") === true ? linearModel.getDim("nO") : nO;
  if (linearNO === null) {
    throw new TsnlpError("E_DIM_UNSET", "TextCatEnsemble.v2 needs its number of labels (nO) to initialize.", {
      hint: "Set nO, or initialize the model with sample labels (Y).",
    });
  }
  if (concat.hasDim("nO") !== false) concat.setDim("nO", linearNO + width, { force: true });
  const first = output.name === "softmax" ? output : output.layers[0]!;
  if (first.hasDim("nI") !== true) first.setDim("nI", linearNO + width);
  if (first.hasDim("nO") !== true) first.setDim("nO", nO ?? linearNO);
  if (output.hasDim("nO") === null) output.setDim("nO", first.getDim("nO"));
  output.initialize(undefined, Y);
  if (model.hasDim("nO") !== true) model.setDim("nO", first.getDim("nO"));
}

/** Build arguments as the registry hands them (snake_case, from the config). */
type Args = Record<string, unknown>;

function modelArg(args: Args, key: string, name: string): AnyModel {
  const value = args[key];
  if (value instanceof Model) return value;
  throw new TsnlpError("E_LAYER_ARGS", `${name} needs '${key}' to be a model (a block with @architectures or @layers).`);
}

const optionalInt = (value: unknown): number | null => (typeof value === "number" ? value : null);

export function buildTextCatBOW(args: Args, version: 1 | 2): TextcatModel {
  return textCatBOW(
    {
      exclusiveClasses: args.exclusive_classes === true,
      ngramSize: Number(args.ngram_size ?? 1),
      noOutputLayer: args.no_output_layer === true,
      nO: optionalInt(args.nO),
    },
    version,
  );
}

export function buildTextCatCNN(args: Args, version: 1 | 2): TextcatModel {
  return textCatCNN(
    { tok2vec: modelArg(args, "tok2vec", `spacy.TextCatCNN.v${version}`), exclusiveClasses: args.exclusive_classes === true, nO: optionalInt(args.nO) },
    version,
  );
}

export function buildTextCatEnsemble(args: Args): TextcatModel {
  return textCatEnsemble({
    tok2vec: modelArg(args, "tok2vec", "spacy.TextCatEnsemble.v2"),
    linearModel: modelArg(args, "linear_model", "spacy.TextCatEnsemble.v2"),
    nO: optionalInt(args.nO),
  });
}
