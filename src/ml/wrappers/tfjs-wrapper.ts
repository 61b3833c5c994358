/**
 * TfjsWrapper: a tfjs-layers `tf.LayersModel` as a tsnlp Model, the way Thinc's
 * PyTorchWrapper / TensorFlowWrapper wrap a torch or Keras module (thinc/layers/pytorchwrapper.py).
 *
 *   const net = tfl.sequential({ layers: [tfl.layers.dense({ units: 64, inputShape: [96], activation: "relu" }), tfl.layers.dense({ units: 17 })] });
 *   const model = chain(tfjsWrapper(net), softmax());
 *
 * - forward runs `layersModel.apply(X, { training: isTrain })`, so dropout, noise and batch
 *   normalization behave as in `fit`.
 * - backprop(dY) asks tfjs's own tape for the vector-Jacobian product: `engine.gradients` of
 *   the output with respect to X and the trainable variables, with dY as the upstream gradient
 *   (the gradient of sum(Y * dY)). tfjs keeps no tape between calls, so backprop runs the layers
 *   model a second time, on the tape, with the same random numbers as the forward pass (the
 *   same dropout mask), and undoes what that second run did to non-trainable weights (batch
 *   normalization's moving averages). Training costs about one extra forward pass.
 * - Params: the wrapper owns one param per weight of the layers model (trainable or not), named
 *   like PyTorch's state_dict keys: `<layer index>.<weight name>` ("0.kernel", "0.bias",
 *   "1.moving_mean"). They are the source of truth: each forward pass first assigns a param that
 *   changed (after finishUpdate, fromBytes, useParams, a copy) to the layers model's tf.Variable,
 *   which shares the param's data (variable.assign keeps a reference, no copy), and takes in a
 *   variable that changed inside tfjs-layers (moving averages, layersModel.setWeights). So
 *   tsnlp's optimizers update the weights with Thinc's semantics, toBytes / fromBytes /
 *   toDisk work through src/ml/serialize.ts, and the tensor count stays flat.
 * - Only trainable weights (`layer.trainable`) get gradients; freezing a layer works as in Keras.
 *   A weight's constraint (kernelConstraint etc.) is applied when a new value is assigned.
 *
 * Which layers work depends on the backend's kernels (tfjs 4.22):
 * - wasm (the default) and cpu: dense and every activation, dropout, gaussianNoise,
 *   gaussianDropout, layerNormalization, batchNormalization, prelu / leakyReLU / elu, flatten,
 *   reshape, timeDistributed(dense), max / average / global pooling, and simpleRNN, lstm, gru
 *   given a `recurrentInitializer` other than the default orthogonal one (see below).
 *   bidirectional fails inside tfjs-layers 4.22 ("tensors passed to stack must be a Tensor[]").
 * - cpu only: embedding (its gradient needs `UnsortedSegmentSum`), conv1d / conv2d (their
 *   gradients need `Conv2DBackpropFilter`). On wasm, backprop through them is a TsnlpError
 *   (E_TFJS_KERNEL) naming the missing kernel; their forward pass works. Use tsnlp's own
 *   layers for embeddings (HashEmbed, MultiHashEmbed) and windows (expand_window, maxout), or
 *   `selectBackend({ prefer: "cpu" })`, which is slower.
 * - The default `recurrentInitializer: "orthogonal"` calls chained tensor methods
 *   (`t.flatten()`) that tfjs-core's CommonJS build does not install: building such a layer
 *   fails in tfjs-layers itself. Pass `recurrentInitializer: "glorotUniform"`.
 *
 * Not done: layers models with several inputs or outputs (wrap them in a functional model that
 * concatenates, or use convertInputs / convertOutputs around one tensor), and sharing: copy()
 * gives a model with its own params that runs on the same layers model (each forward pass
 * assigns its own params first). Model.dispose() frees the params, not the layers model: call
 * `layersModel.dispose()` yourself.
 */
import type { Variable } from "@tensorflow/tfjs-core";
import type { LayersModel, LayerVariable } from "@tensorflow/tfjs-layers";
import { TsnlpError } from "../../util/errors.js";
import { type AnyModel, type Backprop, Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats2d } from "../types.js";

