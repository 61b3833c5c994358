/**
 * spaCy's older text classifiers: spacy.TextCatEnsemble.v1 (spacy-legacy v3.0.12,
 * spacy_legacy/architectures/textcat.py) and spacy.TextCatLowData.v1 (spacy/ml/models/textcat.py,
 * v3.5.4). Neither resizes its output layer for labels added later, as in spaCy.
 *
 * Both can use static vectors (TextCatLowData always does); those come from the layer the
 * caller hands in (spacy.StaticVectors through the registry), so this file builds the trees
 * without knowing how vectors are stored.
 */
import { TsnlpError } from "../../util/errors.js";
import { chainLayers, init as chainInit, forward as chainForward } from "../layers/chain.js";
import { clone } from "../layers/clone.js";
import { concatenateLayers } from "../layers/concatenate.js";
import { dropout } from "../layers/dropout.js";
import { expandWindow } from "../layers/expand-window.js";
import { type ArrayDoc, featureExtractor } from "../layers/feature-extractor.js";
import { hashEmbed } from "../layers/hash-embed.js";
import { linear } from "../layers/linear.js";
import { list2ragged } from "../layers/list2ragged.js";
import { logistic } from "../layers/logistic.js";
import { maxout } from "../layers/maxout.js";
import { parametricAttention } from "../layers/parametric-attention.js";
import { ragged2list } from "../layers/ragged2list.js";
import { reduceSum } from "../layers/reduce.js";
import { relu } from "../layers/relu.js";
import { residual } from "../layers/residual.js";
import { softmax } from "../layers/softmax.js";
import { uniqued } from "../layers/uniqued.js";
import { withArray } from "../layers/with-array.js";
import { type AnyModel, type ForwardFn, Model } from "../model.js";
import type { Floats2d, Ragged } from "../types.js";
import { textCatBOW } from "./textcat.js";
import { concatenateEmbeddings, idsToRagged } from "./tok2vec.js";

export type TextcatModel = Model<ArrayDoc[], Floats2d>;

/** A static-vectors embedding of docs (spacy.StaticVectors): one row per token, as a Ragged batch. */
export type StaticVectorsLayer = Model<ArrayDoc[], Ragged>;

/** Builds a static-vectors layer of the given output width, or says why it cannot. */
export type StaticVectorsFactory = (width: number) => StaticVectorsLayer;

export function noStaticVectors(architecture: string): TsnlpError {
  return new TsnlpError("E_NO_STATIC_VECTORS", `${architecture} needs static vectors (spacy.StaticVectors), which come in a later version of tsnlp.`, {
    hint:
      architecture === "spacy.TextCatEnsemble.v1"
        ? "Set pretrained_vectors = false, or use spacy.TextCatEnsemble.v2 or spacy.TextCatBOW.v2."
        : "Use spacy.TextCatBOW.v2 or spacy.TextCatEnsemble.v2, which need no vectors.",
  });
}

/** The feature columns of TextCatEnsemble.v1, in spaCy's order: ORTH, LOWER, PREFIX, SUFFIX, SHAPE, ID. */
const ENSEMBLE_COLUMNS = ["ORTH", "LOWER", "PREFIX", "SUFFIX", "SHAPE", "ID"];
const column = (name: string) => ENSEMBLE_COLUMNS.indexOf(name);

export interface TextCatEnsembleV1Options {
  width: number;
  embedSize: number;
  pretrainedVectors: boolean;
  exclusiveClasses: boolean;
  ngramSize: number;
  windowSize: number;
  convDepth: number;
  dropout: number | null;
  nO: number | null;
  /** Needed only with pretrainedVectors. */
  staticVectors?: StaticVectorsFactory;
}

/**
 * spacy.TextCatEnsemble.v1: a TextCatBOW.v1 and a CNN side by side, then one output layer over
 * both. The CNN has its own embeddings: HashEmbeds of LOWER (width wide) and of PREFIX, SUFFIX
 * and SHAPE (width / 2 wide each; seeds 10 to 13), computed once per distinct ORTH in the
 * batch (uniqued), mixed by a Maxout with LayerNorm; optionally next to static vectors; then
 * a Maxout and conv_depth residual window blocks (expand_window, Maxout, LayerNorm), attention
 * pooling, a residual Maxout and a Linear to nO scores.
 */
