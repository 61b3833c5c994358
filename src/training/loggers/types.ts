/**
 * The contract between the train loop and a logger. A registered logger function (such as
 * spacy.ConsoleLogger.v3) returns a `LoggerSetup`; the loop calls it once with what it knows
 * about the run, then calls `logStep` at every step and `finalize` at the end.
 */

export interface LoggerContext {
  /** Components that report a loss, in pipeline order (spaCy logs the pipes whose is_trainable is true). */
  trainableNames: string[];
  /**
   * The combined [training.score_weights]. Each key whose value is not null is a column of the
   * table, in this order (spaCy's rule); a weight of 0 still gets a column.
   */
  scoreWeights: Record<string, number | null>;
  /** [training] eval_frequency: steps between evaluations. */
  evalFrequency: number;
  /** [training] max_steps: the "train" progress bar counts to it. */
  maxSteps: number;
}

/** What the loop knows after an evaluation (spaCy's `info` dict). */
export interface TrainingInfo {
  epoch: number;
  step: number;
  /** The weighted score that picks the best model, between 0 and 1. */
  score: number;
  /** The full scores of the evaluation: numbers, nulls and nested tables such as ents_per_type. */
  otherScores: Record<string, unknown>;
  /** Summed loss of each component since the previous evaluation. */
  losses: Record<string, number>;
  /** (score, step) of every evaluation so far. */
  checkpoints: Array<[number, number]>;
  /** Seconds spent training so far. */
  seconds: number;
  /** Words trained on so far. */
  words: number;
  /** Training words per second over the last evaluation period; derived from words / seconds when left out. */
  wordsPerSecond?: number;
}

export interface TrainingLogger {
  /**
   * Called at every step: with the step's info after an evaluation, or with null for a step
   * without one (which only moves the progress bar), as spaCy's loop does.
   */
  logStep(info: TrainingInfo | null): void;
  /** Called once after the last step: closes the log file and the progress bar. */
  finalize(): void;
}

/** What a registered logger function returns (spaCy's `setup_printer`). */
export type LoggerSetup = (ctx: LoggerContext, stdout?: NodeJS.WritableStream, stderr?: NodeJS.WritableStream) => TrainingLogger;
