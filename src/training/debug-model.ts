/**
 * `tsnlp debug model` as a library function (spacy/cli/debug_model.py, v3.5.4): follow one
 * component's model through four steps and show its layers at each:
 *   0. as built from the config;
 *   1. after nlp.initialize, on the training corpus, or on four sample sentences when the
 *      config has no usable one (the model's nO set to 7 first, as spaCy simulates inference);
 *   2. after three updates with Adam(0.001) and dropout 0.2 against simulated gold: the
 *      one-hot of each row's argmax of the first output, with Y - gold as the gradient;
 *   3. its prediction for the same docs.
 * Where a downstream model listens to a tok2vec component, that component runs first in each
 * update, as spaCy's debug model arranges. spaCy 3.5.4 calls the component's update without
 * an optimizer, so its weights never move in step 2; here they take the three Adam steps, and
 * the last update's gradients are kept for --gradients to show.
 */
import { fillAndValidate } from "../config/fill.js";
import { interpolate } from "../config/interpolate.js";
import { readConfig } from "../config/load.js";
import type { Overrides } from "../config/overrides.js";
import { resolveConfig } from "../config/resolve.js";
import { getPath, isSection } from "../config/tree.js";
import { implementBuiltins } from "../implementations.js";
import { Language } from "../language.js";
import { selectBackend } from "../ml/backend.js";
import { type AnyModel, Model, withScope } from "../ml/model.js";
import { Adam } from "../ml/optimizers/factories.js";
import type { GradientOptimizer } from "../ml/optimizers/optimizer.js";
import { type Tensor, tf } from "../ml/tf.js";
import { Padded, Ragged } from "../ml/types.js";
import { Tok2Vec } from "../pipes/tok2vec.js";
import { TrainablePipe } from "../pipes/trainable-pipe.js";
import { loadCode, registry as globalRegistry, type Registry } from "../registry/index.js";
import type { Doc } from "../tokens/doc.js";
import { Example } from "../tokens/example.js";
import { isTsnlpError, TsnlpError } from "../util/errors.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { fixRandomSeed } from "../util/random.js";
import { formatArrayRepr, formatArrayStr, pythonRepr } from "./debug-model-format.js";
import { describeLayers, type LayerReport, layerLines, type PrintSettings } from "./debug-model-report.js";
import type { Reader } from "./reader-types.js";

export type { LayerReport, PrintSettings } from "./debug-model-report.js";

export interface DebugModelOptions extends PrintSettings {
  /** Print the layers before initialization (-P0). */
  printBeforeTraining?: boolean;
  /** Print the layers after initialization (-P1). */
  printAfterInit?: boolean;
  /** Print the layers after the three updates (-P2). */
  printAfterTraining?: boolean;
  /** Print the final prediction (-P3). */
  printPrediction?: boolean;
  /** Where the messages go; stdout by default. */
  printer?: Printer;
}

export interface DebugModelFromConfigOptions extends DebugModelOptions {
  overrides?: Overrides;
  /** Files that register functions (--code). */
  code?: readonly string[];
  gpuId?: number;
  registry?: Registry;
}

export interface DebugModelResult {
  modelId: number;
  /** What nlp.initialize ran on. */
  initializedWith: "training corpus" | "dummy data";
  /** The tree at steps 0, 1 and 2, whatever was asked to be printed. */
  steps: { beforeTraining: LayerReport[]; afterInit: LayerReport[]; afterTraining: LayerReport[] };
  /** Step 3, as printed. */
  prediction: string;
}

/** spaCy's _sentences(): the dummy data when the config has no usable training corpus. */
export const SAMPLE_SENTENCES: readonly string[] = [
  "Apple is looking at buying U.K. startup for $1 billion",
  "Autonomous cars shift insurance liability toward manufacturers",
  "San Francisco considers banning sidewalk delivery robots",
  "London is a big city in the United Kingdom.",
];

/** Examples of the training corpus the updates use (spaCy takes the first five). */
const UPDATE_EXAMPLES = 5;
const UPDATES = 3;
const DROPOUT = 0.2;
const LEARN_RATE = 0.001;
/** The output width spaCy gives a model it initializes on dummy data. */
const DUMMY_NO = 7;