/** Thinc's convert_inputs: from the model's input to the tensor the layers model takes, and back for the gradient. */
export type TfjsConvertInputs<In> = (model: AnyModel, X: In, isTrain: boolean) => [Tensor, (dX: Tensor) => In];
/**
 * Thinc's convert_outputs: from the layers model's output tensor Y (with the model's input X,
 * e.g. for sequence lengths) to the model's output, and back for the gradient.
 */
export type TfjsConvertOutputs<In, Out> = (model: AnyModel, XY: [In, Tensor], isTrain: boolean) => [Out, (dY: Out) => Tensor];

export interface TfjsWrapperOptions<In, Out> {
  /** The node's name (default "tfjs"); serialization checks it on load. */
  name?: string;
  /** Needed when the input is not a tensor (a list of arrays, Ragged, Padded...). */
  convertInputs?: TfjsConvertInputs<In>;
  /** Needed when the output should not be the layers model's tensor. */
  convertOutputs?: TfjsConvertOutputs<In, Out>;
}

interface WrappedWeight {
  /** The tsnlp param name, e.g. "0.kernel". */
  name: string;
  layerVariable: LayerVariable;
  variable: Variable;
  /** The param last assigned to (or taken from) the variable, shared by copies of the node. */
  synced: Tensor | undefined;
}

/** What forward needs; kept in model.attrs.tfjs (not plain data, so serialization skips it). */
export interface TfjsWrapperState {
  layersModel: LayersModel;
  weights: WrappedWeight[];
  convertInputs?: TfjsConvertInputs<unknown>;
  convertOutputs?: TfjsConvertOutputs<unknown, unknown>;
}

/**
 * Wrap a tfjs-layers model (`tf.sequential(...)`, `tf.model(...)`, a loaded model) as a tsnlp
 * Model. The layers model must be built (tfjs-layers builds a sequential model whose first
 * layer has an `inputShape`, and every functional model): the wrapper takes over its weights now.
 */
export function tfjsWrapper<In = Floats2d, Out = Floats2d>(layersModel: LayersModel, options: TfjsWrapperOptions<In, Out> = {}): Model<In, Out> {
  if (!layersModel || typeof (layersModel as Partial<LayersModel>).apply !== "function" || !Array.isArray((layersModel as Partial<LayersModel>).layers)) {
    throw new TsnlpError("E_LAYER_ARGS", "tfjsWrapper takes a tfjs-layers model (tf.sequential(...), tf.model(...) or a loaded LayersModel).", {
      hint: "Build it with @tensorflow/tfjs-layers 4.22, which shares tsnlp's @tensorflow/tfjs-core.",
    });
  }
  if (!layersModel.inputs?.length || !layersModel.outputs?.length || layersModel.layers.some((layer) => !layer.built)) {
    throw new TsnlpError("E_LAYER_ARGS", "tfjsWrapper needs a built tfjs-layers model: this one has no layers or no input shape yet.", {
      hint: "Give the first layer an inputShape (tf.layers.dense({ units, inputShape: [nI] })), or build a functional model with tf.input.",
    });
  }
  if (layersModel.inputs.length > 1 || layersModel.outputs.length > 1) {
    throw new TsnlpError(
      "E_LAYER_ARGS",
      `tfjsWrapper wraps models with one input and one output; this one has ${layersModel.inputs.length} inputs and ${layersModel.outputs.length} outputs.`,
      { hint: "Concatenate the inputs (or outputs) inside the layers model, and split them in convertInputs / convertOutputs." },
    );
  }
  const state: TfjsWrapperState = {
    layersModel,
    weights: [],
    convertInputs: options.convertInputs as TfjsConvertInputs<unknown> | undefined,
    convertOutputs: options.convertOutputs as TfjsConvertOutputs<unknown, unknown> | undefined,
  };
  const dims: Record<string, number> = {};
  const nI = lastDim(layersModel.inputs[0]?.shape);
  const nO = lastDim(layersModel.outputs[0]?.shape);
  if (nI !== undefined) dims.nI = nI;
  if (nO !== undefined) dims.nO = nO;
  const model = new Model<In, Out>(options.name ?? "tfjs", forward as (model: Model<In, Out>, X: In, isTrain: boolean) => [Out, Backprop<Out, In>], {
    dims,
    attrs: { tfjs: state },
  });
  adoptWeights(model, state);
  return model;
}

