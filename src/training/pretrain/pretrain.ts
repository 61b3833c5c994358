/**
 * `tsnlp pretrain` as a library function (spacy/cli/pretrain.py and spacy/training/pretrain.py,
 * v3.5.4): read and fill the config, check that it has a [pretraining] block, build the
 * pipeline, put the objective's output layer on the tok2vec that [pretraining] component and
 * layer name, and run the loop, writing the tok2vec's weights and log.jsonl into outputDir.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { configToString } from "../../config/load.js";
import type { Overrides } from "../../config/overrides.js";
import { resolveConfig } from "../../config/resolve.js";
import { cloneValue, isSection, type Section } from "../../config/tree.js";
import { interpolate } from "../../config/interpolate.js";
import { implementBuiltins } from "../../implementations.js";
import { Language } from "../../language.js";
import { type BackendChoice, selectBackend } from "../../ml/backend.js";
import { type AnyModel, type Optimizer, withScope } from "../../ml/model.js";
import type { PretrainLoss, PretrainModel, PretrainObjective } from "../../ml/models/pretrain.js";
import { registerPretrainModels } from "../../ml/models/register-models-pretrain.js";
import { loadCode, registry as globalRegistry, type Registry } from "../../registry/index.js";
import type { Example } from "../../tokens/example.js";
import { TsnlpError } from "../../util/errors.js";
import { writeFileAtomic } from "../../util/io.js";
import { createPrinter } from "../../util/printer.js";
import { fixRandomSeed } from "../../util/random.js";
import type { Batcher } from "../batchers.js";
import { fillThenOverride } from "../init-pipeline.js";
import { pretrainCorpus } from "./corpus.js";
import { type EpochSummary, type PretrainLoopResult, pretrainLoop } from "./loop.js";
import { loadResumeWeights, resumeStartEpoch } from "./resume.js";
import { createPretrainTable } from "./table.js";
import { findTok2vec } from "./tok2vec-ref.js";

export interface PretrainOptions {
  /** Files that register functions (--code). */
  code?: readonly string[];
  /** Weights of an earlier run to continue from (--resume-path). */
  resumePath?: string | null;
  /** The epoch to continue counting from (--epoch-resume); read from a modelN.bin name when left out. */
  epochResume?: number | null;
  gpuId?: number;
  /** Do not write model-last.bin (--skip-last). */
  skipLast?: boolean;
  overrides?: Overrides;
  registry?: Registry;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Stop cleanly after the current batch when this returns true (the CLI wires Ctrl-C to it). */
  shouldStop?: () => boolean;
  /** Words between table rows; spaCy's 10,000 by default. */
  rowFrequency?: number;
}

export interface PretrainResult {
  outputDir: string;
  backend: BackendChoice;
  startEpoch: number;
  /** Each finished epoch's words, summed loss and seconds. */
  epochs: EpochSummary[];
  words: number;
  loss: number;
  /** The weight files written, in order. */
  saved: string[];
  stopped: boolean;
}

/** The resolved [pretraining] block (spaCy's ConfigSchemaPretrain). */
interface PretrainSettings {
  max_epochs: number;
  dropout: number;
  n_save_every: number | null;
  n_save_epoch: number | null;
  optimizer: Optimizer;
  corpus: string;
  batcher: Batcher<Example>;
  component: string;
  layer: string;
  objective: PretrainObjective;
}

/** spaCy infers the shapes from this one doc. */
const SHAPE_SAMPLE = "Give it a doc to infer shapes";
const ROW_FREQUENCY = 10_000;