/** Read a config, build the pipeline and debug one component's model, as the command does. */
export async function debugModelFromConfig(configPath: string, componentName: string, options: DebugModelFromConfigOptions = {}): Promise<DebugModelResult> {
  const registry = implementBuiltins(options.registry ?? globalRegistry);
  const print = options.printer ?? createPrinter();
  for (const file of options.code ?? []) await loadCode(file, registry);
  const gpuId = options.gpuId ?? -1;
  const backend = await selectBackend({ gpuId });
  print.info(`Using ${backend.gpu ? `GPU ${gpuId}` : "CPU"}: TensorFlow.js backend '${backend.name}' (${backend.provider})`);
  const { tree, source } = readConfig(configPath, { overrides: options.overrides });
  const config = fillAndValidate(tree, registry, { source }).config;
  // Seeded before the pipeline is built, so that whatever its layers draw at construction repeats too.
  const training = interpolate(config).training;
  const seed = isSection(training) ? training.seed : null;
  if (typeof seed === "number") {
    print.info(`Fixing random seed: ${seed}`);
    fixRandomSeed(seed);
  }
  const nlp = Language.fromConfig(config, { registry, autoFill: false });
  return debugModel(nlp, componentName, { ...options, printer: print });
}

/** Follow one component's model through initialization, three updates and a prediction. */
export async function debugModel(nlp: Language, componentName: string, options: DebugModelOptions = {}): Promise<DebugModelResult> {
  const print = options.printer ?? createPrinter();
  const component = nlp.getPipe(componentName);
  const model = modelOf(nlp, componentName, component);

  print.info(`Analysing model with ID ${model.id}`);
  const beforeTraining = describeLayers(model);
  if (options.printBeforeTraining) printStep(print, "STEP 0 - before training", beforeTraining, options);

  const { examples, initializedWith } = await initialize(nlp, model);
  print.info(`Initialized the model with ${initializedWith === "training corpus" ? "the training corpus" : "dummy data"}.`);
  const afterInit = describeLayers(model);
  if (options.printAfterInit) printStep(print, "STEP 1 - after initialization", afterInit, options);

  const upstream = upstreamTok2Vec(nlp, model);
  const usedOwnLoss = train(model, component, upstream, examples);
  if (usedOwnLoss) print.info(`The model's output is not an array: it was updated with the loss of '${componentName}'.`);
  const afterTraining = describeLayers(model);
  if (options.printAfterTraining) printStep(print, "STEP 2 - after training", afterTraining, options);

  const prediction = predict(
    model,
    upstream,
    examples.map((eg) => eg.predicted),
  );
  if (options.printPrediction) {
    print.divider("STEP 3 - prediction");
    print.info(prediction);
  }
  print.good("Successfully ended analysis - model looks good.");
  return { modelId: model.id, initializedWith, steps: { beforeTraining, afterInit, afterTraining }, prediction };
}

function printStep(print: Printer, title: string, layers: LayerReport[], settings: PrintSettings): void {
  print.divider(title);
  for (const line of layerLines(layers, settings)) print.info(line);
}

function modelOf(nlp: Language, componentName: string, component: unknown): AnyModel {
  if (!component || typeof component !== "object" || !("model" in component)) {
    const withModels = nlp.components.filter(([, c]) => (c as { model?: unknown }).model instanceof Model).map(([name]) => name);
    throw new TsnlpError("E_DEBUG_MODEL_NO_MODEL", `The component '${componentName}' does not specify an object that holds a Model.`, {
      hint: withModels.length > 0 ? `Components with a model: ${withModels.join(", ")}.` : "The pipeline has no component with a model to analyse.",
    });
  }
  const model = (component as { model: unknown }).model;
  if (!(model instanceof Model)) {
    const found = model === null || model === undefined ? String(model) : ((model as object).constructor?.name ?? typeof model);
    throw new TsnlpError("E_DEBUG_MODEL_NOT_A_MODEL", `Requires a Model to be analysed, but component '${componentName}' holds ${found} instead.`, {
      hint: "Its factory must give the component a model built from a registered architecture.",
    });
  }
  return model;
}

/**
 * Step 1: nlp.initialize on the training corpus; failing that (no path, no examples, no
 * labels in them), on the sample sentences with the output width set to 7, as spaCy does.
 */
async function initialize(nlp: Language, model: AnyModel): Promise<{ examples: Example[]; initializedWith: DebugModelResult["initializedWith"] }> {
  let corpusError: TsnlpError;
  try {
    const examples = await readTrainingCorpus(nlp);
    nlp.initialize(() => examples);
    return { examples: examples.slice(0, UPDATE_EXAMPLES), initializedWith: "training corpus" };
  } catch (error) {
    if (!isTsnlpError(error)) throw error;
    corpusError = error;
  }
  try {
    setOutputDim(model, DUMMY_NO);
    const examples = SAMPLE_SENTENCES.map((text) => Example.fromDict(nlp.makeDoc(text), {}));
    nlp.initialize(() => examples);
    return { examples, initializedWith: "dummy data" };
  } catch (error) {
    if (!isTsnlpError(error)) throw error;
    throw new TsnlpError("E_DEBUG_MODEL_INIT", "Could not initialize the model: you'll have to provide a valid 'train_corpus' argument in the config file.", {
      details: `  with the training corpus: ${corpusError.message}\n  with dummy data: ${error.message}`,
      hint: "Point [training] train_corpus at a corpus block whose data the component can learn from, e.g. --paths.train corpus/train.spacy.",
    });
  }
}

