/**
 * The training loop (spacy/training/loop.py, v3.5.4: train_while_improving,
 * create_train_batches, subdivide_batch, create_evaluation_callback), as an async generator
 * of steps: update on each batch, step the optimizer, evaluate every eval_frequency steps,
 * and stop on patience or max_steps.
 */
import type { Language } from "../language.js";
import type { Optimizer } from "../ml/model.js";
import type { GradientOptimizer } from "../ml/optimizers/index.js";
import type { Scores } from "../pipes/pipe.js";
import { TrainablePipe } from "../pipes/trainable-pipe.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { shuffle } from "../util/random.js";

export type Batcher = (items: Iterable<Example>) => Iterable<Example[]>;

export interface TrainingInfo {
  epoch: number;
  step: number;
  score: number | null;
  otherScores: Scores | null;
  losses: Record<string, number>;
  /** (score, step) of every evaluation so far. */
  checkpoints: Array<[number, number]>;
  /** Seconds since training started. */
  seconds: number;
  /** Words trained on since training started. */
  words: number;
  /** Training words per second since the previous evaluation, evaluation time excluded (tsnlp's addition). */
  wordsPerSecond?: number;
}

export interface TrainingStep {
  batch: Example[];
  info: TrainingInfo;
  /** null between evaluations; after one, whether it is the best score so far. */
  isBestCheckpoint: boolean | null;
}

export interface LoopSettings {
  dropout: number | Iterator<number>;
  accumulateGradient: number;
  patience: number;
  maxSteps: number;
  evalFrequency: number;
  exclude: readonly string[];
  annotatingComponents: readonly string[];
  beforeUpdate?: ((nlp: Language, args: { step: number; epoch: number }) => void) | null;
  /** Where a resumed run starts. */
  start?: { step: number; epoch: number; words: number; checkpoints: Array<[number, number]> };
  /** Checked after every step: true stops the loop cleanly (Ctrl-C). */
  shouldStop?: () => boolean;
}

/** Batches of the training corpus, epoch after epoch (max_epochs 0: forever; -1: stream the corpus without shuffling). */
export async function* createTrainBatches(
  nlp: Language,
  corpus: (nlp: Language) => AsyncIterable<Example>,
  batcher: Batcher,
  maxEpochs: number,
  firstEpoch = 0,
): AsyncGenerator<[number, Example[]]> {
  let epoch = firstEpoch;
  let examples: Example[] | null = null;
  if (maxEpochs >= 0) {
    examples = [];
    for await (const eg of corpus(nlp)) examples.push(eg);
    if (examples.length === 0) {
      throw new TsnlpError("E_EMPTY_CORPUS", "The training corpus is empty: it gave no examples.", {
        hint: "Check [paths] train (or the --paths.train override): the file or folder must hold documents (.spacy files from `tsnlp convert`).",
      });
    }
  }
  while (maxEpochs < 1 || epoch !== maxEpochs) {
    if (examples !== null) {
      shuffle(examples);
      for (const batch of batcher(examples)) yield [epoch, batch];
    } else {
      const streamed: Example[] = [];
      for await (const eg of corpus(nlp)) streamed.push(eg);
      for (const batch of batcher(streamed)) yield [epoch, batch];
    }
    epoch++;
  }
}

/** spaCy sorts a batch by length before splitting it into accumulate_gradient parts. */
export function* subdivideBatch(batch: readonly Example[], parts: number): Generator<Example[]> {
  const sorted = [...batch].sort((a, b) => a.predicted.length - b.predicted.length);
  const size = Math.floor(sorted.length / parts);
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const sub = sorted.slice(start, start + size);
    if (sub.length > 0) yield sub;
    start += sub.length;
  }
  const rest = sorted.slice(start);
  if (rest.length > 0) yield rest;
}

