/**
 * `tsnlp train` as a library function (spacy/cli/train.py and spacy/training/loop.py,
 * v3.5.4): read and fill the config, choose the backend, build and initialize the pipeline,
 * run the loop, and save model-last (always, even after an error or Ctrl-C) and model-best.
 */
import { join } from "node:path";
import type { Overrides } from "../config/overrides.js";
import { resolveConfig } from "../config/resolve.js";
import { interpolate } from "../config/interpolate.js";
import { isSection, type Section } from "../config/tree.js";
import { implementBuiltins } from "../implementations.js";
import type { Language } from "../language.js";
import { loadPipeline } from "../language/disk.js";
import { type BackendChoice, selectBackend } from "../ml/backend.js";
import type { Optimizer } from "../ml/model.js";
import { loadCode, registry as globalRegistry, type Registry } from "../registry/index.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { fixRandomSeed, setRandomState } from "../util/random.js";
import { type BeforeToDisk, type LoopState, MODEL_BEST, MODEL_LAST, readTrainingState, saveCheckpoint } from "./checkpoint.js";
import { writeTrainingCurve } from "./curve.js";
import { corpusReader, fillThenOverride, initPipelineFromConfig } from "./init-pipeline.js";
import { type Batcher, createEvaluation, createTrainBatches, type TrainingInfo, trainWhileImproving } from "./loop.js";
import { scoreColumns } from "./loggers/console.js";
import type { LoggerContext, TrainingLogger, TrainingInfo as EvaluatedInfo } from "./loggers/types.js";

export interface TrainOptions {
  output?: string | null;
  /** Files that register functions (--code). */
  code?: readonly string[];
  gpuId?: number;
  overrides?: Overrides;
  /** Continue from a model-last folder written by an earlier run. */
  resume?: string;
  registry?: Registry;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Stop cleanly at the next step when this returns true (the CLI wires Ctrl-C to it). */
  shouldStop?: () => boolean;
}

export interface TrainResult {
  nlp: Language;
  backend: BackendChoice;
  bestScore: number | null;
  /** One row per evaluation. */
  rows: EvaluatedInfo[];
  /** model-last, when an output folder was given. */
  outputPath: string | null;
  stoppedEarly: boolean;
}

interface TrainingSettings {
  seed: number | null;
  dropout: number | Iterator<number>;
  accumulate_gradient: number;
  patience: number;
  max_epochs: number;
  max_steps: number;
  eval_frequency: number;
  frozen_components: string[];
  annotating_components: string[];
  score_weights: Record<string, number | null>;
  batcher: Batcher;
  logger: (ctx: LoggerContext, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream) => TrainingLogger;
  before_to_disk: BeforeToDisk | null;
  before_update: ((nlp: Language, args: { step: number; epoch: number }) => void) | null;
  train_corpus: string;
  dev_corpus: string;
}

export async function train(configPath: string, options: TrainOptions = {}): Promise<TrainResult> {
  const registry = implementBuiltins(options.registry ?? globalRegistry);
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const print = createPrinter((line) => stdout.write(`${line}\n`));
  for (const file of options.code ?? []) await loadCode(file, registry);
  const config = fillThenOverride(configPath, registry, options.overrides);
  if (options.output) print.info(`Saving to output directory: ${options.output}`);
  const backend = await selectBackend({ gpuId: options.gpuId ?? -1 });
  print.info(`Using ${backend.gpu ? `GPU ${options.gpuId}` : "CPU"}: TensorFlow.js backend '${backend.name}' (${backend.provider})`);
  const settings = resolveTraining(config, registry);
  if (settings.seed !== null) fixRandomSeed(settings.seed);

  print.divider("Initializing pipeline");
  const { nlp, optimizer, resumed } = await initializeNlp(config, registry, settings, options);
  print.good(resumed ? `Resumed from ${options.resume} at step ${resumed.step}, epoch ${resumed.epoch}` : "Initialized pipeline");

  print.divider("Training pipeline");
  return runTraining(nlp, optimizer, settings, { ...options, stdout, stderr }, print, backend, resumed);
}

function resolveTraining(config: Section, registry: Registry): TrainingSettings {
  const training = isSection(config.training) ? config.training : {};
  return resolveConfig(interpolated(config, "training") ?? training, registry, ["training"]) as unknown as TrainingSettings;
}

function interpolated(config: Section, key: string): Section | undefined {
  const block = interpolate(config)[key];
  return isSection(block) ? block : undefined;
}

async function initializeNlp(config: Section, registry: Registry, settings: TrainingSettings, options: TrainOptions) {
  if (options.resume) {
    const nlp = loadPipeline(options.resume, { registry });
    const optimizer = resolveConfig(interpolated(config, "training")!.optimizer as Section, registry, ["training", "optimizer"]) as unknown as Optimizer;
    const resumed = readTrainingState(nlp, optimizer, options.resume);
    setRandomState(resumed.random);
    return { nlp, optimizer, resumed };
  }
  const nlp = await initPipelineFromConfig(config, registry);
  checkComponentNames(nlp, settings);
  const optimizer = nlp.optimizer!;
  return { nlp, optimizer, resumed: undefined };
}

function checkComponentNames(nlp: Language, settings: TrainingSettings): void {
  for (const key of ["frozen_components", "annotating_components"] as const) {
    for (const name of settings[key]) {
      if (!nlp.hasPipe(name)) {
        throw new TsnlpError("E_CONFIG_UNKNOWN_COMPONENT", `training.${key} names '${name}', which is not a component of the pipeline (${nlp.componentNames.join(", ") || "empty"}).`, {
          hint: `Remove '${name}' from training.${key}, or add it to [nlp] pipeline.`,
        });
      }
    }
  }
}