async function readTrainingCorpus(nlp: Language): Promise<Example[]> {
  const config = nlp.interpolatedConfig();
  const training = isSection(config.training) ? config.training : {};
  const dotted = typeof training.train_corpus === "string" ? training.train_corpus : "corpora.train";
  const path = dotted.split(".");
  const block = getPath(config, path);
  if (!isSection(block)) {
    throw new TsnlpError("E_CONFIG_NO_CORPUS", `The config names '${dotted}' as the training corpus, but it has no [${dotted}] block.`);
  }
  const reader = resolveConfig(block, nlp.registry, path) as unknown as Reader;
  const examples: Example[] = [];
  for await (const eg of reader(nlp)) examples.push(eg);
  if (examples.length === 0) throw new TsnlpError("E_EMPTY_CORPUS", `The training corpus (${dotted}) gave no examples.`);
  return examples;
}

/** spaCy's _set_output_dim: fix an unset nO (the model's and its output layer's) to simulate inference. */
function setOutputDim(model: AnyModel, nO: number): void {
  if (model.hasDim("nO") === null) model.setDim("nO", nO);
  if (model.hasRef("output_layer")) {
    const output = model.getRef("output_layer");
    if (output.hasDim("nO") === null) output.setDim("nO", nO);
  }
}

/**
 * The tok2vec component a listener in this model listens to. spaCy looks for a component
 * named "tok2vec"; finding the one whose listeners sit in the model works for any name.
 */
function upstreamTok2Vec(nlp: Language, model: AnyModel): Tok2Vec | undefined {
  const nodes = new Set(model.walk());
  for (const [, component] of nlp.components) {
    if (component instanceof Tok2Vec && component.model !== model && component.listeners.some((listener) => nodes.has(listener))) return component;
  }
  return undefined;
}

/**
 * Step 2. Returns true when the output was not an array to simulate gold for, and the
 * component's own loss (against the examples' annotation) drove the updates instead.
 */
function train(model: AnyModel, component: unknown, upstream: Tok2Vec | undefined, examples: readonly Example[]): boolean {
  const optimizer = Adam({ learnRate: LEARN_RATE });
  const docs = examples.map((eg) => eg.predicted);
  let gold = null as Tensor[] | null;
  let usedOwnLoss = false;
  try {
    for (let round = 0; round < UPDATES; round++) {
      try {
        withScope(() => {
          clearGrads(model);
          model.setDropoutRate(DROPOUT);
          upstream?.update(examples);
          const [Y, backprop] = model.beginUpdate(docs);
          const outputs = outputTensors(Y);
          if (outputs === null) {
            usedOwnLoss = true;
            updateWithOwnLoss(component, examples);
          } else {
            if (gold === null) gold = outputs.map((output) => tf.keep(simulateGold(output)));
            const target = gold;
            const gradients = outputs.map((output, i) => tf.sub(output, target[i]!));
            backprop(withTensors(Y, gradients));
          }
          stepKeepingGradients(model, optimizer);
        });
      } finally {
        upstream?.clearListeners();
      }
    }
  } finally {
    for (const tensor of gold ?? []) tensor.dispose();
    optimizer.dispose();
  }
  return usedOwnLoss;
}

function clearGrads(model: AnyModel): void {
  for (const node of model.walk()) node.clearGrads();
}

function updateWithOwnLoss(component: unknown, examples: readonly Example[]): void {
  if (!(component instanceof TrainablePipe)) {
    throw new TsnlpError("E_DEBUG_MODEL_OUTPUT", "The model's output is not an array or a list of arrays, and its component cannot compute a loss.", {
      hint: "debug model simulates gold for models that output arrays; give the component an update() method for other outputs.",
    });
  }
  // The forward pass above is discarded: the component runs its own, with its own loss.
  component.update(examples, { drop: DROPOUT });
}

/**
 * Apply the optimizer to every parameter with a gradient, as finishUpdate does, but keep the
 * gradients so that step 2 can show the last update's.
 */