/** The layers model a node made by tfjsWrapper wraps. */
export function getLayersModel(model: AnyModel): LayersModel {
  return stateOf(model).layersModel;
}

function lastDim(shape: readonly (number | null)[] | undefined): number | undefined {
  const last = shape?.[shape.length - 1];
  return typeof last === "number" ? last : undefined;
}

function stateOf(model: { name: string; attrs: Record<string, unknown> }): TfjsWrapperState {
  const state = model.attrs.tfjs as TfjsWrapperState | undefined;
  if (!state) throw new TsnlpError("E_MODEL_STATE", `Model '${model.name}' was not made by tfjsWrapper.`);
  return state;
}

/** Params for every weight of the layers model, named `<layer index>.<weight name>`. */
function adoptWeights(node: AnyModel, state: TfjsWrapperState): void {
  const seen = new Set<number>();
  state.layersModel.layers.forEach((layer, li) => {
    const weights = layer.weights.filter((w) => !seen.has(w.id));
    for (const w of weights) seen.add(w.id);
    const base = (w: LayerVariable) => w.originalName.slice(w.originalName.lastIndexOf("/") + 1);
    const bases = weights.map(base);
    weights.forEach((w, j) => {
      const name = bases.indexOf(bases[j]!) === bases.lastIndexOf(bases[j]!) ? `${li}.${bases[j]}` : `${li}.${j}.${bases[j]}`;
      const variable = w.read() as Variable;
      // The param and the variable share one data buffer from here on.
      const value = tf.keep(variable.clone());
      variable.assign(value);
      node.setParam(name, value);
      state.weights.push({ name, layerVariable: w, variable, synced: value });
    });
  });
}

/**
 * Make the layers model's variables hold this node's params: assign a param that changed since
 * it was last synced; take in a variable that tfjs-layers changed (moving averages, setWeights).
 */
function syncWeights(node: AnyModel, state: TfjsWrapperState): void {
  for (const w of state.weights) {
    const param = node.getParam(w.name);
    if (w.variable.dataId === param.dataId) {
      w.synced = param;
    } else if (w.synced === param) {
      takeVariable(node, w);
    } else {
      if (param.dtype !== w.variable.dtype || param.shape.length !== w.variable.shape.length || param.shape.some((n, i) => n !== w.variable.shape[i])) {
        throw new TsnlpError(
          "E_MODEL_STATE",
          `Param '${w.name}' of model '${node.name}' has shape [${param.shape.join(", ")}] (${param.dtype}), but the tfjs-layers weight '${w.layerVariable.name}' has [${w.variable.shape.join(", ")}] (${w.variable.dtype}).`,
        );
      }
      let value = param;
      if (w.layerVariable.constraint) {
        const constrained = tf.tidy(() => w.layerVariable.constraint.apply(param));
        node.setParam(w.name, constrained);
        value = constrained;
      }
      w.variable.assign(value);
      w.synced = value;
    }
  }
}

function takeVariable(node: AnyModel, w: WrappedWeight): void {
  const value = tf.keep(w.variable.clone());
  w.variable.assign(value);
  node.setParam(w.name, value);
  w.synced = value;
}

function toTensor(node: AnyModel, state: TfjsWrapperState, X: unknown, isTrain: boolean): [Tensor, (dX: Tensor) => unknown] {
  if (state.convertInputs) return state.convertInputs(node, X, isTrain);
  if (!(X instanceof tf.Tensor)) {
    throw new TsnlpError(
      "E_LAYER_INPUT",
      `Model '${node.name}' (tfjsWrapper) got ${Array.isArray(X) ? "a list" : typeof X} input; the layers model takes a tensor.`,
      {
        hint: "Pass convertInputs to tfjsWrapper to turn the input into one tensor (and its gradient back), or put the wrapper after a layer that outputs an array.",
      },
    );
  }
  return [X as Tensor, (dX) => dX];
}