/** The weighted score of an evaluation; scores that are null or missing count as 0. */
export function weightedScore(scores: Scores, weights: Record<string, number | null>): number {
  let total = 0;
  for (const [key, weight] of Object.entries(weights)) {
    const value = scores[key];
    if (weight === null || weight === 0) continue;
    if (value !== undefined && value !== null && typeof value !== "number") {
      throw new TsnlpError("E_SCORE_WEIGHT", `training.score_weights gives '${key}' a weight, but that score is a table, not a number.`, {
        hint: `Give '${key}' a weight of null, or weight one of its numeric scores instead.`,
      });
    }
    total += (typeof value === "number" ? value : 0) * weight;
  }
  return total;
}

/** Score the dev corpus, with the optimizer's averaged parameters when it keeps them. */
export function createEvaluation(nlp: Language, dev: (nlp: Language) => AsyncIterable<Example>, weights: Record<string, number | null>, optimizer?: Optimizer) {
  const averages = (optimizer as Partial<GradientOptimizer> | undefined)?.averages;
  return async (): Promise<[number, Scores]> => {
    const examples: Example[] = [];
    for await (const eg of dev(nlp)) examples.push(eg);
    if (examples.length === 0) {
      throw new TsnlpError("E_EMPTY_CORPUS", "The development corpus is empty: it gave no examples to evaluate on.", {
        hint: "Check [paths] dev (or the --paths.dev override).",
      });
    }
    const scores = nlp.useParams(averages, () => nlp.evaluate(examples));
    return [weightedScore(scores, weights), scores];
  };
}

export async function* trainWhileImproving(
  nlp: Language,
  optimizer: Optimizer,
  batches: AsyncIterable<[number, Example[]]>,
  evaluate: () => Promise<[number, Scores]>,
  settings: LoopSettings,
): AsyncGenerator<TrainingStep> {
  const dropouts = typeof settings.dropout === "number" ? null : settings.dropout;
  const results: Array<[number, number]> = [...(settings.start?.checkpoints ?? [])];
  const exclude = new Set(settings.exclude);
  let losses: Record<string, number> = {};
  let words = settings.start?.words ?? 0;
  let step = settings.start?.step ?? 0;
  const started = performance.now();
  let trainingMs = 0;
  let wordsSinceEval = 0;
  for await (const [epoch, batch] of batches) {
    const stepStart = performance.now();
    settings.beforeUpdate?.(nlp, { step, epoch });
    const drop = dropouts ? (dropouts.next().value as number) : (settings.dropout as number);
    for (const sub of subdivideBatch(batch, settings.accumulateGradient)) {
      nlp.update(sub, { drop, losses, exclude: settings.exclude, annotates: settings.annotatingComponents });
    }
    for (const [name, component] of nlp.pipeline) {
      if (!exclude.has(name) && component instanceof TrainablePipe) component.finishUpdate(optimizer);
    }
    (optimizer as Partial<GradientOptimizer>).stepSchedules?.();
    const batchWords = batch.reduce((sum, eg) => sum + eg.predicted.length, 0);
    words += batchWords;
    wordsSinceEval += batchWords;
    trainingMs += performance.now() - stepStart;
    let score: number | null = null;
    let otherScores: Scores | null = null;
    let isBestCheckpoint: boolean | null = null;
    let wordsPerSecond: number | undefined;
    if (step % settings.evalFrequency === 0) {
      [score, otherScores] = await evaluate();
      results.push([score, step]);
      isBestCheckpoint = score === Math.max(...results.map(([s]) => s));
      wordsPerSecond = trainingMs > 0 ? wordsSinceEval / (trainingMs / 1000) : undefined;
      trainingMs = 0;
      wordsSinceEval = 0;
    }
    const info: TrainingInfo = {
      epoch,
      step,
      score,
      otherScores,
      losses,
      checkpoints: results,
      seconds: Math.floor((performance.now() - started) / 1000),
      words,
      wordsPerSecond,
    };
    yield { batch, info, isBestCheckpoint };
    if (isBestCheckpoint !== null) losses = {};
    if (results.length > 0 && settings.patience) {
      // The earliest step with the best score.
      const best = results.reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] < a[1]) ? b : a));
      if (step - best[1] >= settings.patience) break;
    }
    if (settings.maxSteps && step >= settings.maxSteps) break;
    if (settings.shouldStop?.()) break;
    step++;
  }
}
