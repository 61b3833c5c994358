/**
 * `tsnlp find-threshold` as a library function (spacy/cli/find_threshold.py, v3.5.4): score a
 * trained pipeline on annotated data at `nTrials` evenly spaced values from 0 to 1 of one
 * component setting (spancat's or textcat_multilabel's threshold) and report the best.
 *
 * spaCy reloads the pipeline for every trial with the setting overridden in its config and
 * then in the component's cfg, which is where its components read it; loading overwrites the
 * config's value with the saved cfg's, so the cfg is what takes effect. Here the pipeline is
 * loaded once and each trial sets both the config value and the cfg entry.
 */
import { isSection, type Section, type Value } from "../config/tree.js";
import type { Language } from "../language.js";
import { loadPipeline } from "../language/disk.js";
import { selectBackend } from "../ml/backend.js";
import { Pipe } from "../pipes/pipe.js";
import { TrainablePipe } from "../pipes/trainable-pipe.js";
import type { Registry } from "../registry/index.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { exists } from "../util/io.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { createCorpusReader } from "./corpus.js";
import { pythonFloat, pythonRepr, pythonRound, wasabiRow } from "./info-format.js";

export interface FindThresholdOptions {
  /** Thresholds tried, from 0 to 1 inclusive (default 11). */
  nTrials?: number;
  gpuId?: number;
  goldPreproc?: boolean;
  registry?: Registry;
  /** Prints the table and messages as spaCy's command does; silent when absent. */
  printer?: Printer;
}

export interface ThresholdTrial {
  threshold: number;
  score: number;
}

export interface FindThresholdResult {
  bestThreshold: number;
  bestScore: number;
  trials: ThresholdTrial[];
  /** Every trial scored the same: the setting probably has no effect. */
  allIdentical: boolean;
}

const TABLE_WIDTHS = [10, 10];
const SILENT = createPrinter(() => {});