async function runTraining(
  nlp: Language,
  optimizer: Optimizer,
  settings: TrainingSettings,
  options: TrainOptions & { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  print: Printer,
  backend: BackendChoice,
  resumed: LoopState | undefined,
): Promise<TrainResult> {
  const registry = nlp.registry;
  const trainCorpus = corpusReader(nlp.interpolatedConfig(), registry, settings.train_corpus);
  const devCorpus = corpusReader(nlp.interpolatedConfig(), registry, settings.dev_corpus);
  const frozen = settings.frozen_components;
  const beforeToDisk: BeforeToDisk = settings.before_to_disk ?? ((x) => x);
  const batches = createTrainBatches(nlp, trainCorpus as (nlp: Language) => AsyncIterable<Example>, settings.batcher, settings.max_epochs, resumed?.epoch ?? 0);
  const evaluate = createEvaluation(nlp, devCorpus as (nlp: Language) => AsyncIterable<Example>, settings.score_weights, optimizer);
  const steps = trainWhileImproving(nlp, optimizer, batches, evaluate, {
    dropout: settings.dropout,
    accumulateGradient: settings.accumulate_gradient,
    patience: settings.patience,
    maxSteps: settings.max_steps,
    evalFrequency: settings.eval_frequency,
    exclude: frozen,
    annotatingComponents: settings.annotating_components,
    beforeUpdate: settings.before_update,
    start: resumed ? { step: resumed.step + 1, epoch: resumed.epoch, words: resumed.words, checkpoints: resumed.checkpoints } : undefined,
    shouldStop: options.shouldStop,
  });
  print.info(`Pipeline: ${pythonList(nlp.pipeNames)}`);
  if (frozen.length > 0) print.info(`Frozen components: ${pythonList(frozen)}`);
  if (settings.annotating_components.length > 0) print.info(`Set annotations on update for: ${pythonList(settings.annotating_components)}`);
  print.info(`Initial learn rate: ${(optimizer as { learnRate?: number }).learnRate ?? "?"}`);
  const restore = nlp.selectPipes({ disable: frozen });
  const trainable = nlp.pipeline.filter(([, c]) => c.isTrainable).map(([name]) => name);
  restore();
  const logger = settings.logger({ trainableNames: trainable, scoreWeights: settings.score_weights, evalFrequency: settings.eval_frequency, maxSteps: settings.max_steps }, options.stdout, options.stderr);
  const output = options.output ?? null;
  const rows: EvaluatedInfo[] = [];
  let last: TrainingInfo | undefined;
  let stoppedEarly = false;
  let failed = false;
  try {
    for await (const { info, isBestCheckpoint } of steps) {
      last = info;
      const evaluated = isBestCheckpoint !== null ? asEvaluated(info) : null;
      if (isBestCheckpoint !== null && evaluated) {
        rows.push({ ...evaluated, losses: { ...info.losses }, checkpoints: [...info.checkpoints] });
        updateMeta(nlp, settings.score_weights, info);
        if (output) {
          await saveCheckpoint(nlp, optimizer, output, isBestCheckpoint, stateOf(info), beforeToDisk);
          writeTrainingCurve(rows, join(output, "training-curve.svg"), { trainableNames: trainable, scoreColumns: scoreColumns(settings.score_weights) });
        }
      }
      logger.logStep(evaluated);
    }
    stoppedEarly = options.shouldStop?.() ?? false;
  } catch (error) {
    failed = true;
    if (output) print.warn(`Aborting and saving the final model to ${join(output, MODEL_LAST)}. Encountered: ${(error as Error).message}`);
    throw error;
  } finally {
    logger.finalize();
    if (output && last) await saveCheckpoint(nlp, optimizer, output, false, stateOf(last), beforeToDisk);
  }
  if (!failed && stoppedEarly) print.warn(`Training stopped at step ${last?.step ?? 0}; model-last is saved and can be resumed with --resume ${join(output ?? "OUTPUT", MODEL_LAST)}`);
  if (output) print.good("Saved pipeline to output directory", join(output, MODEL_LAST));
  const scores = rows.map((row) => row.score);
  return { nlp, backend, bestScore: scores.length > 0 ? Math.max(...scores) : null, rows, outputPath: output ? join(output, MODEL_LAST) : null, stoppedEarly };
}

/** A step that ran an evaluation has its scores. */
function asEvaluated(info: TrainingInfo): EvaluatedInfo {
  return { ...info, score: info.score ?? 0, otherScores: info.otherScores ?? {} };
}

function stateOf(info: TrainingInfo): Omit<LoopState, "random"> {
  return { step: info.step, epoch: info.epoch, words: info.words, checkpoints: info.checkpoints };
}

/** spaCy's update_meta: the score columns and each component's loss, at the latest evaluation. */
function updateMeta(nlp: Language, weights: Record<string, number | null>, info: TrainingInfo): void {
  const performance: Record<string, unknown> = {};
  for (const column of scoreColumns(weights)) performance[column] = info.otherScores?.[column] ?? 0;
  for (const name of nlp.pipeNames) if (name in info.losses) performance[`${name}_loss`] = info.losses[name];
  nlp.meta.performance = performance;
}

export { MODEL_BEST, MODEL_LAST };

/** A list as spaCy prints it (Python's repr), so logs read the same. */
function pythonList(names: readonly string[]): string {
  return `[${names.map((name) => `'${name}'`).join(", ")}]`;
}
