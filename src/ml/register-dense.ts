/**
 * Implementations of the dense, activation, normalization, attention and sparse layers
 * declared in src/registry/builtins/layers.ts, and spaCy's PrecomputableAffine and
 * extract_spans. The declarations fix the argument names and defaults; this only maps them
 * onto the factories.
 */
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { clippedLinear, hardSigmoid, hardTanh, reluK } from "./layers/clipped-linear.js";
import type { DenseOptions, Initializer } from "./layers/dense-activation.js";
import { dish } from "./layers/dish.js";
import { dropout } from "./layers/dropout.js";
import { extractSpans } from "./layers/extract-spans.js";
import { gelu } from "./layers/gelu.js";
import { hardSwish } from "./layers/hard-swish.js";
import { hardSwishMobilenet } from "./layers/hard-swish-mobilenet.js";
import { layerNorm } from "./layers/layer-norm.js";
import { linear } from "./layers/linear.js";
import { logistic, sigmoidActivation } from "./layers/logistic.js";
import { mish } from "./layers/mish.js";
import { multiSoftmax } from "./layers/multi-softmax.js";
import { parametricAttention } from "./layers/parametric-attention.js";
import { precomputableAffine } from "./layers/precomputable-affine.js";
import { relu } from "./layers/relu.js";
import { sigmoid } from "./layers/sigmoid.js";
import { softmax, softmaxActivation } from "./layers/softmax.js";
import { sparseLinear } from "./layers/sparse-linear.js";
import { swish } from "./layers/swish.js";

type Args = Record<string, unknown>;

const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

/** A config's initializer (a function of the shape) or null for the layer's default. */
function initializer(args: Args, key: string): Initializer | null {
  const value = args[key];
  if (value === null || value === undefined) return null;
  if (typeof value === "function") return value as Initializer;
  throw new TsnlpError("E_LAYER_ARGS", `'${key}' must be an initializer (a block with @initializers), not ${typeof value}.`);
}

function affineArgs(args: Args) {
  return { nO: num(args.nO), nI: num(args.nI), initW: initializer(args, "init_W"), initB: initializer(args, "init_b") };
}

function denseArgs(args: Args): DenseOptions {
  return { ...affineArgs(args), dropout: num(args.dropout), normalize: args.normalize === true };
}

export function registerDenseLayers(registry: Registry): void {
  const layer = (name: string, build: (args: Args) => unknown) => registry.implement("layers", name, (args) => build(args));

  layer("Linear.v1", (a) => linear(affineArgs(a)));
  layer("Relu.v1", (a) => relu(denseArgs(a)));
  layer("Mish.v1", (a) => mish(denseArgs(a)));
  layer("Swish.v1", (a) => swish(denseArgs(a)));
  layer("Gelu.v1", (a) => gelu(denseArgs(a)));
  layer("Dish.v1", (a) => dish(denseArgs(a)));
  layer("HardSwish.v1", (a) => hardSwish(denseArgs(a)));
  layer("HardSwishMobilenet.v1", (a) => hardSwishMobilenet(denseArgs(a)));
  layer("HardSigmoid.v1", (a) => hardSigmoid(denseArgs(a)));
  layer("HardTanh.v1", (a) => hardTanh(denseArgs(a)));
  layer("ReluK.v1", (a) => reluK({ ...denseArgs(a), k: num(a.k) ?? 6 }));
  layer("ClippedLinear.v1", (a) =>
    clippedLinear({ ...denseArgs(a), slope: num(a.slope) ?? 1, offset: num(a.offset) ?? 0, minVal: num(a.min_val) ?? 0, maxVal: num(a.max_val) ?? 1 }),
  );
  layer("Sigmoid.v1", (a) => sigmoid(affineArgs(a)));
  layer("Softmax.v1", (a) => softmax(affineArgs(a)));
  layer("Softmax.v2", (a) => softmax({ ...affineArgs(a), normalizeOutputs: a.normalize_outputs !== false, temperature: num(a.temperature) ?? 1 }));
  layer("MultiSoftmax.v1", (a) => multiSoftmax({ nOs: (a.nOs as number[]) ?? [], nI: num(a.nI) }));
  layer("LayerNorm.v1", (a) => layerNorm({ nI: num(a.nI) }));
  layer("Logistic.v1", () => logistic());
  layer("sigmoid_activation.v1", () => sigmoidActivation());
  layer("softmax_activation.v1", () => softmaxActivation());
  layer("Dropout.v1", (a) => dropout({ rate: num(a.rate) ?? 0 }));
  layer("ParametricAttention.v1", (a) => parametricAttention({ nO: num(a.nO) }));
  layer("SparseLinear.v1", (a) => sparseLinear({ nO: num(a.nO), length: num(a.length) ?? 2 ** 18, v1Indexing: true }));
  layer("SparseLinear.v2", (a) => sparseLinear({ nO: num(a.nO), length: num(a.length) ?? 2 ** 18, v1Indexing: false }));
  layer("spacy.PrecomputableAffine.v1", (a) =>
    precomputableAffine({ nO: num(a.nO), nI: num(a.nI), nF: num(a.nF) ?? 1, nP: num(a.nP) ?? 1, dropout: num(a.dropout) ?? 0.1 }),
  );
  layer("spacy.extract_spans.v1", () => extractSpans());
}