function forward(node: AnyModel, X: unknown, isTrain: boolean): [unknown, Backprop<unknown, unknown>] {
  const state = stateOf(node);
  syncWeights(node, state);
  const [Xt, backpropInputs] = toTensor(node, state, X, isTrain);
  const layersModel = state.layersModel;
  // Random numbers (dropout masks) come from Math.random via tfjs's seeded generators: replay
  // the same sequence when backprop runs the model again on the tape.
  const seed = isTrain ? Math.floor(Math.random() * 0x100000000) : 0;
  const apply = (training: boolean) => {
    const Y = layersModel.apply(Xt, { training });
    if (!(Y instanceof tf.Tensor))
      throw new TsnlpError(
        "E_LAYER_OUTPUT",
        `The layers model in '${node.name}' returned ${Array.isArray(Y) ? "several tensors" : "a symbolic tensor"}; tfjsWrapper needs one tensor.`,
      );
    return Y as Tensor;
  };
  const Yt = runTfjs("forward", () => (isTrain ? withReplayedRandom(seed, () => tf.tidy(() => apply(true))) : tf.tidy(() => apply(false))));
  // Batch normalization updates its moving averages in a training pass.
  if (isTrain) syncWeights(node, state);
  const [Y, backpropOutputs] = state.convertOutputs ? state.convertOutputs(node, [X, Yt], isTrain) : [Yt, (dY: unknown) => dY as Tensor];
  const backprop = (dY: unknown): unknown => {
    let dYt = backpropOutputs(dY);
    if (dYt.dtype !== "float32") dYt = tf.cast(dYt, "float32");
    syncWeights(node, state);
    const trainable = state.weights.filter((w) => w.layerVariable.trainable);
    const fixed = state.weights.filter((w) => !w.layerVariable.trainable);
    const withX = Xt.dtype === "float32";
    const xs: Tensor[] = [...(withX ? [Xt] : []), ...trainable.map((w) => w.variable)];
    if (xs.length === 0) return backpropInputs(tf.zerosLike(Xt));
    const { value, grads } = runTfjs("gradient", () => withReplayedRandom(seed, () => tf.engine().gradients(() => apply(true), xs, dYt, true)));
    value.dispose();
    // Undo the second run's updates of non-trainable weights (moving averages).
    for (const w of fixed) if (w.variable.dataId !== node.getParam(w.name).dataId) w.variable.assign(node.getParam(w.name));
    const offset = withX ? 1 : 0;
    trainable.forEach((w, k) => {
      const grad = grads[k + offset];
      if (grad) node.incGrad(w.name, grad);
    });
    return backpropInputs(withX ? (grads[0] ?? tf.zerosLike(Xt)) : tf.zerosLike(Xt));
  };
  return [Y, backprop];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Run `fn` (synchronous) with Math.random replaced by a generator seeded with `seed`. */
function withReplayedRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

/** Run tfjs code, turning a missing kernel or gradient into a TsnlpError that says what to do. */
function runTfjs<T>(phase: "forward" | "gradient", fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TsnlpError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const what = phase === "forward" ? "forward pass" : "gradient";
    const kernel = /Kernel '([^']+)' not registered for backend '([^']+)'/.exec(message);
    if (kernel) {
      throw new TsnlpError(
        "E_TFJS_KERNEL",
        `The tfjs-layers model's ${what} needs the kernel '${kernel[1]}', which the '${kernel[2]}' backend does not have.`,
        {
          cause: error,
          hint:
            kernel[1] === "UnsortedSegmentSum"
              ? "Embedding (and gather) gradients need it: use tsnlp's HashEmbed / MultiHashEmbed in front of the wrapper, or the cpu backend (selectBackend({ prefer: 'cpu' }))."
              : "Use layers the backend supports (see src/ml/wrappers/tfjs-wrapper.ts), a tsnlp layer, or the cpu backend (selectBackend({ prefer: 'cpu' })).",
        },
      );
    }
    const noGradient = /gradient function not found for (\S+)/.exec(message);
    if (noGradient) {
      throw new TsnlpError("E_TFJS_KERNEL", `tfjs has no gradient for the op ${noGradient[1]}, which the wrapped tfjs-layers model uses.`, {
        cause: error,
        hint: "Freeze that layer (layer.trainable = false) if it has no weights before it, or replace it.",
      });
    }
    if (/\.(flatten|stridedSlice) is not a function/.test(message)) {
      throw new TsnlpError(
        "E_TFJS_CHAINED_OPS",
        `The tfjs-layers model calls a chained tensor method that tfjs-core's CommonJS build does not install (${message}).`,
        {
          cause: error,
          hint: "Recurrent layers do this in their default orthogonal initializer: pass recurrentInitializer: 'glorotUniform'.",
        },
      );
    }
    throw error;
  }
}