function stepKeepingGradients(model: AnyModel, optimizer: GradientOptimizer): void {
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      const grad = node.getGrad(name);
      if (grad && node.hasParam(name) === true) node.setParam(name, optimizer.update(`${node.id}:${name}`, node.getParam(name), grad));
    }
  }
}

/** The output's arrays, for a Floats2d, a list of them, a Ragged or a Padded; null for anything else. */
function outputTensors(Y: unknown): Tensor[] | null {
  if (Y instanceof tf.Tensor) return [Y];
  if ((Y instanceof Ragged || Y instanceof Padded) && Y.data instanceof tf.Tensor) return [Y.data];
  if (Array.isArray(Y) && Y.length > 0 && Y.every((item) => item instanceof tf.Tensor)) return Y as Tensor[];
  return null;
}

/** The gradient in the output's own form. */
function withTensors(Y: unknown, gradients: Tensor[]): unknown {
  if (Y instanceof tf.Tensor) return gradients[0];
  if (Y instanceof Ragged) return new Ragged(gradients[0] as Ragged["data"], Y.lengths);
  if (Y instanceof Padded) return new Padded(gradients[0] as Padded["data"], Y.sizeAtT, Y.lengths, Y.indices);
  return gradients;
}

/** A one-hot of each row's argmax (over the last axis), as gold the model could reach. */
function simulateGold(output: Tensor): Tensor {
  const width = output.shape[output.shape.length - 1] ?? 1;
  if (output.size === 0 || output.rank === 0) return tf.zerosLike(output);
  const rows = tf.reshape(output, [-1, width]);
  // tf.oneHot must make int32 (its float32 output is wrong on wasm), then cast.
  const oneHot = tf.cast(tf.oneHot(tf.argMax(rows, 1), width, 1, 0, "int32"), "float32");
  return tf.reshape(oneHot, output.shape);
}

/**
 * Step 3: the model's prediction for the docs. A listener reads the vectors its tok2vec
 * component wrote into the docs, so that component annotates them first (spaCy skips this,
 * and its listeners then see zeros).
 */
function predict(model: AnyModel, upstream: Tok2Vec | undefined, docs: Doc[]): string {
  if (upstream) [...upstream.pipe(docs)];
  return withScope(() => formatPrediction(model.predict(docs)));
}

/** The prediction as Python's str() shows it: an array, or a list of arrays. */
export function formatPrediction(value: unknown): string {
  if (value instanceof tf.Tensor) return formatArrayStr(hostArray(value));
  if (Array.isArray(value)) return `[${value.map(reprOf).join(", ")}]`;
  return reprOf(value);
}

function reprOf(value: unknown): string {
  if (value instanceof tf.Tensor) return formatArrayRepr(hostArray(value));
  if (value instanceof Int32Array) return formatArrayRepr({ shape: [value.length], values: value, dtype: "int32" });
  if (value instanceof Float32Array) return formatArrayRepr({ shape: [value.length], values: value, dtype: "float32" });
  if (value instanceof Ragged) return `Ragged(data=${reprOf(value.data)}, lengths=${reprOf(value.lengths)})`;
  if (value instanceof Padded)
    return `Padded(data=${reprOf(value.data)}, size_at_t=${reprOf(value.sizeAtT)}, lengths=${reprOf(value.lengths)}, indices=${reprOf(value.indices)})`;
  if (Array.isArray(value)) return `[${value.map(reprOf).join(", ")}]`;
  return pythonRepr(value);
}

function hostArray(tensor: Tensor): { shape: number[]; values: Float32Array | Int32Array; dtype: "float32" | "int32" } {
  const dtype = tensor.dtype === "int32" ? "int32" : "float32";
  return { shape: tensor.shape, values: tensor.dataSync() as Float32Array | Int32Array, dtype };
}

/** --layers as spaCy reads it (string_to_list with intify): "1,2,5", "[1, 2]" or "'1','2'". */
export function parseLayerList(text: string): number[] {
  let value = text.trim();
  if (value === "") return [];
  if (value.startsWith("[") && value.endsWith("]")) value = value.slice(1, -1);
  return value.split(",").map((part) => {
    const item = part
      .trim()
      .replace(/^'(.*)'$/, "$1")
      .replace(/^"(.*)"$/, "$1")
      .trim();
    if (!/^\d+$/.test(item)) {
      throw new TsnlpError("E_DEBUG_MODEL_LAYERS", `--layers takes layer numbers separated by commas, but got '${item}' in '${text}'.`, {
        hint: "Give the N of 'Layer N' as printed, e.g. --layers 0,3,4.",
      });
    }
    return Number(item);
  });
}