export function textCatEnsembleV1(opts: TextCatEnsembleV1Options): TextcatModel {
  const { width, embedSize, windowSize, convDepth, exclusiveClasses } = opts;
  const nO = opts.nO;
  const embedDropout = opts.dropout;
  const half = Math.floor(width / 2);
  const embed = (nOut: number, attr: string, seed: number) => hashEmbed({ nO: nOut, nV: embedSize, column: column(attr), dropout: embedDropout, seed });
  const tables = [embed(width, "LOWER", 10), embed(half, "PREFIX", 11), embed(half, "SUFFIX", 12), embed(half, "SHAPE", 13)];
  const tablesWidth = width + 3 * half;
  const trainedVectors = chainLayers([
    featureExtractor(ENSEMBLE_COLUMNS),
    idsToRagged(),
    withArray(uniqued(chainLayers([concatenateEmbeddings(tables), maxout({ nO: width, nI: tablesWidth, normalize: true })]), { column: column("ORTH") })),
    ragged2list(),
  ]);
  let vectorLayer: AnyModel = trainedVectors;
  let vectorsWidth = width;
  if (opts.pretrainedVectors) {
    if (!opts.staticVectors) throw noStaticVectors("spacy.TextCatEnsemble.v1");
    vectorLayer = concatenateEmbeddings([trainedVectors, chainLayers([opts.staticVectors(width), ragged2list()])]);
    vectorsWidth = 2 * width;
  }
  const windowBlock = residual(chainLayers([expandWindow(windowSize), maxout({ nO: width, nI: width * (windowSize * 2 + 1), normalize: true })]));
  const tok2vec = chainLayers([
    vectorLayer,
    withArray(chainLayers([maxout({ nO: width, nI: vectorsWidth, normalize: true }), clone(windowBlock, convDepth)]), { pad: convDepth }),
  ]);
  const cnnModel = chainLayers([
    tok2vec,
    list2ragged(),
    parametricAttention({ nO: width }),
    reduceSum(),
    residual(maxout({ nO: width, nI: width })),
    linear({ nO, nI: width }),
    dropout({ rate: 0 }),
  ]);
  const linearModel = textCatBOW({ exclusiveClasses, ngramSize: opts.ngramSize, noOutputLayer: false, nO }, 1);
  const nODouble = nO === null ? null : 2 * nO;
  const outputLayer = exclusiveClasses ? softmax({ nO, nI: nODouble }) : chainLayers([linear({ nO, nI: nODouble }), dropout({ rate: 0 }), logistic()]);
  // chain(linear_model | cnn_model, output_layer), with an init that spreads nO first.
  const both = concatenateLayers([linearModel, cnnModel]);
  const model = new Model<ArrayDoc[], Floats2d>(`${both.name}>>${outputLayer.name}`, chainForward as unknown as ForwardFn<ArrayDoc[], Floats2d>, {
    init: initEnsembleV1,
    layers: [both, outputLayer],
    dims: { nO },
  });
  model.setRef("tok2vec", tok2vec);
  model.setRef("linear_model", linearModel);
  model.setRef("cnn_output", cnnModel.layers[cnnModel.layers.length - 2]!);
  model.setRef("final_layer", outputLayer);
  model.setRef("output_layer", linearModel.getRef("output_layer"));
  model.attrs.multi_label = !exclusiveClasses;
  return model;
}

/**
 * The number of labels reaches every layer that scores them: the bag-of-words model, the CNN's
 * last Linear and the output layer (which sees both sets of scores, 2 * nO). Then the chain's
 * own shape inference.
 */
function initEnsembleV1(model: TextcatModel, X?: ArrayDoc[], Y?: Floats2d): void {
  if (Y !== undefined && model.hasDim("nO") !== true) model.setDim("nO", Y.shape[1]!);
  if (model.hasDim("nO") !== true) {
    throw new TsnlpError("E_DIM_UNSET", "spacy.TextCatEnsemble.v1 needs its number of labels (nO) to initialize.", {
      hint: "Set nO, or initialize the model with sample labels (Y).",
    });
  }
  const nO = model.getDim("nO");
  const setIfOpen = (node: AnyModel, dim: string, value: number) => {
    if (node.hasDim(dim) === null) node.setDim(dim, value);
  };
  for (const node of model.getRef("linear_model").walk()) if (node.name === "sparse_linear" || node.layers.length > 0) setIfOpen(node, "nO", nO);
  setIfOpen(model.getRef("cnn_output"), "nO", nO);
  const finalLayer = model.getRef("final_layer");
  const first = finalLayer.name === "softmax" ? finalLayer : finalLayer.layers[0]!;
  setIfOpen(first, "nI", 2 * nO);
  setIfOpen(first, "nO", nO);
  for (const node of finalLayer.walk()) setIfOpen(node, "nO", nO);
  chainInit(model, X, Y);
}

export interface TextCatLowDataOptions {
  width: number;
  dropout: number | null;
  nO: number | null;
  staticVectors: StaticVectorsFactory;
}

/**
 * spacy.TextCatLowData.v1: static vectors projected to `width`, attention pooling, two
 * residual Relu layers, a Linear to nO scores, optional dropout, then Logistic. spaCy chains a
 * list2ragged after StaticVectors, whose output is already Ragged; the Ragged goes straight on
 * here.
 */
export function textCatLowData(opts: TextCatLowDataOptions): TextcatModel {
  const { width, nO } = opts;
  const layers: AnyModel[] = [
    opts.staticVectors(width),
    parametricAttention({ nO: width }),
    reduceSum(),
    clone(residual(relu({ nO: width, nI: width })), 2),
    linear({ nO, nI: width }),
  ];
  if (opts.dropout) layers.push(dropout({ rate: opts.dropout }));
  layers.push(logistic());
  const model = chainLayers(layers) as TextcatModel;
  model.attrs.multi_label = true;
  return model;
}