export async function pretrain(configPath: string, outputDir: string, options: PretrainOptions = {}): Promise<PretrainResult> {
  const registry = implementBuiltins(options.registry ?? globalRegistry);
  // Harmless once src/implementations.ts registers them too.
  registerPretrainModels(registry);
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const print = createPrinter((line) => stdout.write(`${line}\n`));
  for (const file of options.code ?? []) await loadCode(file, registry);
  const resumePath = options.resumePath ?? null;
  const startEpoch = resumePath === null ? 0 : resumeStartEpoch(resumePath, options.epochResume);
  warnAboutOutputDir(outputDir, resumePath !== null, print.warn);

  print.info(`Loading config from: ${configPath}`);
  const config = fillThenOverride(configPath, registry, options.overrides);
  requirePretrainingBlock(config, configPath);
  if (!existsSync(outputDir)) {
    mkdirSync(outputDir, { recursive: true });
    print.good(`Created output directory: ${outputDir}`);
  }
  writeFileAtomic(join(outputDir, "config.cfg"), configToString(config));
  print.good("Saved config file in the output directory");

  const backend = await selectBackend({ gpuId: options.gpuId ?? -1 });
  print.info(`Using ${backend.gpu ? `GPU ${options.gpuId}` : "CPU"}: TensorFlow.js backend '${backend.name}' (${backend.provider})`);
  const seed = (interpolate(config).training as Section | undefined)?.seed;
  if (typeof seed === "number") fixRandomSeed(seed);

  const nlp = Language.fromConfig(withoutInitTok2vec(config), { registry, autoFill: false });
  const settings = resolveConfig(nlp.interpolatedConfig().pretraining as Section, registry, ["pretraining"]) as unknown as PretrainSettings;
  const { model, tok2vec, where } = createPretrainingModel(nlp, settings);
  let result: PretrainLoopResult;
  try {
    if (resumePath !== null) {
      print.info(`Resume training tok2vec from: ${resumePath}`);
      loadResumeWeights(tok2vec, resumePath, where);
      print.info(`Resuming from epoch: ${startEpoch}`);
    }
    const corpus = pretrainCorpus(nlp.interpolatedConfig(), registry, settings.corpus);
    const saveEvery = settings.n_save_epoch ? ` - saving every ${settings.n_save_epoch} epoch` : "";
    print.divider(`Pre-training tok2vec layer - starting at epoch ${startEpoch}${saveEvery}`);
    const table = createPretrainTable(stdout, stderr);
    table.header();
    result = await pretrainLoop(
      {
        nlp,
        model,
        tok2vec,
        optimizer: settings.optimizer,
        loss: model.attrs.loss as PretrainLoss,
        corpus,
        batcher: settings.batcher,
        table,
        shouldStop: options.shouldStop,
      },
      {
        outputDir,
        maxEpochs: settings.max_epochs,
        nSaveEvery: settings.n_save_every,
        nSaveEpoch: settings.n_save_epoch,
        startEpoch,
        skipLast: options.skipLast ?? false,
        rowFrequency: options.rowFrequency ?? ROW_FREQUENCY,
        corpusName: settings.corpus,
      },
    );
  } finally {
    // The weights are on disk: free the tensors, so that a script can pretrain again in the same process.
    model.dispose();
    (settings.optimizer as { dispose?: () => void }).dispose?.();
  }
  if (result.stopped) print.warn(`Pretraining stopped early${options.skipLast ? "" : `; the weights so far are in ${join(outputDir, "model-last.bin")}`}`);
  else print.good("Successfully finished pretrain");
  return { outputDir, backend, startEpoch, ...result };
}

/** spaCy's message and exit when [pretraining] is empty, with the command that fills it. */
function requirePretrainingBlock(config: Section, configPath: string): void {
  const block = config.pretraining;
  if (isSection(block) && Object.keys(block).length > 0) return;
  throw new TsnlpError("E_PRETRAIN_NO_BLOCK", "The [pretraining] block in your config is empty.", {
    file: configPath === "-" ? undefined : configPath,
    hint: `Add spaCy's pretraining defaults with \`tsnlp init fill-config ${configPath} ${configPath} --pretraining\` (or create the config with \`tsnlp init config --pretraining\`), then give the raw text with --paths.raw_text.`,
  });
}

/** spaCy ignores init_tok2vec while pretraining: the weights are being made. */
function withoutInitTok2vec(config: Section): Section {
  const copy = cloneValue(config);
  if (isSection(copy.initialize)) copy.initialize.init_tok2vec = null;
  return copy;
}

/**
 * spaCy's create_pretraining_model: initialize the pipeline without its components (vectors
 * and the tokenizer still load), find the tok2vec, infer its shapes, and wrap it in the
 * objective's model with [pretraining] dropout.
 */
function createPretrainingModel(nlp: Language, settings: PretrainSettings): { model: PretrainModel; tok2vec: AnyModel; where: string } {
  const restore = nlp.selectPipes({ enable: [] });
  try {
    nlp.initialize(() => [], { sgd: settings.optimizer });
  } finally {
    restore();
  }
  const found = findTok2vec(nlp, { component: settings.component, layer: settings.layer });
  const sample = [nlp.makeDoc(SHAPE_SAMPLE)];
  try {
    withScope(() => found.model.initialize(sample));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TsnlpError(
      "E_PRETRAIN_TOK2VEC",
      `Could not initialize the tok2vec model from component '${settings.component}' and layer '${settings.layer}': ${reason}`,
      {
        hint:
          error instanceof TsnlpError && error.hint ? error.hint : "Point [pretraining] component and layer at a model that maps docs to one vector per token.",
        cause: error,
      },
    );
  }
  let model: PretrainModel;
  try {
    model = settings.objective(nlp.vocab, found.model);
    withScope(() => model.initialize(sample));
  } catch (error) {
    found.model.dispose();
    throw error;
  }
  model.setDropoutRate(settings.dropout);
  return { model, tok2vec: found.model, where: found.description };
}

/** spaCy's warnings for an output folder that already holds files. */
function warnAboutOutputDir(outputDir: string, resuming: boolean, warn: (title: string, text?: string) => void): void {
  if (!existsSync(outputDir)) return;
  if (!statSync(outputDir).isDirectory()) {
    throw new TsnlpError("E_PRETRAIN_OUTPUT", `The output directory ${outputDir} is a file.`, {
      hint: "Give the path of a folder (it is created when missing).",
    });
  }
  if (readdirSync(outputDir).length === 0) return;
  if (resuming) {
    warn(
      "Output directory is not empty.",
      "If you're resuming a run in this directory, the old weights for the consecutive epochs will be overwritten with the new ones.",
    );
  } else {
    warn(
      "Output directory is not empty.",
      "It is better to use an empty directory or refer to a new output path, then the new directory will be created for you.",
    );
  }
}