export async function findThreshold(
  model: string,
  dataPath: string,
  pipeName: string,
  thresholdKey: string,
  scoresKey: string,
  options: FindThresholdOptions = {},
): Promise<FindThresholdResult> {
  const printer = options.printer ?? SILENT;
  const nTrials = options.nTrials ?? 11;
  if (!Number.isInteger(nTrials) || nTrials < 1) {
    throw new TsnlpError("E_THRESHOLD_TRIALS", `The number of trials must be a whole number of at least 1, not ${nTrials}.`);
  }
  await selectBackend({ gpuId: options.gpuId ?? -1 });
  if (!exists(dataPath))
    throw new TsnlpError("E_DATA_NOT_FOUND", `Evaluation data not found: ${dataPath}`, { file: dataPath, hint: "Give a .spacy file or a folder of them." });
  const nlp = loadPipeline(model, { registry: options.registry });
  if (!nlp.hasPipe(pipeName)) {
    throw new TsnlpError("E_PIPE_UNKNOWN", `No component '${pipeName}' found in pipeline. Available names: ${pythonRepr(nlp.componentNames)}`, {
      hint: "Give the name of a component of the pipeline (its [components] block).",
    });
  }
  const pipe = nlp.getPipe(pipeName);
  if (!hasScorer(pipe)) {
    throw new TsnlpError("E_THRESHOLD_NO_SCORER", `Component '${pipeName}' (${pipe.factory}) has no scorer, so no threshold can be scored.`, {
      hint: "Choose a component whose scores depend on a threshold, such as spancat or textcat_multilabel.",
    });
  }
  if (pipe.factory === "textcat") {
    printer.warn(
      "The `textcat` component doesn't use a threshold as it's not applicable to the concept of exclusive classes. All thresholds will yield the same results.",
    );
  }
  printer.info(`Optimizing for ${scoresKey} for component '${pipeName}' with ${nTrials} trials.`);
  const examples: Example[] = [];
  for await (const eg of createCorpusReader(dataPath, { goldPreproc: options.goldPreproc ?? false })(nlp)) examples.push(eg);
  const keys = thresholdKey.split(".");
  const configPath = ["components", pipeName, ...keys];
  checkConfigPath(nlp.config, configPath);

  printer.text(wasabiRow(["Threshold", scoresKey], TABLE_WIDTHS).trimEnd());
  const trials: ThresholdTrial[] = [];
  for (const threshold of linspace(nTrials)) {
    setThreshold(nlp, pipe, configPath, keys, threshold);
    const scores = nlp.evaluate(examples);
    if (!(scoresKey in scores)) {
      throw new TsnlpError("E_THRESHOLD_SCORES_KEY", `Failed to look up score \`${scoresKey}\` in evaluation results.`, {
        hint: `Make sure you specified the correct value for \`scores_key\`. The following scores are available: ${pythonRepr(Object.keys(scores))}`,
      });
    }
    const score = scores[scoresKey];
    if (typeof score !== "number") {
      throw new TsnlpError(
        "E_THRESHOLD_SCORE_TYPE",
        `Returned score for key '${scoresKey}' is not numeric (it is ${JSON.stringify(score)}). Threshold optimization only works for numeric scores.`,
        { hint: "Choose a numeric score such as cats_macro_f or spans_sc_f; a score of null means the data has no gold annotation of that kind." },
      );
    }
    trials.push({ threshold, score });
    printer.text(wasabiRow([pythonFloat(pythonRound(threshold, 3)), pythonFloat(pythonRound(score, 3))], TABLE_WIDTHS).trimEnd());
  }
  // Python's max keeps the first of equal scores.
  const best = trials.reduce((a, b) => (b.score > a.score ? b : a));
  const allIdentical = trials.every((trial) => trial.score === trials[0]!.score);
  if (allIdentical) {
    const multiLabelHint =
      pipe.factory === "textcat_multilabel" && scoresKey !== "cats_macro_f" && scoresKey !== "cats_micro_f"
        ? "Use `cats_macro_f` or `cats_micro_f` when optimizing the threshold for `textcat_multilabel`."
        : undefined;
    printer.warn("All scores are identical. Verify that all settings are correct.", multiLabelHint);
  } else {
    printer.text(`\nBest threshold: ${pythonFloat(pythonRound(best.threshold, 4))} with ${scoresKey} value of ${pythonFloat(best.score)}.`);
  }
  return { bestThreshold: best.threshold, bestScore: best.score, trials, allIdentical };
}

/** numpy.linspace(0, 1, n): i * (1 / (n - 1)), the last exactly 1. */
export function linspace(n: number): number[] {
  if (n === 1) return [0];
  const step = 1 / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : i * step));
}

/**
 * spaCy checks hasattr(pipe, "scorer"). A trainable component here scores through its scorer;
 * another scores when it has a scorer or a score() of its own.
 */
function hasScorer(pipe: Pipe): boolean {
  if (typeof (pipe as { scorer?: unknown }).scorer === "function") return true;
  return !(pipe instanceof TrainablePipe) && pipe.score !== Pipe.prototype.score;
}

/** spaCy's filter_config: every part of the key must exist in the component's config block. */
function checkConfigPath(config: Section, path: readonly string[]): void {
  let node: Value | undefined = config;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (!isSection(node) || !(key in node)) {
      const available = isSection(node) ? Object.keys(node) : [];
      throw new TsnlpError("E_THRESHOLD_KEY", `Failed to look up \`${path.join(".")}\` in config: sub-key ${pythonRepr([key])} not found.`, {
        hint: `Make sure you specified ${pythonRepr([key])} correctly. The following sub-keys are available instead: ${pythonRepr(available)}`,
      });
    }
    node = node[key];
  }
}

function setThreshold(nlp: Language, pipe: Pipe, configPath: readonly string[], keys: readonly string[], threshold: number): void {
  setNested(nlp.config, configPath, threshold);
  const cfg = (pipe as { cfg?: unknown }).cfg;
  if (isSection(cfg)) setNested(cfg, keys, threshold);
}

/** Set the last key of a path whose parents exist (spaCy's set_nested_item). */
function setNested(root: Section, path: readonly string[], value: number): void {
  let node: Section = root;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (!isSection(child)) return;
    node = child;
  }
  node[path.at(-1)!] = value;
}
